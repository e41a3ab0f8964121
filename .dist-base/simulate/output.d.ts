/**
 * A gzipped text file written line by line. Lines are encoded straight into a small pool of reused
 * buffers, each handed to the compressor when full and returned to the pool once compressed: no large
 * string is ever built (fresh large allocations are what costs most), and a writer that outruns the
 * compressor waits for a free buffer, so memory stays bounded however much is written. Compression runs
 * on libuv's thread pool, beside the generator. Same lines in, same bytes out (the gzip header has no time).
 */
export declare class GzipFile {
    readonly path: string;
    private readonly bufferSize;
    private readonly gzip;
    private readonly file;
    private readonly done;
    private readonly free;
    private waiting;
    private buf;
    private off;
    private failed;
    /** Bytes written (uncompressed). */
    bytes: number;
    constructor(path: string, level?: number, bufferSize?: number, buffers?: number);
    /** Whether a line of this many characters fits in the current buffer (UTF-8: at most 3 bytes each). */
    fits(chars: number): boolean;
    /** Appends text that fits (check with `fits`, else `rotate` first). */
    put(text: string): void;
    /** Hands the current buffer to the compressor and takes a free one, waiting if none is free. */
    rotate(): Promise<void>;
    /** Writes any text: lines longer than a buffer go to the compressor on their own. */
    write(text: string): Promise<void>;
    close(): Promise<void>;
}
