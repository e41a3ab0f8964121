import { defineSignal } from '../signal.js';

/** A prompt shorter than this asks nothing: its one-token answer's log-probabilities measure the model. */
export const TINY_PROMPT_CHARS = 40;
/**
 * A prompt re-sent as a probe with this many different logit-bias map sizes is being swept: the same
 * question asked again with the same settings (an evaluation re-run) gives the same numbers and is not.
 */
export const SWEPT_BIAS_SIZES = 3;
/** A probe asks for at least this many top log-probabilities of an answer capped at 1 to LOGPROB_PROBE_MAX_TOKENS tokens. */
export const LOGPROB_PROBE_TOP = 5;
export const LOGPROB_PROBE_MAX_TOKENS = 4;

export default defineSignal({
  id: 'logprob_sweep',
  title: 'Top-logprob sweep over tiny or fixed prompts',
  group: 'extraction',
  measures: `Probes sent: requests asking for ${LOGPROB_PROBE_TOP}+ top log-probabilities of a 1-${LOGPROB_PROBE_MAX_TOKENS} token answer (or coming back with at most 2 tokens) whose prompt is under ${TINY_PROMPT_CHARS} characters, or one the account re-sends as such a probe with ${SWEPT_BIAS_SIZES}+ different logit-bias map sizes.`,
  why: 'Log-probability extraction (Carlini et al. 2024; Finlayson et al. 2024) reads the top-k log-probabilities of one next token over and over: on one fixed prompt with the bias varied, or on throwaway prompts, to rebuild the full distribution and the image of the output layer. The answer is never used; the numbers are.',
  confounders: 'Multiple-choice evaluation scores benchmark questions with log-probabilities (real questions of tens to thousands of characters; a re-run sends the same question with the same settings, often dozens of times); classifiers read label probabilities on real inputs.',
  kind: 'value',
  direction: 'high',
  minSupport: 20,
  floor: {
    value: 200,
    why: `A one-token answer to a prompt of a few words, or to one prompt re-sent under ever different logit biases, is a measurement of the model rather than a question; 200 such probes with 5-20 log-probabilities each map thousands of next-token probabilities, the raw material of the published extraction attacks. Benchmark scoring asks real questions, and a re-run repeats them with the same settings. A researcher studying a short prompt's next-token distribution at length reaches it too.`,
  },
  sql: () => `
    WITH probes AS (
      SELECT account_id, prompt_shape, prompt_len, logit_bias_size FROM _hunt_x
      WHERE top_logprobs >= ${LOGPROB_PROBE_TOP} AND (max_tokens BETWEEN 1 AND ${LOGPROB_PROBE_MAX_TOKENS} OR out_tok <= 2)
    ),
    per_prompt AS (
      SELECT account_id, prompt_shape, count() AS sent, max(prompt_len) AS len, uniqExact(logit_bias_size) AS bias_sizes
      FROM probes GROUP BY account_id, prompt_shape
    ),
    swept AS (
      SELECT account_id, sumIf(sent, len < ${TINY_PROMPT_CHARS} OR bias_sizes >= ${SWEPT_BIAS_SIZES}) AS probes FROM per_prompt GROUP BY account_id
    )
    SELECT a.account_id AS account_id, ifNull(s.probes, 0) AS value, a.exchanges AS n
    FROM _hunt_acct AS a LEFT JOIN swept AS s ON s.account_id = a.account_id
    WHERE a.exchanges > 0
    SETTINGS join_use_nulls = 1`,
});
