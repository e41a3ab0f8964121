import type { FindingAccount } from '../eval/contracts.js';
import { DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MAX_REASONING_BUDGET } from '../schema/limits.js';
import { numberParam, summarise, type Baseline, type BaselineParam } from './baseline.js';
import { r4, writeBaselineFindings } from './findings.js';
import { IsolationForest } from './isolation-forest.js';
import { inWindow, knownAt, windowParams } from './window.js';
import { medianOfSorted } from '../util/sorted.js';

/**
 * A generic unsupervised anomaly detector: an isolation forest (./isolation-forest.ts) over one feature
 * vector per account, computed in SQL over the window. Counts and lengths enter as log(1 + x) so that a
 * split is as likely among small values as among large ones. The top --contamination share of accounts
 * by anomaly score is flagged; risk is the anomaly score itself. Reasons name the features on which a
 * flagged account sits furthest from the median account (robust z-score, median and MAD), as
 * `<feature>_high` or `<feature>_low`; evidence gives their values.
 */

const P = {
  contamination: { key: 'contamination', flag: 'contamination', kind: 'number', default: 0.01, min: 0, max: 0.5, description: 'share of accounts to flag, the most anomalous first (rounded to whole accounts)' },
  trees: { key: 'trees', flag: 'trees', kind: 'integer', default: 100, min: 1, max: 10_000, description: 'trees in the forest' },
  sampleSize: { key: 'sampleSize', flag: 'sample-size', kind: 'integer', default: 256, min: 2, description: 'accounts each tree is grown on' },
  seed: { key: 'seed', flag: 'seed', kind: 'integer', default: 1, description: 'seed of the forest' },
} satisfies Record<string, BaselineParam>;

interface Feature {
  name: string;
  /** SQL over the window's exchanges `e` of one account (aggregate), or over `first_ts` and the account record `a`. */
  sql: string;
  /** Enter the forest as log(1 + x). */
  log: boolean;
}

/** The per-account features, as aggregates over the account's exchanges in the window. */
export const IFOREST_FEATURES: Feature[] = [
  { name: 'requests_per_day', log: true, sql: `count() / greatest(1, dateDiff('second', min(e.ts), max(e.ts)) / 86400.0)` },
  { name: 'requests', log: true, sql: 'count()' },
  { name: 'distinct_ips', log: true, sql: 'uniqExact(e.ip)' },
  // IPv4 /24 or IPv6 /48.
  { name: 'distinct_subnets', log: true, sql: `uniqExact(if(position(e.ip, ':') = 0, replaceRegexpOne(e.ip, '\\\\.[0-9]+$', ''), hex(cutIPv6(IPv6StringToNumOrDefault(e.ip), 10, 0))))` },
  { name: 'hour_entropy', log: false, sql: 'entropy(toHour(e.ts))' },
  { name: 'single_turn_share', log: false, sql: 'countIf(e.turn = 1) / count()' },
  { name: 'mean_prompt_chars', log: true, sql: `avg(length(ifNull(e.prompt, '')))` },
  { name: 'distinct_prompt_share', log: false, sql: `uniq(cityHash64(ifNull(e.prompt, ''))) / count()` },
  { name: 'max_output_share', log: false, sql: 'countIf(ifNull(e.max_tokens, 0) >= 0.9 * {max_output:UInt32}) / count()' },
  { name: 'cache_read_ratio', log: false, sql: 'sum(e.cache_read_tokens) / greatest(1, sum(e.cache_read_tokens + e.input_tokens))' },
  { name: 'rate_limited_share', log: false, sql: 'countIf(e.status = 429) / count()' },
  { name: 'tool_share', log: false, sql: 'countIf(notEmpty(e.tool_names)) / count()' },
  { name: 'reasoning_budget_use', log: false, sql: 'avg(least(1, ifNull(e.reasoning_budget, 0) / {max_reasoning:UInt32}))' },
  { name: 'user_agents', log: true, sql: `uniqExact(ifNull(e.user_agent, ''))` },
  // Days from the account's creation to its first exchange in the window; unknown without a record.
  { name: 'account_age_days', log: true, sql: `greatest(0, dateDiff('second', a.created_at, first_ts) / 86400.0)` },
];

const ACCOUNT_FEATURES = new Set(['account_age_days']);

type FeatureRow = { account_id: string } & Record<string, string | number | null>;

const median = medianOfSorted;

/** Robust location and scale of one feature: median and 1.4826 MAD (mean absolute deviation when MAD is 0). */
export function robustScale(values: Float64Array): { median: number; scale: number } {
  const m = median(Float64Array.from(values).sort());
  const dev = Float64Array.from(values, (v) => Math.abs(v - m)).sort();
  const mad = 1.4826 * median(dev);
  const meanAbs = (1.2533 * dev.reduce((a, b) => a + b, 0)) / Math.max(1, dev.length);
  return { median: m, scale: mad > 0 ? mad : meanAbs };
}

export const iforestBaseline: Baseline = {
  name: 'iforest',
  detector: 'baseline-iforest',
  summary: 'an isolation forest over per-account behaviour features, flagging the most anomalous share',
  description:
    `An isolation forest (Liu et al. 2008; --trees trees, each grown on --sample-size accounts, seeded by --seed) over ` +
    `per-account features: ${IFOREST_FEATURES.map((f) => f.name).join(', ')}. Flags the top --contamination share by ` +
    'anomaly score; risk is the score; reasons are the features furthest from the median account (robust z-score).',
  params: Object.values(P),
  async run(ctx, params) {
    const contamination = numberParam(params, P.contamination);
    const trees = numberParam(params, P.trees);
    const sampleSize = numberParam(params, P.sampleSize);
    const seed = numberParam(params, P.seed);

    ctx.onStep?.('account features', 0);
    const exchangeFeatures = IFOREST_FEATURES.filter((f) => !ACCOUNT_FEATURES.has(f.name));
    const rows = await ctx.wh.query<FeatureRow>(
      `SELECT x.account_id AS account_id, ${exchangeFeatures.map((f) => `x.${f.name} AS ${f.name}`).join(', ')},
         ${IFOREST_FEATURES.filter((f) => ACCOUNT_FEATURES.has(f.name)).map((f) => `${f.sql} AS ${f.name}`).join(', ')}
       FROM (
         SELECT e.account_id AS account_id, min(e.ts) AS first_ts, ${exchangeFeatures.map((f) => `${f.sql} AS ${f.name}`).join(', ')}
         FROM exchanges AS e WHERE ${inWindow('e.ts')}
         GROUP BY e.account_id
       ) AS x
       LEFT JOIN (SELECT account_id, created_at FROM accounts WHERE ${knownAt()}) AS a ON a.account_id = x.account_id
       ORDER BY account_id
       SETTINGS join_use_nulls = 1`,
      { ...windowParams(ctx.window), max_output: DEFAULT_MAX_OUTPUT_TOKENS, max_reasoning: DEFAULT_MAX_REASONING_BUDGET },
    );

    ctx.onStep?.('isolation forest', 0.6);
    const n = rows.length;
    const names = IFOREST_FEATURES.map((f) => f.name);
    // Raw values (NaN where unknown), then the forest's view: log(1 + x) where asked, unknowns at the median.
    const raw = names.map((name) => Float64Array.from(rows, (r) => (r[name] === null || r[name] === undefined ? Number.NaN : Number(r[name]))));
    const cols = IFOREST_FEATURES.map((f, j) => {
      const col = Float64Array.from(raw[j]!, (v) => (f.log ? Math.log1p(Math.max(0, v)) : v));
      const known = col.filter((v) => Number.isFinite(v)).sort();
      const fill = median(known);
      for (let i = 0; i < n; i++) if (!Number.isFinite(col[i]!)) col[i] = fill;
      return col;
    });
    const stats = cols.map(robustScale);
    const rawMedians = raw.map((c) => median(c.filter((v) => Number.isFinite(v)).sort()));
    const vectors = rows.map((_, i) => Float64Array.from(cols, (c) => c[i]!));

    const scores = new Float64Array(n);
    if (n > 0) {
      const forest = IsolationForest.fit(vectors, { trees, sampleSize, seed });
      for (let i = 0; i < n; i++) scores[i] = forest.score(vectors[i]!);
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || (rows[a]!.account_id < rows[b]!.account_id ? -1 : 1));
    // The contamination share of the accounts, to the nearest whole account.
    const k = Math.min(n, Math.round(contamination * n));
    const flaggedSet = new Set(order.slice(0, k));
    const threshold = k > 0 ? scores[order[k - 1]!]! : null;

    ctx.onStep?.('write', 0.9);
    const accounts: FindingAccount[] = rows.map((row, i) => {
      const flagged = flaggedSet.has(i);
      const base = { account_id: row.account_id, risk: r4(scores[i]!), flagged, campaign_id: null };
      if (!flagged) return { ...base, reasons: [], evidence: { anomaly_score: r4(scores[i]!) } };
      const z = stats.map((s, j) => (s.scale > 0 ? (cols[j]![i]! - s.median) / s.scale : cols[j]![i]! === s.median ? 0 : Math.sign(cols[j]![i]! - s.median) * 1e3));
      const ranked = names.map((_, j) => j).sort((a, b) => Math.abs(z[b]!) - Math.abs(z[a]!) || a - b);
      const strong = ranked.filter((j) => Math.abs(z[j]!) >= 3).slice(0, 3);
      const top = strong.length ? strong : ranked.slice(0, 1);
      return {
        ...base,
        reasons: top.map((j) => `${names[j]}_${z[j]! >= 0 ? 'high' : 'low'}`),
        evidence: {
          anomaly_score: r4(scores[i]!),
          flag_threshold: threshold === null ? null : r4(threshold),
          features: Object.fromEntries(
            top.map((j) => [names[j], { value: Number.isFinite(raw[j]![i]!) ? r4(raw[j]![i]!) : null, median: r4(rawMedians[j]!), robust_z: r4(Math.max(-1e3, Math.min(1e3, z[j]!))) }]),
          ),
        },
      };
    });
    await writeBaselineFindings(ctx.out, { detector: iforestBaseline.detector, window: ctx.window, parameters: params, accounts });
    return summarise(iforestBaseline, ctx, params, accounts, n);
  },
};
