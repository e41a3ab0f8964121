import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/rng.js';
import { averagePathLength, IsolationForest } from './isolation-forest.js';

/** A Gaussian-ish cloud (sum of uniforms) in `dims` dimensions, seeded. */
function cloud(n: number, dims: number, seed: number): number[][] {
  const rnd = seededRandom(seed);
  const g = () => rnd() + rnd() + rnd() + rnd() - 2;
  return Array.from({ length: n }, () => Array.from({ length: dims }, g));
}

describe('IsolationForest', () => {
  it('uses the paper\'s c(n)', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    // c(256) = 2 (ln 255 + γ) - 2 * 255 / 256
    expect(averagePathLength(256)).toBeCloseTo(10.24476, 4);
  });

  it('scores a blatant outlier highest, and far above the crowd', () => {
    const rows = cloud(2000, 6, 3);
    rows[1234] = [8, -7, 9, 0, 6, -8];
    const forest = IsolationForest.fit(rows, { seed: 5 });
    const scores = rows.map((r) => forest.score(r));
    const top = scores.indexOf(Math.max(...scores));
    expect(top).toBe(1234);
    expect(scores[1234]).toBeGreaterThan(0.65);
    const sorted = [...scores].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(0.5);
  });

  it('agrees with scikit-learn\'s IsolationForest (mean over 20 seeds of each)', () => {
    // The same rows scored by sklearn 1.9 (-score_samples, random_state 0..19, defaults: 100 trees, 256
    // samples): mean score over all rows 0.4499, of the row [3, 3, 3, -3, 3] 0.7552, of row 17 0.5442.
    const rows = cloud(1000, 5, 9);
    rows[17]![4] = 25;
    rows[18] = [3, 3, 3, -3, 3];
    const mean = new Float64Array(rows.length);
    for (let seed = 1; seed <= 20; seed++) {
      const f = IsolationForest.fit(rows, { seed });
      rows.forEach((r, i) => (mean[i] = mean[i]! + f.score(r) / 20));
    }
    expect(mean.reduce((a, b) => a + b, 0) / rows.length).toBeCloseTo(0.4499, 2);
    expect(Math.abs(mean[18]! - 0.7552)).toBeLessThan(0.015);
    expect(Math.abs(mean[17]! - 0.5442)).toBeLessThan(0.015);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const rows = cloud(600, 4, 11);
    const a = IsolationForest.fit(rows, { seed: 42, trees: 50 });
    const b = IsolationForest.fit(rows, { seed: 42, trees: 50 });
    const c = IsolationForest.fit(rows, { seed: 43, trees: 50 });
    const sa = rows.map((r) => a.score(r));
    expect(rows.map((r) => b.score(r))).toEqual(sa);
    expect(rows.map((r) => c.score(r))).not.toEqual(sa);
  });

  it('handles fewer rows than the sample size, constant features and duplicates', () => {
    const rows = [[1, 0], [1, 0], [1, 0], [1, 0], [1, 50]];
    const forest = IsolationForest.fit(rows, { seed: 2 });
    expect(forest.psi).toBe(5);
    const scores = rows.map((r) => forest.score(r));
    expect(scores[4]).toBeGreaterThan(scores[0]!);
    expect(new Set(scores.slice(0, 4)).size).toBe(1);
  });

  it('scores a single row as ordinary', () => {
    expect(IsolationForest.fit([[1, 2, 3]], { seed: 1 }).score([1, 2, 3])).toBe(0.5);
  });

  it('rejects rows it cannot use, naming the row and feature', () => {
    expect(() => IsolationForest.fit([])).toThrow(/no rows/);
    expect(() => IsolationForest.fit([[1, 2], [3]])).toThrow(/row 1 has 1 features/);
    expect(() => IsolationForest.fit([[1, 2], [3, Number.NaN]])).toThrow(/row 1 feature 1/);
  });
});
