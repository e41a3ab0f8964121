import { defineSignal } from '../signal.js';

/** Prompts shorter than this open with words anyone might write; only longer ones identify a template. */
export const MIN_TEMPLATE_PROMPT_CHARS = 60;

/** SQL over `_hunt_x`: the template keys of one exchange (opening words, SimHash, first substantial line). */
export const TEMPLATE_KEYS = ['opening_key', 'bitOr(simhash, 0x8000000000000000)', 'line_keys[1]'];

export default defineSignal({
  id: 'template_shared',
  title: 'Prompts from a template shared across accounts',
  group: 'templates',
  measures: `Share of the account's prompts (of ${MIN_TEMPLATE_PROMPT_CHARS}+ characters) whose opening words, whose first substantial line, or whose SimHash also occur in the prompts of at least two other accounts (keys shared by so many accounts that they are hubs do not count).`,
  why: 'A campaign fills a few prompt templates with varying slots from thousands of accounts; customers write their own prompts.',
  confounders: 'University classes pasting one assignment; evaluation runners sending the same benchmark questions; users of one app whose prompts are wrapped in the same boilerplate.',
  kind: 'share',
  direction: 'high',
  minSupport: 5,
  // Reads the linking keys (built before the signals): template keys shared by 3+ accounts, hubs excluded.
  sql: () => `
    WITH shared AS (SELECT DISTINCT key FROM _hunt_keys WHERE kind = 'template' AND df >= 3)
    SELECT a.account_id AS account_id, p.k AS k, p.n AS n
    FROM (
      -- (grouped by the account's hash, acctSql: cheaper than by its id)
      SELECT acct,
             countIf(prompt_len >= ${MIN_TEMPLATE_PROMPT_CHARS} AND (${TEMPLATE_KEYS.map((k) => `${k} IN shared`).join(' OR ')})) AS k,
             count() AS n
      FROM _hunt_x GROUP BY acct
    ) AS p INNER JOIN _hunt_acct AS a ON a.acct = p.acct`,
});
