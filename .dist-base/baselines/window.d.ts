import type { QueryParams } from '../warehouse/warehouse.js';
/** The slice of the warehouse a baseline judges: no look-ahead past `until`. */
export interface BaselineWindow {
    /** Only exchanges with ts >= since. ISO-8601 or null. */
    since: string | null;
    /** Only exchanges with ts <= until, and account records created by then. ISO-8601 or null. */
    until: string | null;
}
export declare const FULL_WINDOW: BaselineWindow;
/** Query parameters for the window, as `{since:String}` and `{until:String}`. */
export declare function windowParams(w: BaselineWindow): QueryParams;
/** SQL condition selecting the window's rows by a timestamp column (uses {since} and {until}). */
export declare function inWindow(ts?: string): string;
/** SQL condition selecting account records known at the cut-off. */
export declare function knownAt(createdAt?: string): string;
