import { describe, expect, it } from 'vitest';
import { confusion, pct, precisionAtK, rocAuc, servedShareBefore } from './metrics.js';

const f = (xs: number[]) => Float64Array.from(xs);

describe('confusion', () => {
  it('derives precision, recall, FPR and F1 from the counts', () => {
    const c = confusion(8, 1, 6, 19);
    expect(c.precision).toBeCloseTo(8 / 9, 12);
    expect(c.recall).toBeCloseTo(8 / 14, 12);
    expect(c.falsePositiveRate).toBeCloseTo(1 / 20, 12);
    expect(c.f1).toBeCloseTo(16 / 23, 12); // 2TP / (2TP + FP + FN)
  });

  it('gives null, not NaN, for a rate with nothing to divide by', () => {
    const c = confusion(0, 0, 5, 10);
    expect(c.precision).toBeNull();
    expect(c.recall).toBe(0);
    expect(c.f1).toBeNull();
    expect(confusion(0, 0, 0, 0).falsePositiveRate).toBeNull();
  });
});

describe('ranking by risk', () => {
  // Pairs (positive, negative) won: 0.9 beats both (2); each 0.5 ties one 0.5 (½) and beats 0.1 (1): 2 + 2 × 1.5 = 5 of 6.
  it('computes ROC AUC with ties counting half', () => {
    expect(rocAuc(f([0.9, 0.5, 0.5]), f([0.5, 0.1]))).toBeCloseTo(5 / 6, 12);
    expect(rocAuc(f([1, 0.8]), f([0.2, 0]))).toBe(1);
    expect(rocAuc(f([0.1]), f([0.9]))).toBe(0);
    expect(rocAuc(f([0.3, 0.3]), f([0.3]))).toBe(0.5);
    expect(rocAuc(f([]), f([0.1]))).toBeNull();
  });

  // Top 3: 0.9 (hit), then 2 of the tied group {0.5 P, 0.5 P, 0.5 N}: expected hits 2 × 2/3.
  it('computes precision at k, sharing a tie across the k-th place', () => {
    expect(precisionAtK(f([0.9, 0.5, 0.5]), f([0.5, 0.1]), 3)).toBeCloseTo((1 + 4 / 3) / 3, 12);
    expect(precisionAtK(f([0.9, 0.8]), f([0.85, 0.1]), 2)).toBe(0.5);
    expect(precisionAtK(f([0.9]), f([]), 1)).toBe(1);
    expect(precisionAtK(f([]), f([0.3]), 0)).toBeNull();
  });

  it('does not depend on the order of the input', () => {
    const pos = [0.2, 0.7, 0.7, 0.1, 0.9];
    const neg = [0.7, 0.05, 0.3, 0.2];
    expect(rocAuc(f(pos), f(neg))).toBe(rocAuc(f([...pos].reverse()), f([...neg].reverse())));
    expect(precisionAtK(f(pos), f(neg), 5)).toBe(precisionAtK(f([...pos].reverse()), f([...neg].reverse()), 5));
  });
});

describe('servedShareBefore', () => {
  // Starts 10:30, ends 13:00; hours 10:00 (100, run from 10:30), 11:00 (200), 12:00 (700): 1000 in all.
  const start = Date.parse('2026-04-22T10:30:00Z');
  const end = Date.parse('2026-04-22T13:00:00Z');
  const at = (hhmm: string) => servedShareBefore([100, 200, 700], start, end, Date.parse(`2026-04-22T${hhmm}:00Z`));

  it('interpolates linearly within the part of the hour the campaign ran', () => {
    expect(at('10:00')).toBe(0);
    expect(at('10:30')).toBe(0);
    expect(at('10:45')).toBeCloseTo(50 / 1000, 12); // half of the first (half) hour
    expect(at('11:00')).toBeCloseTo(100 / 1000, 12);
    expect(at('11:30')).toBeCloseTo(200 / 1000, 12);
    expect(at('12:30')).toBeCloseTo(650 / 1000, 12);
    expect(at('13:00')).toBe(1);
    expect(at('23:00')).toBe(1);
  });

  it('handles a campaign that ends inside an hour', () => {
    // 00:00 to 01:20: the second hour's 40 exchanges are spread over 20 minutes.
    const s = Date.parse('2026-04-21T00:00:00Z');
    const e = Date.parse('2026-04-21T01:20:00Z');
    expect(servedShareBefore([60, 40], s, e, Date.parse('2026-04-21T01:10:00Z'))).toBeCloseTo(80 / 100, 12);
  });
});

describe('pct', () => {
  it('keeps enough digits to read a 0.1% bound', () => {
    expect(pct(0.00034)).toBe('0.034%');
    expect(pct(0.9962)).toBe('99.62%');
    expect(pct(0)).toBe('0%');
    expect(pct(null)).toBe('n/a');
  });
});
