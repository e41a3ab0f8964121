import { defineSignal } from '../signal.js';

/**
 * The TLS stack a fingerprint names. For a JA4 fingerprint (`a_b_c`, FoxIO's format, which Cloudflare, AWS WAF
 * and most edges supply) that is JA4_b, the hash of the sorted cipher suites: a client's releases change its
 * extension list (JA4_a's counts, JA4_c) from one version to the next, while the cipher list is its TLS library's
 * (Node's, Python's OpenSSL, Go's). Any other fingerprint (a JA3 hash) is compared whole.
 */
const stackSql = (fp: string) => `if(match(${fp}, '^[a-z0-9]{10}_[0-9a-f]{12}_[0-9a-f]{12}$'), splitByChar('_', ${fp})[2], ${fp})`;

export default defineSignal({
  id: 'client_mismatch',
  title: 'TLS stack unlike the claimed client',
  group: 'cache',
  measures:
    "Share of requests whose TLS stack (a JA4 fingerprint's cipher-suite hash, JA4_b; any other fingerprint whole) is not the one most accounts with the same user agent present, for user agents seen on at least 10 accounts.",
  why: 'Campaigns claim to be a popular coding agent or SDK while running their own HTTP stack, so the TLS fingerprint gives the claim away. Compared by TLS stack, not by whole fingerprint: one release of a real client presents several JA4 variants (extension lists differ by platform and build), all over one cipher list.',
  confounders: 'Legitimate clients on unusual platforms or proxies that terminate TLS (corporate middleboxes).',
  kind: 'share',
  direction: 'high',
  minSupport: 5,
  sql: () => `
    WITH stacks AS (
      SELECT DISTINCT account_id, ua, ${stackSql('client_fp')} AS stack FROM _hunt_x WHERE client_fp != ''
    ),
    pairs AS (
      -- (distinct triples first: a few pairs each hold hundreds of thousands of accounts, and exact
      -- distinct counts that large merge slowly across threads)
      SELECT ua, stack, count() AS accounts FROM stacks GROUP BY ua, stack
    ),
    modes AS (
      SELECT ua, argMax(stack, (accounts, stack)) AS mode_stack, sum(accounts) AS total FROM pairs GROUP BY ua HAVING total >= 10
    )
    SELECT x.account_id AS account_id, countIf(${stackSql('x.client_fp')} != m.mode_stack) AS k, count() AS n
    FROM _hunt_x AS x INNER JOIN modes AS m ON m.ua = x.ua
    WHERE x.client_fp != ''
    GROUP BY x.account_id`,
});
