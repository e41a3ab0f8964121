import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'rubric_grading',
  title: 'Uses the model as a grader',
  group: 'elicitation',
  measures: 'Share of requests that ask the model to score or judge responses against a rubric, or pick the better of two.',
  why: 'Campaigns use a strong model as a reward model for their own training (published in the 2026 disclosures).',
  confounders: 'LLM-as-a-judge evaluation pipelines of legitimate customers; essay-grading products.',
  kind: 'share',
  perRequest: true,
  direction: 'high',
  minSupport: 5,
  sql: () => `SELECT account_id, round(rubric_share * exchanges) AS k, exchanges AS n FROM _hunt_acct WHERE exchanges > 0`,
});
