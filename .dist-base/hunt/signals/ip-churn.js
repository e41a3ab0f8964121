import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'ip_churn',
    title: 'IP churn',
    group: 'infrastructure',
    measures: 'Distinct client networks (/24 IPv4, /48 IPv6) per active day.',
    why: 'Proxy pools rotate exits per request, session or day; a customer works from a handful of networks.',
    confounders: 'Mobile users moving between carriers and Wi-Fi; clients behind rotating corporate egress.',
    kind: 'value',
    direction: 'high',
    minSupport: 5,
    sql: () => `SELECT account_id, subnets / greatest(1, active_days) AS value, exchanges AS n FROM _hunt_acct`,
});
//# sourceMappingURL=ip-churn.js.map