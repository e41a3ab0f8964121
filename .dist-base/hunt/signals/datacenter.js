import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'datacenter_ip',
    title: 'Traffic from hosting networks',
    group: 'infrastructure',
    measures: 'Share of requests from IPs announced by hosting, cloud or VPS networks (operator IP-to-ASN table, or the built-in cloud ranges).',
    why: 'Campaigns hide behind cloud proxies and VPNs; people mostly connect from ISPs and mobile carriers.',
    confounders: 'Server-side integrations, batch pipelines, relays and evaluation runs all run in the cloud.',
    kind: 'share',
    direction: 'high',
    minSupport: 5,
    sql: () => `SELECT account_id, round(hosting_share * exchanges) AS k, exchanges AS n FROM _hunt_acct WHERE exchanges > 0`,
});
//# sourceMappingURL=datacenter.js.map