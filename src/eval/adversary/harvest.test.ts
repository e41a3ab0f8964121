import { describe, expect, it } from 'vitest';
import { HarvestTally, intervalOf, replayCutoffs } from './harvest.js';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
// Four daily cut-offs; accounts a..e serve 10 exchanges a day each, f is dormant.
const CUTS = replayCutoffs(T0, T0 + 96 * H, 24);
const ACCOUNTS = ['a', 'b', 'c', 'd', 'e', 'f'];
const SERVED = new Map(ACCOUNTS.slice(0, 5).map((a) => [a, [10, 10, 10, 10]]));
const flags = (...ids: string[]) => new Map(ids.map((id) => [id, ['template_shared']]));
const none = new Set<string>();

describe('harvest before detection', () => {
  it('places cut-offs every step from the start, the last at the end, and exchanges in their interval', () => {
    expect(CUTS).toEqual([T0 + 24 * H, T0 + 48 * H, T0 + 72 * H, T0 + 96 * H]);
    expect(replayCutoffs(T0, T0 + 30 * H, 12)).toEqual([T0 + 12 * H, T0 + 24 * H, T0 + 30 * H]);
    expect(intervalOf(T0, CUTS)).toBe(0);
    expect(intervalOf(T0 + 24 * H, CUTS)).toBe(0); // the hunt at a cut-off reads ts <= until
    expect(intervalOf(T0 + 24 * H + 1, CUTS)).toBe(1);
    expect(intervalOf(T0 + 200 * H, CUTS)).toBe(3);
    expect(() => replayCutoffs(T0, T0 + H, 0)).toThrow();
  });

  it('counts an account up to its first flag, and nothing after the campaign is detected (a strict majority, flags sticking)', () => {
    const t = new HarvestTally(ACCOUNTS, SERVED, CUTS, T0);
    t.observe(flags(), none, 0);
    t.observe(flags('a'), new Set(['b']), 2); // a flagged at cut-off 1: 20 harvested
    expect(t.detected).toBe(false);
    t.observe(flags('b', 'c'), none, 1); // a drops out of the flags but stays acted on; 3 of 6 is not a majority
    expect(t.detected).toBe(false);
    expect(t.upperBound()).toBe(20 + 30 + 30 + 40 + 40);
    t.observe(flags('d'), none, 0); // 4 of 6 ever flagged: detected at the last cut-off
    expect(t.detected).toBe(true);
    expect(t.next).toBeNull();
    const r = t.result();
    expect(r.harvested).toBe(20 + 30 + 30 + 40 + 40);
    expect(r.served).toBe(200);
    expect(r.activeAccounts).toBe(5);
    expect(r.hoursToFirstFlag).toBe(48);
    expect(r.hoursToDetection).toBe(96);
    expect(r.flaggedShare).toBeCloseTo(4 / 6);
    expect(r.watchShare).toBeCloseTo(1 / 6);
    expect(r.benignFlaggedMax).toBe(2);
    expect(r.stopped).toBe('detected');
    expect(r.harvestedPerDay).toBe(r.harvested / 4);
    expect(r.reasons).toEqual({ template_shared: 4 });
  });

  it('stops every account at the detection, even those never flagged', () => {
    const t = new HarvestTally(ACCOUNTS, SERVED, CUTS, T0);
    t.observe(flags('a', 'b', 'c', 'd'), none, 0);
    expect(t.detected).toBe(true);
    const r = t.result();
    expect(r.harvested).toBe(50); // each of a..e served 10 before the first cut-off
    expect(r.cutoffsRun).toBe(1);
    expect(r.hoursToDetection).toBe(24);
    expect(r.ratePerDayUndetected).toBe(50);
  });

  it('harvests everything of an operation never flagged, and bounds what a stopped replay could still reach', () => {
    const t = new HarvestTally(ACCOUNTS, SERVED, CUTS, T0);
    for (let k = 0; k < 4; k++) t.observe(flags(), none, 0);
    const r = t.result();
    expect(r).toMatchObject({ harvested: 200, detected: false, hoursToDetection: null, hoursToFirstFlag: null, stopped: 'end', flaggedShare: 0 });
    expect(r.harvestedPerDay).toBe(50);

    const s = new HarvestTally(ACCOUNTS, SERVED, CUTS, T0);
    expect(s.upperBound()).toBe(200);
    s.observe(flags('e'), none, 0);
    expect(s.upperBound()).toBe(170);
    const b = s.result('bound');
    expect(b.stopped).toBe('bound');
    expect(b.harvested).toBe(170);
    expect(() => new HarvestTally(ACCOUNTS, SERVED, [CUTS[1]!, CUTS[0]!], T0)).toThrow(/ascend/);
  });
});
