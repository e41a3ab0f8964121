import type { QueryParams } from '../warehouse/warehouse.js';

/** The slice of the warehouse a baseline judges: no look-ahead past `until`. */
export interface BaselineWindow {
  /** Only exchanges with ts >= since. ISO-8601 or null. */
  since: string | null;
  /** Only exchanges with ts <= until, and account records created by then. ISO-8601 or null. */
  until: string | null;
}

export const FULL_WINDOW: BaselineWindow = { since: null, until: null };

/** Query parameters for the window, as `{since:String}` and `{until:String}`. */
export function windowParams(w: BaselineWindow): QueryParams {
  return { since: w.since ?? '1970-01-01T00:00:00Z', until: w.until ?? '2299-12-31T23:59:59Z' };
}

/** SQL condition selecting the window's rows by a timestamp column (uses {since} and {until}). */
export function inWindow(ts = 'ts'): string {
  return `${ts} >= parseDateTime64BestEffort({since:String}, 3, 'UTC') AND ${ts} <= parseDateTime64BestEffort({until:String}, 3, 'UTC')`;
}

/** SQL condition selecting account records known at the cut-off. */
export function knownAt(createdAt = 'created_at'): string {
  return `${createdAt} <= parseDateTime64BestEffort({until:String}, 3, 'UTC')`;
}
