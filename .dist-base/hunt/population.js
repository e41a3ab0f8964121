import { lowerBound, upperBound } from '../util/sorted.js';
import { familyOf } from './signal.js';
/**
 * The population's score distributions, held in memory as sorted arrays (one per signal, one value per
 * scored account) so pooled cluster values can be placed in them: "what share of accounts are at least
 * this extreme?". Small: at most a few million numbers.
 */
export class Population {
    signals;
    accounts;
    sorted = new Map();
    byId;
    constructor(signals, values, 
    /** Accounts in the window. */
    accounts) {
        this.signals = signals;
        this.accounts = accounts;
        this.byId = new Map(signals.map((s) => [s.id, s]));
        for (const [id, vs] of values)
            this.sorted.set(id, Float64Array.from(vs).sort());
    }
    /**
     * How many times larger `value` is than the median value of the other accounts that show the behaviour
     * at all (non-zero values, leaving this value out): "an order of magnitude beyond the typical user of
     * the feature" is 10. Infinity when no other account shows it.
     */
    foldOverOthers(id, value) {
        const nz = [...(this.sorted.get(id) ?? [])].filter((v) => v !== 0);
        const i = nz.indexOf(value);
        if (i >= 0)
            nz.splice(i, 1);
        if (nz.length === 0)
            return Infinity;
        const m = nz.length % 2 ? nz[(nz.length - 1) / 2] : (nz[nz.length / 2 - 1] + nz[nz.length / 2]) / 2;
        return value / Math.max(1e-12, Math.abs(m));
    }
    /** Number of scored accounts at least as extreme as `value` on signal `id`, and how many are scored. */
    atLeast(id, value) {
        const s = this.sorted.get(id);
        const signal = this.byId.get(id);
        if (!s || s.length === 0 || !signal)
            return { count: 0, scored: 0 };
        const n = s.length;
        return { count: signal.direction === 'high' ? n - lowerBound(s, value) : upperBound(s, value), scored: n };
    }
    /**
     * Share of the scored accounts *outside a group* at least as extreme as `value` on signal `id`, given how
     * many left-out values are at least as extreme and how many are left out. A campaign that is 5% of all
     * accounts would otherwise cap its own surprise at -log2(0.05): it is measured against everyone else.
     */
    tailExcluding(id, value, leftOutAtLeast, leftOut) {
        const all = this.atLeast(id, value);
        if (all.scored === 0)
            return 1;
        return Math.max(1, all.count - leftOutAtLeast) / Math.max(1, all.scored - leftOut + 1);
    }
    /** How many of the sorted `values` are at least as extreme as `value` on signal `id`. */
    countAtLeast(id, sortedValues, value) {
        const signal = this.byId.get(id);
        if (!signal)
            return 0;
        return signal.direction === 'high' ? sortedValues.length - lowerBound(sortedValues, value) : upperBound(sortedValues, value);
    }
}
/** Sum over signal groups of the strongest signal of each group, in bits. */
export function combinedBits(hits) {
    const best = new Map();
    for (const h of hits)
        best.set(h.group, Math.max(best.get(h.group) ?? 0, h.bits));
    let total = 0;
    for (const b of best.values())
        total += b;
    return total;
}
/** Sum over the signal groups of one family of the strongest signal of each group, in bits. */
export function familyBits(hits, family) {
    return combinedBits(hits.filter((h) => familyOf(h.group) === family));
}
//# sourceMappingURL=population.js.map