import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'logit_sweep',
  title: 'Logit-bias and log-probability sweeps',
  group: 'extraction',
  measures: 'Share of requests that set a logit bias, or ask for log-probabilities with a tiny output (1-16 tokens).',
  why: 'The published logit-extraction attack (Carlini et al. 2024) recovers a model\'s output layer from many such probes for under $20.',
  confounders: 'Classification and calibration tools using logprobs over short outputs; constrained-decoding users.',
  kind: 'share',
  direction: 'high',
  minSupport: 20,
  standalone: true,
  sql: () => `
    SELECT account_id, countIf(logit_bias_size > 0 OR (top_logprobs > 0 AND max_tokens BETWEEN 1 AND 16)) AS k, count() AS n
    FROM _hunt_x GROUP BY account_id`,
});
