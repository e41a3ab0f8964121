import { T, type HuntContext } from './context.js';
import { confidence, riskOf, topReasons, type AccountVerdict, type CampaignVerdict, type Thresholds } from './decide.js';
import { KEY_GROUP_KINDS } from './link.js';
import { combinedBits, type SignalHit } from './population.js';

/**
 * Operations of two accounts. A linked group must hold MIN_CAMPAIGN_ACCOUNTS accounts to be judged as a group:
 * with two, a group's bars (its typical member's evidence) would take any two customers who share a card and
 * behave unusually. But an operator's pair, e.g. two datacenter accounts on one card harvesting around the clock,
 * is an operation, and each of its accounts may stop short of what acting on one account alone needs (a floor,
 * or hiding where it is). Two accounts are a campaign of two when they hold one strong key no one else holds (the
 * kinds a key group is made of: a card, a template, a long system prompt, a sign-up burst or subnet) and each
 * clears both families' single-account bars (ALONE_Z) on its own evidence, measured against the accounts not
 * linked to it: the bars a single account's behaviour and provenance must clear, for each of the two, plus the
 * key that ties them.
 *
 * What else reaches it: two new accounts of one research lab, on the lab's card, both sampling at volume far
 * beyond the population and both new enough to clear the single-account provenance bar. Over the kept red-team
 * worlds no benign pair did (one research-lab account cleared both bars; its lab-mates on the card did not).
 */
export const PAIR_REASON = 'linked_pair';

export interface LinkedPair {
  accounts: [string, string];
  /** The key they alone hold, as kind:hash. */
  key: string;
}

/** The pairs among the accounts not acted on whose own evidence clears both single-account bars. */
export async function linkedPairs(ctx: HuntContext, accounts: AccountVerdict[]): Promise<LinkedPair[]> {
  const candidates = accounts.filter((a) => !a.flagged && a.own.alone).map((a) => a.account_id);
  if (candidates.length < 2) return [];
  const rows = await ctx.wh.queryArrays<[string, string[]]>(
    `SELECT concat(toString(k.kind), ':', toString(k.key)) AS key, arraySort(groupArray(a.account_id)) AS pair
     FROM ${T.keys} AS k
     INNER JOIN (SELECT acct, account_id FROM ${T.acct} WHERE account_id IN {candidates:Array(String)}) AS a ON a.acct = k.acct
     WHERE k.kind IN {kinds:Array(String)} AND k.df = 2
     GROUP BY k.kind, k.key
     HAVING count() = 2
     ORDER BY key`,
    { candidates, kinds: KEY_GROUP_KINDS },
  );
  // One pair per two accounts (the first key in order names it); an account in two pairs stays in the first.
  const paired = new Set<string>();
  const out: LinkedPair[] = [];
  for (const [key, pair] of rows) {
    const [a, b] = pair as [string, string];
    if (paired.has(a) || paired.has(b)) continue;
    paired.add(a);
    paired.add(b);
    out.push({ accounts: [a, b], key });
  }
  return out;
}

/** Per signal both accounts show, the less surprising of the two hits: the typical member of a pair. */
export function pairPooled(a: SignalHit[], b: SignalHit[]): SignalHit[] {
  const other = new Map(b.map((h) => [h.signal, h]));
  const pooled: SignalHit[] = [];
  for (const h of a) {
    const o = other.get(h.signal);
    if (o) pooled.push({ ...(h.bits <= o.bits ? h : o), support: 2 });
  }
  return pooled;
}

/** Makes each pair a campaign of two (numbered after the others), its accounts acted on as its members. */
export function applyPairs(v: { accounts: AccountVerdict[]; campaigns: CampaignVerdict[] }, pairs: LinkedPair[], alone: Thresholds): void {
  const byId = new Map(v.accounts.map((a) => [a.account_id, a]));
  for (const [i, p] of pairs.entries()) {
    const [a, b] = p.accounts.map((id) => byId.get(id)!);
    if (!a || !b) continue;
    const pooled = pairPooled(a.hits, b.hits);
    const score = combinedBits(pooled);
    const campaign: CampaignVerdict = {
      campaign_id: `C${String(v.campaigns.length + 1).padStart(3, '0')}`,
      cluster: -1_000_000 - i,
      accounts: [...p.accounts],
      confidence: confidence(score, alone.behaviour + alone.provenance),
      score,
      reasons: [PAIR_REASON, ...topReasons(pooled)],
      pooled,
      // (the key they alone hold: 2 * log2(N / 2) bits for two random accounts of N to share it, link.ts)
      links: [{ kind: p.key.slice(0, p.key.indexOf(':')), keys: 1, linked: 2, weight: 2 * Math.log2(Math.max(2, v.accounts.length) / 2) }],
      bars: alone,
      basis: 'linked_pair',
      floors: [],
      key: p.key,
    };
    v.campaigns.push(campaign);
    for (const x of [a, b]) {
      x.campaign_id = campaign.campaign_id;
      x.tier = 'campaign';
      x.flagged = true;
      x.reasons = [...new Set([PAIR_REASON, ...x.own.top])];
      x.risk = riskOf('campaign', Math.max(campaign.confidence, x.own.confidence));
    }
  }
}
