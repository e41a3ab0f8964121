import { describe, expect, it } from 'vitest';
import { hash32, Random, Weighted } from './rng.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const draw = <T>(n: number, f: () => T): T[] => Array.from({ length: n }, f);

describe('Random', () => {
  it('gives the same stream for the same seed and name, another for another', () => {
    const a = draw(5, () => new Random(7, 'actor', 3).u32());
    expect(new Set(a).size).toBe(1);
    const s1 = new Random(7, 'actor', 3);
    const s2 = new Random(7, 'actor', 3);
    const s3 = new Random(7, 'actor', 4);
    const x1 = draw(50, () => s1.u32());
    expect(draw(50, () => s2.u32())).toEqual(x1);
    expect(draw(50, () => s3.u32())).not.toEqual(x1);
    expect(new Random(8, 'actor', 3).u32()).not.toBe(new Random(7, 'actor', 3).u32());
  });

  it('reseeds to the same sequence', () => {
    const r = new Random(1);
    const first = draw(10, () => r.reseed(12345).next());
    expect(new Set(first).size).toBe(1);
    const seq = (() => {
      r.reseed(99);
      return draw(10, () => r.next());
    })();
    r.reseed(99);
    expect(draw(10, () => r.next())).toEqual(seq);
  });

  it('draws from the distributions it names', () => {
    const r = new Random(3);
    const u = draw(20_000, () => r.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 1);
    expect(mean(draw(20_000, () => r.exponential(3)))).toBeCloseTo(3, 0);
    // Gamma(k, theta) has mean k * theta, also below shape 1.
    expect(mean(draw(20_000, () => r.gamma(0.5, 4)))).toBeGreaterThan(1.8);
    expect(mean(draw(20_000, () => r.gamma(0.5, 4)))).toBeLessThan(2.2);
    expect(mean(draw(20_000, () => r.gamma(3, 2)))).toBeCloseTo(6, 0);
    const ln = draw(20_001, () => r.lognormal(100, 0.8)).sort((a, b) => a - b);
    expect(ln[10_000]! / 100).toBeGreaterThan(0.93);
    expect(ln[10_000]! / 100).toBeLessThan(1.07);
    // Weibull(1, lambda) is exponential with mean lambda.
    expect(mean(draw(20_000, () => r.weibull(1, 5)))).toBeCloseTo(5, 0);
    expect(mean(draw(20_000, () => r.poisson(4)))).toBeCloseTo(4, 0);
    expect(mean(draw(2_000, () => r.poisson(500)))).toBeGreaterThan(490);
  });

  it('makes tokens in one alphabet and length', () => {
    const r = new Random(5);
    const ts = draw(1000, () => r.token(24));
    for (const t of ts) expect(t).toMatch(/^[0-9A-Za-z]{24}$/);
    expect(new Set(ts).size).toBe(1000);
    expect(r.hex(10)).toMatch(/^[0-9a-f]{10}$/);
  });

  it('hashes numbers and strings to 32 bits, sensitive to every part', () => {
    expect(hash32(1, 'a')).toBe(hash32(1, 'a'));
    expect(hash32(1, 'a')).not.toBe(hash32(1, 'b'));
    expect(hash32(2 ** 40)).not.toBe(hash32(2 ** 40 + 2 ** 33));
    expect(hash32('x') >>> 0).toBe(hash32('x'));
  });
});

describe('Weighted', () => {
  it('picks in proportion to the weights and drops zero weights', () => {
    const w = new Weighted<string>([['a', 1], ['b', 3], ['c', 0]]);
    expect(w.items).toEqual(['a', 'b']);
    expect(w.shares()).toEqual([0.25, 0.75]);
    const r = new Random(11);
    const picks = draw(20_000, () => w.pick(r));
    expect(picks.filter((p) => p === 'b').length / picks.length).toBeCloseTo(0.75, 1);
  });

  it('refuses an all-zero choice', () => {
    expect(() => new Weighted([['a', 0]])).toThrow(/positive weight/);
  });
});
