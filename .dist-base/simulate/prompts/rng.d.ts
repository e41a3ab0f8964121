/**
 * Small deterministic helpers for the generators: a seeded Rng (for tests, benchmarks and for text that
 * must be a pure function of a key, such as a campaign's template or a class's assignment) and integer
 * hashing. Nothing here reads global randomness.
 */
import type { Rng } from './types.js';
/** 32-bit FNV-1a of a string: a stable seed for anything derived from a key. */
export declare function hashString(s: string): number;
/** Mixes two 32-bit integers into a well-spread unsigned 32-bit value (murmur3 finaliser). */
export declare function mix(a: number, b: number): number;
/** mulberry32 (the project's small seeded generator, src/util/rng.ts): tiny, fast, good enough for text. */
export declare class SeededRng implements Rng {
    readonly next: () => number;
    constructor(seed: number);
    int(n: number): number;
    pick<T>(items: readonly T[]): T;
}
export declare const seededRng: (seed: number | string) => Rng;
