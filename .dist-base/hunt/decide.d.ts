import { type Population, type SignalHit } from './population.js';
import { type Signal } from './signal.js';
import type { SweepTest } from './sweep.js';
/**
 * From scores to verdicts. Three ways an account is flagged, each with its reason codes:
 * 1. it belongs to a cluster whose pooled behaviour is a campaign's (`campaign_member`, plus the
 *    cluster's strongest signals);
 * 2. it sends traffic from a campaign's own templates although it is not in the campaign's cluster, e.g. a
 *    relay mixing a campaign's requests into its customers' (`campaign_traffic`), starts its sessions in
 *    step with the campaign (`campaign_timing`), or shares its cards or sign-up bursts (`campaign_provenance`);
 * 3. a standalone signal (one specific enough to act on alone, like logit-extraction sweeps) is extreme.
 */
export interface ClusterEvidence {
    cluster: number;
    members: number;
    pooled: SignalHit[];
    links: {
        kind: string;
        keys: number;
        linked: number;
        weight: number;
    }[];
    /** Its kin communities (see kinOf): left out of its reference population and its bars. */
    kin?: number[];
    /** Set by decide: the bars the group was held to (for --verbose and the report). */
    bars?: Thresholds;
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
    /** The membership test the account passed (see sweep.ts), with its numbers. */
    sweep?: {
        test: SweepTest;
        hits: number;
        exchanges: number;
        expected: number;
        bits: number;
        shared?: string[];
    };
    /** Evidence of the account alone: standalone signals that fired, whether it clears the bars alone. */
    own: {
        standalone: string[];
        alone: boolean;
        top: string[];
        risk: number;
    };
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
    /** The bars this group had to clear: the robust bars of the accounts outside it. */
    bars: Thresholds;
}
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
     * Bars already computed for these communities (they depend on the communities and their kin only, not
     * on the campaigns found): reused across the pooling passes.
     */
    barCache?: Map<number, Thresholds>;
}
/** A campaign is more than a pair: two accounts sharing a card are a household as often as a fleet. */
export declare const MIN_CAMPAIGN_ACCOUNTS = 3;
/** A signal counts as a reason when at most 1 account in 2^this is as extreme. */
export declare const REASON_BITS = 4;
/**
 * How unusual a linked group must be to call it a campaign. The group's pooled value on each signal is its
 * median member's, so the test asks whether the typical member of this linked group is far out in the
 * population's tail, in both families of evidence: behaviour and provenance (see SignalFamily). Each
 * family's bar is a robust z-score of CAMPAIGN_Z over the accounts' scores in that family (median and
 * MAD), taken over the accounts outside the group and its kin: a campaign that is a third of all accounts
 * would otherwise set the scale it is measured by.
 */
export declare const CAMPAIGN_Z = 3;
export declare function robustThreshold(scores: number[], z?: number): number;
/**
 * The robust bar of a score distribution with some of its values left out: median + z * 1.4826 * MAD of
 * the rest, computed by order statistics on the sorted whole and the sorted left-out values (the whole is
 * sorted once), so each linked group can be weighed against everyone outside it at the cost of a few
 * binary searches.
 */
export declare class RobustBar {
    private readonly all;
    constructor(scores: number[]);
    /** The bar over the scores without `leftOut` (values that are in the whole). */
    without(leftOut: number[], z?: number): number;
    /** As `without`, the left-out values given as sorted arrays (one per community). */
    withoutSorted(outs: Float64Array[], z?: number): number;
}
export interface Thresholds {
    behaviour: number;
    provenance: number;
}
export declare function decide(input: DecideInput): {
    accounts: AccountVerdict[];
    campaigns: CampaignVerdict[];
    thresholds: Thresholds;
};
/** Signals at least REASON_BITS surprising, strongest first. */
export declare function topReasons(hits: SignalHit[]): string[];
/** Maps a score and its threshold to 0..1: 0.5 at the threshold, doubling odds every 4 bits above. */
export declare function confidence(score: number, threshold: number): number;
/**
 * Final membership: a campaign's accounts are those that pass its fingerprint tests (sweep.ts), whether
 * or not community detection put them in its cluster. A clustered account that passes none loses the
 * campaign (and its flag, unless its own evidence flags it); an outside account that passes joins, with
 * the test as its first reason. Campaigns left with fewer than MIN_CAMPAIGN_ACCOUNTS are dropped and the
 * rest numbered by size.
 */
export declare function applyMembership(v: {
    accounts: AccountVerdict[];
    campaigns: CampaignVerdict[];
}, hits: {
    account_id: string;
    campaign_id: string;
    test: SweepTest;
    hits: number;
    exchanges: number;
    expected: number;
    bits: number;
    shared?: string[];
}[]): void;
