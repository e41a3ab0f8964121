import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'shared_payment',
    title: 'Payment method shared across accounts',
    group: 'account',
    measures: 'Number of distinct payers behind the accounts paying with the same payment fingerprint: accounts of one organisation (org id, or else the same e-mail domain) count once.',
    why: 'Fleets of accounts are paid for with a few cards or virtual-card ranges, across throwaway identities.',
    confounders: 'Families and small teams paying for a few accounts with one card from personal addresses.',
    kind: 'value',
    direction: 'high',
    minSupport: 1,
    sql: () => `
    WITH counts AS (
      SELECT payment_fingerprint, uniqExact(coalesce(org_id, toString(email_domain), account_id)) AS accounts
      FROM _hunt_acct WHERE payment_fingerprint IS NOT NULL GROUP BY payment_fingerprint
    )
    SELECT a.account_id AS account_id, toFloat64(c.accounts) AS value, a.exchanges AS n
    FROM _hunt_acct AS a INNER JOIN counts AS c ON c.payment_fingerprint = a.payment_fingerprint`,
});
//# sourceMappingURL=shared-payment.js.map