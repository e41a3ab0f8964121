import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'rate_limited',
    title: 'Hits the rate limit',
    group: 'rate_limit',
    measures: 'Share of requests answered with HTTP 429.',
    why: 'Unshaped harvesting runs into the limit over and over; operators then spread load over more accounts.',
    confounders: 'Bursty legitimate clients (a class starting an exercise at once, a batch job without backoff).',
    kind: 'share',
    direction: 'high',
    minSupport: 10,
    sql: () => `SELECT account_id, round(ifNull(rate_limited_share, 0) * exchanges) AS k, exchanges AS n FROM _hunt_acct WHERE exchanges > 0`,
});
//# sourceMappingURL=rate-limited.js.map