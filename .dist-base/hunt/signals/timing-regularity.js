import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'timing_regularity',
    title: 'Machine-regular timing',
    group: 'timing',
    measures: 'Coefficient of variation of the gaps between an account\'s requests while it is active (gaps under an hour); low means clockwork.',
    why: 'Scripts shaped to stay under rate limits send on a timer (cron-like rhythm), where people and real agents are bursty.',
    confounders: 'Batch pipelines and queue workers send at a steady rate too.',
    kind: 'value',
    direction: 'low',
    minSupport: 20,
    sql: () => `SELECT account_id, gap_cv AS value, exchanges AS n FROM _hunt_acct WHERE gap_cv > 0`,
});
//# sourceMappingURL=timing-regularity.js.map