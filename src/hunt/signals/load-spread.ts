import { defineSignal } from '../signal.js';
import { LINK_KINDS } from '../link.js';

/**
 * SQL: a link kind's place in the alphabetical order of the kinds' names, from its number in the keys table: the
 * tie-break by kind name without turning each incidence's kind into a string.
 */
const kindRankSql = (kind: string) => `[${LINK_KINDS.map((k) => [...LINK_KINDS].sort().indexOf(k)).join(', ')}][CAST(${kind} AS UInt8)]`;

/**
 * Rate-limit shaping seen across accounts rather than within one: the accounts tied together by a rare
 * key (a card, a sign-up burst, a template) each carry the same slice of the load.
 */
export default defineSignal({
  id: 'load_spread',
  title: 'Load spread evenly across linked accounts',
  group: 'coordination',
  measures:
    'Among the accounts sharing the account\'s most specific link key (the one the fewest accounts share, at least 3 of ' +
    'them with 20+ requests), the spread (standard deviation) of the logarithm of requests per day.',
  why:
    'A harvesting operation divides its volume round-robin over its accounts so each stays under its limit: the ' +
    'accounts of one card or one sign-up wave send nearly the same number of requests a day. Independent people ' +
    'sharing a network or a template differ in volume by orders of magnitude.',
  confounders:
    'An organisation that shards one pipeline over several keys or sub-accounts on one card; a class doing the ' +
    'same assignment (similar, though rarely identical, loads).',
  kind: 'value',
  direction: 'low',
  minSupport: 20,
  sql: () => `
    WITH
      volume AS (
        SELECT acct, log(greatest(exchanges_per_day, 0.001)) AS log_rate
        FROM _hunt_acct WHERE exchanges >= 20
      ),
      member AS (
        SELECT k.kind AS kind, k.key AS key, k.df AS df, k.acct AS acct, v.log_rate AS log_rate
        FROM _hunt_keys AS k INNER JOIN volume AS v ON v.acct = k.acct
      ),
      spread AS (
        -- (rounded: partial sums merge in any order, and the last bits would differ between runs)
        SELECT kind, key, any(df) AS df,
               -- (df, the kind's name, key) as one number that sorts as they do: cheaper to take the least of than a tuple
               bitOr(bitShiftLeft(toUInt128(df), 72), bitOr(bitShiftLeft(toUInt128(${kindRankSql('kind')}), 64), toUInt128(key))) AS specificity,
               round(stddevPop(log_rate), 9) AS sd, groupArray(acct) AS members
        FROM member GROUP BY kind, key HAVING length(members) >= 3
      ),
      chosen AS (
        -- the most specific key of each account (fewest sharers), ties broken by kind (its name) and key
        SELECT acct, argMin(sd, specificity) AS value
        FROM spread ARRAY JOIN members AS acct
        GROUP BY acct
      )
    SELECT a.account_id AS account_id, c.value AS value, a.exchanges AS n
    FROM chosen AS c INNER JOIN _hunt_acct AS a ON a.acct = c.acct`,
});
