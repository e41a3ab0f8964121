import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'single_turn',
  title: 'Single-turn requests',
  group: 'conversation',
  measures: 'Share of requests that open a conversation (turn 1) rather than continue one.',
  why: 'Harvesting sends one fresh question after another; real users and agents follow up.',
  confounders: 'Batch pipelines, evaluation runs and classification services are single-turn by nature.',
  kind: 'share',
  perRequest: true,
  turnOfConversation: true,
  direction: 'high',
  minSupport: 5,
  sql: () => `SELECT account_id, round(first_turn_share * exchanges) AS k, exchanges AS n FROM _hunt_acct WHERE exchanges > 0`,
});
