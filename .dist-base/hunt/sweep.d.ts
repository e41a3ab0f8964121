import { type HuntContext } from './context.js';
/**
 * Who belongs to a campaign, decided by the campaign's own fingerprints rather than by where community
 * detection happened to put an account. Clustering discovers a campaign and its members' fingerprints:
 * its scaffolding (prompt openings, instruction lines and system prompts it wraps around many different
 * requests, used almost only by its members) and its provenance (payment methods, sign-up bursts and
 * networks mostly its members'). Then every account, clustered or not, is tested against them:
 * - traffic: like Blacklight, account-oblivious: an account sending significantly more requests with the
 *   campaign's scaffolding than chance allows is carrying its traffic, even when it is a few percent of
 *   the account's volume (a relay mixing it into real customers' requests). Significance is a one-sided
 *   binomial test against the rate at which accounts outside the campaign hit its fingerprints, with a
 *   Bonferroni correction over the accounts tested;
 * - timing: an account starting most of its sessions in the campaign's own crowded 10-minute buckets (where
 *   its accounts start work together, synchrony.ts), significantly more often than chance allows;
 * - provenance: an account paying with one of the campaign's cards, or (sending nothing) opened in one of
 *   its sign-up bursts from one of its sign-up networks.
 * A clustered account that passes neither was linked by generic evidence (a shared cloud range, a common
 * TLS stack) and is not the campaign's.
 */
export type SweepTest = 'traffic' | 'timing' | 'provenance';
export interface SweepHit {
    account_id: string;
    campaign_id: string;
    /** Which test the account passed: its traffic, its session starts (timing) or its provenance. */
    test: SweepTest;
    /** Exchanges tested (timing: session starts). */
    exchanges: number;
    hits: number;
    /** Hits expected by chance, from the background rate. */
    expected: number;
    /** -log2 of the binomial tail probability. */
    bits: number;
    /** For provenance hits: the kinds of account evidence shared with the campaign. */
    shared?: string[];
}
/** The keys of an exchange in `_hunt_x` that can be a campaign's scaffolding (the linking keys of those kinds). */
export declare const SCAFFOLD_KEYS: string[];
export declare function confirmMembership(ctx: HuntContext, clustered: Map<string, string>): Promise<SweepHit[]>;
