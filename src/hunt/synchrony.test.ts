import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/rng.js';
import { crowdedBuckets } from './synchrony.js';

/** Poisson draws (Knuth's method; small means only). */
function poisson(rand: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = rand(); p > limit; p *= rand()) k++;
  return k;
}

/** Three weeks of 10-minute buckets of session starts following a daily rhythm (quiet nights, busy evenings). */
function rhythm(seed: number, peak: number): number[] {
  const rand = seededRandom(seed);
  return Array.from({ length: 21 * 144 }, (_, i) => {
    const hour = (i % 144) / 6;
    return poisson(rand, peak * (0.08 + 0.92 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI)) ** 2));
  });
}

describe('crowdedBuckets', () => {
  it('finds nothing in a daily rhythm with Poisson noise, at any volume', () => {
    for (const peak of [2, 30, 400]) {
      for (const seed of [1, 2, 3]) expect(crowdedBuckets(rhythm(seed, peak), 0), `peak ${peak}, seed ${seed}`).toEqual([]);
    }
  });

  it('finds nothing at a step (a daily rhythm changing hour by hour)', () => {
    const counts = [...new Array<number>(60).fill(5), ...new Array<number>(60).fill(50), ...new Array<number>(60).fill(5)];
    expect(crowdedBuckets(counts, 0)).toEqual([]);
  });

  it('finds the buckets where a crowd starts together, with their numbers', () => {
    const counts = rhythm(4, 30);
    const jobs = [500, 1234, 2100, 2950];
    for (const j of jobs) counts[j]! += 40;
    const found = crowdedBuckets(counts, 1000);
    expect(found.map((c) => c.bucket)).toEqual(jobs.map((j) => j + 1000));
    for (const c of found) {
      expect(c.starts).toBe(counts[c.bucket - 1000]);
      expect(c.expected).toBeLessThan(c.starts - 30);
      expect(c.bits).toBeGreaterThan(Math.log2(counts.length / 0.01));
    }
  });

  it('takes a crowd that comes back every hour or every day at the same time for a convention', () => {
    const hourly = rhythm(5, 30);
    for (let i = 0; i < hourly.length; i += 6) hourly[i]! += 40; // schedulers at the top of every hour
    expect(crowdedBuckets(hourly, 0)).toEqual([]);
    const daily = rhythm(6, 30);
    for (let i = 54; i < daily.length; i += 144) daily[i]! += 40; // a shift starting at nine every day
    expect(crowdedBuckets(daily, 0)).toEqual([]);
    // A one-off crowd among them still stands out.
    hourly[1000]! += 60;
    expect(crowdedBuckets(hourly, 0).map((c) => c.bucket)).toEqual([1000]);
  });

  it('needs more than a handful: three or so starting together where none are expected is chance', () => {
    const counts = new Array<number>(3000).fill(0);
    counts[100] = 3;
    expect(crowdedBuckets(counts, 0)).toEqual([]);
    counts[100] = 12;
    expect(crowdedBuckets(counts, 0).map((c) => c.bucket)).toEqual([100]);
  });
});
