import { describe, expect, it } from 'vitest';
import { lnGamma, log2BinomialTail, log2PoissonTail } from './tails.js';

describe('tails', () => {
  it('lnGamma matches factorials and Γ(1/2)', () => {
    expect(lnGamma(1)).toBeCloseTo(0, 12);
    expect(lnGamma(11)).toBeCloseTo(Math.log(3_628_800), 10);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('binomial tail: exact small cases, and deep tails without underflow', () => {
    expect(2 ** log2BinomialTail(10, 3, 0.1)).toBeCloseTo(0.0701908, 6);
    expect(log2BinomialTail(10, 0, 0.1)).toBe(0);
    expect(log2BinomialTail(10, 11, 0.1)).toBe(-Infinity);
    expect(log2BinomialTail(1200, 60, 0.001)).toBeLessThan(-200);
  });

  it('Poisson tail: the closed forms', () => {
    expect(log2PoissonTail(0, 3)).toBe(0);
    expect(log2PoissonTail(1, 1)).toBeCloseTo(Math.log2(1 - Math.exp(-1)), 10);
    // P(X >= 10 | 1) = 1.1142e-7
    expect(2 ** log2PoissonTail(10, 1)).toBeCloseTo(1.1142e-7, 10);
    expect(log2PoissonTail(40, 200)).toBeGreaterThan(-1e-6);
  });
});
