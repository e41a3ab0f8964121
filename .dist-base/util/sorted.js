/** Binary searches over sorted arrays of numbers. */
/** Index of the first value >= x in a sorted array. */
export function lowerBound(a, x) {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (a[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
/** Index of the first value > x in a sorted array. */
export function upperBound(a, x) {
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (a[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
//# sourceMappingURL=sorted.js.map