import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Matrix } from '../src/eval/matrix.js';
import { runCli, tempDir } from './helpers.js';

// A small matrix end to end: tiny worlds, one baseline. It checks the harness's bookkeeping, and the targets the
// hunt meets on random worlds today: the false-positive ones (recall per family and size is reported in
// docs/redteam.md, and short of its target in several cells).
describe('redteam: a small matrix end to end', () => {
  const tmp = tempDir('dw-redteam-');
  afterAll(() => tmp.cleanup());
  const out = join(tmp.dir, 'runs');
  const md = join(tmp.dir, 'matrix.md');
  let r: Awaited<ReturnType<typeof runCli>>;
  let m: (Matrix & { command: string }) | null;
  beforeAll(async () => {
    r = await runCli(['redteam', '--worlds', '2', '--seed', '3', '--scale', '0.12', '--baselines', 'rules', '--out', out, '--keep', 'worst', '--markdown', md, '--json']);
    m = r.code === 0 ? (JSON.parse(r.stdout) as Matrix & { command: string }) : null;
  }, 900_000);

  it('runs and prints the matrix as JSON', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(m!.detectors).toEqual(['hunt', 'rules']);
    expect(m!.worlds.length).toBe(2);
    expect(m!.command).toContain('--worlds 2 --seed 3');
  });

  it('puts every campaign in its family and size row, and the counts add up', () => {
    const campaigns = m!.worlds.flatMap((w) => w.campaigns);
    expect(campaigns.length).toBe(m!.totals.campaigns);
    expect(campaigns.length).toBeGreaterThanOrEqual(2);
    for (const c of campaigns) {
      const cell = m!.cells.find((x) => x.family === c.family && x.sizeBin === c.sizeBin);
      expect(cell, `${c.id} ${c.family} ${c.sizeBin}`).toBeDefined();
      expect(c.id.replace(/-\d+$/, '').replace(/-/g, '_')).toBe(c.family);
    }
    const sum = (xs: { campaigns: number; attackAccounts: number }[]) => [xs.reduce((a, x) => a + x.campaigns, 0), xs.reduce((a, x) => a + x.attackAccounts, 0)];
    const attack = m!.worlds.reduce((a, w) => a + w.attackAccounts, 0);
    expect(sum(m!.cells)).toEqual([campaigns.length, attack]);
    expect(sum(m!.families)).toEqual([campaigns.length, attack]);
    expect(sum(m!.sizes)).toEqual([campaigns.length, attack]);
    expect(m!.totals.attackAccounts).toBe(attack);
    for (const d of m!.detectors) {
      const flagged = m!.cells.reduce((a, c) => a + (c.flagged[d] ?? 0), 0);
      expect(flagged).toBe(m!.worlds.reduce((a, w) => a + w.detectors[d]!.tp, 0));
      for (const w of m!.worlds) expect(w.campaigns.reduce((a, c) => a + c.accounts, 0)).toBe(w.detectors[d]!.attack);
    }
    for (const w of m!.worlds) expect(w.accounts).toBe(w.benignAccounts + w.attackAccounts);
    for (const c of campaigns) expect(c.dormant).toBeLessThanOrEqual(c.accounts);
    expect(m!.cells.reduce((a, c) => a + c.dormant, 0)).toBe(campaigns.reduce((a, c) => a + c.dormant, 0));
  });

  it('names the worst world and keeps only the worst worlds\' directories', () => {
    const seeds = m!.worlds.map((w) => w.seed);
    for (const d of m!.detectors) {
      expect(seeds).toContain(m!.worst[d]!.lowestRecall?.seed ?? seeds[0]);
      expect(seeds).toContain(m!.worst[d]!.highestFpr!.seed);
    }
    expect(m!.worstSeeds.length).toBeGreaterThanOrEqual(1);
    for (const s of m!.worstSeeds) expect(seeds).toContain(s);
    const kept = readdirSync(out).filter((f) => f.startsWith('world-'));
    expect(kept.sort()).toEqual(m!.worlds.filter((w) => m!.worstSeeds.includes(w.seed)).map((w) => `world-${String(w.index + 1).padStart(3, '0')}-seed-${w.seed}`).sort());
    for (const k of kept) for (const f of ['scenario.yaml', 'world.json', 'eval.json', 'hunt', 'rules', 'sim']) expect(existsSync(join(out, k, f)), `${k}/${f}`).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'redteam.json'), 'utf8')).totals).toEqual(m!.totals);
  });

  it('judges every target for every detector and writes the Markdown table', () => {
    expect(m!.targets.map((t) => t.id)).toEqual(['family_size_recall', 'benign_fpr', 'cohort_fpr', 'groups_whole', 'risk_auc', 'risk_auc_active', 'relay_recall']);
    for (const t of m!.targets) for (const d of m!.detectors) expect(t.detectors[d], `${t.id} ${d}`).toBeDefined();
    const text = readFileSync(md, 'utf8');
    expect(text).toContain('## Red-team matrix');
    expect(text).toContain('| family | size | campaigns | attack accounts | dormant | hunt | rules |');
    expect(text).toContain('### Targets');
  });

  it('keeps the hunt within the false-positive targets: benign FPR, every cohort, no benign group flagged whole', () => {
    for (const id of ['benign_fpr', 'cohort_fpr', 'groups_whole']) {
      const t = m!.targets.find((x) => x.id === id)!;
      expect(t.detectors.hunt!.pass, `${id}: ${t.detectors.hunt!.measured} (${t.detectors.hunt!.where})`).toBe(true);
    }
  });

  it('fails clearly on bad options, and explains itself', async () => {
    const bad = await runCli(['redteam', '--worlds', '1', '--baselines', 'nope']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/no baseline named "nope"/);
    expect((await runCli(['redteam', '--worlds', 'x'])).code).not.toBe(0);
    const help = await runCli(['redteam', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--world-seeds/);
    const scenario = await runCli(['redteam', '--print-scenario', '42']);
    expect(scenario.code).toBe(0);
    expect(scenario.stdout).toMatch(/^# Random red-team world 42/);
  });
});
