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
    SELECT r.account_id AS account_id, sumIf(r.requests, i.country != a.billing_country) AS k, sum(r.requests) AS n
    -- (each account's requests per client IP, from its rollups over the window: the IP's country is the same for
    -- all of them)
    FROM (
      SELECT account_id, ip, requests FROM _hunt_acct_rollup
      ARRAY JOIN tupleElement(ip_counts, 1) AS ip, tupleElement(ip_counts, 2) AS requests
    ) AS r
    INNER JOIN _hunt_ip AS i ON i.ip = r.ip
    INNER JOIN _hunt_acct AS a ON a.account_id = r.account_id
    WHERE i.country != '' AND ifNull(a.billing_country, '') != ''
    GROUP BY r.account_id`,
});
