import { numberParam, summarise } from './baseline.js';
import { r4, writeBaselineFindings } from './findings.js';
import { shapiroWilk } from './shapiro-wilk.js';
import { inWindow, windowParams } from './window.js';
/**
 * PRADA (Juuti, Szyller, Marchal & Asokan, "PRADA: Protecting Against DNN Model Stealing Attacks",
 * EuroS&P 2019), per account, adapted from images to natural-language prompts.
 *
 * PRADA keeps, per client, the minimum distance of each new query to the client's earlier ones. A
 * natural client's minimum distances are close to normally distributed; an extraction attack's synthetic
 * queries (perturbations of a few seeds) give a skewed or many-peaked distribution. The Shapiro-Wilk W
 * of those distances below a threshold δ raises the alarm.
 *
 * The adaptation, and where it differs from the paper:
 * - A prompt is a hashed n-gram vector: four 32-bit SimHashes (ClickHouse's, case-insensitive) of its
 *   word 1-, 2- and 3-shingles and its character 4-grams, 128 bits in all, of its first 4,000 characters.
 *   The distance of two prompts is the Hamming distance of their sketches over 128, in [0, 1]: the mean
 *   angle between their n-gram vectors over π, per n-gram family (SimHash's random-hyperplane property).
 * - Each prompt's distance is to its nearest earlier prompt among the account's first --history
 *   prompts. The paper compares only with a "growing set" of the queries that were far enough from it,
 *   under a threshold it keeps raising; every earlier prompt is the simpler reading. The cap keeps the
 *   work linear in accounts: at most history² / 2 sketch comparisons each, done in SQL.
 * - Only answered requests with a prompt count (status < 400): a refused request harvested nothing.
 * - As in the authors' reference code, distances more than 3 standard deviations from their mean are
 *   left out before the test. If nothing spread is left (say, one prompt sent again and again), the
 *   stream is as far from a natural one as it gets: W is taken as 0.
 * - The paper has no classes of queries to keep apart here (it keeps one set per predicted class); an
 *   account's prompts form one stream.
 * δ: the paper tunes it per protected model to the largest value with no false alarm on its benign
 * clients; the default 0.95 is the value re-implementations use. Accounts with fewer than --min-prompts
 * prompts are not judged (risk 0, no reason).
 * Risk falls with W: 0.5 at W = δ, 1 at W = 0, 0 at W = 1 (linear on each side).
 */
const P = {
    delta: { key: 'delta', flag: 'delta', kind: 'number', default: 0.95, min: 0, max: 1, description: 'flag accounts whose Shapiro-Wilk W of nearest-prompt distances is below this (δ)' },
    minPrompts: { key: 'minPrompts', flag: 'min-prompts', kind: 'integer', default: 20, min: 4, description: 'judge only accounts with at least this many prompts' },
    history: { key: 'history', flag: 'history', kind: 'integer', default: 300, min: 4, max: 5001, description: 'compare only each account\'s first this many prompts (cost grows with its square)' },
};
export const PRADA_REASON = 'non_normal_query_distances';
/** Bits in a prompt sketch. */
const SKETCH_BITS = 128;
/** PRADA's test on one account's nearest-prompt distances (in [0, 1]). */
export function pradaTest(distances) {
    const n = distances.length;
    const mean = distances.reduce((a, b) => a + b, 0) / Math.max(1, n);
    const sd = Math.sqrt(distances.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n));
    const kept = sd > 0 ? distances.filter((d) => Math.abs(d - mean) < 3 * sd) : [...distances];
    const sorted = [...kept].sort((a, b) => a - b);
    const median = sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
    const base = { tested: kept.length, left_out: n - kept.length, median_distance: median };
    if (kept.length < 3 || sorted[sorted.length - 1] - sorted[0] <= 0)
        return { w: 0, p: 0, ...base };
    const r = shapiroWilk(kept);
    return { w: r.w, p: r.p, ...base };
}
/** Risk from W: 0.5 at δ, 1 at W = 0, 0 at W = 1, linear on each side. */
export function pradaRisk(w, delta) {
    if (w < delta)
        return 0.5 + (0.5 * (delta - w)) / Math.max(delta, 1e-12);
    return delta >= 1 ? 0.5 : (0.5 * (1 - w)) / (1 - delta);
}
export const pradaBaseline = {
    name: 'prada',
    detector: 'baseline-prada',
    summary: 'PRADA (Juuti et al. 2019): Shapiro-Wilk test of the distances between each account\'s successive prompts',
    description: 'Per account, the distance of each prompt to its nearest earlier one (first --history prompts; 128-bit SimHash ' +
        'sketches of word 1-3-grams and character 4-grams, Hamming distance / 128). Flags the account when the Shapiro-Wilk W ' +
        'of those distances is below --delta: natural query streams give normally distributed distances, synthetic ' +
        'ones do not. Accounts with fewer than --min-prompts prompts are not judged. Risk 0.5 at W = δ, rising to 1 at W = 0.',
    params: Object.values(P),
    async run(ctx, params) {
        const delta = numberParam(params, P.delta);
        const minPrompts = numberParam(params, P.minPrompts);
        const history = numberParam(params, P.history);
        ctx.onStep?.('prompt distances', 0);
        // The sketches of each account's first prompts, then for each prompt the Hamming distance to its
        // nearest earlier one, all in SQL; only the distances come back.
        const answered = `${inWindow()} AND status < 400 AND notEmpty(ifNull(prompt, ''))`;
        const rows = await ctx.wh.query(`WITH
       -- Where each account's first prompts end: ranking reads only the sort key, not the text.
       cutoffs AS (
         SELECT account_id, ts AS cut_ts, request_id AS cut_id, total FROM (
           SELECT account_id, ts, request_id,
             row_number() OVER (PARTITION BY account_id ORDER BY ts ASC, request_id ASC) AS rn,
             count() OVER (PARTITION BY account_id) AS total
           FROM exchanges WHERE ${answered}
         ) WHERE rn = least(total, {history:UInt32})
       ),
       sketched AS (
         SELECT e.account_id AS account_id, e.ts AS ts, e.request_id AS request_id, c.total AS total,
           bitOr(bitShiftLeft(toUInt64(wordShingleSimHashCaseInsensitiveUTF8(e.p, 1)), 32), toUInt64(wordShingleSimHashCaseInsensitiveUTF8(e.p, 2))) AS lo,
           bitOr(bitShiftLeft(toUInt64(wordShingleSimHashCaseInsensitiveUTF8(e.p, 3)), 32), toUInt64(ngramSimHashCaseInsensitiveUTF8(e.p, 4))) AS hi
         FROM (SELECT account_id, ts, request_id, substring(ifNull(prompt, ''), 1, 4000) AS p FROM exchanges WHERE ${answered}) AS e
         INNER JOIN cutoffs AS c ON c.account_id = e.account_id
         WHERE (e.ts, e.request_id) <= (c.cut_ts, c.cut_id)
       ),
       per_account AS (
         SELECT account_id, count() AS prompts, any(total) AS total,
           arrayMap(t -> t.3, arraySort(groupArray((ts, request_id, lo)))) AS los,
           arrayMap(t -> t.3, arraySort(groupArray((ts, request_id, hi)))) AS his
         FROM sketched GROUP BY account_id
       ),
       -- One row per prompt with the sketches of those before it; small blocks keep the copies small.
       steps AS (
         SELECT account_id, los[i] AS lo_i, his[i] AS hi_i, arraySlice(los, 1, i - 1) AS earlier_lo, arraySlice(his, 1, i - 1) AS earlier_hi
         FROM per_account ARRAY JOIN arrayEnumerate(los) AS i
         WHERE prompts >= {min_prompts:UInt32} AND i >= 2
       ),
       nearest AS (
         SELECT account_id, groupArray(arrayMin(arrayMap((a, b) -> bitCount(bitXor(a, lo_i)) + bitCount(bitXor(b, hi_i)), earlier_lo, earlier_hi))) AS dmin
         FROM steps GROUP BY account_id
       )
       SELECT p.account_id AS account_id, p.prompts AS prompts, p.total AS total, n.dmin AS dmin
       FROM per_account AS p LEFT JOIN nearest AS n ON n.account_id = p.account_id
       ORDER BY account_id
       SETTINGS max_block_size = 8192`, { ...windowParams(ctx.window), history, min_prompts: minPrompts });
        // Accounts with exchanges in the window but no answered prompt are listed too, unjudged.
        const active = await ctx.wh.query(`SELECT DISTINCT account_id FROM exchanges WHERE ${inWindow()} ORDER BY account_id`, windowParams(ctx.window));
        ctx.onStep?.('Shapiro-Wilk', 0.9);
        const byId = new Map(rows.map((r) => [r.account_id, r]));
        let judged = 0;
        const accounts = active.map(({ account_id }) => {
            const r = byId.get(account_id);
            const prompts = Number(r?.prompts ?? 0);
            const total = Number(r?.total ?? 0);
            if (!r || prompts < minPrompts) {
                return { account_id, risk: 0, flagged: false, campaign_id: null, reasons: [], evidence: { judged: false, prompts: total } };
            }
            judged++;
            const v = pradaTest(r.dmin.map((d) => d / SKETCH_BITS));
            const w = v.w;
            const flagged = w < delta;
            return {
                account_id,
                risk: r4(pradaRisk(w, delta)),
                flagged,
                campaign_id: null,
                reasons: flagged ? [PRADA_REASON] : [],
                evidence: {
                    judged: true,
                    prompts: total,
                    compared: prompts,
                    w: r4(w),
                    p_value: Number(v.p.toPrecision(4)),
                    distances_tested: v.tested,
                    distances_left_out: v.left_out,
                    median_distance: v.median_distance === null ? null : r4(v.median_distance),
                },
            };
        });
        await writeBaselineFindings(ctx.out, { detector: pradaBaseline.detector, window: ctx.window, parameters: params, accounts });
        return summarise(pradaBaseline, ctx, params, accounts, judged);
    },
};
//# sourceMappingURL=prada.js.map