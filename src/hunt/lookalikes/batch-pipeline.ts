import { acctSql, T } from '../context.js';
import { CANDIDATES, defineLookalike, establishedSql } from './lookalike.js';

export default defineLookalike({
  id: 'batch_pipeline',
  title: 'Enterprise batch pipeline',
  shows: 'An established customer running one job: most requests open the same way (one template), single-turn, from servers, steadily, without asking for reasoning.',
  caveat: 'A campaign driving one template hard from fresh accounts shows the first half; its provenance and what it asks for separate them.',
  sql: () => `
    WITH top AS (
      -- (accounts by their hashes, acctSql: cheaper to select and group by than their ids)
      SELECT acct, max(n) / sum(n) AS top_template_share
      FROM (SELECT acct, opening_key, count() AS n FROM ${T.x} WHERE acct IN (SELECT ${acctSql()} FROM ${CANDIDATES}) GROUP BY acct, opening_key)
      GROUP BY acct
    )
    SELECT a.account_id AS account_id,
           map('top_template_share', round(t.top_template_share, 3), 'cot_share', round(ifNull(a.cot_share, 0), 3),
               'hosting_share', round(ifNull(a.hosting_share, 0), 3), 'requests_per_day', round(ifNull(a.exchanges_per_day, 0), 1)) AS numbers
    FROM ${T.acct} AS a INNER JOIN top AS t ON t.acct = a.acct
    WHERE ${establishedSql()} AND t.top_template_share >= 0.6 AND ifNull(a.cot_share, 0) < 0.2 AND a.exchanges >= 100`,
});
