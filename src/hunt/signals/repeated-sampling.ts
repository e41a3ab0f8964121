import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'repeated_sampling',
  title: 'Samples several answers per prompt',
  group: 'sampling',
  measures: 'Share of requests asking for several completions of the same prompt (n >= 2).',
  why: 'Rejection-sampling harvests buy several answers to every prompt and keep the best (or every correct) one as training data: the prompt is paid once, the answers n times.',
  confounders: 'Research labs and evaluation harnesses measuring pass@k or self-consistency; products offering several drafts.',
  kind: 'share',
  perRequest: true,
  direction: 'high',
  minSupport: 5,
  sql: () => `SELECT account_id, round(multi_n_share * exchanges) AS k, exchanges AS n FROM _hunt_acct WHERE exchanges > 0`,
});
