import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'single_turn',
  title: 'Single-turn requests',
  group: 'conversation',
  measures: 'Share of requests that open a conversation (turn 1) rather than continue one.',
  why: 'Harvesting sends one fresh question after another; real users and agents follow up.',
  confounders: 'Batch pipelines, evaluation runs and classification services are single-turn by nature.',
  kind: 'share',
  direction: 'high',
  minSupport: 5,
  sql: () => `SELECT account_id, countIf(turn = 1) AS k, count() AS n FROM _hunt_x GROUP BY account_id`,
});
