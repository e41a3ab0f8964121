import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'max_output',
  title: 'Asks for the maximum output',
  group: 'output',
  measures: 'Share of requests whose max_tokens is at least 90% of the largest output the provider allows.',
  why: 'A harvester wants the longest, most complete answer for its training set, so it always asks for the limit.',
  confounders: 'Coding agents and some SDK defaults request large outputs too; long-form writing tools.',
  kind: 'share',
  direction: 'high',
  minSupport: 5,
  sql: () => `SELECT account_id, countIf(max_tokens >= 0.9 * {max_output:UInt32}) AS k, count() AS n FROM _hunt_x GROUP BY account_id`,
});
