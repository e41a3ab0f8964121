import { defineSignal } from '../signal.js';

/** A probe: a logit-bias map of at least this many entries on a request whose answer is a token or a few. */
export const PROBE_BIAS_ENTRIES = 64;
/** ... and an answer capped at 1 to this many tokens (the guard's request-level test uses the same two numbers). */
export const PROBE_MAX_TOKENS = 16;

export default defineSignal({
  id: 'logit_sweep',
  title: 'Logit-bias sweep (output-layer extraction)',
  group: 'extraction',
  measures: `Probes sent: requests carrying a logit-bias map of ${PROBE_BIAS_ENTRIES} or more entries whose answer is capped at 1-${PROBE_MAX_TOKENS} tokens (or came back with at most 2).`,
  why: 'The published output-layer extraction attacks (Carlini et al. 2024, "Stealing Part of a Production Language Model"; Finlayson et al. 2024, "Logits of API-Protected LLMs Leak Proprietary Information") bias large sets of tokens and read one token (and its log-probabilities) back, thousands of times, to recover the logit vector and from it the hidden dimension and the final layer, for under $20.',
  confounders: 'Evaluation harnesses scoring multiple choice bias a few answer letters (well under the probe size); constrained-decoding users bias a label set; a calibration study may bias hundreds of tokens, on far fewer short-answer requests.',
  kind: 'value',
  direction: 'high',
  minSupport: 20,
  floor: {
    value: 100,
    why: `Nothing in the API needs a map of ${PROBE_BIAS_ENTRIES}+ biased tokens to get a one-token answer: a classifier biases its label tokens (a handful to a few dozen), a ban list rides on answers of normal length. 100 probes of at most 300 entries (the API's cap) read back at most 30,000 token logits: a fraction of one vocabulary (100k-200k tokens), and the published attacks need thousands. A researcher probing calibration with large maps on a few hundred short answers reaches it too; that is the attack's own measurement and is worth acting on.`,
  },
  sql: () => `
    SELECT a.account_id AS account_id, p.value AS value, p.n AS n
    FROM (
      -- (grouped by the account's hash, acctSql: cheaper than by its id)
      SELECT acct, countIf(logit_bias_size >= ${PROBE_BIAS_ENTRIES} AND (max_tokens BETWEEN 1 AND ${PROBE_MAX_TOKENS} OR out_tok <= 2)) AS value, count() AS n
      FROM _hunt_x GROUP BY acct
    ) AS p INNER JOIN _hunt_acct AS a ON a.acct = p.acct`,
});
