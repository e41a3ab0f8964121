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
    sql: () => `SELECT account_id, ifNull(pressure_minutes, 0) AS k, ifNull(active_minutes, 0) AS n FROM _hunt_acct WHERE tier_rpm > 0`,
});
//# sourceMappingURL=rate-limit-pressure.js.map