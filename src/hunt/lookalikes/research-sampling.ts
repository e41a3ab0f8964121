import { T } from '../context.js';
import { CANDIDATES, defineLookalike, establishedSql } from './lookalike.js';

export default defineLookalike({
  id: 'research_sampling',
  title: 'Research lab sampling many answers',
  shows: 'An established or research account that asks for several answers per prompt (pass@k, self-consistency, best-of-n), at high reasoning budgets, in studies of days rather than as a standing operation.',
  caveat: 'Rejection-sampling harvests do the same around the clock for weeks from servers: the reasoning_harvest floor acts on those.',
  sql: () => `
    SELECT a.account_id AS account_id,
           map('multi_n_share', round(a.multi_n_share, 3), 'max_reasoning_share', round(a.max_reasoning_share, 3),
               'active_days', toFloat64(a.active_days), 'requests_per_day', round(ifNull(a.exchanges_per_day, 0), 2)) AS numbers
    FROM ${T.acct} AS a
    WHERE a.account_id IN (SELECT account_id FROM ${CANDIDATES}) AND a.exchanges > 0
      AND a.multi_n_share >= 0.2 AND (${establishedSql()} OR ifNull(a.tier, '') = 'research')`,
});
