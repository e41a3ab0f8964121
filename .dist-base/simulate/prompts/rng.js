import { seededRandom } from '../../util/rng.js';
/** 32-bit FNV-1a of a string: a stable seed for anything derived from a key. */
export function hashString(s) {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) {
        h ^= s.charCodeAt(i);
        h = Math.imul(h, 0x01000193);
    }
    return h >>> 0;
}
/** Mixes two 32-bit integers into a well-spread unsigned 32-bit value (murmur3 finaliser). */
export function mix(a, b) {
    let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) | 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
}
/** mulberry32 (the project's small seeded generator, src/util/rng.ts): tiny, fast, good enough for text. */
export class SeededRng {
    next;
    constructor(seed) {
        this.next = seededRandom(seed);
    }
    int(n) {
        return Math.floor(this.next() * n);
    }
    pick(items) {
        return items[Math.floor(this.next() * items.length)];
    }
}
export const seededRng = (seed) => new SeededRng(typeof seed === 'string' ? hashString(seed) : seed);
//# sourceMappingURL=rng.js.map