import { lowerBound, upperBound } from '../util/sorted.js';
import { familyOf, type Signal, type SignalFamily, type SignalGroup } from './signal.js';

/**
 * The population's score distributions, held in memory as sorted arrays (one per signal, one value per
 * scored account) so pooled cluster values can be placed in them: "what share of accounts are at least
 * this extreme?". Small: at most a few million numbers.
 */
export class Population {
  private readonly sorted = new Map<string, Float64Array>();
  private readonly byId: Map<string, Signal>;

  constructor(
    readonly signals: Signal[],
    values: Map<string, number[]>,
    /** Accounts in the window. */
    readonly accounts: number,
  ) {
    this.byId = new Map(signals.map((s) => [s.id, s]));
    for (const [id, vs] of values) this.sorted.set(id, Float64Array.from(vs).sort());
  }

  /**
   * How many times larger `value` is than the median value of the other accounts that show the behaviour
   * at all (non-zero values, leaving this value out): "an order of magnitude beyond the typical user of
   * the feature" is 10. Infinity when no other account shows it.
   */
  foldOverOthers(id: string, value: number): number {
    const nz = [...(this.sorted.get(id) ?? [])].filter((v) => v !== 0);
    const i = nz.indexOf(value);
    if (i >= 0) nz.splice(i, 1);
    if (nz.length === 0) return Infinity;
    const m = nz.length % 2 ? nz[(nz.length - 1) / 2]! : (nz[nz.length / 2 - 1]! + nz[nz.length / 2]!) / 2;
    return value / Math.max(1e-12, Math.abs(m));
  }

  /** Number of scored accounts at least as extreme as `value` on signal `id`, and how many are scored. */
  atLeast(id: string, value: number): { count: number; scored: number } {
    const s = this.sorted.get(id);
    const signal = this.byId.get(id);
    if (!s || s.length === 0 || !signal) return { count: 0, scored: 0 };
    const n = s.length;
    return { count: signal.direction === 'high' ? n - lowerBound(s, value) : upperBound(s, value), scored: n };
  }

  /**
   * Share of the scored accounts *outside a group* at least as extreme as `value` on signal `id`, given how
   * many left-out values are at least as extreme and how many are left out. A campaign that is 5% of all
   * accounts would otherwise cap its own surprise at -log2(0.05): it is measured against everyone else.
   */
  tailExcluding(id: string, value: number, leftOutAtLeast: number, leftOut: number): number {
    const all = this.atLeast(id, value);
    if (all.scored === 0) return 1;
    return Math.max(1, all.count - leftOutAtLeast) / Math.max(1, all.scored - leftOut + 1);
  }

  /** How many of the sorted `values` are at least as extreme as `value` on signal `id`. */
  countAtLeast(id: string, sortedValues: Float64Array, value: number): number {
    const signal = this.byId.get(id);
    if (!signal) return 0;
    return signal.direction === 'high' ? sortedValues.length - lowerBound(sortedValues, value) : upperBound(sortedValues, value);
  }
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
  /**
   * For a group's evidence of a time span (its accounts woken together): the span that holds most of its accounts
   * (epoch milliseconds), and what one account in it shows, in bits (-log2 of the other accounts' share in it).
   */
  span?: { from: number; to: number; bits: number };
}

/** Sum over signal groups of the strongest signal of each group, in bits. */
export function combinedBits(hits: SignalHit[]): number {
  const best = new Map<SignalGroup, number>();
  for (const h of hits) best.set(h.group, Math.max(best.get(h.group) ?? 0, h.bits));
  let total = 0;
  for (const b of best.values()) total += b;
  return total;
}

/** Sum over the signal groups of one family of the strongest signal of each group, in bits. */
export function familyBits(hits: SignalHit[], family: SignalFamily): number {
  return combinedBits(hits.filter((h) => familyOf(h.group) === family));
}
