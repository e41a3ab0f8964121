import { seededRandom } from '../util/rng.js';

/**
 * Isolation forest (Liu, Ting & Zhou, "Isolation Forest", ICDM 2008), seeded. The npm packages that
 * offer one draw from Math.random (not reproducible) and grow trees on the whole data set instead of
 * small subsamples, so this is the paper's algorithm written out:
 * - each tree is grown on `sampleSize` rows drawn without replacement, to a height limit of
 *   ceil(log2(sampleSize)); a node splits on a feature drawn at random among those not constant in it, at
 *   a value drawn uniformly between that feature's minimum and maximum there;
 * - a row's path length in a tree is the edges to its leaf plus c(leaf size), the expected path length
 *   of an unbuilt subtree; its anomaly score is 2^(-mean path length / c(sampleSize)): near 1 for rows
 *   isolated in few splits, below 0.5 for ordinary ones.
 * Rows are arrays of finite numbers, all the same length (impute missing values before).
 */

export interface IsolationForestOptions {
  /** Trees in the forest (paper: 100). */
  trees?: number;
  /** Rows each tree is grown on (paper: 256). */
  sampleSize?: number;
  seed?: number;
}

const EULER_GAMMA = 0.5772156649015329;

/** c(n): the average path length of an unsuccessful search in a binary search tree of n nodes. */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** One tree in flat arrays: node i splits on feature[i] at split[i], or is a leaf (feature -1) of size[i] rows. */
interface Tree {
  feature: Int32Array;
  split: Float64Array;
  left: Int32Array;
  right: Int32Array;
  size: Int32Array;
}

export class IsolationForest {
  private constructor(
    private readonly trees: Tree[],
    /** The subsample size the trees were grown on: c(psi) normalises path lengths. */
    readonly psi: number,
    readonly features: number,
  ) {}

  static fit(rows: ArrayLike<number>[], opts: IsolationForestOptions = {}): IsolationForest {
    const nTrees = opts.trees ?? 100;
    const n = rows.length;
    if (n === 0) throw new Error('isolation forest: no rows to fit');
    if (!(Number.isInteger(nTrees) && nTrees >= 1)) throw new Error(`isolation forest: trees must be a positive integer, got ${nTrees}`);
    const wanted = opts.sampleSize ?? 256;
    if (!(Number.isInteger(wanted) && wanted >= 2)) throw new Error(`isolation forest: sampleSize must be an integer >= 2, got ${wanted}`);
    const features = rows[0]!.length;
    for (const [i, r] of Array.from(rows).entries()) {
      if (r.length !== features) throw new Error(`isolation forest: row ${i} has ${r.length} features, row 0 has ${features}`);
      for (let j = 0; j < features; j++) if (!Number.isFinite(r[j]!)) throw new Error(`isolation forest: row ${i} feature ${j} is not a finite number`);
    }
    const psi = Math.min(wanted, n);
    const heightLimit = Math.ceil(Math.log2(Math.max(2, psi)));
    const rnd = seededRandom(opts.seed ?? 1);
    const indices = Int32Array.from({ length: n }, (_, i) => i);
    const trees: Tree[] = [];
    for (let t = 0; t < nTrees; t++) {
      // Partial Fisher-Yates: the first psi entries become a uniform sample without replacement.
      for (let i = 0; i < psi; i++) {
        const j = i + Math.floor(rnd() * (n - i));
        const tmp = indices[i]!;
        indices[i] = indices[j]!;
        indices[j] = tmp;
      }
      trees.push(growTree(rows, indices.slice(0, psi), heightLimit, features, rnd));
    }
    return new IsolationForest(trees, psi, features);
  }

  /** Mean path length of a row over the trees. */
  pathLength(row: ArrayLike<number>): number {
    let total = 0;
    for (const t of this.trees) {
      let node = 0;
      let depth = 0;
      while (t.feature[node]! >= 0) {
        node = row[t.feature[node]!]! < t.split[node]! ? t.left[node]! : t.right[node]!;
        depth++;
      }
      total += depth + averagePathLength(t.size[node]!);
    }
    return total / this.trees.length;
  }

  /** Anomaly score in (0, 1]: above 0.5 the row is isolated faster than an average one. */
  score(row: ArrayLike<number>): number {
    const c = averagePathLength(this.psi);
    // A forest of single rows isolates nothing: every row is as ordinary as any other.
    return c > 0 ? 2 ** (-this.pathLength(row) / c) : 0.5;
  }
}

function growTree(rows: ArrayLike<number>[], sample: Int32Array, heightLimit: number, features: number, rnd: () => number): Tree {
  const feature: number[] = [];
  const split: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const size: number[] = [];
  const lo = new Float64Array(features);
  const hi = new Float64Array(features);
  const varying: number[] = [];

  const grow = (idx: Int32Array, depth: number): number => {
    const node = feature.length;
    feature.push(-1);
    split.push(0);
    left.push(-1);
    right.push(-1);
    size.push(idx.length);
    if (depth >= heightLimit || idx.length <= 1) return node;
    lo.fill(Infinity);
    hi.fill(-Infinity);
    for (const i of idx) {
      const r = rows[i]!;
      for (let f = 0; f < features; f++) {
        const v = r[f]!;
        if (v < lo[f]!) lo[f] = v;
        if (v > hi[f]!) hi[f] = v;
      }
    }
    varying.length = 0;
    for (let f = 0; f < features; f++) if (hi[f]! > lo[f]!) varying.push(f);
    if (varying.length === 0) return node; // identical rows: nothing left to isolate
    const f = varying[Math.floor(rnd() * varying.length)]!;
    // Strictly above the minimum, so both sides are non-empty.
    let s = lo[f]! + rnd() * (hi[f]! - lo[f]!);
    if (s <= lo[f]!) s = hi[f]!;
    const l = idx.filter((i) => rows[i]![f]! < s);
    const r = idx.filter((i) => rows[i]![f]! >= s);
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
