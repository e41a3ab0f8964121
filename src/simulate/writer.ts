import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { builtinPromptGenerator, corpusPromptGenerator } from './prompts/index.js';
import type { PromptGenerator } from './prompts/types.js';
import { chunkBuffers, Serializer, type EventChunk, type StaticTables } from './serialize.js';

/**
 * Writes chunks of events to exchanges.jsonl.gz as gzip members, in chunk order. With workers, chunks
 * are serialised and compressed in worker threads (at most a few in flight each, so memory stays
 * bounded); without, in this thread. Either way the file's bytes are the same.
 */

/** How workers get a prompt generator: they build their own from this. */
export type GeneratorSpec = { kind: 'builtin' } | { kind: 'corpus'; dir: string };

export async function generatorFrom(spec: GeneratorSpec): Promise<PromptGenerator> {
  return spec.kind === 'corpus' ? corpusPromptGenerator(spec.dir) : builtinPromptGenerator();
}

export interface WorkerInit {
  tables: StaticTables;
  spec: GeneratorSpec;
  level: number;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** Workers run the compiled worker.js; from TypeScript sources (tests) there is none, so none are used. */
export const workersAvailable = () => existsSync(fileURLToPath(WORKER_URL));

export class MemberWriter {
  private readonly file: WriteStream;
  private readonly closed: Promise<void>;
  private failed: Error | undefined;
  private readonly workers: Worker[] = [];
  private readonly inFlight: number[] = [];
  private readonly done = new Map<number, Buffer>();
  private nextSeq = 0;
  private nextWrite = 0;
  private wake: (() => void) | undefined;
  bytes = 0;

  private constructor(
    readonly path: string,
    private readonly serializer: Serializer | null,
  ) {
    this.file = createWriteStream(path);
    this.file.on('error', (e) => this.fail(new Error(`${path}: cannot write (${e.message})`)));
    this.closed = new Promise((resolve, reject) => this.file.on('close', () => (this.failed ? reject(this.failed) : resolve())));
  }

  /** In this thread, with any generator. */
  static inProcess(path: string, tables: StaticTables, generator: PromptGenerator, level: number): MemberWriter {
    return new MemberWriter(path, new Serializer(tables, generator, level));
  }

  /** With `count` worker threads, each building its generator from `spec`. */
  static async withWorkers(path: string, init: WorkerInit, count: number): Promise<MemberWriter> {
    const w = new MemberWriter(path, null);
    const ready: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      // A bigger young generation: the workers allocate many short-lived strings (fewer scavenges).
      const worker = new Worker(WORKER_URL, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: 64 } });
      w.workers.push(worker);
      w.inFlight.push(0);
      ready.push(
        new Promise((resolve, reject) => {
          worker.once('message', (m: { ready?: boolean; error?: string }) => (m.ready ? resolve() : reject(new Error(m.error ?? 'worker failed to start'))));
          worker.once('error', reject);
        }),
      );
      worker.on('error', (e) => w.fail(e));
    }
    await Promise.all(ready);
    w.workers.forEach((worker, i) => {
      worker.on('message', (m: { seq: number; member?: Uint8Array; error?: string }) => {
        w.inFlight[i]!--;
        if (m.error !== undefined) return w.fail(new Error(m.error));
        w.done.set(m.seq, Buffer.from(m.member!.buffer, m.member!.byteOffset, m.member!.byteLength));
        void w.drain();
      });
    });
    return w;
  }

  private fail(e: Error): void {
    this.failed ??= e;
    this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Writes finished members in order; resolves nothing, wakes a waiting `push`. */
  private async drain(): Promise<void> {
    while (this.done.has(this.nextWrite)) {
      const buf = this.done.get(this.nextWrite)!;
      this.done.delete(this.nextWrite);
      this.nextWrite++;
      this.bytes += buf.length;
      if (!this.file.write(buf)) await new Promise<void>((r) => this.file.once('drain', r));
    }
    this.wakeUp();
  }

  private waitFor(cond: () => boolean): Promise<void> {
    return (async () => {
      while (!cond() && !this.failed) await new Promise<void>((r) => (this.wake = r));
      if (this.failed) throw this.failed;
    })();
  }

  async push(chunk: EventChunk): Promise<void> {
    if (this.failed) throw this.failed;
    const seq = this.nextSeq++;
    if (this.serializer) {
      const member = this.serializer.member(chunk);
      this.bytes += member.length;
      if (!this.file.write(member)) await new Promise<void>((r) => this.file.once('drain', r));
      return;
    }
    // Bounded: at most two chunks in each worker and a few finished ones waiting for their turn.
    await this.waitFor(() => this.inFlight.some((n) => n < 2) && this.done.size < this.workers.length * 4);
    const i = this.inFlight.indexOf(Math.min(...this.inFlight));
    this.inFlight[i]!++;
    this.workers[i]!.postMessage({ seq, chunk }, chunkBuffers(chunk));
  }

  async close(): Promise<void> {
    try {
      if (this.workers.length > 0) await this.waitFor(() => this.nextWrite === this.nextSeq);
    } finally {
      await Promise.all(this.workers.map((w) => w.terminate()));
      this.file.end();
    }
    await this.closed;
    if (this.failed) throw this.failed;
  }
}
