import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'shared_payment',
  title: 'Payment method shared across accounts',
  group: 'account',
  measures:
    'Number of distinct payers behind the accounts paying with the same payment fingerprint: accounts of one organisation (org id, or else the same e-mail domain) count once. An account with no payment method on file is its own payer (1).',
  why: 'Fleets of accounts are paid for with a few cards or virtual-card ranges, across throwaway identities.',
  confounders: 'Families and small teams paying for a few accounts with one card from personal addresses.',
  kind: 'value',
  direction: 'high',
  minSupport: 1,
  // Every account with a record is measured, those without a card as 1: "shares no card" is a value, not a gap. Measured
  // only on the card holders, a linked group's typical member would be the typical card holder among its members: a
  // chat harvest of card-less free accounts, put in one community with a hydra's 123 accounts on shared cards, pooled
  // as if all its 433 accounts shared cards (random world 1539470753), and its accounts opened a day or a week before
  // they harvested then had half of that to show of their own to be in it. (A card holder's surprise is now also
  // counted among every account, not only the card holders: where half pay with no card, one bit more.)
  sql: () => `
    WITH counts AS (
      SELECT payment_fingerprint, uniqExact(coalesce(org_id, toString(email_domain), account_id)) AS accounts
      FROM _hunt_acct WHERE payment_fingerprint IS NOT NULL GROUP BY payment_fingerprint
    )
    SELECT a.account_id AS account_id, toFloat64(if(a.payment_fingerprint IS NULL, 1, c.accounts)) AS value, a.exchanges AS n
    FROM _hunt_acct AS a LEFT JOIN counts AS c ON c.payment_fingerprint = a.payment_fingerprint
    WHERE a.has_record`,
});
