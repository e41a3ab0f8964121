import { describe, expect, it } from 'vitest';
import { lowerBound, mergeSorted, upperBound } from './sorted.js';

describe('mergeSorted', () => {
  it('gives the values of every array, each as often, sorted; missing and empty arrays add nothing', () => {
    const merged = mergeSorted([Float64Array.from([1, 4, 4]), undefined, new Float64Array(), Float64Array.from([0, 4, 9])]);
    expect(Array.from(merged)).toEqual([0, 1, 4, 4, 4, 9]);
    // (binary searches over the merged array count what they counted over the parts)
    expect(upperBound(merged, 4) - lowerBound(merged, 4)).toBe(3);
  });

  it('returns an array given alone as it is, and an empty one for none', () => {
    const only = Float64Array.from([2, 3]);
    expect(mergeSorted([undefined, only])).toBe(only);
    expect(mergeSorted([]).length).toBe(0);
  });
});
