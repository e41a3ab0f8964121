import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { FITTED_TRACES } from './fitted.js';
import { buildPopulation } from './population.js';
import { FAMILIES, familyOfCampaign, randomWorld, SIZE_BINS, sizeBin, worldSeed } from './redteam.js';
import { validateScenario, type Scenario } from './scenario.js';
import { simulate } from './simulate.js';
import { World } from './world.js';

const SEEDS = Array.from({ length: 200 }, (_, i) => worldSeed(7, i));

describe('random red-team worlds', () => {
  it('same seed, same world, byte for byte; another seed, another world', () => {
    const a = randomWorld(12345);
    const b = randomWorld(12345);
    expect(JSON.stringify(b.scenario)).toBe(JSON.stringify(a.scenario));
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(randomWorld(12346).scenario)).not.toBe(JSON.stringify(a.scenario));
    expect(JSON.stringify(randomWorld(12345, { scale: 0.5 }).scenario)).not.toBe(JSON.stringify(a.scenario));
    expect(worldSeed(1, 0)).toBe(worldSeed(1, 0));
    expect(new Set(Array.from({ length: 100 }, (_, i) => worldSeed(1, i))).size).toBe(100);
  });

  it('reaches every family, every size bin, and every size each family comes in, over 200 seeds', () => {
    const seen = new Map<string, number>();
    const bins = new Set<string>();
    for (const seed of SEEDS) {
      for (const c of randomWorld(seed).campaigns) {
        seen.set(`${c.family} ${c.sizeBin}`, (seen.get(`${c.family} ${c.sizeBin}`) ?? 0) + 1);
        bins.add(c.sizeBin);
        expect(familyOfCampaign(c.id), c.id).toBe(c.family);
        expect(c.sizeBin).toBe(sizeBin(c.accounts));
      }
    }
    for (const f of FAMILIES) expect([...seen.keys()].some((k) => k.startsWith(`${f} `)), f).toBe(true);
    expect([...bins].sort()).toEqual(SIZE_BINS.map((b) => b.id).sort());
    // Each family in at least three sizes, and the tiny and the huge bins each reached by several families.
    for (const f of FAMILIES) expect([...seen.keys()].filter((k) => k.startsWith(`${f} `)).length, f).toBeGreaterThanOrEqual(3);
    expect([...seen.keys()].filter((k) => k.endsWith(' 1')).length).toBeGreaterThanOrEqual(4);
    expect([...seen.keys()].filter((k) => k.endsWith(' 1000+')).length).toBeGreaterThanOrEqual(3);
  });

  it('every world validates (also read back from JSON and YAML) and stays small', () => {
    for (const seed of SEEDS) {
      const w = randomWorld(seed);
      expect(w.campaigns.length).toBeGreaterThanOrEqual(1);
      expect(w.campaigns.length).toBeLessThanOrEqual(3);
      expect(w.scenario.days).toBeGreaterThanOrEqual(14);
      expect(w.scenario.days).toBeLessThanOrEqual(30);
      expect(w.planned.benignAccounts).toBeGreaterThanOrEqual(2000);
      expect(w.planned.benignAccounts).toBeLessThanOrEqual(6600);
      expect(w.planned.benignExchanges).toBeLessThanOrEqual(231_000);
      expect(w.planned.attackExchanges).toBeLessThanOrEqual(230_000);
      const back = validateScenario(JSON.parse(JSON.stringify(w.document)), `seed ${seed}`);
      expect(JSON.stringify(back)).toBe(JSON.stringify(w.scenario));
      // ids name their family, so truth cohorts (id/part) map to families
      for (const c of w.scenario.attacks) expect(familyOfCampaign(c.id)).not.toBeNull();
    }
    for (const seed of SEEDS.slice(0, 10)) {
      const w = randomWorld(seed);
      expect(JSON.stringify(validateScenario(parseYaml(toYaml(w.document)), 'yaml'))).toBe(JSON.stringify(w.scenario));
    }
  });

  it('builds exactly the groups it names: each group its own cohort, of the size drawn', () => {
    for (const seed of SEEDS.slice(0, 8)) {
      const w = randomWorld(seed);
      const pop = buildPopulation(w.scenario, { seed, scale: 1, world: new World(), fit: FITTED_TRACES });
      const count = new Map<string, number>();
      for (const a of pop.accounts) count.set(a.cohort, (count.get(a.cohort) ?? 0) + 1);
      for (const g of w.benignGroups) expect(count.get(g.cohort), g.cohort).toBe(g.accounts);
      expect(new Set(w.benignGroups.map((g) => g.cohort)).size).toBe(w.benignGroups.length);
      const kinds = new Set(w.benignGroups.map((g) => g.kind));
      for (const k of ['university_class', 'startup_programme', 'eval_lab', 'research_lab']) expect(kinds.has(k as never), k).toBe(true);
      // every hard negative is present
      const cohorts = [...count.keys()];
      for (const c of ['chat_user', 'chat_user/vpn', 'chat_user/mobile', 'coding_agent', 'coding_agent/headless', 'batch_pipeline', 'eval_runner', 'relay', 'researcher']) expect(cohorts, c).toContain(c);
    }
  });

  it('a class can share one card, one campus NAT address and one course system prompt', async () => {
    const scenario: Scenario = validateScenario(
      {
        name: 'one-class',
        start: '2026-03-02',
        days: 14,
        models: [{ id: 'm-large', family: 'large', released: '2025-01-01' }],
        benign: [
          {
            persona: 'university_class',
            cohort: 'university_class/one-card',
            accounts: 23,
            class_size: 23,
            class_size_spread: 0,
            rate: 6,
            system_prompt: 'shared',
            network: { kinds: { university: 1 }, rotation: 'sticky', pool: 1 },
            signup: { pattern: 'same_day', accounts_per_card: 23, tiers: { edu: 1 } },
          },
          { persona: 'university_class', cohort: 'university_class/five-a-card', accounts: 12, class_size: 12, class_size_spread: 0, rate: 4, signup: { accounts_per_card: 5 } },
          { persona: 'university_class', cohort: 'university_class/default', accounts: 30, class_size: 30, rate: 2 },
        ],
      },
      'test',
    );
    const dir = mkdtempSync(join(tmpdir(), 'dw-class-'));
    try {
      await simulate({ scenario, scale: 1, seed: 4, out: dir, workers: 0 });
      const lines = (f: string) => gunzipSync(readFileSync(join(dir, f))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      const labels = new Map(lines('truth/labels.jsonl.gz').map((l) => [l.account_id as string, l.cohort as string]));
      const accounts = lines('accounts.jsonl.gz');
      const exchanges = lines('exchanges.jsonl.gz');
      const of = (cohort: string) => accounts.filter((a) => labels.get(a.account_id as string) === cohort);
      const one = of('university_class/one-card');
      expect(one.length).toBe(23);
      expect(new Set(one.map((a) => a.payment_fingerprint))).toEqual(new Set([one[0]!.payment_fingerprint]));
      expect(one[0]!.payment_fingerprint).not.toBeNull();
      const oneIds = new Set(one.map((a) => a.account_id));
      const sent = exchanges.filter((e) => oneIds.has(e.account_id));
      expect(sent.length).toBeGreaterThan(100);
      expect(new Set(sent.map((e) => e.ip)).size).toBe(1);
      expect(new Set(one.map((a) => a.signup_ip))).toEqual(new Set([sent[0]!.ip]));
      const systems = new Set(sent.map((e) => e.system));
      expect(systems.size).toBe(1);
      expect(String([...systems][0]).length).toBeGreaterThanOrEqual(400);
      // five students to a card: ceil(12 / 5) cards
      expect(new Set(of('university_class/five-a-card').map((a) => a.payment_fingerprint)).size).toBe(3);
      expect(of('university_class/five-a-card').length).toBe(12);
      // the default class: no card, no system prompt, its size drawn around class_size
      const def = of('university_class/default');
      expect(def.every((a) => a.payment_fingerprint === null)).toBe(true);
      const defIds = new Set(def.map((a) => a.account_id));
      expect(exchanges.filter((e) => defIds.has(e.account_id)).every((e) => e.system === null)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
