import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/rng.js';
import { confidence, rankWithinPatterns, riskOf, robustThreshold, RobustBar, type AccountVerdict } from './decide.js';

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

describe('rankWithinPatterns', () => {
  // An untiered account with its own evidence (score bits against a population bar of 20) and the patterns it shows.
  const account = (id: string, score: number, patterns: string[], tier: AccountVerdict['tier'] = null): AccountVerdict => {
    const own = { score, behaviour: score, provenance: 0, coordination: 0, top: [], floors: [], alone: false, concealed: false, aloneAtGroupBars: false, confidence: confidence(score, 20) };
    return {
      own, account_id: id, tier, flagged: false, campaign_id: null, reasons: [], score, risk: riskOf(tier, own.confidence), hits: [], cluster: null,
      resembles: patterns.map((pattern) => ({ pattern, numbers: {} })), watchable: false,
    };
  };
  // A class of 40 heavy users (18-22 bits), all showing the class pattern, in one explained linked group.
  const students = Array.from({ length: 40 }, (_, i) => account(`s${i}`, 18 + (i % 5), ['university_class']));
  const outlier = account('s-far', 45, ['university_class']);
  // An unexplained account with the same evidence as a typical student.
  const stranger = account('x', 20, []);
  // A relay in a group its pattern explains: a service, which may carry a harvest, keeps its rank.
  const relays = Array.from({ length: 6 }, (_, i) => account(`r${i}`, 20 + i, ['reseller_relay']));
  const watched = account('s-watch', 20, ['university_class'], 'watch');
  const all = [...students, outlier, stranger, ...relays, watched];
  const groupPattern = new Map<string, string>([...students, outlier, watched].map((a) => [a.account_id, 'university_class']));
  for (const r of relays) groupPattern.set(r.account_id, 'reseller_relay');
  const before = new Map(all.map((a) => [a.account_id, a.risk]));
  const changed = rankWithinPatterns(all, groupPattern, new Set(['university_class']));

  it('ranks an ordinary member of an explained group of people under an unexplained account with the same evidence', () => {
    expect(changed).toBeGreaterThan(0);
    const typical = all.find((a) => a.account_id === 's2')!; // 20 bits, like the stranger
    expect(typical.risk).toBeLessThan(stranger.risk);
    expect(typical.risk).toBeLessThan(before.get('s2')!);
    // The findings say why: the pattern, its bar and the confidence against it.
    expect(typical.rankedWithin?.pattern).toBe('university_class');
    expect(typical.rankedWithin?.confidence).toBeLessThan(typical.own.confidence);
    expect(stranger.rankedWithin).toBeUndefined();
  });
  it('keeps a member far beyond its peers high, and accounts of services, tiered accounts and the unexplained where they were', () => {
    expect(outlier.risk).toBeGreaterThan(0.95 * before.get('s-far')!);
    expect(outlier.risk).toBeGreaterThan(stranger.risk);
    for (const r of relays) expect(r.risk).toBe(before.get(r.account_id));
    expect(watched.risk).toBe(before.get('s-watch'));
    expect(stranger.risk).toBe(before.get('x'));
    expect(all.every((a) => a.tier === null || a.account_id === 's-watch')).toBe(true);
  });
});
