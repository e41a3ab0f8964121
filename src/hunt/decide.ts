import { lowerBound, medianOfSorted, upperBound } from '../util/sorted.js';
import { combinedBits, familyBits, type Population, type SignalHit } from './population.js';
import { familyOf, HIDDEN_ORIGIN, type Signal } from './signal.js';
import type { SweepHit } from './sweep.js';
import type { SharedStream } from './streams.js';
import type { Tier } from '../eval/contracts.js';
import type { GroupResemblance, Resemblance } from './explain.js';
import type { PeerMatch } from '../share/match.js';

/**
 * From scores to verdicts. Three ways an account is flagged, each with its reason codes:
 * 1. it belongs to a cluster whose pooled behaviour is a campaign's (`campaign_member`, plus the
 *    cluster's strongest signals);
 * 2. it sends traffic from a campaign's own templates although it is not in the campaign's cluster, e.g. a
 *    relay mixing a campaign's requests into its customers' (`campaign_traffic`), starts its sessions in
 *    step with the campaign (`campaign_timing`), or shares its cards or sign-up bursts (`campaign_provenance`), or its
 *    rented exits day after day while behaving like it (`campaign_exits`);
 * 3. a standalone signal (one specific enough to act on alone, like logit-extraction sweeps) is extreme.
 */

export interface ClusterEvidence {
  cluster: number;
  members: number;
  pooled: SignalHit[];
  links: { kind: string; keys: number; linked: number; weight: number }[];
  /** Its kin communities (see kinOf): left out of its reference population and its bars. */
  kin?: number[];
  /** Set by decide: the bars the group was held to (for --verbose and the report). */
  bars?: Thresholds;
}

export interface AccountVerdict {
  account_id: string;
  risk: number;
  /** Triage tier (see TIERS): flagged is true for `campaign` and `account`. */
  tier: Tier | null;
  flagged: boolean;
  campaign_id: string | null;
  reasons: string[];
  /** Own score: sum over signal groups of the strongest signal's surprise, in bits. */
  score: number;
  hits: SignalHit[];
  cluster: number | null;
  /** Legitimate patterns it shows (lookalikes/), for the accounts the analyst sees. */
  resembles?: Resemblance[];
  /** The membership test the account passed (see sweep.ts), with its numbers. */
  sweep?: Omit<SweepHit, 'account_id' | 'campaign_id'>;
  /**
   * A campaign whose fingerprints it sent often enough for the traffic test, but in a way unlike the campaign's
   * own requests (the spread test, sweep.ts): shared scaffolding, not the campaign's traffic.
   */
  unlike?: { campaign_id: string; hits: number; exchanges: number; best_z: number; compared: number };
  /** For a relay carrying a harvest's stream (streams.ts): the stream's key and how much of the account's traffic it is. */
  stream?: { key: string; requests: number; exchanges: number };
  /** Evidence of the account alone, against the accounts not linked to it. */
  own: Own;
  /** Whether its own evidence, or its linked group's, puts it on the watch queue when it is not acted on. */
  watchable: boolean;
  /**
   * The strongest linked group holding it whose typical member behaves beyond the group bar without being a
   * campaign (see GROUP_WATCH_REASON); absent when there is none.
   */
  groupWatch?: BehavingGroupNumbers;
  /** Ranked among the accounts showing a pattern of people its linked group is explained by (rankWithinPatterns). */
  rankedWithin?: { pattern: string; bar: number; confidence: number };
  /** Peers' imported indicators its traffic matched, per producer (share/match.ts). */
  peer?: PeerMatch[];
  /** The campaign it was in until a pattern of people explained it (releaseExplainedCampaigns). */
  explained?: GroupResemblance;
  /** An account that sent nothing, opened in the span a campaign's accounts were opened in (applyOpenedWith). */
  openedWith?: OpenedWith;
}

export interface OpenedWith {
  campaign_id: string;
  /** When the account was opened (epoch ms), and what its opening says, in bits. */
  opened: number;
  bits: number;
  /** In the span the campaign's accounts were opened in, or from the hosting network most of them were opened from. */
  by: 'span' | 'signup_network';
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
  /**
   * The bars this group had to clear: the robust bars of the accounts outside it (for `overwhelming_provenance`, the
   * behaviour tail of a reason and the single-account provenance bar it was judged at).
   */
  bars: Thresholds;
  /**
   * Which test made it a campaign: both families of evidence, or behaviour so far out that its typical
   * member reaches a floor (`floors` names them), or provenance so far out that its behaviour need only be a
   * reason (OVERWHELMING_PROVENANCE); a stream inside relays (streams.ts); two accounts holding one
   * key, each clearing both single-account bars (pairs.ts).
   */
  basis: 'behaviour_and_provenance' | 'overwhelming_behaviour' | 'overwhelming_provenance' | 'shared_stream' | 'linked_pair';
  floors: string[];
  /** For a group defined by one strong key rather than a community: the key (`kind:hash`). */
  key?: string;
  /**
   * Its median member's own behaviour, bits, when more than the sum of the per-signal medians: the typical member's
   * behaviour it was judged by (a community whose accounts each show some of the behaviours).
   */
  medianMember?: number;
}

/** A campaign's typical member's behaviour, bits: the per-signal medians' sum, or its median member's own if more. */
export const campaignBehaviour = (c: Pick<CampaignVerdict, 'pooled' | 'medianMember'>): number => Math.max(familyBits(c.pooled, 'behaviour'), c.medianMember ?? 0);

export interface DecideInput {
  signals: Signal[];
  /** Every account judged (those without any scored signal, e.g. dormant ones, too). */
  accountIds: string[];
  population: Population;
  hitsByAccount: Map<string, SignalHit[]>;
  clusters: Map<number, ClusterEvidence>;
  clusterOf: Map<string, number>;
  accounts: number;
  /**
   * Judge every account alone by the same bars a linked group must clear, with no clusters and no
   * campaigns: what the signals do without cross-account linking (a baseline).
   */
  perAccount?: boolean;
  /**
   * Groups of the accounts holding one strong key (keyGroups in hunt.ts), by a group id outside the
   * communities' numbers, with the key and their pooled evidence (computed when needed): judged like
   * communities, after them.
   */
  keyGroups?: Map<number, KeyGroup>;
  /**
   * Each account's hits measured against the accounts not linked to it (its community and kin left out of
   * the population), for its own evidence; `hitsByAccount` when absent.
   */
  ownHits?: Map<string, SignalHit[]>;
  /**
   * Bars already computed for these communities (they depend on the communities and their kin only, not
   * on the campaigns found): reused across the pooling passes.
   */
  barCache?: Map<number, Thresholds>;
}

/** The accounts holding one strong key, judged like a community (see keyGroups in hunt.ts). */
export interface KeyGroup {
  members: string[];
  key: string;
  /** Its pooled evidence against everyone but its own accounts (computed when needed). */
  evidence: () => ClusterEvidence;
  /**
   * Its pooled evidence against the accounts not linked to it: its own, the communities holding them and their
   * kin (computed when needed). The holders of one of a hydra's cards, measured against everyone but
   * themselves, are measured against the holders of its other cards, each masking the others. Unmasked, a key
   * group is judged like a single account on provenance (KEY_GROUP_PROVENANCE_Z) and its typical member must
   * clear the bars on its own evidence: it was picked for holding a key, and taken out of its own community
   * (a few students of a class sharing a homework template are the class again, a smaller sample). One that
   * behaves beyond the bar and falls short is a behaving linked group like any other (the watch queue, unless
   * a legitimate pattern explains it).
   */
  unmasked: () => ClusterEvidence;
  /**
   * The accounts linked to it (it, the communities holding its accounts and their kin), left out of its unmasked bars:
   * each community's accounts (the same array for every key group inside it), then its accounts in no community.
   */
  linkedParts: () => string[][];
}

/** A campaign is more than a pair: two accounts sharing a card are a household as often as a fleet. */
export const MIN_CAMPAIGN_ACCOUNTS = 3;
/** A signal counts as a reason when at most 1 account in 2^this is as extreme. */
export const REASON_BITS = 4;

/**
 * How unusual a linked group must be to call it a campaign. The group's pooled value on each signal is its
 * median member's, so the test asks whether the typical member of this linked group is far out in the
 * population's tail, in both families of evidence: behaviour and provenance (see SignalFamily). Each
 * family's bar is a robust z-score of CAMPAIGN_Z over the accounts' scores in that family (median and
 * MAD), taken over the accounts outside the group and its kin: a campaign that is a third of all accounts
 * would otherwise set the scale it is measured by.
 */
export const CAMPAIGN_Z = 3;

export function robustThreshold(scores: number[], z = CAMPAIGN_Z): number {
  if (scores.length === 0) return Infinity;
  return new RobustBar(scores).without([], z);
}

/**
 * The robust bar of a score distribution with some of its values left out: median + z * 1.4826 * MAD of
 * the rest, computed by order statistics on the sorted whole and the sorted left-out values (the whole is
 * sorted once), so each linked group can be weighed against everyone outside it at the cost of a few
 * binary searches.
 */
export class RobustBar {
  private readonly all: Float64Array;

  constructor(scores: number[]) {
    this.all = Float64Array.from(scores).sort();
  }

  /** The bar over the scores without `leftOut` (values that are in the whole). */
  without(leftOut: number[], z = CAMPAIGN_Z): number {
    return this.withoutSorted(leftOut.length ? [Float64Array.from(leftOut).sort()] : [], z);
  }

  /** As `without`, the left-out values given as sorted arrays (one per community). */
  withoutSorted(outs: Float64Array[], z = CAMPAIGN_Z): number {
    const n = this.all.length - outs.reduce((m, o) => m + o.length, 0);
    if (n <= 0) return Infinity;
    // Same order statistic as sorting the rest: the (floor(n/2)+1)-th smallest value and deviation. Each count over
    // the rest is the whole's less each left-out array's (binary searches, no merged copy: a key group leaves out
    // the communities holding its accounts and their kin, thousands of accounts, and thousands of key groups are judged).
    const k = Math.floor(n / 2) + 1;
    const median = this.kth(outs, k);
    const within = (d: number) => {
      let count = upperBound(this.all, median + d) - lowerBound(this.all, median - d);
      for (const o of outs) count -= upperBound(o, median + d) - lowerBound(o, median - d);
      return count;
    };
    let dLo = 0;
    let dHi = Math.max(median - this.all[0]!, this.all[this.all.length - 1]! - median);
    if (within(dLo) < k) {
      for (let i = 0; i < 60 && dHi - dLo > 1e-9; i++) {
        const mid = (dLo + dHi) / 2;
        if (within(mid) >= k) dHi = mid;
        else dLo = mid;
      }
    } else dHi = 0;
    const mad = Math.max(0.5, dHi);
    return median + z * 1.4826 * mad;
  }

  /**
   * The value beyond which at most `tail` of the scores without `outs` lie: the smallest value with at least
   * (1 - tail) of the rest at or below it.
   */
  tailWithoutSorted(outs: Float64Array[], tail: number): number {
    const n = this.all.length - outs.reduce((m, o) => m + o.length, 0);
    if (n <= 0) return Infinity;
    return this.kth(outs, Math.max(1, Math.ceil((1 - tail) * n)));
  }

  /** The k-th smallest of the scores without `outs` (sorted arrays of values in the whole). */
  private kth(outs: Float64Array[], k: number): number {
    const countAtMost = (v: number) => {
      let count = upperBound(this.all, v);
      for (const o of outs) count -= upperBound(o, v);
      return count;
    };
    let lo = 0;
    let hi = this.all.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (countAtMost(this.all[mid]!) >= k) hi = mid;
      else lo = mid + 1;
    }
    return this.all[lo]!;
  }
}

export interface Thresholds {
  behaviour: number;
  provenance: number;
  /** The population's single-account bars (ALONE_Z), when these are the population's bars. */
  alone?: { behaviour: number; provenance: number };
}

/** A floor signal's value that reached its floor (see Signal.floor): the account's own evidence is enough. */
export interface FloorHit {
  signal: string;
  value: number;
  floor: number;
  support: number;
}

/**
 * Thresholds of the single-account test, in robust z over the family's scores: an account standing alone
 * is one test among tens of thousands, where a linked group's median member is one among few groups, so
 * its bars sit further out (see ALONE_Z).
 */
export const ALONE_Z = 6;

/**
 * The provenance bar of a key group judged unmasked (KeyGroup.unmasked), in robust z: an account's alone, not a
 * community's. A key group is picked for holding one key, and its keys are provenance (a card, a sign-up burst or
 * network) or content, so it shows provenance by the way it was picked: three researchers who signed up from one
 * campus network, weighed against the accounts not linked to them, cleared a community's provenance bar (4.4
 * bits against 3.7) on two fairly new accounts. Ten accounts on one of a hydra's cards show 10.3 bits.
 */
export const KEY_GROUP_PROVENANCE_Z = ALONE_Z;

/**
 * A linked group whose typical member's provenance clears a single account's bar (ALONE_Z: the accounts are, one by
 * one, as plainly made, bought, shared or hidden for the job as one account acted on alone must be) is a campaign
 * when its behaviour is a reason (beyond all but 1 in 2^REASON_BITS of the accounts outside it and its kin), though
 * short of the group bar: the mirror of a floor, which lets behaviour carry a group without provenance. A harvest
 * spread thin over thousands of accounts (a low-and-slow swarm of 2,031 old accounts, two to a card, woken together:
 * 19-25 bits of behaviour against a bar of 27.5, 10.5-16 of provenance against 4.8; random world 180511624 of the
 * seed-7 matrix) asks each account for little, and its behaviour then sits among the heavy legitimate users'
 * (coding agents, evaluation labs), which spread the bar wide. What else has such provenance: a class or a hackathon
 * (one card, one network, opened the same day), released when a pattern of people explains it and its accounts are
 * one institution's (releaseExplainedCampaigns). Communities only: a key group is picked for holding a card or a
 * sign-up burst, so it shows provenance by the way it was picked.
 */
export const OVERWHELMING_PROVENANCE = 'overwhelming_provenance';

/** The bases a campaign of people (a class) can be made on: provenance is part of them (releaseExplainedCampaigns). */
export const MADE_ON_PROVENANCE = new Set<string>(['behaviour_and_provenance', OVERWHELMING_PROVENANCE]);

/** A key group judged unmasked gets its id plus this (its bars differ from the key group's own). */
const KEY_GROUP_UNMASKED = 1_000_000_000;

/** What the accounts' own scores say: the same in every pass of one hunt (its scores do not change). */
interface OwnEvidence {
  behaviourOf: Map<string, number>;
  provenanceOf: Map<string, number>;
  behaviourBar: RobustBar;
  provenanceBar: RobustBar;
  bar: Thresholds;
  /** The single-account bars (ALONE_Z). */
  aloneBar: Thresholds;
  own: Map<string, Own>;
}

/** One account's own evidence, measured against the accounts not linked to it. */
export interface Own {
  /** Sum over signal groups of the strongest signal's bits. */
  score: number;
  behaviour: number;
  provenance: number;
  coordination: number;
  top: string[];
  floors: FloorHit[];
  /** Clears both families' single-account bars (ALONE_Z). */
  alone: boolean;
  /**
   * Behaviour beyond the single-account bar, and its hidden origin alone (rotating exits: the `origin` and `exits`
   * groups, the stronger of the two) beyond the single-account provenance bar: acted on alone (ownVerdict).
   */
  concealed: boolean;
  /** Clears both families' bars a linked group's median member must clear (the signals-only baseline's test). */
  aloneAtGroupBars: boolean;
  /** 0..1: combined evidence against the sum of the population's bars (0.5 at the bars). */
  confidence: number;
}
const ownCache = new WeakMap<Map<string, SignalHit[]>, OwnEvidence>();

function ownEvidence(input: DecideInput): OwnEvidence {
  const { hitsByAccount } = input;
  const unmasked = input.ownHits ?? hitsByAccount;
  const cached = ownCache.get(unmasked);
  if (cached) return cached;
  // A family's scale is that of the accounts it has an opinion on: an account with too few requests for
  // any behaviour signal is not a behaviourally quiet account, and a crowd of them would drag the median
  // to 0 and stretch the MAD.
  const behaviourOf = new Map<string, number>();
  const provenanceOf = new Map<string, number>();
  for (const [a, h] of hitsByAccount) {
    if (h.some((x) => familyOf(x.group) === 'behaviour')) behaviourOf.set(a, familyBits(h, 'behaviour'));
    if (h.some((x) => familyOf(x.group) === 'provenance')) provenanceOf.set(a, familyBits(h, 'provenance'));
  }
  // Each family's scores sorted once: the population's bars, and each group's against the accounts outside
  // it and its kin.
  const behaviourBar = new RobustBar([...behaviourOf.values()]);
  const provenanceBar = new RobustBar([...provenanceOf.values()]);
  const bar: Thresholds = { behaviour: behaviourBar.without([]), provenance: provenanceBar.without([]) };
  const aloneBar: Thresholds = { behaviour: behaviourBar.without([], ALONE_Z), provenance: provenanceBar.without([], ALONE_Z) };
  const floorOf = floorsOf(input.signals);
  const own = new Map<string, Own>();
  for (const [a, hits] of unmasked) {
    const floors: FloorHit[] = [];
    for (const h of hits) {
      const floor = floorOf.get(h.signal);
      if (floor !== undefined && h.value >= floor) floors.push({ signal: h.signal, value: h.value, floor, support: h.support });
    }
    const behaviour = familyBits(hits, 'behaviour');
    const provenance = familyBits(hits, 'provenance');
    const score = combinedBits(hits);
    own.set(a, {
      score,
      behaviour,
      provenance,
      coordination: familyBits(hits, 'coordination'),
      top: topReasons(hits),
      floors,
      alone: behaviour >= aloneBar.behaviour && provenance >= aloneBar.provenance,
      concealed: behaviour >= aloneBar.behaviour && hiddenOriginBits(hits) >= aloneBar.provenance,
      aloneAtGroupBars: behaviour >= bar.behaviour && provenance >= bar.provenance,
      confidence: confidence(score, bar.behaviour + bar.provenance),
    });
  }
  const result = { behaviourOf, provenanceOf, behaviourBar, provenanceBar, bar, aloneBar, own };
  ownCache.set(unmasked, result);
  return result;
}

/** The stronger of an account's hidden-origin groups (rotating exits day after day, many exits a day): one evidence, two measures. */
const hiddenOriginBits = (hits: SignalHit[]) => Math.max(0, ...HIDDEN_ORIGIN.map((g) => combinedBits(hits.filter((h) => h.group === g))));

/** Signal id -> its floor, for the signals that have one. */
export const floorsOf = (signals: Signal[]) => new Map(signals.filter((s) => s.floor).map((s) => [s.id, s.floor!.value]));

const NO_EVIDENCE: Own = { score: 0, behaviour: 0, provenance: 0, coordination: 0, top: [], floors: [], alone: false, concealed: false, aloneAtGroupBars: false, confidence: 0 };

/**
 * Risk, one scale for every account: the acting tiers (campaign, account) in [0.5, 1), the watch queue in
 * [0.25, 0.5), everyone else in [0, 0.25); within each band it grows with the evidence (the campaign's
 * confidence or the account's own, whichever is stronger), so it ranks every account and nothing is flattened.
 */
export function riskOf(tier: Tier | null, evidence: number): number {
  // (Each band stops 1e-4 short of the next, so the findings' four decimals never put an account in the band above.)
  const e = Math.min(1, Math.max(0, evidence));
  return tier === 'campaign' || tier === 'account' ? 0.5 + 0.4999 * e : tier === 'watch' ? 0.25 + 0.2499 * e : 0.2499 * e;
}

/**
 * The account's tier and reasons from its own evidence alone (no campaign): a floor reached; behaviour beyond
 * the single-account bar from an account that hides where it is (its rotating exits alone, a new consumer network
 * day after day or many networks a day, beyond the single-account provenance bar); or (the signals-only baseline, `perAccount`) both families over the bars a
 * linked group must clear. Being new is not enough next to heavy behaviour (every new research or evaluation
 * account is new), renting other people's connections day after day is: the heavy legitimate users
 * (evaluation harnesses, pipelines, labs, agents) work from their own cloud or office networks.
 */
function ownVerdict(own: Own, perAccount: boolean, watch: boolean): { tier: Tier | null; reasons: string[] } {
  const floors = own.floors.map((f) => f.signal);
  if (floors.length > 0) return { tier: 'account', reasons: unique([...floors, ...own.top]) };
  if (own.concealed) return { tier: 'account', reasons: unique(['account_alone', ...own.top]) };
  if (perAccount && own.aloneAtGroupBars) return { tier: 'account', reasons: unique(['account_alone', ...own.top]) };
  return { tier: watch ? 'watch' : null, reasons: [...own.top] };
}

/**
 * The reason of an account on the watch queue for its linked group: the group's typical member behaves as far
 * out as a campaign's must, but the group shows no provenance (no shared cards, no sign-up bursts, no new
 * accounts) and reaches no floor. That is what an operation posing as ordinary users looks like, and also what
 * a hackathon or an evaluation lab can look like: worth an analyst's look, not enough to act on.
 */
export const GROUP_WATCH_REASON = 'linked_group_behaviour';

/**
 * The reason of an unflagged account that sent nothing in the window, opened in the span a campaign's accounts were
 * opened in (openedWithCampaigns in hunt.ts) or from the hosting network most of them were opened from
 * (openedFromCampaignNetworks in sweep.ts): the operation's stock, opened with its working accounts and not used yet,
 * or a customer who signed up that week, or from that cloud, and has not started. Nothing to act on (it sent
 * nothing), and not queued (the customers are there too): ranked above the accounts with nothing to show
 * (applyOpenedWith).
 */
export const OPENED_WITH_REASON = 'opened_with_campaign';

const unique = (xs: string[]) => [...new Set(xs)];

/**
 * The watch queue, from an account's own evidence: behaviour as far out as a single account must be to
 * stand alone (ALONE_Z), or both families over the bars a linked group's median member must clear. Neither
 * is enough to act on one account (research accounts and evaluation harnesses reach them), both are worth
 * an analyst's look.
 */
function isWatched(o: Own, bar: Thresholds, alone: Thresholds): boolean {
  return o.behaviour >= alone.behaviour || (o.behaviour >= bar.behaviour && o.provenance >= bar.provenance);
}

/**
 * A linked group of MIN_CAMPAIGN_ACCOUNTS+ accounts that is not a campaign but that an analyst will ask
 * about: it cleared one family's bar (an evaluation lab's behaviour, new accounts' provenance), or acts as
 * one group (coordination of COORDINATED_BITS or more: a class on one assignment).
 */
export interface NearMiss {
  cluster: number;
  accounts: string[];
  behaviour: number;
  provenance: number;
  coordination: number;
  bars: Thresholds;
}

/** A linked group this coordinated (twice the bits of a reason) is reported even when it clears no bar. */
export const COORDINATED_BITS = 2 * REASON_BITS;

/** A linked group (2+ accounts) whose typical member behaves beyond the group bar, that is not a campaign. */
export interface BehavingGroup extends BehavingGroupNumbers {
  accounts: string[];
}

export interface BehavingGroupNumbers {
  size: number;
  /** Its typical member's behaviour bits, and the bar (the accounts outside it and its kin). */
  behaviour: number;
  bar: number;
  /** confidence() of its behaviour against the bar (0.5 at the bar). */
  confidence: number;
}

export function decide(input: DecideInput): {
  accounts: AccountVerdict[];
  campaigns: CampaignVerdict[];
  thresholds: Thresholds;
  nearMisses: NearMiss[];
  behaving: BehavingGroup[];
} {
  const { hitsByAccount, clusters, clusterOf } = input;
  const { behaviourOf, provenanceOf, behaviourBar, provenanceBar, bar, aloneBar, own } = ownEvidence(input);
  const floorOf = floorsOf(input.signals);

  const campaigns: CampaignVerdict[] = [];
  const nearMisses: NearMiss[] = [];
  // Linked groups whose typical member behaves beyond the group bar but that are not campaigns.
  const behaving: BehavingGroup[] = [];
  const sortedClusters = [...clusters.values()].sort((a, b) => a.cluster - b.cluster);
  const membersOf = new Map<number, string[]>();
  for (const [account, c] of clusterOf) {
    const list = membersOf.get(c);
    if (list) list.push(account);
    else membersOf.set(c, [account]);
  }
  // community -> its members' family scores, sorted (built when first needed)
  const sortedCache = new Map<string, Float64Array>();
  const familySorted = (cluster: number, scores: Map<string, number>): Float64Array[] => {
    const key = `${scores === behaviourOf ? 'b' : 'p'}:${cluster}`;
    let arr = sortedCache.get(key);
    if (!arr) {
      arr = Float64Array.from((membersOf.get(cluster) ?? []).flatMap((a) => (scores.has(a) ? [scores.get(a)!] : []))).sort();
      sortedCache.set(key, arr);
    }
    return arr.length ? [arr] : [];
  };
  // Judges one linked group's pooled evidence against its bars (the accounts outside it and its kin).
  // `showMiss` says whether a group that falls short is shown to the analyst (a linked group always is).
  const judge = (
    c: ClusterEvidence,
    members: string[],
    leftOutScores: (scores: Map<string, number>) => Float64Array[],
    showMiss: (members: string[]) => boolean = () => true,
    /** The robust z of the provenance bar (a key group's is stricter: see KEY_GROUP_PROVENANCE_Z). */
    provenanceZ = CAMPAIGN_Z,
    /** A community's median member's own behaviour (see memberBehaviour); none for a key group. */
    medianMember = 0,
    /** Whether provenance alone can carry it (OVERWHELMING_PROVENANCE): communities only. */
    standsOnProvenance = false,
  ): CampaignVerdict | null => {
    const score = combinedBits(c.pooled);
    const perSignal = familyBits(c.pooled, 'behaviour');
    const behaviour = Math.max(perSignal, medianMember);
    const provenance = familyBits(c.pooled, 'provenance');
    const bars: Thresholds = input.barCache?.get(c.cluster) ?? {
      behaviour: behaviourBar.withoutSorted(leftOutScores(behaviourOf)),
      provenance: provenanceBar.withoutSorted(leftOutScores(provenanceOf), provenanceZ),
    };
    input.barCache?.set(c.cluster, bars);
    c.bars = bars;
    // A campaign shows both families; or behaviour so far out that no provenance is needed (old, verified
    // accounts bought or borrowed for the job): its typical member reaches a floor, evidence enough to act on
    // any one of them alone. Behaviour beyond the population's tail without a floor is not enough: evaluation
    // labs, research groups and pipelines of one customer are linked groups that behave like harvesters.
    const both = behaviour >= bars.behaviour && provenance >= bars.provenance;
    const floorsReached = c.pooled.filter((h) => floorOf.has(h.signal) && h.value >= floorOf.get(h.signal)!).map((h) => h.signal);
    const overwhelming = behaviour >= bars.behaviour && floorsReached.length > 0;
    // Or provenance so far out that the behaviour need only be a reason (OVERWHELMING_PROVENANCE): judged at those bars.
    const onProvenance = !both && !overwhelming && standsOnProvenance && provenance >= bars.provenance ? provenanceCarries(behaviour, provenance, leftOutScores) : null;
    if (!both && !overwhelming && !onProvenance) {
      if (behaviour >= bars.behaviour) {
        behaving.push({ accounts: members, size: members.length, behaviour, bar: bars.behaviour, confidence: confidence(behaviour, bars.behaviour) });
      }
      const coordination = familyBits(c.pooled, 'coordination');
      if ((behaviour >= bars.behaviour || provenance >= bars.provenance || coordination >= COORDINATED_BITS) && showMiss(members)) {
        nearMisses.push({ cluster: c.cluster, accounts: members, behaviour, provenance, coordination, bars });
      }
      return null;
    }
    const judgedAt = onProvenance ?? bars;
    return {
      campaign_id: '',
      cluster: c.cluster,
      accounts: members,
      bars: judgedAt,
      basis: both ? 'behaviour_and_provenance' : onProvenance ? OVERWHELMING_PROVENANCE : 'overwhelming_behaviour',
      floors: floorsReached,
      confidence: confidence(score, both || onProvenance ? judgedAt.behaviour + judgedAt.provenance : judgedAt.behaviour),
      score,
      reasons: topReasons(c.pooled),
      pooled: c.pooled,
      links: c.links,
      ...(medianMember > perSignal ? { medianMember } : {}),
    };
  };
  // The bars of a group whose provenance carries it (OVERWHELMING_PROVENANCE), when it clears them: its typical member's
  // provenance beyond a single account's bar, its behaviour a reason (beyond all but 1 in 2^REASON_BITS), both against the
  // accounts outside it and its kin.
  const provenanceCarries = (behaviour: number, provenance: number, leftOutScores: (scores: Map<string, number>) => Float64Array[]): Thresholds | null => {
    const provenanceAlone = provenanceBar.withoutSorted(leftOutScores(provenanceOf), ALONE_Z);
    if (provenance < provenanceAlone) return null;
    const behaviourReason = behaviourBar.tailWithoutSorted(leftOutScores(behaviourOf), 2 ** -REASON_BITS);
    return behaviour >= behaviourReason ? { behaviour: behaviourReason, provenance: provenanceAlone } : null;
  };
  // The members the behaviour family has an opinion on (enough traffic for one behaviour signal): a group's pooled
  // behaviour is theirs.
  const behavingMembers = (members: string[]) => members.filter((a) => behaviourOf.has(a)).length;
  // A community's typical member in behaviour, measured as its median member's own evidence: the value half its
  // members reach, each on its own. The per-signal medians say what the group does together; when each account
  // shows some of a harvest's behaviours and not the same ones (a chat harvest whose accounts vary their tactics),
  // their sum falls short while half the accounts, each alone, are beyond the bar: a community of 442 accounts in
  // random world 268634608, 24.1 bits per signal against a bar of 24.4, 28.6 bits its median member. Not for key
  // groups: one is a selected subset, and already held to its median member's own evidence as well
  // (typicalMemberClears).
  const memberBehaviour = (members: string[]) => {
    const sorted = Float64Array.from(members, (a) => (own.get(a) ?? NO_EVIDENCE).behaviour).sort();
    return sorted.length ? sorted[Math.ceil(sorted.length / 2) - 1]! : 0;
  };
  for (const c of sortedClusters) {
    const members = (membersOf.get(c.cluster) ?? []).sort();
    const leftOut = [c.cluster, ...(c.kin ?? [])];
    const leftOutScores = (scores: Map<string, number>) => leftOut.flatMap((k) => familySorted(k, scores));
    if (behavingMembers(members) < MIN_CAMPAIGN_ACCOUNTS) {
      // A linked pair is never a campaign (a household shares a card as often as a fleet does), but a pair
      // that would be one if it were bigger is worth a look. Nor is a group of which fewer than three accounts
      // sent enough for any behaviour to be measured: its typical member is then one or two accounts, judged at
      // a group's bars (an evaluation runner and two idle accounts on its organisation's card: random world
      // 1373762889, seed 7's matrix).
      const asGroup = judge(c, members, leftOutScores, () => false, CAMPAIGN_Z, memberBehaviour(members));
      if (asGroup) {
        const behaviour = campaignBehaviour(asGroup);
        behaving.push({ accounts: members, size: members.length, behaviour, bar: asGroup.bars.behaviour, confidence: confidence(behaviour, asGroup.bars.behaviour) });
      }
      continue;
    }
    const campaign = judge(c, members, leftOutScores, undefined, CAMPAIGN_Z, memberBehaviour(members), true);
    if (campaign) campaigns.push(campaign);
  }
  // Groups defined by one strong key (see keyGroups in hunt.ts): an operation that community detection
  // merged with unrelated accounts (its median member then theirs) is judged as the accounts holding its
  // key. Largest first; a group mostly inside a campaign found already adds nothing.
  const taken = new Set(campaigns.flatMap((c) => c.accounts));
  // (An analyst is shown a key group that falls short only when none of its accounts is in a group shown
  // already: the subsets of one customer's prompts would otherwise be tens of thousands of groups.)
  const shown = new Set(nearMisses.flatMap((g) => g.accounts));
  // Per family, each part of a key group's linked set (a community's accounts, or its own in none) -> their scores,
  // sorted: the key groups inside the same communities share them.
  const partSorted = { behaviour: new WeakMap<string[], Float64Array>(), provenance: new WeakMap<string[], Float64Array>() };
  // Key groups are many (every template pasted by 3 users is one) and each is a selected subset; unmasked, it
  // is weighed against the accounts not linked to it: a few students of a class sharing one homework template
  // are the class again, a smaller sample whose per-signal medians land over the bars by chance when the
  // class's did not. So its typical member must clear the bars on its own evidence too (measured once per
  // account, not per subset): the median of its accounts' own behaviour, and of their provenance unless the
  // group stands on a floor. (Of one card's accounts in a hydra, 7 to 10 in 10 clear both alone; of the
  // classes pulled in without this, 1 to 3 in 100.)
  const median = (xs: number[]) => medianOfSorted(Float64Array.from(xs).sort());
  const typicalMemberClears = (members: string[], c: CampaignVerdict) => {
    const o = members.map((a) => own.get(a) ?? NO_EVIDENCE);
    if (median(o.map((x) => x.behaviour)) < c.bars.behaviour) return false;
    return c.basis === 'overwhelming_behaviour' || median(o.map((x) => x.provenance)) >= c.bars.provenance;
  };
  for (const [id, g] of [...(input.keyGroups ?? [])].sort((a, b) => b[1].members.length - a[1].members.length || a[0] - b[0])) {
    if (behavingMembers(g.members) < MIN_CAMPAIGN_ACCOUNTS) continue;
    if (g.members.filter((a) => taken.has(a)).length * 2 >= g.members.length) continue;
    // Against everyone but its own accounts, as a community is against everyone outside it and its kin.
    const itself = (scores: Map<string, number>) => {
      const arr = scoresOf(g.members, scores);
      return arr.length ? [arr] : [];
    };
    // Against the accounts not linked to it (its communities and their kin left out too).
    const unlinked = (scores: Map<string, number>) => {
      const sorted = scores === behaviourOf ? partSorted.behaviour : partSorted.provenance;
      return g.linkedParts().flatMap((part) => {
        let arr = sorted.get(part);
        if (!arr) sorted.set(part, (arr = scoresOf(part, scores)));
        return arr.length ? [arr] : [];
      });
    };
    const showMiss = (members: string[]) => {
      if (members.some((a) => shown.has(a))) return false;
      for (const a of members) shown.add(a);
      return true;
    };
    const members = [...g.members].sort();
    // Judged against everyone but itself; else unmasked from the accounts linked to it, where it must clear a
    // single account's provenance bar and its typical member the bars on its own evidence (see KeyGroup.unmasked).
    const asGroup = judge({ ...g.evidence(), cluster: id }, members, itself, showMiss);
    const unmasked = asGroup ? null : judge({ ...g.unmasked(), cluster: id + KEY_GROUP_UNMASKED }, members, unlinked, () => false, KEY_GROUP_PROVENANCE_Z);
    const campaign = asGroup ?? (unmasked && typicalMemberClears(g.members, unmasked) ? unmasked : null);
    if (!campaign) continue;
    campaign.key = g.key;
    campaigns.push(campaign);
    for (const a of g.members) taken.add(a);
  }
  campaigns.sort((a, b) => b.accounts.length - a.accounts.length || b.score - a.score);
  campaigns.forEach((c, i) => (c.campaign_id = `C${String(i + 1).padStart(3, '0')}`));
  // An account's campaign: its community's, or else that of a key group holding it.
  const campaignOfAccount = new Map<string, CampaignVerdict>();
  for (const c of campaigns) for (const a of c.accounts) if (!campaignOfAccount.has(a) || clusterOf.get(a) === c.cluster) campaignOfAccount.set(a, c);

  const accounts: AccountVerdict[] = [];
  for (const account_id of input.accountIds) {
    const hits = input.ownHits?.get(account_id) ?? hitsByAccount.get(account_id) ?? [];
    const o = own.get(account_id) ?? NO_EVIDENCE;
    const cluster = clusterOf.get(account_id) ?? null;
    const campaign = campaignOfAccount.get(account_id);
    const watch = isWatched(o, bar, aloneBar);
    const alone = ownVerdict(o, input.perAccount === true, watch);
    const tier: Tier | null = campaign ? 'campaign' : alone.tier;
    const reasons = campaign ? unique(['campaign_member', ...campaign.reasons, ...alone.reasons]) : alone.reasons;
    accounts.push({
      own: o,
      account_id,
      tier,
      flagged: tier === 'campaign' || tier === 'account',
      campaign_id: campaign?.campaign_id ?? null,
      reasons,
      score: o.score,
      risk: riskOf(tier, Math.max(campaign?.confidence ?? 0, o.confidence)),
      hits,
      cluster,
      watchable: watch,
    });
  }
  nearMisses.sort((a, b) => b.accounts.length - a.accounts.length || a.cluster - b.cluster);
  return { accounts, campaigns, nearMisses, behaving, thresholds: { ...bar, alone: { behaviour: aloneBar.behaviour, provenance: aloneBar.provenance } } };
}

/** The scores of the accounts that have one, sorted. */
function scoresOf(accounts: string[], scores: Map<string, number>): Float64Array {
  const out = new Float64Array(accounts.length);
  let n = 0;
  for (const a of accounts) {
    const x = scores.get(a);
    if (x !== undefined) out[n++] = x;
  }
  return out.subarray(0, n).sort();
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

/**
 * Final membership: a campaign's accounts are those that pass its fingerprint tests (sweep.ts), whether
 * or not community detection put them in its cluster. A clustered account that passes none loses the
 * campaign (and its flag, unless its own evidence flags it); an outside account that passes joins, with
 * the test as its first reason. Campaigns left with fewer than MIN_CAMPAIGN_ACCOUNTS are dropped and the
 * rest numbered by size.
 */
export function applyMembership(
  v: { accounts: AccountVerdict[]; campaigns: CampaignVerdict[] },
  hits: SweepHit[],
): void {
  // Traffic first (it says which campaign's requests the account sends), then timing, provenance and exits, profile.
  const rank = (h: (typeof hits)[number]) => (h.test === 'traffic' ? 3e9 : h.test === 'timing' ? 2e9 : h.test === 'provenance' || h.test === 'exits' ? 1e9 : 0) + h.bits;
  // Each account's best hit; then an account whose best campaign its members' best hits leave under
  // MIN_CAMPAIGN_ACCOUNTS (dropped below) goes to its best among the campaigns that stand on their own: two
  // accounts of a small hydra matched a swarm's campaign and, a little better, another operation's pair, which then
  // took them along when it was dropped (random world 571515859). A campaign that would stand only on such
  // accounts stays dropped (three holders of a key, one a coding agent, each best matched elsewhere: random world
  // 174734392).
  const bestOf = (among: (h: (typeof hits)[number]) => boolean) => {
    const out = new Map<string, (typeof hits)[number]>();
    for (const h of hits) {
      if (!among(h)) continue;
      const cur = out.get(h.account_id);
      if (!cur || rank(h) > rank(cur)) out.set(h.account_id, h);
    }
    return out;
  };
  // A profile hit says the account behaves like the campaign's core. When nothing of the core stays in the campaign
  // (no member it was decided on, and no account its fingerprints, timing, provenance or exits confirmed, has it as
  // its best: community detection had cut one operation into pieces and the sweep gathered them into another),
  // there is nothing left to be like, and its profile hits are void. Without this, the accounts a piece took by
  // their profile stood as a campaign of their own: at seed-2026's --scale 0.5, three campaigns of 6 to 82 benign
  // accounts (researchers, coding agents, chat users), every one taken by its profile; none at --scale 0.1.
  const first = bestOf(() => true);
  const accountById = new Map(v.accounts.map((a) => [a.account_id, a]));
  const coreStays = new Set(
    [...first.values()].filter((h) => h.test !== 'profile' || accountById.get(h.account_id)?.campaign_id === h.campaign_id).map((h) => h.campaign_id),
  );
  const valid = (h: (typeof hits)[number]) => h.test !== 'profile' || coreStays.has(h.campaign_id);
  const best = bestOf(valid);
  const size = new Map<string, number>();
  for (const h of best.values()) size.set(h.campaign_id, (size.get(h.campaign_id) ?? 0) + 1);
  const stands = (id: string) => (size.get(id) ?? 0) >= MIN_CAMPAIGN_ACCOUNTS;
  for (const [account, h] of bestOf((h) => valid(h) && stands(h.campaign_id))) if (!stands(best.get(account)!.campaign_id)) best.set(account, h);
  const campaigns = new Map(v.campaigns.map((c) => [c.campaign_id, c]));
  for (const c of v.campaigns) c.accounts = [];
  for (const a of v.accounts) {
    const h = best.get(a.account_id);
    const c = h ? campaigns.get(h.campaign_id) : undefined;
    if (h && c) {
      const reason = a.campaign_id === c.campaign_id ? 'campaign_member' : `campaign_${h.test}`;
      a.campaign_id = c.campaign_id;
      a.tier = 'campaign';
      a.flagged = true;
      // The account's own reasons follow; the campaign's pooled reasons are in campaigns.json.
      a.reasons = unique([reason, ...a.own.floors.map((f) => f.signal), ...a.own.top]);
      a.risk = riskOf('campaign', Math.max(c.confidence, a.own.confidence));
      const { account_id: _id, campaign_id: _campaign, ...sweep } = h;
      a.sweep = sweep;
      c.accounts.push(a.account_id);
    } else alone(a);
  }
  dropCampaigns(v, new Set(v.campaigns.filter((c) => c.accounts.length < MIN_CAMPAIGN_ACCOUNTS).map((c) => c.campaign_id)));
}

/** An account outside every campaign keeps what its own evidence says. */
function alone(a: AccountVerdict): void {
  const { tier, reasons } = ownVerdict(a.own, false, a.watchable);
  a.campaign_id = null;
  a.tier = tier;
  a.flagged = tier === 'account';
  a.reasons = reasons;
  a.risk = riskOf(tier, a.own.confidence);
}

/**
 * Drops the `dropped` campaigns (their accounts keep what their own evidence says) and numbers the rest again,
 * largest first.
 */
function dropCampaigns(v: { accounts: AccountVerdict[]; campaigns: CampaignVerdict[] }, dropped: Set<string>): void {
  const kept = v.campaigns.filter((c) => !dropped.has(c.campaign_id));
  kept.sort((x, y) => y.accounts.length - x.accounts.length || y.score - x.score);
  const renamed = new Map(kept.map((c, i) => [c.campaign_id, `C${String(i + 1).padStart(3, '0')}`]));
  for (const a of v.accounts) {
    if (a.campaign_id && dropped.has(a.campaign_id)) {
      alone(a);
      delete a.sweep;
    } else if (a.campaign_id) a.campaign_id = renamed.get(a.campaign_id)!;
    // Shared scaffolding unlike a campaign's requests is reported for a campaign that stands and the account is
    // not a member of by another test.
    if (a.unlike) {
      const to = renamed.get(a.unlike.campaign_id);
      if (to && a.campaign_id !== to) a.unlike = { ...a.unlike, campaign_id: to };
      else delete a.unlike;
    }
  }
  for (const c of kept) {
    c.campaign_id = renamed.get(c.campaign_id)!;
    c.accounts.sort();
  }
  v.campaigns = kept;
}

/**
 * Releases the campaigns a pattern of people explains (`people`: a class or hackathon, see Lookalike.people):
 * most of its accounts were opened together on one network or card and are used at a person's pace. What made
 * such a group a campaign, its provenance (accounts opened together, a shared card, one sign-up network), is
 * the setting of that pattern, and its behaviour is then what a group without provenance shows: beyond the
 * bar, no floor, which is the watch queue's evidence, not an operation's. `explain` says which campaigns are
 * such a group: in the hunt, those most of whose accounts show the pattern and are one institution's (see
 * oneInstitution in hunt.ts; fleets opened in bursts and used a few requests a day show the pattern too). Its
 * accounts keep what their own evidence says (an account reaching a floor is still acted on alone) and the
 * group is shown as a linked group the pattern explains. Only campaigns made on provenance (MADE_ON_PROVENANCE): one made on behaviour reaching a floor stands
 * on evidence no pattern of people shows. A campaign whose accounts mostly run around the clock, in bulk or
 * from servers (a hydra that signed up like a class) is not explained, and stays. Returns the released groups.
 */
export function releaseExplainedCampaigns(
  v: { accounts: AccountVerdict[]; campaigns: CampaignVerdict[] },
  explain: (c: CampaignVerdict) => GroupResemblance | null,
  people: Set<string>,
): NearMiss[] {
  const released = new Map<string, { miss: NearMiss; pattern: GroupResemblance }>();
  for (const c of v.campaigns) {
    if (!MADE_ON_PROVENANCE.has(c.basis)) continue;
    const pattern = explain(c);
    if (!pattern || !people.has(pattern.pattern)) continue;
    const miss: NearMiss = {
      cluster: c.cluster,
      accounts: [...c.accounts],
      behaviour: campaignBehaviour(c),
      provenance: familyBits(c.pooled, 'provenance'),
      coordination: familyBits(c.pooled, 'coordination'),
      bars: c.bars,
    };
    released.set(c.campaign_id, { miss, pattern });
  }
  if (released.size === 0) return [];
  for (const a of v.accounts) if (a.campaign_id && released.has(a.campaign_id)) a.explained = released.get(a.campaign_id)!.pattern;
  dropCampaigns(v, new Set(released.keys()));
  return [...released.values()].map((r) => r.miss);
}

/**
 * Adds the harvest streams found inside relays (streams.ts) as campaigns: each stream's holders not already
 * in a campaign, when at least two are left. A holder is acted on for carrying the stream; its own evidence
 * (its customers' traffic) follows in its reasons.
 */
export function applyStreams(v: { accounts: AccountVerdict[]; campaigns: CampaignVerdict[] }, streams: SharedStream[]): void {
  const byId = new Map(v.accounts.map((a) => [a.account_id, a]));
  for (const [i, s] of streams.entries()) {
    const holders = s.holders.filter((h) => byId.get(h.account_id)?.tier !== 'campaign');
    if (holders.length < 2) continue;
    const campaign: CampaignVerdict = {
      campaign_id: `C${String(v.campaigns.length + 1).padStart(3, '0')}`,
      cluster: -1 - i,
      accounts: holders.map((h) => h.account_id).sort(),
      confidence: s.confidence,
      score: s.bits,
      reasons: s.reasons,
      pooled: s.hits,
      links: [],
      bars: { behaviour: s.bar, provenance: 0 },
      basis: 'shared_stream',
      floors: [],
      key: s.key,
    };
    v.campaigns.push(campaign);
    for (const h of holders) {
      const a = byId.get(h.account_id)!;
      a.campaign_id = campaign.campaign_id;
      a.tier = 'campaign';
      a.flagged = true;
      a.reasons = unique(['shared_stream', ...a.own.floors.map((f) => f.signal), ...a.own.top]);
      a.risk = riskOf('campaign', Math.max(s.confidence, a.own.confidence));
      a.stream = { key: s.key, requests: h.requests, exchanges: h.exchanges };
    }
  }
}

/**
 * Puts on the watch queue the accounts of linked groups that behave like a campaign's typical member without
 * its provenance (GROUP_WATCH_REASON), unless a legitimate pattern explains the group (`explained`: an
 * evaluation lab, a coding agent's users, a research group, a pipeline are such groups, and an analyst already
 * sees them with their explanation among the linked groups) or the account itself. Accounts acted on keep
 * their tier; the rest go on the watch queue (or stay there) with the group as their first reason.
 */
export function applyGroupWatch(accounts: AccountVerdict[], groups: BehavingGroup[], explained: (g: BehavingGroup) => boolean): number {
  const byId = new Map(accounts.map((a) => [a.account_id, a]));
  let added = 0;
  for (const g of groups) {
    if (explained(g)) continue;
    for (const id of g.accounts) {
      const a = byId.get(id);
      // An account that itself shows a legitimate pattern is not queued for its group alone: community
      // detection puts the odd customer in with an operation it has little to do with.
      if (!a || a.tier === 'campaign' || a.tier === 'account' || (a.resembles?.length ?? 0) > 0) continue;
      if (!a.groupWatch || g.confidence > a.groupWatch.confidence) a.groupWatch = { size: g.size, behaviour: g.behaviour, bar: g.bar, confidence: g.confidence };
      if (a.tier === null) added++;
      a.tier = 'watch';
      a.reasons = unique([GROUP_WATCH_REASON, ...a.reasons]);
      a.risk = riskOf('watch', Math.max(a.own.confidence, a.groupWatch.confidence));
    }
  }
  return added;
}

/**
 * Ranks the untiered accounts of `openedWith` (openedWithCampaigns) by their opening: their risk, still in the lowest
 * band, is at least their opening's bits against `bar` (the single-account provenance bar: what an account's record
 * must show to stand out alone). Tiers and flags are unchanged. Returns the accounts ranked.
 */
export function applyOpenedWith(accounts: AccountVerdict[], openedWith: Map<string, OpenedWith>, bar: number): number {
  let added = 0;
  for (const a of accounts) {
    const o = openedWith.get(a.account_id);
    if (!o || a.tier !== null) continue;
    a.openedWith = o;
    a.reasons = unique([OPENED_WITH_REASON, ...a.reasons]);
    a.risk = Math.max(a.risk, riskOf(null, confidence(o.bits, bar)));
    added++;
  }
  return added;
}

/** A legitimate pattern needs at least this many accounts showing it for a bar of its own. */
export const MIN_PATTERN_PEERS = 5;

/**
 * Ranks the accounts that are neither acted on nor watched, in a linked group a legitimate pattern explains,
 * among the accounts showing that pattern. Such an account's evidence is what the pattern shows (a class signs up
 * together on one card and NAT and bursts before deadlines), so its risk is its confidence against the accounts
 * showing that pattern (their robust bar, itself left out), when lower than its confidence against everyone: an
 * ordinary member of an explained group then ranks under an unexplained account with the same evidence, and a
 * member far beyond its pattern's peers stays near where it was. Only for groups explained by a pattern of
 * people (`people`: a class; not a coding agent's users, whose every measure a harvester copies for free): a
 * service (a relay, an evaluation harness, a pipeline) or an account alone may be hiding a harvest inside it, and
 * keeps its rank. Tiers and flags are unchanged. Returns the accounts re-ranked.
 */
export function rankWithinPatterns(accounts: AccountVerdict[], groupPattern: Map<string, string>, people: Set<string>): number {
  const scoresOf = new Map<string, number[]>();
  for (const a of accounts) {
    for (const r of a.resembles ?? []) {
      const list = scoresOf.get(r.pattern);
      if (list) list.push(a.own.score);
      else scoresOf.set(r.pattern, [a.own.score]);
    }
  }
  const bars = new Map([...scoresOf].filter(([, s]) => s.length >= MIN_PATTERN_PEERS).map(([p, s]) => [p, new RobustBar(s)]));
  let changed = 0;
  for (const a of accounts) {
    const pattern = groupPattern.get(a.account_id);
    if (a.tier !== null || !pattern || !people.has(pattern) || !a.resembles?.some((r) => r.pattern === pattern)) continue;
    const bar = bars.get(pattern)?.without([a.own.score]);
    if (bar === undefined || !Number.isFinite(bar)) continue;
    const within = confidence(a.own.score, bar);
    if (within < a.own.confidence) {
      a.risk = riskOf(null, within);
      a.rankedWithin = { pattern, bar, confidence: within };
      changed++;
    }
  }
  return changed;
}
