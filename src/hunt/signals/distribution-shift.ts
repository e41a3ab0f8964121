import { defineSignal } from '../signal.js';

/**
 * How many of the rows aggregated have each of the SimHash's 32 bits set, as an array: 32 plain integer
 * aggregates (one column each) rather than one array per row, which costs an allocation per exchange.
 */
const BIT_COUNTS = `[${Array.from({ length: 32 }, (_, i) => `sum(bitTest(simhash, ${i}))`).join(', ')}]`;

export default defineSignal({
  id: 'distribution_shift',
  title: 'Prompt distribution unlike the population',
  group: 'distribution',
  measures: 'A two-sample statistic (linear-kernel MMD) between the account\'s prompts and all prompts, on 32-bit SimHash sketches of word 3-shingles (a random projection of the hashed n-gram vector): n * ||mean(account) - mean(all)||^2 / trace(covariance), about 1 for an account whose prompts look like everyone\'s.',
  why: 'Research (2026) shows a benign-calibrated two-sample test on pooled traffic separates attacker traffic from the population; pooled over a cluster it catches campaigns that are a small share of each account.',
  confounders: 'Any single-purpose product (one template, one language) differs from the population too.',
  kind: 'value',
  direction: 'high',
  minSupport: 10,
  // One pass over the exchanges: each account's bit counts; the population's are their sums (exact integers, so
  // each mean is the same division as an average over the rows: count / rows).
  sql: () => `
    WITH
      per_account AS (
        SELECT acct, count() AS n, ${BIT_COUNTS} AS bits
        FROM _hunt_x WHERE prompt_len > 0
        GROUP BY acct
      ),
      measured AS (
        SELECT acct, n, bits, sumForEach(bits) OVER () AS all_bits, sum(n) OVER () AS all_n,
               arrayMap(c -> c / all_n, all_bits) AS mu,
               arraySum(arrayMap(m -> m * (1 - m), mu)) AS spread
        FROM per_account
      )
    SELECT a.account_id AS account_id,
           m.n AS n,
           m.n * arraySum(arrayMap((x, b) -> (x - b) * (x - b), arrayMap(c -> c / m.n, m.bits), m.mu)) / m.spread AS value
    FROM measured AS m INNER JOIN _hunt_acct AS a ON a.acct = m.acct`,
});
