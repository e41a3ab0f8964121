import { T } from '../context.js';
import { CANDIDATES, defineLookalike, establishedSql } from './lookalike.js';

export default defineLookalike({
  id: 'reseller_relay',
  title: 'Reseller relay or gateway',
  shows: 'One established account serving many unrelated end users: heavy volume around the clock, content across every kind of request (no single task), conversations of mixed length.',
  caveat: 'A relay can carry a campaign among its customers (cover traffic): the membership sweep tests its requests against the campaign\'s fingerprints whatever the pattern says.',
  sql: () => `
    WITH spread AS (
      SELECT account_id,
             arrayMap(c -> c / greatest(1, arraySum(capability_counts)), capability_counts) AS shares,
             -arraySum(arrayMap(p -> if(p > 0, p * log2(p), 0), shares)) AS capability_entropy
      FROM ${T.acct} WHERE account_id IN (SELECT account_id FROM ${CANDIDATES}) AND exchanges > 0
    )
    SELECT a.account_id AS account_id,
           map('capability_entropy_bits', round(s.capability_entropy, 3), 'requests_per_day', round(ifNull(a.exchanges_per_day, 0), 1),
               'mean_turn', round(ifNull(a.mean_turn, 0), 2), 'hour_entropy', round(ifNull(a.hour_entropy, 0), 2)) AS numbers
    FROM ${T.acct} AS a INNER JOIN spread AS s ON s.account_id = a.account_id
    WHERE ${establishedSql()} AND ifNull(a.exchanges_per_day, 0) >= 100 AND s.capability_entropy >= 1.5 AND ifNull(a.hour_entropy, 0) >= 4`,
});
