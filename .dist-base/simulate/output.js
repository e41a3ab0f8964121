import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
/**
 * A gzipped text file written line by line. Lines are encoded straight into a small pool of reused
 * buffers, each handed to the compressor when full and returned to the pool once compressed: no large
 * string is ever built (fresh large allocations are what costs most), and a writer that outruns the
 * compressor waits for a free buffer, so memory stays bounded however much is written. Compression runs
 * on libuv's thread pool, beside the generator. Same lines in, same bytes out (the gzip header has no time).
 */
export class GzipFile {
    path;
    bufferSize;
    gzip;
    file;
    done;
    free = [];
    waiting;
    buf;
    off = 0;
    failed;
    /** Bytes written (uncompressed). */
    bytes = 0;
    constructor(path, level = 1, bufferSize = 1 << 20, buffers = 6) {
        this.path = path;
        this.bufferSize = bufferSize;
        this.gzip = createGzip({ level, memLevel: 9, chunkSize: 128 * 1024 });
        this.file = createWriteStream(path);
        this.gzip.pipe(this.file);
        const fail = (e) => {
            this.failed ??= new Error(`${path}: cannot write (${e.message})`);
            this.waiting?.();
        };
        this.gzip.on('error', fail);
        this.file.on('error', fail);
        this.done = new Promise((resolve, reject) => {
            this.file.on('close', () => (this.failed ? reject(this.failed) : resolve()));
        });
        for (let i = 0; i < buffers; i++)
            this.free.push(Buffer.allocUnsafe(bufferSize));
        this.buf = this.free.pop();
    }
    /** Whether a line of this many characters fits in the current buffer (UTF-8: at most 3 bytes each). */
    fits(chars) {
        return this.off + chars * 3 <= this.buf.length;
    }
    /** Appends text that fits (check with `fits`, else `rotate` first). */
    put(text) {
        this.off += this.buf.write(text, this.off);
    }
    /** Hands the current buffer to the compressor and takes a free one, waiting if none is free. */
    async rotate() {
        if (this.failed)
            throw this.failed;
        if (this.off > 0) {
            const full = this.buf;
            this.bytes += this.off;
            this.gzip.write(full.subarray(0, this.off), () => {
                this.free.push(full);
                const w = this.waiting;
                this.waiting = undefined;
                w?.();
            });
            this.off = 0;
            while (this.free.length === 0 && !this.failed)
                await new Promise((r) => (this.waiting = r));
            if (this.failed)
                throw this.failed;
            this.buf = this.free.pop();
        }
    }
    /** Writes any text: lines longer than a buffer go to the compressor on their own. */
    async write(text) {
        if (this.fits(text.length))
            return this.put(text);
        await this.rotate();
        if (this.fits(text.length))
            return this.put(text);
        const big = Buffer.from(text);
        this.bytes += big.length;
        if (!this.gzip.write(big))
            await new Promise((r) => this.gzip.once('drain', r));
    }
    async close() {
        await this.rotate();
        if (this.failed)
            throw this.failed;
        this.gzip.end();
        await this.done;
    }
}
//# sourceMappingURL=output.js.map