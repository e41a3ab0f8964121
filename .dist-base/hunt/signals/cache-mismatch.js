import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'cache_mismatch',
    title: 'Prompt-cache use unlike the claimed client',
    group: 'cache',
    measures: 'How far below the typical prompt-cache read ratio of accounts with the same user agent this account\'s ratio is (peer median minus own ratio), for user agents with at least 10 accounts.',
    why: 'A real coding agent re-reads its long cached prefix 96-99% of the time; a harvester claiming to be that agent sends fresh prompts, so its cache reads do not fit the client it claims to be.',
    confounders: 'Users of an agent on tiny one-off tasks; clients that disable caching; cache evictions during outages.',
    kind: 'value',
    direction: 'high',
    minSupport: 10,
    sql: () => `
    WITH peers AS (
      SELECT main_ua, quantileExact(0.5)(ifNull(cache_read_ratio, 0)) AS peer_ratio, count() AS accounts
      FROM _hunt_acct WHERE exchanges >= 10 GROUP BY main_ua
    )
    SELECT a.account_id AS account_id, greatest(0, p.peer_ratio - ifNull(a.cache_read_ratio, 0)) AS value, a.exchanges AS n
    FROM _hunt_acct AS a INNER JOIN peers AS p ON p.main_ua = a.main_ua
    WHERE p.accounts >= 10`,
});
//# sourceMappingURL=cache-mismatch.js.map