import { defineSignal } from '../signal.js';

/** A pause shorter than this counts as this long: clocks of different machines, and a follow-up typed during the answer. */
const MIN_PAUSE_MS = 500;

export default defineSignal({
  id: 'unread_answers',
  title: 'Follow-ups sent faster than the answers could be read',
  group: 'conversation',
  measures:
    "Median, over an account's follow-ups in conversations without tools, of the previous answer's output tokens per minute of pause between that answer's completion (its request time plus its latency) and the follow-up.",
  why: 'A harvest posing as chat users sends the next question of its script as soon as the answer is stored: nobody reads it. A person reads or skims the answer first, so the pause before the next question grows with the answer (people read a few hundred words a minute; a harvest of long answers shows thousands of tokens a minute).',
  confounders:
    'Programs that chain turns by themselves: multi-turn evaluation benchmarks, prompt chains in pipelines; a person who asks again without reading ("shorter please" after a glance). Agent loops, whose next turn is a tool result, declare tools and are left out.',
  kind: 'value',
  direction: 'high',
  minSupport: 5,
  // Each conversation's tool-free turns in order; a follow-up is paired with the turn just before it (turn - 1).
  sql: () => `
    WITH conversations AS (
      SELECT acct, arraySort(t -> t.1, groupArray((turn, ts, out_tok, latency_ms))) AS turns
      FROM _hunt_x
      WHERE conv_key != 0 AND tool_count = 0
      GROUP BY acct, conv_key
      HAVING count() >= 2
    ),
    follow_ups AS (
      SELECT acct, pair.1 AS answered, pair.2 AS next
      FROM conversations ARRAY JOIN arrayZip(arrayPopBack(turns), arrayPopFront(turns)) AS pair
      WHERE next.1 = answered.1 + 1
    ),
    speed AS (
      SELECT acct,
             quantileExactLow(0.5)(answered.3 / (greatest(${MIN_PAUSE_MS}, dateDiff('millisecond', answered.2, next.2) - answered.4) / 60000)) AS tokens_per_minute,
             count() AS n
      FROM follow_ups GROUP BY acct
    )
    SELECT a.account_id AS account_id, s.tokens_per_minute AS value, s.n AS n
    FROM speed AS s INNER JOIN _hunt_acct AS a ON a.acct = s.acct`,
});
