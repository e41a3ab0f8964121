import { defineSignal } from '../signal.js';

/**
 * The TLS stack a fingerprint names. For a JA4 fingerprint (`a_b_c`, FoxIO's format, which Cloudflare, AWS WAF
 * and most edges supply) that is JA4_b, the hash of the sorted cipher suites: a client's releases change its
 * extension list (JA4_a's counts, JA4_c) from one version to the next, while the cipher list is its TLS library's
 * (Node's, Python's OpenSSL, Go's). Any other fingerprint (a JA3 hash) is compared whole.
 */
const stackSql = (fp: string) => `if(match(${fp}, '^[a-z0-9]{10}_[0-9a-f]{12}_[0-9a-f]{12}$'), splitByChar('_', ${fp})[2], ${fp})`;

/** The client a user agent names, its version numbers left out: `claude-cli/1.0.40 (external, cli)` -> `claude-cli/#.#.# (external, cli)`. */
const familySql = (ua: string) => `replaceRegexpAll(${ua}, '[0-9]+', '#')`;

export default defineSignal({
  id: 'client_mismatch',
  title: 'TLS stack unlike the claimed client',
  group: 'cache',
  measures:
    "Share of requests whose TLS stack (a JA4 fingerprint's cipher-suite hash, JA4_b; any other fingerprint whole) is not the one the claimed client presents: the stack on its newest release in the window (the user agents of one client, version numbers left out, on at least 10 accounts, an account counted once per release and fingerprint; on that release, the stack most of its accounts present).",
  why: "Campaigns claim to be a popular coding agent or SDK while running their own HTTP stack, so the TLS fingerprint gives the claim away. Compared by TLS stack, not by whole fingerprint: one release of a real client presents several JA4 variants (extension lists differ by platform and build), all over one cipher list. Compared against the client's newest release, not release by release: a real client's users update, while a spoofer copies a version string and lags behind it, so on the old releases it claims it is often the only stack there is.",
  confounders: 'Legitimate clients on unusual platforms or proxies that terminate TLS (corporate middleboxes); a client that changed its TLS library in a recent release (its users on older releases then differ, for as long as they stay on them).',
  kind: 'share',
  direction: 'high',
  minSupport: 5,
  tooling: {
    why: "A forged claim is the operator's HTTP stack under another client's name: accounts run by one operator present the same forgery, whatever else each does to look unrelated (its own card, its own exit, an old account of its own). The same forgery is the same claimed client on the same TLS stack: a customer behind a TLS-intercepting proxy shows a mismatch too, on its proxy's stack.",
    // the account's main client, version numbers left out, on its main TLS stack
    key: `if(main_ua != '' AND main_client_fp != '', cityHash64(${familySql('main_ua')}, ${stackSql('main_client_fp')}), 0)`,
  },
  sql: () => `
    WITH
      stacks AS (
        -- One pass over the exchanges: each account's requests by user agent and fingerprint, few rows an account.
        -- (Grouped by the account's hash, acctSql, and the hashes of the two strings, which the engine computes
        -- once per distinct value: several times cheaper than grouping by the strings themselves.)
        SELECT acct, agent AS ua, ${familySql('agent')} AS family, ${stackSql('fp')} AS stack, requests
        FROM (
          SELECT acct, cityHash64(ua) AS ua_hash, cityHash64(client_fp) AS fp_hash, any(ua) AS agent, any(client_fp) AS fp, count() AS requests
          FROM _hunt_x WHERE client_fp != '' GROUP BY acct, ua_hash, fp_hash
        )
      ),
      releases AS (
        -- accounts on each release with each stack, and on the client at all (an account counts once per release
        -- and fingerprint: two builds of one stack on one release are rare, and only move a tie-break)
        SELECT acct, family, stack, requests, count() OVER (PARTITION BY ua, stack) AS holders,
               count() OVER (PARTITION BY family) AS clients, arrayMap(v -> toUInt32OrZero(v), extractAll(ua, '[0-9]+')) AS version
        FROM stacks
      ),
      judged AS (
        -- (A fleet claiming a release newer than any real user runs would set the reference and make the real
        -- users the mismatches: a few bits each, as hundreds of accounts share the value, and nothing linking them.)
        SELECT acct, stack, requests, clients, argMax(stack, (version, holders, stack)) OVER (PARTITION BY family) AS reference
        FROM releases
      ),
      counted AS (
        SELECT acct, sumIf(requests, stack != reference) AS k, sum(requests) AS n
        FROM judged WHERE clients >= 10
        GROUP BY acct
      )
    SELECT a.account_id AS account_id, c.k AS k, c.n AS n
    FROM counted AS c INNER JOIN _hunt_acct AS a ON a.acct = c.acct`,
});
