import { type PromptGenerator } from './prompts/types.js';
import { type ClientName } from './world.js';
/**
 * Turns decided events into JSON lines and gzip members. This is the expensive half of the simulator
 * (the prompt text, the token arithmetic that depends on it, JSON, compression), so it runs in worker
 * threads: the engine hands over fixed-size chunks of events in columns, each chunk comes back as one
 * gzip member, and the members are written in order (a file of concatenated members is one valid gzip
 * file). A chunk's bytes depend only on the chunk, so the output is the same for any number of workers.
 */
export declare const SYSTEM_POLICIES: readonly ["none", "product", "account", "shared", "generated"];
export declare const CACHE_KINDS: readonly ["agent", "chat", "template", "none"];
export declare const CHUNK_EVENTS = 4096;
/** What never changes during a run: accounts' and actors' fixed fields, in columns. */
export interface StaticTables {
    seed: number;
    models: string[];
    accounts: {
        id: string[];
        org: (string | null)[];
        fingerprint: string[];
        endpoint: string[];
        toolsJson: string[];
        toolTokens: number[];
        uaClient: ClientName[];
        version: number[];
        /** When a spoofer copied its User-Agent (NaN: the client updates itself). */
        uaFrozenAt: number[];
        cachesHistory: boolean[];
        keys: string[][];
    };
    actors: {
        acct: number[];
        /** Index into PROMPT_PERSONAS. */
        persona: number[];
        /** Index into SYSTEM_POLICIES. */
        system: number[];
        /** Index into CACHE_KINDS. */
        cache: number[];
        scope: string[];
    };
}
/** A chunk of events, in columns (typed arrays move between threads without copying). */
export interface EventChunk {
    n: number;
    ts: Float64Array;
    actor: Int32Array;
    seed: Uint32Array;
    turn: Int32Array;
    cap: Uint8Array;
    /** Bit 0 chain of thought, 1 tools declared, 2 prefix warm in cache, 3 rate limited. */
    flags: Uint8Array;
    para: Float64Array;
    model: Uint8Array;
    key: Uint8Array;
    /** -1 = null. */
    maxTokens: Int32Array;
    budget: Int32Array;
    n_: Int32Array;
    top: Int32Array;
    /** NaN = null. */
    temp: Float64Array;
    bias: Int32Array;
    out: Int32Array;
    ctx: Int32Array;
    extra: Int32Array;
    rid: string[];
    conv: string[];
    tkey: string[];
    bench: string[];
    ip: string[];
}
export declare function newChunk(n: number): EventChunk;
/** The typed arrays of a chunk, to transfer rather than copy. */
export declare const chunkBuffers: (c: EventChunk) => ArrayBuffer[];
export declare class Serializer {
    private readonly t;
    private readonly generator;
    private readonly level;
    private readonly rng;
    private readonly systems;
    private readonly systemJson;
    private readonly uaJson;
    private buf;
    private hourStart;
    private hourPrefix;
    constructor(t: StaticTables, generator: PromptGenerator, level?: number);
    /** One gzip member holding the chunk's lines. */
    member(c: EventChunk): Buffer;
    /** ISO-8601 UTC with milliseconds, as Date#toISOString writes it (the hour's prefix is kept). */
    private iso;
    /** A system prompt that is a function of its key alone (never of the request that first needed it). */
    private cachedSystem;
    /**
     * A campaign's long shared system prompt: of the instruction prompts the generator writes for the
     * campaign's keys, the shortest that is still long (any long one serves the tactic; a shorter one keeps
     * every line of the campaign, and so the output, smaller).
     */
    private sharedSystem;
    private systemText;
    private userAgent;
    line(c: EventChunk, i: number): string;
}
