import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'max_output',
  title: 'Asks for the maximum output',
  group: 'output',
  measures: 'Share of requests whose max_tokens is at least 90% of the largest output the provider allows.',
  why: 'A harvester wants the longest, most complete answer for its training set, so it always asks for the limit.',
  confounders: 'Coding agents and some SDK defaults request large outputs too; long-form writing tools.',
  kind: 'share',
  perRequest: true,
  direction: 'high',
  minSupport: 5,
  sql: () => `SELECT account_id, round(max_output_share * exchanges) AS k, exchanges AS n FROM _hunt_acct WHERE exchanges > 0`,
});
