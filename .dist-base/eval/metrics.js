/** The arithmetic of scoring, free of files: counts in, rates out. A rate with an empty denominator is null. */
export const ratio = (num, den) => (den === 0 ? null : num / den);
/** A rate as a percentage, with enough digits to tell 0.1% bounds apart. */
export const pct = (x) => x === null || x === undefined ? 'n/a' : x === 0 ? '0%' : `${(x * 100).toFixed(x < 0.01 ? 3 : 2)}%`;
export function confusion(tp, fp, fn, tn) {
    const precision = ratio(tp, tp + fp);
    const recall = ratio(tp, tp + fn);
    const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { tp, fp, fn, tn, precision, recall, falsePositiveRate: ratio(fp, fp + tn), f1 };
}
/**
 * ROC AUC of scores for positives against negatives: the chance a random positive scores above a random
 * negative, ties counting half (the Mann-Whitney U statistic over P × N). Null when a side is empty.
 */
export function rocAuc(positives, negatives) {
    if (positives.length === 0 || negatives.length === 0)
        return null;
    const pos = Float64Array.from(positives).sort();
    const neg = Float64Array.from(negatives).sort();
    let below = 0; // negatives strictly below the current positive
    let wins = 0;
    for (let i = 0; i < pos.length;) {
        const v = pos[i];
        let j = i;
        while (j < pos.length && pos[j] === v)
            j++;
        while (below < neg.length && neg[below] < v)
            below++;
        let equal = below;
        while (equal < neg.length && neg[equal] === v)
            equal++;
        wins += (j - i) * (below + (equal - below) / 2);
        i = j;
    }
    return wins / (pos.length * neg.length);
}
/**
 * Precision among the k highest scores. Scores tied across the k-th place are taken in proportion (the
 * expected precision over every order of the tie), so the figure does not depend on input order.
 */
export function precisionAtK(positives, negatives, k) {
    if (k <= 0)
        return null;
    const pos = Float64Array.from(positives).sort();
    const neg = Float64Array.from(negatives).sort();
    let p = pos.length - 1;
    let q = neg.length - 1;
    let taken = 0;
    let hits = 0;
    while (taken < k && (p >= 0 || q >= 0)) {
        const v = Math.max(p >= 0 ? pos[p] : -Infinity, q >= 0 ? neg[q] : -Infinity);
        let gp = 0;
        let gn = 0;
        while (p >= 0 && pos[p] === v)
            (p--, gp++);
        while (q >= 0 && neg[q] === v)
            (q--, gn++);
        const take = Math.min(gp + gn, k - taken);
        hits += (gp * take) / (gp + gn);
        taken += take;
    }
    return hits / k;
}
/**
 * Share of a campaign's exchanges served before `cutoff` (ms), from its exchanges per UTC hour (index 0 =
 * the hour holding `start`). Within an hour the exchanges are spread evenly over the part of the hour the
 * campaign was running (the first hour from `start`, the last until `end`).
 */
export function servedShareBefore(hourly, start, end, cutoff) {
    const HOUR = 3_600_000;
    const total = hourly.reduce((a, b) => a + b, 0);
    if (total === 0)
        return cutoff > start ? 1 : 0;
    const hour0 = Math.floor(start / HOUR) * HOUR;
    let served = 0;
    for (let h = 0; h < hourly.length; h++) {
        const from = Math.max(hour0 + h * HOUR, start);
        let to = Math.min(hour0 + (h + 1) * HOUR, end);
        if (to <= from)
            to = hour0 + (h + 1) * HOUR; // an hour past `end` that still has exchanges: take it whole
        if (cutoff >= to)
            served += hourly[h];
        else {
            if (cutoff > from)
                served += (hourly[h] * (cutoff - from)) / (to - from);
            break;
        }
    }
    return served / total;
}
//# sourceMappingURL=metrics.js.map