import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'always_on',
    title: 'Active around the clock',
    group: 'timing',
    measures: 'Entropy of the hour of day of an account\'s requests (log2(24) = 4.58 bits is perfectly flat): no daily rhythm.',
    why: 'A harvesting fleet runs 24/7 to maximise throughput under per-account limits; people sleep.',
    confounders: 'Enterprise pipelines, relays serving users worldwide, and monitoring jobs run 24/7.',
    kind: 'value',
    direction: 'high',
    minSupport: 48,
    sql: () => `SELECT account_id, hour_entropy AS value, exchanges AS n FROM _hunt_acct`,
});
//# sourceMappingURL=always-on.js.map