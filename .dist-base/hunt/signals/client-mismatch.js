import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'client_mismatch',
    title: 'TLS fingerprint unlike the claimed client',
    group: 'cache',
    measures: 'Share of requests whose client fingerprint (e.g. JA4) is not the one most accounts with the same user agent present, for user agents seen on at least 10 accounts.',
    why: 'Campaigns claim to be a popular coding agent or SDK while running their own HTTP stack, so the TLS fingerprint gives the claim away.',
    confounders: 'Legitimate clients on unusual platforms or proxies that terminate TLS (corporate middleboxes).',
    kind: 'share',
    direction: 'high',
    minSupport: 5,
    sql: () => `
    WITH pairs AS (
      -- (distinct triples first: a few pairs each hold hundreds of thousands of accounts, and exact
      -- distinct counts that large merge slowly across threads)
      SELECT ua, client_fp, count() AS accounts
      FROM (SELECT DISTINCT account_id, ua, client_fp FROM _hunt_x WHERE client_fp != '')
      GROUP BY ua, client_fp
    ),
    modes AS (
      SELECT ua, argMax(client_fp, (accounts, client_fp)) AS mode_fp, sum(accounts) AS total FROM pairs GROUP BY ua HAVING total >= 10
    )
    SELECT x.account_id AS account_id, countIf(x.client_fp != m.mode_fp) AS k, count() AS n
    FROM _hunt_x AS x INNER JOIN modes AS m ON m.ua = x.ua
    WHERE x.client_fp != ''
    GROUP BY x.account_id`,
});
//# sourceMappingURL=client-mismatch.js.map