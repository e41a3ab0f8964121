import { combinedBits, familyBits, type Population, type SignalHit } from './population.js';
import type { Signal } from './signal.js';

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
  /** Set when the account was flagged for carrying a campaign's traffic (see sweep.ts). */
  sweep?: { hits: number; exchanges: number; expected: number; bits: number };
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
  signals: Signal[];
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
 * How unusual a linked group must be to call it a campaign. The group's pooled value on each signal is its
 * median member's, so the test asks whether the typical member of this linked group is far out in the
 * population's tail, in both families of evidence: behaviour and provenance (see SignalFamily). Each
 * family's bar is a robust z-score (median and MAD of the accounts' scores in that family, so a campaign
 * that is a few percent of the accounts cannot drag the scale with it) of CAMPAIGN_Z.
 */
export const CAMPAIGN_Z = 3;

export function robustThreshold(scores: number[], z = CAMPAIGN_Z): number {
  if (scores.length === 0) return Infinity;
  const sorted = [...scores].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const deviations = sorted.map((x) => Math.abs(x - median)).sort((a, b) => a - b);
  const mad = Math.max(0.5, deviations[Math.floor(deviations.length / 2)]!);
  return median + z * 1.4826 * mad;
}

export interface Thresholds {
  behaviour: number;
  provenance: number;
}

/** A standalone signal flags an account when most of its requests show it and at most 1% of accounts do. */
const STANDALONE_MIN_SHARE = 0.5;
const STANDALONE_MIN_BITS = Math.log2(100);

export function decide(input: DecideInput): { accounts: AccountVerdict[]; campaigns: CampaignVerdict[]; thresholds: Thresholds } {
  const { hitsByAccount, clusters, clusterOf } = input;
  const all = [...hitsByAccount.values()];
  const bar: Thresholds = {
    behaviour: robustThreshold(all.map((h) => familyBits(h, 'behaviour'))),
    provenance: robustThreshold(all.map((h) => familyBits(h, 'provenance'))),
  };
  const threshold = bar.behaviour + bar.provenance;
  const standaloneSignals = new Set(input.signals.filter((s) => s.standalone).map((s) => s.id));

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
    const behaviour = familyBits(c.pooled, 'behaviour');
    const provenance = familyBits(c.pooled, 'provenance');
    if (behaviour < bar.behaviour || provenance < bar.provenance) continue;
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
    const standalone = hits.filter((h) => standaloneSignals.has(h.signal) && h.bits >= STANDALONE_MIN_BITS && h.value >= STANDALONE_MIN_SHARE);
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
  return { accounts, campaigns, thresholds: bar };
}

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
