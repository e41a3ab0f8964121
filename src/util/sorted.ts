/** Binary searches and order statistics over sorted arrays of numbers. */

/** Index of the first value >= x in a sorted array. */
export function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first value > x in a sorted array. */
export function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The median of a sorted array (the mean of the middle two when its length is even); 0 when it is empty. */
export function medianOfSorted(a: ArrayLike<number>): number {
  const n = a.length;
  if (n === 0) return 0;
  return n % 2 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
}

/** Sorted arrays as one sorted array (the same values, each as often; an array given alone is returned as it is). */
export function mergeSorted(arrays: (Float64Array | undefined)[]): Float64Array {
  const present = arrays.filter((a): a is Float64Array => a !== undefined && a.length > 0);
  if (present.length === 1) return present[0]!;
  const out = new Float64Array(present.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of present) {
    out.set(a, at);
    at += a.length;
  }
  return out.sort();
}
