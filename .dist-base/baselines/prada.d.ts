import { type Baseline } from './baseline.js';
export declare const PRADA_REASON = "non_normal_query_distances";
export interface PradaVerdict {
    /** W of the distances kept, 0 when they have no spread. */
    w: number;
    p: number;
    /** Distances tested, after leaving out those beyond 3 standard deviations. */
    tested: number;
    left_out: number;
    median_distance: number | null;
}
/** PRADA's test on one account's nearest-prompt distances (in [0, 1]). */
export declare function pradaTest(distances: readonly number[]): PradaVerdict;
/** Risk from W: 0.5 at δ, 1 at W = 0, 0 at W = 1, linear on each side. */
export declare function pradaRisk(w: number, delta: number): number;
export declare const pradaBaseline: Baseline;
