import { log2PoissonTail } from '../util/tails.js';
import { T } from './context.js';
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
export const ONSET_BUCKET_MS = 600_000;
/** Quiet before a request that makes it a session start. */
export const ONSET_QUIET_MS = 3_600_000;
/** Buckets on each side whose level is a bucket's expected count. */
const NEIGHBOURS = 9;
/** Family-wise false-positive budget over the window's buckets. */
const ALPHA = 0.01;
/** Fewer starts than this in one bucket are never a crowd. */
const MIN_STARTS = 3;
/**
 * A crowd is also a relative excess: at least this many times the neighbours' level. Poisson noise is not
 * the only variation in a busy hour: a rhythm curves over the neighbourhood (its median runs a few percent
 * under a daily peak) and the level is estimated from 18 buckets, errors that a Poisson bound on thousands
 * of starts would read as a crowd.
 */
const MIN_EXCESS = 1.5;
const BUCKETS_PER_HOUR = 3_600_000 / ONSET_BUCKET_MS;
const BUCKETS_PER_DAY = 24 * BUCKETS_PER_HOUR;
/** Periods on each side whose same slot is compared. */
const SAME_SLOT_PERIODS = 3;
/** Median count of the same slot in the SAME_SLOT_PERIODS periods (of `period` buckets) on each side of bucket i. */
function sameSlot(counts, i, period) {
    const xs = [];
    for (let k = 1; k <= SAME_SLOT_PERIODS; k++) {
        if (i - k * period >= 0)
            xs.push(counts[i - k * period]);
        if (i + k * period < counts.length)
            xs.push(counts[i + k * period]);
    }
    if (xs.length === 0)
        return 0;
    xs.sort((a, b) => a - b);
    return xs[Math.floor((xs.length - 1) / 2)];
}
/**
 * The crowded buckets of a series of per-bucket start counts (one entry per bucket, zeros included),
 * `first` being the first bucket's number.
 */
export function crowdedBuckets(counts, first) {
    const threshold = Math.log2(Math.max(1, counts.length) / ALPHA);
    const out = [];
    const around = [];
    for (let i = 0; i < counts.length; i++) {
        const c = counts[i];
        if (c < MIN_STARTS)
            continue;
        around.length = 0;
        for (let j = Math.max(0, i - NEIGHBOURS); j <= Math.min(counts.length - 1, i + NEIGHBOURS); j++)
            if (j !== i)
                around.push(counts[j]);
        around.sort((a, b) => a - b);
        // The neighbours' level: their median follows a rhythm that changes hour by hour (a step up is the
        // level of the side it steps to), but at a few starts a bucket it runs low (a Poisson median is below
        // its mean), so it is at least their mean without the two largest (a crowd split across a bucket
        // boundary, a job nearby). And at least one start a bucket: a quiet stretch is no evidence of a crowd.
        const median = around.length === 0 ? 0 : around[Math.floor(around.length / 2)];
        const kept = around.slice(0, Math.max(1, around.length - 2));
        const trimmedMean = around.length === 0 ? 0 : kept.reduce((a, b) => a + b, 0) / kept.length;
        // A crowd that comes back at the same minute of every hour, or the same time every day, is a convention
        // (schedulers pointed at the top of the hour, a shift that starts at nine), not an operator's job: the
        // level is at least what the same slot holds in the hours, and on the days, around it.
        const level = Math.max(median, trimmedMean, sameSlot(counts, i, BUCKETS_PER_HOUR), sameSlot(counts, i, BUCKETS_PER_DAY));
        // The level is an estimate from a few buckets; the test is against its upper bound (two standard errors
        // of a Poisson mean over them), or a bucket's tail would be judged against a level that came out low.
        const expected = Math.max(1, level + 2 * Math.sqrt(level / kept.length));
        if (c < MIN_EXCESS * expected)
            continue;
        const bits = -log2PoissonTail(c, expected);
        if (bits >= threshold)
            out.push({ bucket: first + i, starts: c, expected, bits });
    }
    return out;
}
/** Builds `_hunt_crowded` (bucket, starts, expected, bits) from the session starts in `_hunt_acct`. */
export async function findCrowdedStarts(ctx) {
    const { wh } = ctx;
    const rows = await wh.queryArrays(`SELECT bucket, count() AS starts FROM ${T.acct} ARRAY JOIN onset_buckets AS bucket GROUP BY bucket ORDER BY bucket`);
    let crowded = [];
    if (rows.length > 0) {
        const first = Number(rows[0][0]);
        const counts = new Array(Number(rows[rows.length - 1][0]) - first + 1).fill(0);
        for (const [b, n] of rows)
            counts[Number(b) - first] = Number(n);
        crowded = crowdedBuckets(counts, first);
    }
    await wh.command(`DROP TABLE IF EXISTS ${T.crowded}`);
    await wh.command(`CREATE TABLE ${T.crowded} (bucket UInt32, starts UInt32, expected Float64, bits Float64) ENGINE = MergeTree ORDER BY bucket`);
    if (crowded.length > 0)
        await wh.insertRows(T.crowded, crowded.map((c) => ({ ...c, bits: Math.round(c.bits * 1e6) / 1e6 })));
    ctx.log(`synchrony: ${crowded.length} crowded 10-minute buckets of session starts`);
}
//# sourceMappingURL=synchrony.js.map