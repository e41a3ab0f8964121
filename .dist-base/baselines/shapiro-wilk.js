/**
 * The Shapiro-Wilk test of normality, by Royston's algorithm AS R94 (Royston 1995, "Remark AS R94: A
 * remark on algorithm AS 181", Applied Statistics 44(4)), the one R's shapiro.test and SciPy's
 * scipy.stats.shapiro run. Valid for 3 <= n <= 5000. No maintained npm package offers it, so it is
 * written out here and checked against SciPy's values in the tests.
 */
export class ShapiroWilkError extends Error {
}
/** Evaluates c[0] + c[1] x + c[2] x^2 + ... */
function poly(c, x) {
    let r = 0;
    for (let i = c.length - 1; i >= 0; i--)
        r = r * x + c[i];
    return r;
}
/** Royston's polynomial coefficients (AS R94). */
const G = [-2.273, 0.459];
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
/** The Shapiro-Wilk coefficients a[1..n/2] (index 0 unused), which depend on n only. */
function coefficients(n) {
    const half = Math.floor(n / 2);
    const a = new Float64Array(half + 1);
    if (n === 3) {
        a[1] = Math.SQRT1_2;
        return a;
    }
    const an25 = n + 0.25;
    let summ2 = 0;
    for (let i = 1; i <= half; i++) {
        a[i] = normalQuantile((i - 0.375) / an25);
        summ2 += a[i] * a[i];
    }
    summ2 *= 2;
    const ssumm2 = Math.sqrt(summ2);
    const rsn = 1 / Math.sqrt(n);
    const a1 = poly(C1, rsn) - a[1] / ssumm2;
    let first;
    let fac;
    if (n > 5) {
        first = 3;
        const a2 = -a[2] / ssumm2 + poly(C2, rsn);
        fac = Math.sqrt((summ2 - 2 * a[1] ** 2 - 2 * a[2] ** 2) / (1 - 2 * a1 ** 2 - 2 * a2 ** 2));
        a[2] = a2;
    }
    else {
        first = 2;
        fac = Math.sqrt((summ2 - 2 * a[1] ** 2) / (1 - 2 * a1 ** 2));
    }
    a[1] = a1;
    for (let i = first; i <= half; i++)
        a[i] = -a[i] / fac;
    return a;
}
/**
 * W and its p-value for a sample (any order; it is sorted here). Throws on fewer than 3 values, more than
 * 5000 (outside the approximation's range), non-finite values, or a sample with no spread (W undefined).
 */
export function shapiroWilk(sample) {
    const n = sample.length;
    if (n < 3)
        throw new ShapiroWilkError(`Shapiro-Wilk needs at least 3 values, got ${n}`);
    if (n > 5000)
        throw new ShapiroWilkError(`Shapiro-Wilk is approximated for at most 5000 values, got ${n}`);
    const x = Float64Array.from(sample).sort();
    if (!Number.isFinite(x[0]) || !Number.isFinite(x[n - 1]))
        throw new ShapiroWilkError('Shapiro-Wilk needs finite values');
    const range = x[n - 1] - x[0];
    if (range < 1e-19)
        throw new ShapiroWilkError('Shapiro-Wilk is undefined for a sample with no spread (all values equal)');
    const a = coefficients(n);
    // The coefficient of the i-th smallest value (0-based): -a of its mirror rank in the lower half, +a in the upper.
    const coef = (i) => {
        const j = n - 1 - i;
        return i === j ? 0 : i < j ? -a[i + 1] : a[j + 1];
    };
    // W is the squared correlation between the sorted data and the coefficients; computing 1 - W directly
    // (as AS R94 does) avoids rounding error when W is very near 1.
    let sa = 0;
    let sx = 0;
    for (let i = 0; i < n; i++) {
        sa += coef(i);
        sx += x[i] / range;
    }
    sa /= n;
    sx /= n;
    let ssa = 0;
    let ssx = 0;
    let sax = 0;
    for (let i = 0; i < n; i++) {
        const asa = coef(i) - sa;
        const xsx = x[i] / range - sx;
        ssa += asa * asa;
        ssx += xsx * xsx;
        sax += asa * xsx;
    }
    const ssassx = Math.sqrt(ssa * ssx);
    const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx);
    const w = 1 - w1;
    return { w, p: pValue(n, w, w1), n };
}
function pValue(n, w, w1) {
    if (n === 3) {
        // Exact for n = 3.
        const p = (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.PI / 3);
        return Math.max(0, Math.min(1, p));
    }
    let y = Math.log(w1);
    let m;
    let s;
    if (n <= 11) {
        const gamma = poly(G, n);
        if (y >= gamma)
            return 1e-99;
        y = -Math.log(gamma - y);
        m = poly(C3, n);
        s = Math.exp(poly(C4, n));
    }
    else {
        const ln = Math.log(n);
        m = poly(C5, ln);
        s = Math.exp(poly(C6, ln));
    }
    return normalUpperTail((y - m) / s);
}
// ---- the standard normal distribution -------------------------------------------------------------
/** Acklam's rational approximation of the standard normal quantile (relative error below 1.2e-9). */
const QA = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const QB = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const QC = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const QD = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
/** Φ⁻¹(p) for 0 < p < 1. */
export function normalQuantile(p) {
    if (!(p > 0 && p < 1))
        throw new RangeError(`normal quantile of ${p}: p must be in (0, 1)`);
    const tail = (q) => (((((QC[0] * q + QC[1]) * q + QC[2]) * q + QC[3]) * q + QC[4]) * q + QC[5]) /
        ((((QD[0] * q + QD[1]) * q + QD[2]) * q + QD[3]) * q + 1);
    if (p < 0.02425)
        return tail(Math.sqrt(-2 * Math.log(p)));
    if (p > 1 - 0.02425)
        return -tail(Math.sqrt(-2 * Math.log(1 - p)));
    const q = p - 0.5;
    const r = q * q;
    return (((((((QA[0] * r + QA[1]) * r + QA[2]) * r + QA[3]) * r + QA[4]) * r + QA[5]) * q) /
        (((((QB[0] * r + QB[1]) * r + QB[2]) * r + QB[3]) * r + QB[4]) * r + 1));
}
/** 1 - Φ(z), through erfc (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7). */
export function normalUpperTail(z) {
    return 0.5 * erfc(z / Math.SQRT2);
}
function erfc(x) {
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t *
        Math.exp(-z * z -
            1.26551223 +
            t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
}
//# sourceMappingURL=shapiro-wilk.js.map