import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'country_mismatch',
    title: 'Billing country unlike IP country',
    group: 'infrastructure',
    measures: 'Share of requests from IPs in a country other than the account\'s billing country (where both are known).',
    why: 'Campaigns from restricted regions pay from one country and connect through proxies in others.',
    confounders: 'Travellers, VPN users, multinational teams billed centrally.',
    kind: 'share',
    direction: 'high',
    minSupport: 5,
    sql: () => `
    SELECT x.account_id AS account_id, countIf(x.ip_country != a.billing_country) AS k, count() AS n
    FROM _hunt_x AS x INNER JOIN _hunt_acct AS a ON a.account_id = x.account_id
    WHERE x.ip_country != '' AND ifNull(a.billing_country, '') != ''
    GROUP BY x.account_id`,
});
//# sourceMappingURL=country-mismatch.js.map