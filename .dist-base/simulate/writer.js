import { createWriteStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { builtinPromptGenerator, corpusPromptGenerator } from './prompts/index.js';
import { chunkBuffers, Serializer } from './serialize.js';
export async function generatorFrom(spec) {
    return spec.kind === 'corpus' ? corpusPromptGenerator(spec.dir) : builtinPromptGenerator();
}
const WORKER_URL = new URL('./worker.js', import.meta.url);
/** Workers run the compiled worker.js; from TypeScript sources (tests) there is none, so none are used. */
export const workersAvailable = () => existsSync(fileURLToPath(WORKER_URL));
export class MemberWriter {
    path;
    serializer;
    file;
    closed;
    failed;
    workers = [];
    inFlight = [];
    done = new Map();
    nextSeq = 0;
    nextWrite = 0;
    wake;
    bytes = 0;
    constructor(path, serializer) {
        this.path = path;
        this.serializer = serializer;
        this.file = createWriteStream(path);
        this.file.on('error', (e) => this.fail(new Error(`${path}: cannot write (${e.message})`)));
        this.closed = new Promise((resolve, reject) => this.file.on('close', () => (this.failed ? reject(this.failed) : resolve())));
    }
    /** In this thread, with any generator. */
    static inProcess(path, tables, generator, level) {
        return new MemberWriter(path, new Serializer(tables, generator, level));
    }
    /** With `count` worker threads, each building its generator from `spec`. */
    static async withWorkers(path, init, count) {
        const w = new MemberWriter(path, null);
        const ready = [];
        for (let i = 0; i < count; i++) {
            // A bigger young generation: the workers allocate many short-lived strings (fewer scavenges).
            const worker = new Worker(WORKER_URL, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
            w.workers.push(worker);
            w.inFlight.push(0);
            ready.push(new Promise((resolve, reject) => {
                worker.once('message', (m) => (m.ready ? resolve() : reject(new Error(m.error ?? 'worker failed to start'))));
                worker.once('error', reject);
            }));
            worker.on('error', (e) => w.fail(e));
        }
        await Promise.all(ready);
        w.workers.forEach((worker, i) => {
            worker.on('message', (m) => {
                w.inFlight[i]--;
                if (m.error !== undefined)
                    return w.fail(new Error(m.error));
                w.done.set(m.seq, Buffer.from(m.member.buffer, m.member.byteOffset, m.member.byteLength));
                void w.drain();
            });
        });
        return w;
    }
    fail(e) {
        this.failed ??= e;
        this.wakeUp();
    }
    wakeUp() {
        const w = this.wake;
        this.wake = undefined;
        w?.();
    }
    /** Writes finished members in order; resolves nothing, wakes a waiting `push`. */
    async drain() {
        while (this.done.has(this.nextWrite)) {
            const buf = this.done.get(this.nextWrite);
            this.done.delete(this.nextWrite);
            this.nextWrite++;
            this.bytes += buf.length;
            if (!this.file.write(buf))
                await new Promise((r) => this.file.once('drain', r));
        }
        this.wakeUp();
    }
    waitFor(cond) {
        return (async () => {
            while (!cond() && !this.failed)
                await new Promise((r) => (this.wake = r));
            if (this.failed)
                throw this.failed;
        })();
    }
    async push(chunk) {
        if (this.failed)
            throw this.failed;
        const seq = this.nextSeq++;
        if (this.serializer) {
            const member = this.serializer.member(chunk);
            this.bytes += member.length;
            if (!this.file.write(member))
                await new Promise((r) => this.file.once('drain', r));
            return;
        }
        // Bounded: at most two chunks in each worker and a few finished ones waiting for their turn.
        await this.waitFor(() => this.inFlight.some((n) => n < 2) && this.done.size < this.workers.length * 4);
        const i = this.inFlight.indexOf(Math.min(...this.inFlight));
        this.inFlight[i]++;
        this.workers[i].postMessage({ seq, chunk }, chunkBuffers(chunk));
    }
    async close() {
        try {
            if (this.workers.length > 0)
                await this.waitFor(() => this.nextWrite === this.nextSeq);
        }
        finally {
            await Promise.all(this.workers.map((w) => w.terminate()));
            this.file.end();
        }
        await this.closed;
        if (this.failed)
            throw this.failed;
    }
}
//# sourceMappingURL=writer.js.map