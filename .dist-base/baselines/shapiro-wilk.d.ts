/**
 * The Shapiro-Wilk test of normality, by Royston's algorithm AS R94 (Royston 1995, "Remark AS R94: A
 * remark on algorithm AS 181", Applied Statistics 44(4)), the one R's shapiro.test and SciPy's
 * scipy.stats.shapiro run. Valid for 3 <= n <= 5000. No maintained npm package offers it, so it is
 * written out here and checked against SciPy's values in the tests.
 */
export interface ShapiroWilk {
    /** The W statistic, in (0, 1]: 1 for a sample that lies exactly on a normal Q-Q line. */
    w: number;
    /** The p-value of normality (Royston's normalising approximation). */
    p: number;
    n: number;
}
export declare class ShapiroWilkError extends Error {
}
/**
 * W and its p-value for a sample (any order; it is sorted here). Throws on fewer than 3 values, more than
 * 5000 (outside the approximation's range), non-finite values, or a sample with no spread (W undefined).
 */
export declare function shapiroWilk(sample: ArrayLike<number>): ShapiroWilk;
/** Φ⁻¹(p) for 0 < p < 1. */
export declare function normalQuantile(p: number): number;
/** 1 - Φ(z), through erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
export declare function normalUpperTail(z: number): number;
