import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'instruction_synthesis',
  title: 'Asks for training data (self-instruct, evol-instruct)',
  group: 'elicitation',
  measures: 'Share of requests whose prompt asks the model to write training material: lists of new task instructions, harder rewrites of a given prompt, problems invented from a seed, question-answer or instruction-response pairs (phrases, text.ts).',
  why: 'Self-instruct and evol-instruct expansion use the model to write the prompts of a training set, then harvest its answers to them: the meta-prompts say so.',
  confounders: 'Synthetic-data products a customer is allowed to build, researchers building evaluation sets, teachers writing quizzes.',
  kind: 'share',
  perRequest: true,
  direction: 'high',
  minSupport: 5,
  sql: () => `SELECT account_id, round(synthesis_share * exchanges) AS k, exchanges AS n FROM _hunt_acct WHERE exchanges > 0`,
});
