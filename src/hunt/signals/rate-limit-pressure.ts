import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'rate_limit_pressure',
  title: 'Runs just under the rate limit',
  group: 'rate_limit',
  measures: 'Share of the account\'s active minutes spent at 50-100% of its tier\'s requests-per-minute limit without exceeding it.',
  why: 'Traffic shaped to evade rate limits keeps each account just below its limit, minute after minute.',
  confounders: 'Well-behaved clients with client-side throttling set near the limit (some batch tools).',
  kind: 'share',
  direction: 'high',
  minSupport: 10,
  sql: () => `
    SELECT m.account_id AS account_id,
           countIf(a.tier_rpm > 0 AND m.c >= 0.5 * a.tier_rpm AND m.c <= a.tier_rpm) AS k,
           count() AS n
    FROM (SELECT account_id, minute, count() AS c FROM _hunt_x GROUP BY account_id, minute) AS m
    INNER JOIN _hunt_acct AS a ON a.account_id = m.account_id
    GROUP BY m.account_id`,
});
