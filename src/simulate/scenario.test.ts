import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { builtinScenarios, loadScenario, ScenarioError, validateScenario } from './scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'dw-scenario-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minimal = () => ({
  name: 'x',
  start: '2026-01-01',
  days: 10,
  models: [{ id: 'm1', family: 'large', released: '2025-06-01' }],
  benign: [{ persona: 'chat_user', accounts: 100 }],
  attacks: [
    {
      id: 'c1',
      start: '2026-01-02',
      end: '2026-01-09',
      accounts: 10,
      exchanges: 1000,
      proxies: { rotation: 'session' },
      parts: [
        { name: 'a', account_share: 0.9, exchange_share: 0.9 },
        { name: 'b', accounts: 1, exchange_share: 0.1, cover: { attack_share: 0.05 } },
      ],
    },
  ],
});

const errorOf = (doc: unknown, file = 'scenarios/x.yaml') => {
  try {
    validateScenario(doc, file);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('expected a validation error');
};

describe('scenarios', () => {
  it('ships the built-in scenarios, each valid', () => {
    const names = builtinScenarios().map((s) => s.name);
    for (const n of ['seed-2026', 'hard-negatives', 'adaptive-timing', 'adaptive-paraphrase', 'adaptive-cache', 'adaptive-infra', 'adaptive-volume', 'adaptive-no-cot', 'adaptive-sync', 'adaptive-all']) {
      expect(names).toContain(n);
    }
    for (const b of builtinScenarios()) {
      const { scenario } = loadScenario(b.name);
      expect(scenario.name).toBe(b.name);
      expect(b.summary.length).toBeGreaterThan(20);
    }
    expect(loadScenario('hard-negatives').scenario.attacks).toEqual([]);
  });

  it('declares the defining case at scale 1', () => {
    const s = loadScenario('seed-2026').scenario;
    const [c] = s.attacks;
    expect(c!.accounts).toBe(25_000);
    expect(c!.exchanges).toBe(28_800_000);
    expect((Date.parse(c!.end) - Date.parse(c!.start)) / 86_400_000).toBeCloseTo(45, 0);
    const benign = s.benign.reduce((a, b) => a + b.accounts, 0);
    expect(benign / c!.accounts).toBeGreaterThanOrEqual(20);
  });

  it('accepts a valid scenario in YAML and JSON', () => {
    const y = join(dir, 'ok.yaml');
    writeFileSync(y, stringify(minimal()));
    expect(loadScenario(y).scenario.attacks[0]!.parts).toHaveLength(2);
    const j = join(dir, 'ok.json');
    writeFileSync(j, JSON.stringify(minimal()));
    expect(loadScenario(j).scenario.benign[0]!.persona).toBe('chat_user');
  });

  it('names the file and the path of a bad field', () => {
    const doc = minimal();
    (doc.attacks[0]!.proxies as Record<string, unknown>).rotation = 'hourly';
    expect(errorOf(doc)).toMatch(/^scenarios\/x\.yaml: attacks\[0\]\.proxies\.rotation: .*expected one of.*"session"/);

    const bad = minimal();
    (bad.benign[0] as Record<string, unknown>).persona = 'hacker';
    expect(errorOf(bad)).toMatch(/benign\[0\]\.persona/);

    const typo = minimal();
    (typo.attacks[0]! as Record<string, unknown>).cot_shar = 0.3;
    expect(errorOf(typo)).toMatch(/attacks\[0\]: .*cot_shar/);

    const share = minimal();
    share.attacks[0]!.parts[1]!.exchange_share = 0.3;
    expect(errorOf(share)).toMatch(/attacks\[0\]\.parts: exchange_share of the parts must sum to 1/);

    const when = minimal();
    when.attacks[0]!.end = '2027-01-01';
    expect(errorOf(when)).toMatch(/attacks\[0\]\.end: end must be after start and inside the scenario/);

    const both = minimal();
    (both.attacks[0]!.parts[0] as Record<string, unknown>).accounts = 3;
    expect(errorOf(both)).toMatch(/parts\[0\]\.account_share: give exactly one of account_share or accounts/);

    const weights = minimal();
    (weights.benign[0] as Record<string, unknown>).targets = { coding: 1 };
    expect(errorOf(weights)).toMatch(/benign\[0\]\.targets/);
  });

  it('reports unreadable files and unknown names clearly', () => {
    expect(() => loadScenario('no-such-scenario')).toThrow(/no-such-scenario: no such scenario file, and not a built-in scenario \(built-ins: .*seed-2026/);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'name: [unclosed\n');
    expect(() => loadScenario(broken)).toThrow(new RegExp(`${broken}: not valid YAML`));
  });
});
