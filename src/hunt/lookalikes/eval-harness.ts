import { acctSql, T } from '../context.js';
import { MIN_TEMPLATE_PROMPT_CHARS } from '../signals/template-sharing.js';
import { CANDIDATES, defineLookalike, establishedSql } from './lookalike.js';

export default defineLookalike({
  id: 'eval_harness',
  title: 'Evaluation harness',
  shows: 'An established customer running benchmarks: the same questions asked again run after run (on different days), in dense runs with quiet in between, often step by step, sometimes scored with log-probabilities.',
  caveat: 'A harvest of public benchmark material re-sent for more samples looks the same on content; a harvest asks new questions and runs steadily. (Short follow-ups, a chat script\'s "Keep going.", are not counted as re-runs.)',
  sql: () => `
    -- (accounts by their hashes, acctSql: cheaper to select and group by than their ids)
    WITH x AS (
      SELECT acct, prompt_shape, day, toStartOfHour(ts) AS hour,
             -- a short later turn ("Keep going.") is a conversation's follow-up, not a question: a chat script re-sent
             -- day after day is not a benchmark re-run (as FOLLOW_UP_KEY in sweep.ts)
             turn > 1 AND prompt_len < ${MIN_TEMPLATE_PROMPT_CHARS} AS follow_up
      FROM ${T.x} WHERE acct IN (SELECT ${acctSql()} FROM ${CANDIDATES})
    ),
    reruns AS (
      SELECT acct, sumIf(sent, days >= 2) / sum(sent) AS rerun_share
      FROM (SELECT acct, prompt_shape, count() AS sent, uniqExact(day) AS days FROM x WHERE NOT follow_up GROUP BY acct, prompt_shape)
      GROUP BY acct
    ),
    runs AS (
      -- share of the requests sent in the busiest tenth of the account's active hours
      SELECT acct, arraySum(arraySlice(arrayReverseSort(groupArray(n)), 1, toUInt32(ceil(count() / 10)))) / sum(n) AS busiest_hours_share
      FROM (SELECT acct, hour, count() AS n FROM x GROUP BY acct, hour)
      GROUP BY acct
    )
    SELECT a.account_id AS account_id,
           map('rerun_share', round(r.rerun_share, 3), 'busiest_tenth_of_hours_share', round(u.busiest_hours_share, 3),
               'cot_share', round(ifNull(a.cot_share, 0), 3), 'logprobs_share', round(ifNull(a.logprobs_share, 0), 3)) AS numbers
    FROM ${T.acct} AS a INNER JOIN reruns AS r ON r.acct = a.acct INNER JOIN runs AS u ON u.acct = a.acct
    WHERE ${establishedSql()} AND a.exchanges >= 50 AND (r.rerun_share >= 0.2 OR u.busiest_hours_share >= 0.5)`,
});
