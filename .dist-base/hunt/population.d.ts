import { type Signal, type SignalFamily, type SignalGroup } from './signal.js';
/**
 * The population's score distributions, held in memory as sorted arrays (one per signal, one value per
 * scored account) so pooled cluster values can be placed in them: "what share of accounts are at least
 * this extreme?". Small: at most a few million numbers.
 */
export declare class Population {
    readonly signals: Signal[];
    /** Accounts in the window. */
    readonly accounts: number;
    private readonly sorted;
    private readonly byId;
    constructor(signals: Signal[], values: Map<string, number[]>, 
    /** Accounts in the window. */
    accounts: number);
    /**
     * How many times larger `value` is than the median value of the other accounts that show the behaviour
     * at all (non-zero values, leaving this value out): "an order of magnitude beyond the typical user of
     * the feature" is 10. Infinity when no other account shows it.
     */
    foldOverOthers(id: string, value: number): number;
    /** Number of scored accounts at least as extreme as `value` on signal `id`, and how many are scored. */
    atLeast(id: string, value: number): {
        count: number;
        scored: number;
    };
    /**
     * Share of the scored accounts *outside a group* at least as extreme as `value` on signal `id`, given how
     * many left-out values are at least as extreme and how many are left out. A campaign that is 5% of all
     * accounts would otherwise cap its own surprise at -log2(0.05): it is measured against everyone else.
     */
    tailExcluding(id: string, value: number, leftOutAtLeast: number, leftOut: number): number;
    /** How many of the sorted `values` are at least as extreme as `value` on signal `id`. */
    countAtLeast(id: string, sortedValues: Float64Array, value: number): number;
}
export interface SignalHit {
    signal: string;
    group: SignalGroup;
    /** The signal's raw value (a share, a count, a statistic). */
    value: number;
    /** The value it is ranked by (shares shrunk toward the population mean); same as value otherwise. */
    ranked?: number;
    /** Exchanges (or accounts, for pooled values) it rests on. */
    support: number;
    /** Share of accounts at least as extreme. */
    p: number;
    bits: number;
}
/** Sum over signal groups of the strongest signal of each group, in bits. */
export declare function combinedBits(hits: SignalHit[]): number;
/** Sum over the signal groups of one family of the strongest signal of each group, in bits. */
export declare function familyBits(hits: SignalHit[], family: SignalFamily): number;
