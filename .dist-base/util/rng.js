/**
 * A small seeded pseudo-random generator (mulberry32): deterministic across platforms and fast, for the
 * places that need reproducible randomness (community detection, sampling). Not for cryptography.
 */
export function seededRandom(seed) {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
//# sourceMappingURL=rng.js.map