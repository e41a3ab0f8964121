import { type HuntContext } from './context.js';
/**
 * Synchronised starts, as in SynchroTrap: accounts one operator runs start work when its orchestrator
 * starts a job, so many of them begin a session (a request after an hour or more of quiet) in the same few
 * minutes, at times when few others do. People and services start sessions on their own clocks; the count
 * of session starts in a 10-minute bucket follows the population's daily rhythm. A bucket whose count is
 * improbably high for its neighbourhood (the buckets of the hour and a half before and after it) is
 * crowded: a Poisson tail against the neighbours' level, Bonferroni-corrected over the window's buckets.
 * A crowd that returns at the same slot every hour or every day is a convention (schedulers pointed at
 * the top of the hour, a shift starting at nine), so the level is also at least what that slot holds in the
 * hours and days around it. Crowded buckets are link keys (accounts starting sessions in the same crowded
 * buckets, weighed like any key by how many accounts share them) and feed the synchronised_starts signal
 * (the share of an account's session starts in crowded buckets) and the sweep's timing test.
 */
/** Width of a bucket of session starts, in milliseconds (the unit of `_hunt_acct.onset_buckets`). */
export declare const ONSET_BUCKET_MS = 600000;
/** Quiet before a request that makes it a session start. */
export declare const ONSET_QUIET_MS = 3600000;
export interface CrowdedBucket {
    bucket: number;
    starts: number;
    /** The starts the bucket was tested against: its neighbourhood's level, taken high (see crowdedBuckets). */
    expected: number;
    /** -log2 of the Poisson tail probability of so many starts. */
    bits: number;
}
/**
 * The crowded buckets of a series of per-bucket start counts (one entry per bucket, zeros included),
 * `first` being the first bucket's number.
 */
export declare function crowdedBuckets(counts: number[], first: number): CrowdedBucket[];
/** Builds `_hunt_crowded` (bucket, starts, expected, bits) from the session starts in `_hunt_acct`. */
export declare function findCrowdedStarts(ctx: HuntContext): Promise<void>;
