/** Log-gamma and the tail probabilities the hunt's tests of significance use, summed in log space. */
/** Lanczos approximation of ln Γ(x) for x > 0. */
export function lnGamma(x) {
    const g = 7;
    const c = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
    if (x < 0.5)
        return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
    x -= 1;
    let a = c[0];
    const t = x + g + 0.5;
    for (let i = 1; i < g + 2; i++)
        a += c[i] / (x + i);
    return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}
/**
 * log2 of a tail sum: `first` is the ln of the tail's first term, `ratio(i)` the ln of term i over term i-1;
 * terms are added until they stop mattering (or `last` is reached).
 */
function log2TailSum(first, from, last, ratio) {
    let lnTerm = first;
    let lnSum = first;
    for (let i = from + 1; i <= last; i++) {
        lnTerm += ratio(i);
        const next = lnSum > lnTerm ? lnSum + Math.log1p(Math.exp(lnTerm - lnSum)) : lnTerm + Math.log1p(Math.exp(lnSum - lnTerm));
        if (next - lnSum < 1e-12)
            break;
        lnSum = next;
    }
    return Math.min(0, lnSum / Math.LN2);
}
/** log2 P(X >= k) for X ~ Binomial(n, p). */
export function log2BinomialTail(n, k, p) {
    if (k <= 0)
        return 0;
    if (k > n)
        return -Infinity;
    const lnp = Math.log(p);
    const lnq = Math.log1p(-p);
    const first = lnGamma(n + 1) - lnGamma(k + 1) - lnGamma(n - k + 1) + k * lnp + (n - k) * lnq;
    return log2TailSum(first, k, n, (i) => Math.log((n - i + 1) / i) + lnp - lnq);
}
/** log2 P(X >= k) for X ~ Poisson(lambda). */
export function log2PoissonTail(k, lambda) {
    if (k <= 0)
        return 0;
    return log2TailSum(-lambda + k * Math.log(lambda) - lnGamma(k + 1), k, k + 100_000, (i) => Math.log(lambda / i));
}
//# sourceMappingURL=tails.js.map