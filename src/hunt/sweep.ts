import { T, type HuntContext } from './context.js';

/**
 * The campaign sweep, account-oblivious like Blacklight: once a campaign is known, its own templates and
 * system prompts (keys mostly used by its members) become fingerprints, and every other account's traffic
 * is checked against them. An account that is not in the campaign's cluster but sends a significant number
 * of requests matching them is carrying the campaign's traffic, typically a relay mixing it into real
 * customers' requests, where it may be a few percent of the account's volume.
 *
 * Significance is a one-sided binomial test against the background rate at which accounts outside
 * every campaign hit that campaign's fingerprints by chance, Bonferroni-corrected over the accounts tested.
 */

export interface SweepHit {
  account_id: string;
  campaign_id: string;
  exchanges: number;
  hits: number;
  /** Hits expected by chance, from the background rate. */
  expected: number;
  /** -log2 of the binomial tail probability. */
  bits: number;
}

/** A fingerprint must be used by at least this many members, and mostly by members. */
const MIN_MEMBERS_WITH_KEY = 3;
const MIN_MEMBER_SHARE = 0.5;
/** Family-wise false-positive budget of the sweep, over all accounts tested. */
const ALPHA = 0.01;

export async function sweepCampaigns(ctx: HuntContext, membership: Map<string, string>): Promise<SweepHit[]> {
  const { wh } = ctx;
  if (membership.size === 0) return [];
  await wh.command(`DROP TABLE IF EXISTS _hunt_members`);
  await wh.command(`CREATE TABLE _hunt_members (account_id String, campaign_id String) ENGINE = MergeTree ORDER BY account_id`);
  await wh.insertRows('_hunt_members', [...membership].map(([account_id, campaign_id]) => ({ account_id, campaign_id })));
  await wh.command(`DROP TABLE IF EXISTS _hunt_campaign_keys`);
  await wh.command(
    `CREATE TABLE _hunt_campaign_keys ENGINE = MergeTree ORDER BY key AS
     SELECT k.key AS key, m.campaign_id AS campaign_id, uniqExact(k.account_id) AS members_with_key, any(k.df) AS df
     FROM ${T.keys} AS k INNER JOIN _hunt_members AS m ON m.account_id = k.account_id
     WHERE k.kind IN ('template', 'system_prompt')
     GROUP BY key, campaign_id
     HAVING members_with_key >= ${MIN_MEMBERS_WITH_KEY} AND members_with_key >= ${MIN_MEMBER_SHARE} * df`,
  );
  const rows = await wh.query<{ account_id: string; campaign_id: string; exchanges: string; hits: string }>(
    `WITH hits AS (
       SELECT x.account_id AS account_id, c.campaign_id AS campaign_id, uniqExact(x.ts, x.prompt_len, x.simhash) AS hits
       FROM ${T.x} AS x
       ARRAY JOIN [x.opening_key, bitOr(x.simhash, 0x8000000000000000), x.line_keys[1], x.line_keys[2], x.line_keys[3], x.system_key] AS key
       INNER JOIN _hunt_campaign_keys AS c ON c.key = key
       WHERE key != 0 AND x.account_id NOT IN (SELECT account_id FROM _hunt_members)
       GROUP BY account_id, campaign_id
     )
     SELECT h.account_id AS account_id, h.campaign_id AS campaign_id, a.exchanges AS exchanges, h.hits AS hits
     FROM hits AS h INNER JOIN ${T.acct} AS a ON a.account_id = h.account_id`,
  );
  const [tot] = await wh.query<{ exchanges: string; accounts: string }>(
    `SELECT sum(exchanges) AS exchanges, count() AS accounts FROM ${T.acct} WHERE account_id NOT IN (SELECT account_id FROM _hunt_members)`,
  );
  const outsideExchanges = Number(tot?.exchanges ?? 0);
  const tested = Math.max(1, Number(tot?.accounts ?? 0));
  // Background rate per campaign: all chance hits outside the campaigns over all traffic outside them.
  const hitsByCampaign = new Map<string, number>();
  for (const r of rows) hitsByCampaign.set(r.campaign_id, (hitsByCampaign.get(r.campaign_id) ?? 0) + Number(r.hits));
  const threshold = Math.log2(tested / ALPHA);
  const out: SweepHit[] = [];
  for (const r of rows) {
    const n = Number(r.exchanges);
    const h = Math.min(n, Number(r.hits));
    // The account's own hits are excluded from its background, so a large relay cannot mask itself.
    const rate = Math.max(1e-9, ((hitsByCampaign.get(r.campaign_id) ?? 0) - h) / Math.max(1, outsideExchanges - n));
    const bits = -log2BinomialTail(n, h, rate);
    if (h >= MIN_MEMBERS_WITH_KEY && bits >= threshold) {
      out.push({ account_id: r.account_id, campaign_id: r.campaign_id, exchanges: n, hits: h, expected: n * rate, bits });
    }
  }
  out.sort((a, b) => b.bits - a.bits || (a.account_id < b.account_id ? -1 : 1));
  return out;
}

/** log2 P(X >= k) for X ~ Binomial(n, p), summed in log space (exact enough for the tails we need). */
export function log2BinomialTail(n: number, k: number, p: number): number {
  if (k <= 0) return 0;
  if (k > n) return -Infinity;
  const lnp = Math.log(p);
  const lnq = Math.log1p(-p);
  // Terms of the tail, from k upward, until they stop mattering.
  let lnTerm = lnChoose(n, k) + k * lnp + (n - k) * lnq;
  let lnSum = lnTerm;
  for (let i = k + 1; i <= n; i++) {
    lnTerm += Math.log((n - i + 1) / i) + lnp - lnq;
    const next = logAdd(lnSum, lnTerm);
    if (next - lnSum < 1e-12) break;
    lnSum = next;
  }
  return Math.min(0, lnSum / Math.LN2);
}

function logAdd(a: number, b: number): number {
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

function lnChoose(n: number, k: number): number {
  return lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1);
}

/** Lanczos approximation of ln Γ(x) for x > 0. */
function lnGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  x -= 1;
  let a = c[0]!;
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i]! / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
