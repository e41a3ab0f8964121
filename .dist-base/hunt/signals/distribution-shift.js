import { defineSignal } from '../signal.js';
/**
 * The mean of each of the SimHash's 32 bits over the rows aggregated, as an array: 32 plain integer
 * aggregates (one column each) rather than one array per row, which costs an allocation per exchange.
 */
const BIT_MEANS = `[${Array.from({ length: 32 }, (_, i) => `avg(bitTest(simhash, ${i}))`).join(', ')}]`;
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
    sql: () => `
    WITH
      (SELECT ${BIT_MEANS} FROM _hunt_x WHERE prompt_len > 0) AS mu,
      arraySum(arrayMap(m -> m * (1 - m), mu)) AS spread
    SELECT account_id,
           count() AS n,
           n * arraySum(arrayMap((a, b) -> (a - b) * (a - b), ${BIT_MEANS}, mu)) / spread AS value
    FROM _hunt_x WHERE prompt_len > 0
    GROUP BY account_id`,
});
//# sourceMappingURL=distribution-shift.js.map