import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'cot_elicitation',
  title: 'Elicits chain-of-thought',
  group: 'elicitation',
  measures: 'Share of requests whose prompt or system prompt asks the model to write out, or reconstruct, its reasoning step by step (phrases in several languages).',
  why: 'Reasoning traces are the most valuable training data; campaigns ask for them directly or ask the model to rebuild the reasoning behind a finished answer.',
  confounders: 'Evaluation runs (GSM8K, MATH with "think step by step"), students asking for worked solutions, tutoring apps.',
  kind: 'share',
  perRequest: true,
  direction: 'high',
  minSupport: 5,
  sql: () => `SELECT account_id, round(cot_share * exchanges) AS k, exchanges AS n FROM _hunt_acct WHERE exchanges > 0`,
});
