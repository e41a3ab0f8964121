/** The arithmetic of scoring, free of files: counts in, rates out. A rate with an empty denominator is null. */
export declare const ratio: (num: number, den: number) => number | null;
/** A rate as a percentage, with enough digits to tell 0.1% bounds apart. */
export declare const pct: (x: number | null | undefined) => string;
export interface Confusion {
    tp: number;
    fp: number;
    fn: number;
    tn: number;
    precision: number | null;
    recall: number | null;
    falsePositiveRate: number | null;
    f1: number | null;
}
export declare function confusion(tp: number, fp: number, fn: number, tn: number): Confusion;
/**
 * ROC AUC of scores for positives against negatives: the chance a random positive scores above a random
 * negative, ties counting half (the Mann-Whitney U statistic over P × N). Null when a side is empty.
 */
export declare function rocAuc(positives: Float64Array, negatives: Float64Array): number | null;
/**
 * Precision among the k highest scores. Scores tied across the k-th place are taken in proportion (the
 * expected precision over every order of the tie), so the figure does not depend on input order.
 */
export declare function precisionAtK(positives: Float64Array, negatives: Float64Array, k: number): number | null;
/**
 * Share of a campaign's exchanges served before `cutoff` (ms), from its exchanges per UTC hour (index 0 =
 * the hour holding `start`). Within an hour the exchanges are spread evenly over the part of the hour the
 * campaign was running (the first hour from `start`, the last until `end`).
 */
export declare function servedShareBefore(hourly: number[], start: number, end: number, cutoff: number): number;
