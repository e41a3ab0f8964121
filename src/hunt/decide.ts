import { combinedBits, type Population, type SignalHit } from './population.js';

/**
 * From scores to verdicts. Three ways an account is flagged, each with its reason codes:
 * 1. it belongs to a cluster whose pooled behaviour is a campaign's (`campaign_member`, plus the
 *    cluster's strongest signals);
 * 2. it sends traffic from a campaign's own templates although it is not in the campaign's cluster, e.g. a
 *    relay mixing a campaign's requests into its customers' (`campaign_traffic`);
 * 3. a standalone signal (one specific enough to act on alone, like logit-extraction sweeps) is extreme.
 */

export interface ClusterEvidence {
  cluster: number;
  members: number;
  pooled: SignalHit[];
  links: { kind: string; keys: number; linked: number; weight: number }[];
}

export interface AccountVerdict {
  account_id: string;
  risk: number;
  flagged: boolean;
  campaign_id: string | null;
  reasons: string[];
  /** Own score: sum over signal groups of the strongest signal's surprise, in bits. */
  score: number;
  hits: SignalHit[];
  cluster: number | null;
}

export interface CampaignVerdict {
  campaign_id: string;
  cluster: number;
  accounts: string[];
  confidence: number;
  /** Pooled score of the cluster, bits. */
  score: number;
  reasons: string[];
  pooled: SignalHit[];
  links: ClusterEvidence['links'];
}

export interface DecideInput {
  population: Population;
  hitsByAccount: Map<string, SignalHit[]>;
  clusters: Map<number, ClusterEvidence>;
  clusterOf: Map<string, number>;
  accounts: number;
}

/** A campaign is more than a pair: two accounts sharing a card are a household as often as a fleet. */
export const MIN_CAMPAIGN_ACCOUNTS = 3;
/** A signal counts as a reason when at most 1 account in 2^this is as extreme. */
export const REASON_BITS = 4;

/**
 * How unusual a cluster's pooled behaviour must be to call it a campaign, in bits. Each signal group
 * contributes its strongest pooled signal; a random group of accounts pools to the population's middle,
 * about one bit per group. Requiring the sum to exceed what a single extreme-but-benign account reaches
 * in a couple of groups keeps one-dimensional confounders (a batch pipeline's single template, a class's
 * shared NAT) out.
 */
export function campaignThreshold(groups: number): number {
  return groups * 1 + 3 * REASON_BITS + 8;
}

export function decide(input: DecideInput): { accounts: AccountVerdict[]; campaigns: CampaignVerdict[] } {
  const { hitsByAccount, clusters, clusterOf } = input;
  const groups = new Set([...hitsByAccount.values()].flatMap((hs) => hs.map((h) => h.group))).size;
  const threshold = campaignThreshold(groups);

  const campaigns: CampaignVerdict[] = [];
  const sortedClusters = [...clusters.values()].sort((a, b) => a.cluster - b.cluster);
  const membersOf = new Map<number, string[]>();
  for (const [account, c] of clusterOf) {
    const list = membersOf.get(c);
    if (list) list.push(account);
    else membersOf.set(c, [account]);
  }
  for (const c of sortedClusters) {
    const members = (membersOf.get(c.cluster) ?? []).sort();
    if (members.length < MIN_CAMPAIGN_ACCOUNTS) continue;
    const score = combinedBits(c.pooled);
    if (score < threshold) continue;
    campaigns.push({
      campaign_id: '',
      cluster: c.cluster,
      accounts: members,
      confidence: confidence(score, threshold),
      score,
      reasons: topReasons(c.pooled),
      pooled: c.pooled,
      links: c.links,
    });
  }
  campaigns.sort((a, b) => b.accounts.length - a.accounts.length || b.score - a.score);
  campaigns.forEach((c, i) => (c.campaign_id = `C${String(i + 1).padStart(3, '0')}`));
  const campaignOfCluster = new Map(campaigns.map((c) => [c.cluster, c]));

  const accounts: AccountVerdict[] = [];
  for (const [account_id, hits] of [...hitsByAccount].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const score = combinedBits(hits);
    const cluster = clusterOf.get(account_id) ?? null;
    const campaign = cluster === null ? undefined : campaignOfCluster.get(cluster);
    const standalone = hits.filter((h) => h.bits >= 10 && h.value >= 0.5 && isStandalone(h.signal));
    const reasons: string[] = [];
    if (campaign) reasons.push('campaign_member', ...campaign.reasons);
    for (const h of standalone) reasons.push(h.signal);
    for (const r of topReasons(hits)) if (!reasons.includes(r)) reasons.push(r);
    const flagged = campaign !== undefined || standalone.length > 0;
    accounts.push({
      account_id,
      flagged,
      campaign_id: campaign?.campaign_id ?? null,
      reasons: flagged ? reasons : topReasons(hits),
      score,
      risk: flagged ? Math.max(campaign?.confidence ?? 0, standalone.length ? 0.9 : 0) : confidence(score, threshold) * 0.5,
      hits,
      cluster,
    });
  }
  return { accounts, campaigns };
}

const STANDALONE = new Set(['logit_sweep']);
const isStandalone = (signal: string) => STANDALONE.has(signal);

/** Signals at least REASON_BITS surprising, strongest first. */
export function topReasons(hits: SignalHit[]): string[] {
  return hits
    .filter((h) => h.bits >= REASON_BITS)
    .sort((a, b) => b.bits - a.bits || (a.signal < b.signal ? -1 : 1))
    .map((h) => h.signal);
}

/** Maps a score and its threshold to 0..1: 0.5 at the threshold, doubling odds every 4 bits above. */
export function confidence(score: number, threshold: number): number {
  return 1 / (1 + 2 ** (-(score - threshold) / 4));
}
