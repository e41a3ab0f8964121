import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'max_reasoning_budget',
  title: 'Reasoning budget at maximum',
  group: 'elicitation',
  measures: 'Share of requests with an extended-reasoning budget at 90% or more of the largest the provider allows.',
  why: 'Harvesters of reasoning turn the budget to the limit on every request to get the longest traces.',
  confounders: 'Hard-problem solvers and evaluation runs on reasoning benchmarks.',
  kind: 'share',
  perRequest: true,
  direction: 'high',
  minSupport: 5,
  sql: () => `SELECT account_id, round(max_reasoning_share * exchanges) AS k, exchanges AS n FROM _hunt_acct WHERE exchanges > 0`,
});
