import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/rng.js';
import { riskOf, robustThreshold, RobustBar } from './decide.js';

describe('RobustBar', () => {
  it('gives the bar of the scores left after taking some out, as sorting the rest would', () => {
    const rand = seededRandom(5);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(rand() * 60);
      // Ties are common in real scores (many accounts at 0 bits): draw from a coarse grid.
      const scores = Array.from({ length: n }, () => Math.round(rand() * 40) / 2);
      const out = scores.filter(() => rand() < 0.3);
      const bar = new RobustBar(scores);
      const rest = [...scores];
      for (const x of out) rest.splice(rest.indexOf(x), 1);
      const expected = robustThreshold(rest);
      expect(bar.without(out)).toBeCloseTo(expected, 6);
    }
  });

  it('is not dragged up by a large group measured against everyone else', () => {
    const benign = Array.from({ length: 700 }, (_, i) => (i % 10) * 0.8);
    // A campaign whose typical member sits at 20 bits, 3 in 10 of the accounts.
    const campaign = Array.from({ length: 300 }, () => 20);
    const bar = new RobustBar([...benign, ...campaign]);
    expect(bar.without([])).toBeGreaterThan(20); // in the scale, it would hide under its own bar
    expect(bar.without(campaign)).toBeLessThan(20);
    expect(bar.without(campaign)).toBeCloseTo(robustThreshold(benign), 6);
  });
});

describe('riskOf', () => {
  it('keeps every tier in its band at the four decimals the findings carry, whatever the evidence', () => {
    const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
    for (const e of [0, 0.3, 0.99999, 1, 5]) {
      expect(r4(riskOf('campaign', e))).toBeGreaterThanOrEqual(0.5);
      expect(r4(riskOf('campaign', e))).toBeLessThan(1);
      expect(r4(riskOf('watch', e))).toBeGreaterThanOrEqual(0.25);
      expect(r4(riskOf('watch', e))).toBeLessThan(0.5);
      expect(r4(riskOf(null, e))).toBeLessThan(0.25);
    }
  });
});
