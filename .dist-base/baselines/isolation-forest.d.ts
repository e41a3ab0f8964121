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
/** c(n): the average path length of an unsuccessful search in a binary search tree of n nodes. */
export declare function averagePathLength(n: number): number;
export declare class IsolationForest {
    private readonly trees;
    /** The subsample size the trees were grown on: c(psi) normalises path lengths. */
    readonly psi: number;
    readonly features: number;
    private constructor();
    static fit(rows: ArrayLike<number>[], opts?: IsolationForestOptions): IsolationForest;
    /** Mean path length of a row over the trees. */
    pathLength(row: ArrayLike<number>): number;
    /** Anomaly score in (0, 1]: above 0.5 the row is isolated faster than an average one. */
    score(row: ArrayLike<number>): number;
}
