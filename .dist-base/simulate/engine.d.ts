import { type Capability } from './prompts/types.js';
import { type Actor, type Population } from './population.js';
import { type EventChunk, type StaticTables } from './serialize.js';
import type { TraceFit } from './traces.js';
/** One request, decided; its text is written when its hour is flushed. */
export interface Ev {
    ts: number;
    rid: string;
    actor: Actor;
    seed: number;
    conv: string | null;
    turn: number;
    cap: Capability;
    cot: boolean;
    tkey: string | undefined;
    para: number;
    bench: string | undefined;
    model: number;
    ip: string;
    key: number;
    maxTokens: number | null;
    budget: number | null;
    temp: number | null;
    n: number | null;
    top: number | null;
    bias: number;
    tools: boolean;
    out: number;
    ctx: number;
    extra: number;
    warm: boolean;
    status: number;
}
export interface EngineOptions {
    seed: number;
    fit: TraceFit;
    /** Called as each simulated day completes: (day, days). */
    onDay?: (day: number, days: number) => void;
}
/** Where the engine hands its chunks of decided events, in order. */
export type ChunkSink = (chunk: EventChunk) => Promise<void>;
export declare class Engine {
    private readonly pop;
    private readonly opts;
    private readonly profiles;
    private readonly pending;
    private readonly hours;
    private readonly gammaShape;
    private readonly weibullShape;
    private readonly weibullMeanFactor;
    private readonly reasoningFactor;
    private readonly jobs;
    constructor(pop: Population, opts: EngineOptions);
    /** Runs the whole window, writing each finished hour to `sink` in order; returns the exchanges written. */
    run(sink: ChunkSink): Promise<number>;
    private schedule;
    /** Events per unit of work, so units arrive at rate / eventsPerUnit. */
    private perUnit;
    private initActor;
    /** The jobs of one campaign (or part): the same for all its accounts, from the world's seed. */
    private jobSchedule;
    /** Next unit of a jobs-rhythm actor at or after t: at its start in its next job, or within the job it is in. */
    private nextJobUnit;
    private rhythmProfile;
    /** Start of the actor's next unit at or after t (Infinity when none before its end). */
    private nextUnit;
    private emitUnit;
    /** A conversation (or, for single-turn work, one request). */
    private conversation;
    private templateKey;
    private session;
    private sessionIp;
    private requestIp;
    private event;
    private flush;
}
/** The fixed fields of accounts and actors that writing lines needs, in columns (sent once to each worker). */
export declare function staticTables(pop: Population, seed: number): StaticTables;
