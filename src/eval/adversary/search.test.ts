import { describe, expect, it } from 'vitest';
import { tacticSpace, type Tactics } from '../../simulate/adversary.js';
import type { HarvestResult } from './harvest.js';
import { better, costOf, searchSize, type Evaluate, type EvaluationRecord } from './search.js';

const DAYS = 14;

/** A result with just the numbers the search reads. */
function result(served: number, harvested: number, flaggedShare: number, stopped: HarvestResult['stopped'] = flaggedShare > 0.5 ? 'detected' : 'end'): HarvestResult {
  return {
    accounts: 10,
    activeAccounts: 10,
    served,
    harvested,
    harvestedPerDay: harvested / DAYS,
    ratePerDayUndetected: harvested / DAYS,
    hoursToFirstFlag: flaggedShare > 0 ? 24 : null,
    hoursToDetection: flaggedShare > 0.5 ? 48 : null,
    detected: flaggedShare > 0.5,
    flaggedShare,
    watchShare: 0,
    benignFlaggedMax: 0,
    cutoffsRun: 14,
    cutoffsPlanned: 14,
    stopped,
    reasons: {},
    timeline: [],
  };
}

/**
 * A made-up hunt: residential lines at human hours with a free-form content go unseen below 200 requests per
 * account-day; anything else is caught once its volume passes 5 a day, after two days.
 */
const fakeHunt =
  (calls: { t: Tactics; stopBelow: number | null }[] = []): Evaluate =>
  async (t, ctx) => {
    calls.push({ t, stopBelow: ctx.stopBelow });
    const served = ctx.accounts * t.rate * DAYS;
    const stealthy = t.infra === 'residential_sticky' && (t.rhythm === 'evening' || t.rhythm === 'office') && t.content === 'free_form';
    const limit = stealthy ? 200 : 5;
    const h = t.rate <= limit ? result(served, served, 0) : result(served, (served * 2) / DAYS, 1);
    return { harvest: h, seconds: { total: 1 }, simSeed: 1 };
  };

const space = tacticSpace({ accounts: 10, days: DAYS, maxExchanges: 10_000_000, corpus: false });

describe('the adversary search', () => {
  it('is deterministic for a seed, and another seed searches elsewhere', async () => {
    const run = (seed: number) => searchSize({ seed, accounts: 10, days: DAYS, space, budget: 30, evaluate: fakeHunt() });
    const a = await run(1);
    const b = await run(1);
    expect(JSON.stringify(b.records)).toBe(JSON.stringify(a.records));
    expect(b.best!.key).toBe(a.best!.key);
    const c = await run(2);
    expect(c.records.map((r) => r.key)).not.toEqual(a.records.map((r) => r.key));
  });

  it('runs exactly its budget, prunes for free what cannot beat the best, and never runs a configuration twice', async () => {
    const calls: { t: Tactics; stopBelow: number | null }[] = [];
    const r = await searchSize({ seed: 3, accounts: 10, days: DAYS, space, budget: 25, evaluate: fakeHunt(calls) });
    expect(r.runs).toBe(25);
    expect(calls.length).toBe(25);
    expect(r.records.filter((x) => x.pruned !== 'before').length).toBe(25);
    expect(new Set(r.records.map((x) => x.key)).size).toBe(r.records.length);
    expect(r.proposals).toBeGreaterThanOrEqual(r.records.length);
    for (const p of r.records.filter((x) => x.pruned === 'before')) {
      const bestBefore = Math.max(0, ...r.records.filter((x) => x.index < p.index && x.harvest).map((x) => x.harvest!.harvested));
      expect(p.planned * 1.05).toBeLessThan(bestBefore);
      expect(p.harvest).toBeNull();
    }
    // Each run is told the best harvest before it, to stop its replay once it cannot reach it.
    expect(calls[0]!.stopBelow).toBeNull();
    const ran = r.records.filter((x) => x.pruned !== 'before');
    ran.forEach((x, i) => {
      const before = ran.slice(0, i).reduce((m, y) => Math.max(m, y.harvest!.harvested), 0);
      expect(calls[i]!.stopBelow ?? 0).toBe(before);
    });
  });

  it('refines from the best: raises the volume of what goes unflagged, and the best is the most harvested', async () => {
    const r = await searchSize({ seed: 4, accounts: 10, days: DAYS, space, budget: 60, evaluate: fakeHunt() });
    const most = Math.max(...r.records.map((x) => x.harvest?.harvested ?? 0));
    expect(r.best!.harvest!.harvested).toBe(most);
    expect(r.records.some((x) => x.phase === 'refine' && x.moved === 'rate')).toBe(true);
    expect(r.records.filter((x) => x.phase === 'random').length).toBeGreaterThanOrEqual(30);
    // The made-up hunt misses only stealthy configurations under 200 a day: the search should find one there.
    expect(r.best!.tactics.rate).toBeGreaterThan(5);
  });

  it('stops early once the best goes unflagged at the highest rate the budget allows', async () => {
    const blind: Evaluate = async (t, ctx) => {
      const served = ctx.accounts * t.rate * DAYS;
      return { harvest: result(served, served, 0), seconds: { total: 1 }, simSeed: 1 };
    };
    const small = tacticSpace({ accounts: 10, days: DAYS, maxExchanges: 10 * 200 * DAYS, corpus: false });
    const r = await searchSize({ seed: 1, accounts: 10, days: DAYS, space: small, budget: 40, evaluate: blind });
    expect(r.best!.tactics.rate).toBe(200);
    expect(r.runs).toBeLessThan(40);
  });

  it('climbs the volume ladder past the cap from the best, up to its rungs or the first rung flagged', async () => {
    const upTo = (limit: number): Evaluate => async (t, ctx) => {
      const served = ctx.accounts * t.rate * DAYS;
      return { harvest: t.rate <= limit ? result(served, served, 0) : result(served, served / DAYS, 1), seconds: { total: 1 }, simSeed: 1 };
    };
    const small = tacticSpace({ accounts: 10, days: DAYS, maxExchanges: 10 * 200 * DAYS, corpus: false });
    const blind = await searchSize({ seed: 1, accounts: 10, days: DAYS, space: small, budget: 40, ladder: 2, evaluate: upTo(Infinity) });
    const rungs = blind.records.filter((x) => x.phase === 'ladder');
    expect(rungs.map((x) => x.tactics.rate)).toEqual([400, 800]);
    expect(blind.best!.tactics.rate).toBe(800);
    expect(rungs.every((x) => x.key.replace(/rate=\d+/, '') === blind.best!.key.replace(/rate=\d+/, ''))).toBe(true);
    const caught = await searchSize({ seed: 1, accounts: 10, days: DAYS, space: small, budget: 40, ladder: 3, evaluate: upTo(300) });
    expect(caught.records.filter((x) => x.phase === 'ladder').map((x) => x.tactics.rate)).toEqual([400]);
    expect(caught.best!.tactics.rate).toBe(200);
    const none = await searchSize({ seed: 1, accounts: 10, days: DAYS, space: small, budget: 40, evaluate: upTo(Infinity) });
    expect(none.records.some((x) => x.phase === 'ladder')).toBe(false);
  });

  it('breaks ties on cost, then on order', () => {
    const rec = (index: number, harvested: number, cost: number): EvaluationRecord => ({
      index,
      accounts: 10,
      phase: 'random',
      moved: null,
      tactics: {} as Tactics,
      key: String(index),
      planned: harvested,
      cost,
      harvest: result(harvested, harvested, 0),
      pruned: null,
      seconds: {},
      simSeed: 1,
    });
    expect(better(rec(0, 100, 5), null)).toBe(true);
    expect(better(rec(1, 101, 50), rec(0, 100, 5))).toBe(true);
    expect(better(rec(1, 100, 4), rec(0, 100, 5))).toBe(true);
    expect(better(rec(1, 100, 5), rec(0, 100, 5))).toBe(false);
    expect(better({ ...rec(1, 500, 1), pruned: 'bound' }, rec(0, 100, 5))).toBe(false);
    const t = { signup: 'aged', cards: 5, infra: 'datacenter' } as Tactics;
    expect(costOf(t, 10)).toBe(10 * (5 + 0.5) + 2 * 2);
    expect(costOf({ ...t, signup: 'drip', infra: 'mobile_pool', cards: 1 }, 10)).toBe(10 * (1 + 3) + 2 * 10);
  });
});
