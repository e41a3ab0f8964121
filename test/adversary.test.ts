import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

// A tiny search end to end: a small background over a few days, one size, two evaluations. It checks the
// harness's bookkeeping (simulate the campaign, load it into a copy of the background, replay the hunt,
// score the harvest), not how well the hunt does.
describe('adversary: a tiny search end to end', () => {
  const tmp = tempDir('dw-adversary-');
  afterAll(() => tmp.cleanup());
  const out = join(tmp.dir, 'run');
  const md = join(tmp.dir, 'frontier.md');
  const args = ['adversary', '--sizes', '3', '--budget', '2', '--seed', '5', '--days', '2', '--world-scale', '0.1', '--replay-every', '24', '--ladder', '0', '--out', out, '--markdown', md, '--json'];
  let r: Awaited<ReturnType<typeof runCli>>;
  let j: any; // the CLI's JSON, checked field by field below
  beforeAll(async () => {
    r = await runCli(args);
    j = r.code === 0 ? JSON.parse(r.stdout) : null;
  }, 900_000);

  it('runs, and prints the frontier and every evaluation as JSON', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(j.command).toContain('--sizes 3 --budget 2 --seed 5');
    expect(j.rows.length).toBe(1);
    const row = j.rows[0];
    expect(row.accounts).toBe(3);
    expect(row.runs).toBe(2);
    const ran = j.evaluations.filter((e: { pruned: string | null }) => e.pruned !== 'before');
    expect(ran.length).toBe(2);
    for (const e of ran) {
      expect(e.harvest.accounts).toBe(3);
      expect(e.harvest.harvested).toBeLessThanOrEqual(e.harvest.served);
      expect(e.harvest.served).toBeGreaterThan(0);
      expect(e.harvest.cutoffsPlanned).toBe(2);
      expect(e.harvest.cutoffsRun).toBeGreaterThanOrEqual(1);
      expect(e.harvest.timeline.length).toBe(e.harvest.cutoffsRun);
      // Served within a few percent of the plan (the simulator draws the volume).
      expect(e.harvest.served).toBeGreaterThan(e.planned * 0.5);
    }
    const best = Math.max(...ran.map((e: { harvest: { harvested: number } }) => e.harvest.harvested));
    expect(row.best.harvested).toBe(best);
    expect(row.best.harvestedPerDay).toBeCloseTo(best / 2);
    expect(existsSync(join(out, 'adversary.json'))).toBe(true);
    expect(existsSync(join(out, 'background', 'warehouse'))).toBe(true);
    expect(existsSync(join(out, 'evals'))).toBe(false); // evaluations are removed unless --keep
    expect(readFileSync(md, 'utf8')).toContain('| accounts | harvested/day |');
  });

  it('renders a recorded run again', async () => {
    const md2 = join(tmp.dir, 'again.md');
    const again = await runCli(['adversary', '--from', join(out, 'adversary.json'), '--markdown', md2, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).rows).toEqual(j.rows);
    expect(readFileSync(md2, 'utf8')).toBe(readFileSync(md, 'utf8'));
  });

  it('is deterministic for a seed (the background is reused)', async () => {
    // A budget of 1 runs the same first configuration: same traffic, same hunt, same harvest.
    const again = await runCli(args.map((a, i) => (args[i - 1] === '--budget' ? '1' : a)));
    expect(again.code, again.stderr).toBe(0);
    const k = JSON.parse(again.stdout);
    const strip = (e: { key: string; simSeed: number; harvest: { harvested: number; served: number; flaggedShare: number } | null }) => [e.key, e.simSeed, e.harvest?.served, e.harvest?.harvested, e.harvest?.flaggedShare];
    expect(k.evaluations.length).toBe(1);
    expect(strip(k.evaluations[0])).toEqual(strip(j.evaluations[0]));
    expect(j.background.reused).toBe(false);
    expect(k.background.reused).toBe(true);
  });

  it('fails clearly on bad options, explains itself, and prints one configuration\'s world', async () => {
    const bad = await runCli(['adversary', '--sizes', '0']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--sizes 0/);
    expect((await runCli(['adversary', '--budget', 'x'])).code).not.toBe(0);
    const help = await runCli(['adversary', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--replay-every/);
    expect(help.stdout).toMatch(/strict majority/);
    const t = { accounts: 4, rate: 20, rhythm: 'evening', infra: 'residential_sticky', signup: 'aged', cards: 1, content: 'free_form', source: 'builtin', system: 'none', focus: 'mixed', output: 'varied', cot: 0, reasoning: 'off', n: 1, client: 'sdk' };
    const yaml = await runCli(['adversary', '--print-scenario', JSON.stringify(t), '--days', '7']);
    expect(yaml.code, yaml.stderr).toBe(0);
    expect(yaml.stdout).toMatch(/^# Reproduce: distillwatch simulate/);
    expect(yaml.stdout).toContain('days: 7');
    expect(yaml.stdout).toContain('id: adversary');
    const wrong = await runCli(['adversary', '--print-scenario', JSON.stringify({ ...t, rhythm: 'never' })]);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/every dimension/);
  });
});
