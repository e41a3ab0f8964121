/**
 * A small seeded pseudo-random generator (mulberry32): deterministic across platforms and fast, for the
 * places that need reproducible randomness (community detection, sampling). Not for cryptography.
 */
export declare function seededRandom(seed: number): () => number;
