import { describe, expect, it } from 'vitest';
import { normalQuantile, normalUpperTail, shapiroWilk, ShapiroWilkError } from './shapiro-wilk.js';

// Reference values from SciPy 1.17 (scipy.stats.shapiro, norm.ppf, norm.sf), which runs the same AS R94.
const SAMPLES: { name: string; x: number[]; w: number; p: number }[] = [
  { name: 'heights (n=11)', x: [148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236], w: 0.7888146948631716, p: 0.006703814061898823 },
  { name: 'n=3 (exact p)', x: [1, 2, 4], w: 0.9642857142857142, p: 0.6368868450289689 },
  { name: 'n=5', x: [2.1, 3.4, 1.9, 5.6, 4.4], w: 0.9320849391953863, p: 0.6106559022604845 },
  { name: 'squares (n=20)', x: Array.from({ length: 20 }, (_, i) => (i + 1) ** 2), w: 0.9061306286053874, p: 0.053809589128654696 },
  { name: 'exponential quantiles (n=100)', x: Array.from({ length: 100 }, (_, i) => -Math.log(1 - (i + 0.5) / 100)), w: 0.8291039208813684, p: 2.1560403724000957e-9 },
  { name: 'uniform grid (n=50)', x: Array.from({ length: 50 }, (_, i) => ((i * 37) % 50) / 50), w: 0.9555826875589973, p: 0.058091862177350316 },
  { name: 'sine (n=3000)', x: Array.from({ length: 3000 }, (_, i) => Math.sin(i * 0.7) + 0.001 * i), w: 0.9888285814904622, p: 1.3005865307993142e-14 },
];

describe('shapiroWilk', () => {
  for (const s of SAMPLES) {
    it(`matches SciPy on ${s.name}`, () => {
      const r = shapiroWilk(s.x);
      expect(r.n).toBe(s.x.length);
      expect(r.w).toBeCloseTo(s.w, 6);
      // The p-value goes through a normal tail approximated to ~1e-7 relative error.
      expect(Math.abs(r.p - s.p) / s.p).toBeLessThan(1e-4);
    });
  }

  it('does not depend on the order or the scale and location of the sample', () => {
    const x = SAMPLES[0]!.x;
    const a = shapiroWilk(x).w;
    expect(shapiroWilk([...x].reverse()).w).toBeCloseTo(a, 12);
    expect(shapiroWilk(x.map((v) => 3 * v - 7)).w).toBeCloseTo(a, 12);
  });

  it('is near 1 for normal quantiles and low for a bimodal sample', () => {
    const normal = Array.from({ length: 200 }, (_, i) => normalQuantile((i + 0.5) / 200));
    expect(shapiroWilk(normal).w).toBeGreaterThan(0.99);
    const bimodal = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0 : 10) + normalQuantile((i + 0.5) / 200) * 0.1);
    expect(shapiroWilk(bimodal).w).toBeLessThan(0.7);
  });

  it('refuses samples it cannot judge, with the reason', () => {
    expect(() => shapiroWilk([1, 2])).toThrow(ShapiroWilkError);
    expect(() => shapiroWilk([5, 5, 5, 5])).toThrow(/no spread/);
    expect(() => shapiroWilk(new Array(5001).fill(0).map((_, i) => i))).toThrow(/at most 5000/);
    expect(() => shapiroWilk([1, 2, Number.NaN])).toThrow(/finite/);
  });
});

describe('the standard normal', () => {
  it('quantile matches SciPy', () => {
    const ref: [number, number][] = [
      [1e-10, -6.361340902404056], [0.001, -3.090232306167813], [0.02, -2.053748910631823], [0.3, -0.5244005127080409],
      [0.5, 0], [0.9, 1.2815515655446004], [0.99999, 4.264890793923841],
    ];
    for (const [p, z] of ref) expect(normalQuantile(p)).toBeCloseTo(z, 7);
    expect(() => normalQuantile(0)).toThrow(RangeError);
  });

  it('upper tail matches SciPy', () => {
    const ref: [number, number][] = [
      [-3, 0.9986501019683699], [-0.5, 0.6914624612740131], [0, 0.5], [1.2, 0.11506967022170822], [4, 3.167124183311986e-5], [8, 6.22096057427174e-16],
    ];
    for (const [z, p] of ref) expect(Math.abs(normalUpperTail(z) - p) / p).toBeLessThan(2e-7);
  });
});
