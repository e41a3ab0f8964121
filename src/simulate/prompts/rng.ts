/**
 * Small deterministic helpers for the generators: a seeded Rng (for tests, benchmarks and for text that
 * must be a pure function of a key, such as a campaign's template or a class's assignment) and integer
 * hashing. Nothing here reads global randomness.
 */
import type { Rng } from './types.js';
import { seededRandom } from '../../util/rng.js';

/** 32-bit FNV-1a of a string: a stable seed for anything derived from a key. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mixes two 32-bit integers into a well-spread unsigned 32-bit value (murmur3 finaliser). */
export function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32 (the project's small seeded generator, src/util/rng.ts): tiny, fast, good enough for text. */
export class SeededRng implements Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

export const seededRng = (seed: number | string): Rng =>
  new SeededRng(typeof seed === 'string' ? hashString(seed) : seed);
