export const FULL_WINDOW = { since: null, until: null };
/** Query parameters for the window, as `{since:String}` and `{until:String}`. */
export function windowParams(w) {
    return { since: w.since ?? '1970-01-01T00:00:00Z', until: w.until ?? '2299-12-31T23:59:59Z' };
}
/** SQL condition selecting the window's rows by a timestamp column (uses {since} and {until}). */
export function inWindow(ts = 'ts') {
    return `${ts} >= parseDateTime64BestEffort({since:String}, 3, 'UTC') AND ${ts} <= parseDateTime64BestEffort({until:String}, 3, 'UTC')`;
}
/** SQL condition selecting account records known at the cut-off. */
export function knownAt(createdAt = 'created_at') {
    return `${createdAt} <= parseDateTime64BestEffort({until:String}, 3, 'UTC')`;
}
//# sourceMappingURL=window.js.map