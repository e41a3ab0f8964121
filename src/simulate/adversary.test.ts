import { describe, expect, it } from 'vitest';
import { background, campaignOf, campaignScenario, campaignWindow, DIMENSION_NAMES, DIMENSIONS, isTactics, neighbours, plannedExchanges, randomTactics, tacticSpace, tacticsKey, worldDocument, type Tactics } from './adversary.js';
import { FITTED_TRACES } from './fitted.js';
import { buildPopulation } from './population.js';
import { Random } from './rng.js';
import { validateScenario } from './scenario.js';
import { World } from './world.js';

const FULL = tacticSpace({ accounts: 10, days: 14, maxExchanges: 10_000_000, corpus: true });
const BASE: Tactics = {
  rate: 50,
  rhythm: 'round_robin',
  infra: 'datacenter',
  signup: 'drip',
  cards: 5,
  content: 'templates_p03',
  source: 'builtin',
  system: 'shared',
  focus: 'coding_agentic',
  output: 'max',
  cot: 0.3,
  reasoning: 'max',
  n: 1,
  client: 'spoofed_agent',
};

describe('the adversary tactic space', () => {
  const bg = background(27, { days: 14 });

  it('takes a red-team world\'s benign population as the background, its campaigns out', () => {
    expect(bg.scenario.attacks).toEqual([]);
    expect(bg.scenario.benign.length).toBeGreaterThan(5);
    expect(bg.days).toBe(14);
    expect(bg.end - bg.start).toBe(14 * 86_400_000);
    expect(background(27, { days: 7 }).scenario.days).toBe(7);
    expect(JSON.stringify(background(27, { days: 14 }).scenario)).toBe(JSON.stringify(bg.scenario));
    expect(() => background(27, { days: 1 })).toThrow(/days/);
  });

  it('maps every value of every dimension to a valid scenario campaign (zod), alone and in the whole world', () => {
    for (const d of DIMENSION_NAMES) {
      for (const v of DIMENSIONS[d]) {
        const t = { ...BASE, [d]: v } as Tactics;
        for (const accounts of [1, 10, 1000]) {
          const s = campaignScenario(bg, t, accounts);
          expect(s.attacks.length).toBe(1);
          expect(s.benign).toEqual([]);
          expect(s.attacks[0]!.accounts).toBe(accounts);
          expect(s.attacks[0]!.exchanges).toBe(plannedExchanges(t, accounts, 14));
        }
        const doc = worldDocument(bg, t, 10);
        const w = validateScenario(JSON.parse(JSON.stringify(doc)), `${d}=${String(v)}`);
        expect(w.benign.length).toBe(bg.scenario.benign.length);
        expect(w.attacks.length).toBe(1);
      }
    }
    const rng = new Random(5, 'test');
    for (let i = 0; i < 200; i++) expect(() => campaignOf(randomTactics(rng, FULL), 1 + rng.int(500), campaignWindow(bg))).not.toThrow();
  });

  it('builds the accounts the tactics say: sticky home lines, shared cards, aged accounts, a datacenter pool', () => {
    const build = (t: Tactics, accounts: number) => {
      const pop = buildPopulation(campaignScenario(bg, t, accounts), { seed: 3, scale: 1, world: new World(), fit: FITTED_TRACES });
      return pop.accounts.filter((a) => a.label === 'attack');
    };
    const sticky = build({ ...BASE, infra: 'residential_sticky', cards: 1, signup: 'aged' }, 40);
    expect(sticky.length).toBe(40);
    expect(new Set(sticky.map((a) => a.net.addresses[0])).size).toBe(40);
    expect(new Set(sticky.map((a) => a.payment)).size).toBe(40);
    expect(sticky.every((a) => a.createdAt < bg.start - 20 * 86_400_000)).toBe(true);
    const farm = build({ ...BASE, infra: 'datacenter', cards: 25, signup: 'waves' }, 100);
    expect(new Set(farm.map((a) => a.payment)).size).toBe(4);
    expect(new Set(farm.map((a) => a.net.addresses[0])).size).toBeLessThanOrEqual(10);
    expect(farm.every((a) => a.createdAt > bg.start - 2 * 86_400_000)).toBe(true);
  });

  it('bounds the rate by the exchange budget, offers corpus prompts only with a corpus, cards only to several accounts', () => {
    const s = tacticSpace({ accounts: 1000, days: 14, maxExchanges: 150_000, corpus: false });
    expect(s.rate).toEqual([1, 2, 5, 10]);
    expect(s.source).toEqual(['builtin']);
    expect(tacticSpace({ accounts: 1, days: 14, maxExchanges: 150_000, corpus: true }).cards).toEqual([1]);
    expect(tacticSpace({ accounts: 1, days: 14, maxExchanges: 150_000, corpus: true }).source).toEqual(['builtin', 'corpus']);
    expect(tacticSpace({ accounts: 100_000, days: 14, maxExchanges: 150_000, corpus: false }).rate).toEqual([1]);
  });

  it('draws configurations deterministically and steps to neighbours', () => {
    const draw = (seed: number) => Array.from({ length: 20 }, ((rng) => () => tacticsKey(randomTactics(rng, FULL)))(new Random(seed, 'x')));
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    for (let i = 0; i < 50; i++) expect(isTactics(randomTactics(new Random(i, 'y'), FULL), FULL)).toBe(true);
    expect(isTactics({ ...BASE, rate: 7 })).toBe(true); // the ladder goes past the grid
    expect(isTactics({ ...BASE, rate: 7 }, FULL)).toBe(false);
    expect(isTactics({ ...BASE, rate: 0 })).toBe(false);
    expect(isTactics({ ...BASE, infra: 'vpn' })).toBe(false);
    expect(isTactics({ ...BASE, client: undefined })).toBe(false);
    expect(neighbours(BASE, 'rate', FULL).map((t) => t.rate)).toEqual([20, 100]);
    expect(neighbours({ ...BASE, rate: 1 }, 'rate', FULL).map((t) => t.rate)).toEqual([2]);
    expect(neighbours(BASE, 'cot', FULL).map((t) => t.cot)).toEqual([0, 0.8]);
    expect(neighbours(BASE, 'infra', FULL).map((t) => t.infra).sort()).toEqual(['mobile_pool', 'residential_pool', 'residential_sticky']);
    for (const t of neighbours(BASE, 'client', FULL)) expect(tacticsKey(t)).not.toBe(tacticsKey(BASE));
  });
});
