/**
 * The simulator's one PRNG family. Every stream (an account, an event's text, the id draw) is seeded
 * from the run's seed and a name by hashing, so output never depends on the order streams are used in
 * nor on thread scheduling. sfc32: small state, 32-bit operations only, fast in V8, good statistics.
 */
/** 32-bit finaliser of MurmurHash3: a bijective mix. */
function fmix32(h) {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return h >>> 0;
}
/** A 32-bit hash of numbers and strings, for deriving seeds (not for cryptography). */
export function hash32(...parts) {
    let h = 0x9e3779b9;
    for (const p of parts) {
        if (typeof p === 'number') {
            // Both halves of a number up to 2^53, so large indices and millisecond times mix fully.
            h = fmix32(h ^ Math.imul((p >>> 0) ^ 0x27d4eb2f, 0x165667b1));
            h = fmix32(h ^ Math.floor(p / 4294967296));
        }
        else {
            for (let i = 0; i < p.length; i++)
                h = Math.imul(h ^ p.charCodeAt(i), 0x01000193);
            h = fmix32(h ^ p.length);
        }
    }
    return h;
}
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE62_CODES = Array.from(BASE62, (c) => c.charCodeAt(0));
const TOKEN_CODES = [];
export class Random {
    a;
    b;
    c;
    d;
    spare = NaN;
    /** A stream named by `parts` under `seed`: same seed and parts, same numbers. */
    constructor(seed, ...parts) {
        this.a = hash32(seed, ...parts, 1);
        this.b = hash32(seed, ...parts, 2);
        this.c = hash32(seed, ...parts, 3);
        this.d = 1;
        for (let i = 0; i < 12; i++)
            this.u32();
    }
    /** Restarts this generator on a 32-bit seed (cheaper than a new one per event). */
    reseed(seed) {
        this.a = 0x9e3779b9;
        this.b = seed >>> 0;
        this.c = fmix32(seed ^ 0x5bd1e995);
        this.d = 1;
        this.spare = NaN;
        for (let i = 0; i < 12; i++)
            this.u32();
        return this;
    }
    /** Uniform 32-bit unsigned integer. */
    u32() {
        const t = (((this.a + this.b) | 0) + this.d) | 0;
        this.d = (this.d + 1) | 0;
        this.a = this.b ^ (this.b >>> 9);
        this.b = (this.c + (this.c << 3)) | 0;
        this.c = (this.c << 21) | (this.c >>> 11);
        this.c = (this.c + t) | 0;
        return t >>> 0;
    }
    next() {
        return this.u32() / 4294967296;
    }
    int(n) {
        return Math.floor(this.next() * n);
    }
    /** Uniform in [lo, hi). */
    range(lo, hi) {
        return lo + (hi - lo) * this.next();
    }
    pick(items) {
        if (items.length === 0)
            throw new Error('pick from an empty list');
        return items[this.int(items.length)];
    }
    chance(p) {
        return this.next() < p;
    }
    /** Standard normal (Marsaglia polar method, caching the second value). */
    normal() {
        if (!Number.isNaN(this.spare)) {
            const s = this.spare;
            this.spare = NaN;
            return s;
        }
        let u, v, s;
        do {
            u = 2 * this.next() - 1;
            v = 2 * this.next() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s === 0);
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * m;
        return u * m;
    }
    /** Log-normal with the given median and log-space sigma. */
    lognormal(median, sigma) {
        return median * Math.exp(sigma * this.normal());
    }
    /** Exponential with the given mean. */
    exponential(mean) {
        return -mean * Math.log(1 - this.next());
    }
    /** Gamma(shape, scale) by Marsaglia and Tsang (with the boost for shape < 1). */
    gamma(shape, scale) {
        if (shape < 1)
            return this.gamma(shape + 1, scale) * Math.pow(this.next() || Number.MIN_VALUE, 1 / shape);
        const d = shape - 1 / 3;
        const c = 1 / Math.sqrt(9 * d);
        for (;;) {
            let x, v;
            do {
                x = this.normal();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            const u = this.next();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)))
                return d * v * scale;
        }
    }
    /** Weibull(shape k, scale lambda). */
    weibull(k, lambda) {
        return lambda * Math.pow(-Math.log(1 - this.next()), 1 / k);
    }
    /** Poisson count (Knuth for small means, normal approximation for large). */
    poisson(mean) {
        if (mean <= 0)
            return 0;
        if (mean > 60)
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
        const l = Math.exp(-mean);
        let k = 0;
        let p = 1;
        do {
            k++;
            p *= this.next();
        } while (p > l);
        return k - 1;
    }
    /** `len` characters of base62: ids in one format for everyone (a flat string, cheap to copy). */
    token(len) {
        const codes = (TOKEN_CODES[len] ??= new Array(len).fill(48));
        for (let i = 0; i < len; i++)
            codes[i] = BASE62_CODES[this.u32() % 62];
        return String.fromCharCode.apply(null, codes);
    }
    /** `len` lowercase hex characters. */
    hex(len) {
        let s = '';
        while (s.length < len)
            s += this.u32().toString(16).padStart(8, '0');
        return s.slice(0, len);
    }
}
/** A weighted choice among items, built once, drawn many times. */
export class Weighted {
    items;
    cum;
    constructor(entries) {
        const kept = entries.filter(([, w]) => w > 0);
        if (kept.length === 0)
            throw new Error('a weighted choice needs at least one positive weight');
        this.items = kept.map(([t]) => t);
        this.cum = new Float64Array(kept.length);
        let total = 0;
        kept.forEach(([, w], i) => {
            total += w;
            this.cum[i] = total;
        });
        for (let i = 0; i < this.cum.length; i++)
            this.cum[i] /= total;
    }
    static of(weights) {
        return new Weighted(Object.entries(weights));
    }
    pick(rng) {
        const u = rng.next();
        const cum = this.cum;
        let lo = 0;
        let hi = cum.length - 1;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (u < cum[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        return this.items[lo];
    }
    /** The probability of each item, in order. */
    shares() {
        return Array.from(this.cum, (c, i) => c - (i > 0 ? this.cum[i - 1] : 0));
    }
}
//# sourceMappingURL=rng.js.map