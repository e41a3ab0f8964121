import { type Baseline } from './baseline.js';
interface Feature {
    name: string;
    /** SQL over the window's exchanges `e` of one account (aggregate), or over `first_ts` and the account record `a`. */
    sql: string;
    /** Enter the forest as log(1 + x). */
    log: boolean;
}
/** The per-account features, as aggregates over the account's exchanges in the window. */
export declare const IFOREST_FEATURES: Feature[];
/** Robust location and scale of one feature: median and 1.4826 MAD (mean absolute deviation when MAD is 0). */
export declare function robustScale(values: Float64Array): {
    median: number;
    scale: number;
};
export declare const iforestBaseline: Baseline;
export {};
