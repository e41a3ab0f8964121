import { type ProgressHooks } from './read.js';
import type { Truth } from './truth.js';
/** Each campaign should be flagged within this long of its start (the issue-4 target). */
export declare const DETECTION_HOURS = 24;
/** What time-to-detection keeps of one hunt at one cut-off: its flagged accounts per true campaign. */
export interface Snapshot {
    dir: string;
    detector: string;
    /** The cut-off, as written, or the world's end when the hunt saw everything (until = null). */
    until: string;
    cutoff: number;
    flagged: number;
    campaignFlagged: number[];
}
export interface DetectionPoint {
    /** The first cut-off at which it holds, and the cut-off before it (when it did not yet hold). */
    until: string;
    previousUntil: string | null;
    hoursFromStart: number;
    /** Share of the campaign's exchanges served before this cut-off. */
    servedShare: number;
    accountsFlagged: number;
}
export interface CampaignTimeline {
    campaignId: string;
    start: string;
    accounts: number;
    exchanges: number;
    /** The first cut-off at which any of its accounts is flagged, or null: never. */
    firstFlagged: DetectionPoint | null;
    /** The first cut-off at which most (a strict majority) of its accounts are flagged, or null: never. */
    mostFlagged: DetectionPoint | null;
    /** Flagged within DETECTION_HOURS of its start; null when the cut-offs end too early to tell. */
    within24h: boolean | null;
    /** Share of its exchanges served before it was first flagged (1 when never). */
    servedShare: number;
}
export interface DetectorTimeline {
    detector: string;
    snapshots: {
        dir: string;
        until: string;
        flagged: number;
    }[];
    campaigns: CampaignTimeline[];
    /** Campaigns flagged within 24 h, of those the cut-offs can tell about, of all. */
    within24h: {
        met: number;
        measured: number;
        total: number;
    };
    warnings: string[];
}
export declare function readSnapshot(dir: string, truth: Truth, hooks?: ProgressHooks): Promise<Snapshot>;
/** Time to detection of every true campaign from one detector's hunts at several cut-offs. */
export declare function buildTimeline(truth: Truth, snapshots: Snapshot[]): DetectorTimeline;
