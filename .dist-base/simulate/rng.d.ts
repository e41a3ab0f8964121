import type { Rng } from './prompts/types.js';
/** A 32-bit hash of numbers and strings, for deriving seeds (not for cryptography). */
export declare function hash32(...parts: (number | string)[]): number;
export declare class Random implements Rng {
    private a;
    private b;
    private c;
    private d;
    private spare;
    /** A stream named by `parts` under `seed`: same seed and parts, same numbers. */
    constructor(seed: number, ...parts: (number | string)[]);
    /** Restarts this generator on a 32-bit seed (cheaper than a new one per event). */
    reseed(seed: number): this;
    /** Uniform 32-bit unsigned integer. */
    u32(): number;
    next(): number;
    int(n: number): number;
    /** Uniform in [lo, hi). */
    range(lo: number, hi: number): number;
    pick<T>(items: readonly T[]): T;
    chance(p: number): boolean;
    /** Standard normal (Marsaglia polar method, caching the second value). */
    normal(): number;
    /** Log-normal with the given median and log-space sigma. */
    lognormal(median: number, sigma: number): number;
    /** Exponential with the given mean. */
    exponential(mean: number): number;
    /** Gamma(shape, scale) by Marsaglia and Tsang (with the boost for shape < 1). */
    gamma(shape: number, scale: number): number;
    /** Weibull(shape k, scale lambda). */
    weibull(k: number, lambda: number): number;
    /** Poisson count (Knuth for small means, normal approximation for large). */
    poisson(mean: number): number;
    /** `len` characters of base62: ids in one format for everyone (a flat string, cheap to copy). */
    token(len: number): string;
    /** `len` lowercase hex characters. */
    hex(len: number): string;
}
/** A weighted choice among items, built once, drawn many times. */
export declare class Weighted<T> {
    readonly items: T[];
    private readonly cum;
    constructor(entries: readonly (readonly [T, number])[]);
    static of<K extends string>(weights: Partial<Record<K, number>>): Weighted<K>;
    pick(rng: Random): T;
    /** The probability of each item, in order. */
    shares(): number[];
}
