import { T, type HuntContext } from './context.js';
import type { Signal } from './signal.js';

/**
 * Runs every signal and scores its values against the population, in the warehouse. One row per
 * (account, signal) with enough support: the raw value, the value used for ranking (shares shrunk
 * toward the population mean), the tail probability p (share of scored accounts at least as extreme),
 * and the surprise -log2(p) in bits.
 */
export async function scoreSignals(ctx: HuntContext, signals: Signal[]): Promise<void> {
  const { wh } = ctx;
  await wh.command(`DROP TABLE IF EXISTS ${T.scores}`);
  await wh.command(`CREATE TABLE ${T.scores} (
      account_id String, signal LowCardinality(String), raw Float64, value Float64, n Float64, p Float64, bits Float64
    ) ENGINE = MergeTree ORDER BY (signal, account_id)`);
  // Every signal's query is handed to the engine at once: the engine runs them on its own threads (a few
  // at a time), so they go on while the hunt's JavaScript (community detection) holds the main thread.
  await Promise.all(
    signals.map((s) => {
      ctx.log(`signal ${s.id}`);
      return wh.command(`INSERT INTO ${T.scores} ${signalScoreSql(s, ctx)}`, ctx.params);
    }),
  );
}

/**
 * Empirical-Bayes shrinkage of a share k/n toward the population: a Beta(mu*s, (1-mu)*s) prior whose
 * mean and strength s come from the population's shares by the method of moments. An account with few
 * requests stays near the population mean; one with many keeps its own share.
 */
function shrunkShare(): string {
  return `(k + prior_mu * prior_s) / (n + prior_s)`;
}

export function signalScoreSql(s: Signal, ctx: HuntContext): string {
  const order = s.direction === 'high' ? 'ASC' : 'DESC';
  const base =
    s.kind === 'share'
      ? `
      raw_rows AS (SELECT account_id, toFloat64(k) AS k, toFloat64(n) AS n FROM (${s.sql(ctx)}) WHERE n >= ${s.minSupport}),
      prior AS (
        -- The population's moments as window aggregates over every row, so the signal's query runs once (a
        -- scalar subquery per moment ran it again for each).
        -- Summed as decimals: exact, so the same on every run (floating-point sums depend on the order
        -- the engine's threads merge them in).
        SELECT account_id, k, n,
               toFloat64(sum(toDecimal128(k / n, 18)) OVER ()) / count() OVER () AS mu,
               toFloat64(sum(toDecimal128((k / n) * (k / n), 18)) OVER ()) / count() OVER () - mu * mu AS v,
               -- method of moments; clamped so a degenerate population cannot make the prior absurd
               least(1000, greatest(1, if(v > 0, mu * (1 - mu) / v - 1, 1000))) AS s
        FROM raw_rows
      ),
      rows AS (
        SELECT account_id, k / n AS raw, n, mu AS prior_mu, s AS prior_s,
               -- An account that never showed the behaviour holds no evidence of it, however few requests it
               -- sent: shrunk alone, 0 of 19 would rank above 0 of 60 (closer to the prior mean).
               ${s.direction === 'high' ? `if(k = 0, 0, ${shrunkShare()})` : shrunkShare()} AS value
        FROM prior
      )`
      : `
      rows AS (
        SELECT account_id, toFloat64(value) AS raw, toFloat64(n) AS n, toFloat64(value) AS value
        FROM (${s.sql(ctx)}) WHERE n >= ${s.minSupport} AND isFinite(toFloat64(value))
      )`;
  return `
    WITH ${base}
    SELECT account_id, '${s.id}' AS signal, raw, value, n,
           -- share of scored accounts at least as extreme as this one (ties count as extreme)
           (count() OVER () - rank() OVER (ORDER BY value ${order}) + 1) / count() OVER () AS p,
           -log2(p) AS bits
    FROM rows`;
}
