import type { PromptGenerator } from './prompts/types.js';
import { type EventChunk, type StaticTables } from './serialize.js';
/**
 * Writes chunks of events to exchanges.jsonl.gz as gzip members, in chunk order. With workers, chunks
 * are serialised and compressed in worker threads (at most a few in flight each, so memory stays
 * bounded); without, in this thread. Either way the file's bytes are the same.
 */
/** How workers get a prompt generator: they build their own from this. */
export type GeneratorSpec = {
    kind: 'builtin';
} | {
    kind: 'corpus';
    dir: string;
};
export declare function generatorFrom(spec: GeneratorSpec): Promise<PromptGenerator>;
export interface WorkerInit {
    tables: StaticTables;
    spec: GeneratorSpec;
    level: number;
}
/** Workers run the compiled worker.js; from TypeScript sources (tests) there is none, so none are used. */
export declare const workersAvailable: () => boolean;
export declare class MemberWriter {
    readonly path: string;
    private readonly serializer;
    private readonly file;
    private readonly closed;
    private failed;
    private readonly workers;
    private readonly inFlight;
    private readonly done;
    private nextSeq;
    private nextWrite;
    private wake;
    bytes: number;
    private constructor();
    /** In this thread, with any generator. */
    static inProcess(path: string, tables: StaticTables, generator: PromptGenerator, level: number): MemberWriter;
    /** With `count` worker threads, each building its generator from `spec`. */
    static withWorkers(path: string, init: WorkerInit, count: number): Promise<MemberWriter>;
    private fail;
    private wakeUp;
    /** Writes finished members in order; resolves nothing, wakes a waiting `push`. */
    private drain;
    private waitFor;
    push(chunk: EventChunk): Promise<void>;
    close(): Promise<void>;
}
