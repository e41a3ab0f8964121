import { seededRandom } from '../util/rng.js';
const EULER_GAMMA = 0.5772156649015329;
/** c(n): the average path length of an unsuccessful search in a binary search tree of n nodes. */
export function averagePathLength(n) {
    if (n <= 1)
        return 0;
    if (n === 2)
        return 1;
    return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}
export class IsolationForest {
    trees;
    psi;
    features;
    constructor(trees, 
    /** The subsample size the trees were grown on: c(psi) normalises path lengths. */
    psi, features) {
        this.trees = trees;
        this.psi = psi;
        this.features = features;
    }
    static fit(rows, opts = {}) {
        const nTrees = opts.trees ?? 100;
        const n = rows.length;
        if (n === 0)
            throw new Error('isolation forest: no rows to fit');
        if (!(Number.isInteger(nTrees) && nTrees >= 1))
            throw new Error(`isolation forest: trees must be a positive integer, got ${nTrees}`);
        const wanted = opts.sampleSize ?? 256;
        if (!(Number.isInteger(wanted) && wanted >= 2))
            throw new Error(`isolation forest: sampleSize must be an integer >= 2, got ${wanted}`);
        const features = rows[0].length;
        for (const [i, r] of Array.from(rows).entries()) {
            if (r.length !== features)
                throw new Error(`isolation forest: row ${i} has ${r.length} features, row 0 has ${features}`);
            for (let j = 0; j < features; j++)
                if (!Number.isFinite(r[j]))
                    throw new Error(`isolation forest: row ${i} feature ${j} is not a finite number`);
        }
        const psi = Math.min(wanted, n);
        const heightLimit = Math.ceil(Math.log2(Math.max(2, psi)));
        const rnd = seededRandom(opts.seed ?? 1);
        const indices = Int32Array.from({ length: n }, (_, i) => i);
        const trees = [];
        for (let t = 0; t < nTrees; t++) {
            // Partial Fisher-Yates: the first psi entries become a uniform sample without replacement.
            for (let i = 0; i < psi; i++) {
                const j = i + Math.floor(rnd() * (n - i));
                const tmp = indices[i];
                indices[i] = indices[j];
                indices[j] = tmp;
            }
            trees.push(growTree(rows, indices.slice(0, psi), heightLimit, features, rnd));
        }
        return new IsolationForest(trees, psi, features);
    }
    /** Mean path length of a row over the trees. */
    pathLength(row) {
        let total = 0;
        for (const t of this.trees) {
            let node = 0;
            let depth = 0;
            while (t.feature[node] >= 0) {
                node = row[t.feature[node]] < t.split[node] ? t.left[node] : t.right[node];
                depth++;
            }
            total += depth + averagePathLength(t.size[node]);
        }
        return total / this.trees.length;
    }
    /** Anomaly score in (0, 1]: above 0.5 the row is isolated faster than an average one. */
    score(row) {
        const c = averagePathLength(this.psi);
        // A forest of single rows isolates nothing: every row is as ordinary as any other.
        return c > 0 ? 2 ** (-this.pathLength(row) / c) : 0.5;
    }
}
function growTree(rows, sample, heightLimit, features, rnd) {
    const feature = [];
    const split = [];
    const left = [];
    const right = [];
    const size = [];
    const lo = new Float64Array(features);
    const hi = new Float64Array(features);
    const varying = [];
    const grow = (idx, depth) => {
        const node = feature.length;
        feature.push(-1);
        split.push(0);
        left.push(-1);
        right.push(-1);
        size.push(idx.length);
        if (depth >= heightLimit || idx.length <= 1)
            return node;
        lo.fill(Infinity);
        hi.fill(-Infinity);
        for (const i of idx) {
            const r = rows[i];
            for (let f = 0; f < features; f++) {
                const v = r[f];
                if (v < lo[f])
                    lo[f] = v;
                if (v > hi[f])
                    hi[f] = v;
            }
        }
        varying.length = 0;
        for (let f = 0; f < features; f++)
            if (hi[f] > lo[f])
                varying.push(f);
        if (varying.length === 0)
            return node; // identical rows: nothing left to isolate
        const f = varying[Math.floor(rnd() * varying.length)];
        // Strictly above the minimum, so both sides are non-empty.
        let s = lo[f] + rnd() * (hi[f] - lo[f]);
        if (s <= lo[f])
            s = hi[f];
        const l = idx.filter((i) => rows[i][f] < s);
        const r = idx.filter((i) => rows[i][f] >= s);
        feature[node] = f;
        split[node] = s;
        left[node] = grow(l, depth + 1);
        right[node] = grow(r, depth + 1);
        return node;
    };
    grow(sample, 0);
    return {
        feature: Int32Array.from(feature),
        split: Float64Array.from(split),
        left: Int32Array.from(left),
        right: Int32Array.from(right),
        size: Int32Array.from(size),
    };
}
//# sourceMappingURL=isolation-forest.js.map