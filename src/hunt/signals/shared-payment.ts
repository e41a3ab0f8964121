import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'shared_payment',
  title: 'Payment method shared across accounts',
  group: 'account',
  measures: 'Number of accounts (active in the window) paying with the same payment fingerprint.',
  why: 'Fleets of accounts are paid for with a few cards or virtual-card ranges.',
  confounders: 'Organisations paying for several accounts centrally (they usually share an org id).',
  kind: 'value',
  direction: 'high',
  minSupport: 1,
  sql: () => `
    WITH counts AS (
      SELECT payment_fingerprint, count() AS accounts FROM _hunt_acct WHERE payment_fingerprint IS NOT NULL GROUP BY payment_fingerprint
    )
    SELECT a.account_id AS account_id, toFloat64(c.accounts) AS value, a.exchanges AS n
    FROM _hunt_acct AS a INNER JOIN counts AS c ON c.payment_fingerprint = a.payment_fingerprint`,
});
