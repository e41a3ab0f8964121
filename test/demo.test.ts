import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

const tmp = tempDir('dw-demo-');
afterAll(() => tmp.cleanup());

describe('distillwatch demo', () => {
  it('simulates, ingests, hunts and scores a tiny world end to end, and writes the report', async () => {
    const out = join(tmp.dir, 'demo');
    const r = await runCli(['demo', '--scale', '0.002', '--seed', '5', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.world.accounts).toBeGreaterThan(500);
    expect(s.campaigns.length).toBeGreaterThanOrEqual(1);
    expect(s.flagged_accounts).toBeGreaterThan(0);
    expect(Object.keys(s.top_reasons).length).toBeGreaterThan(0);
    const hunt = s.eval.detectors[0];
    expect(hunt.detector).toBe('distillwatch-hunt');
    expect(hunt.campaignRecall.found).toBe(hunt.campaignRecall.total);
    expect(hunt.overall.recall).toBeGreaterThan(0.9);
    expect(hunt.overall.falsePositiveRate).toBeLessThan(0.01);
    expect(existsSync(s.report)).toBe(true);
    const html = readFileSync(s.report, 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('Campaign C001');
    expect(html).not.toMatch(/<script/);
  });

  it('meets the detection targets in the default world, the one the README runs', async () => {
    const r = await runCli(['demo', '--out', join(tmp.dir, 'demo-default'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const hunt = JSON.parse(r.stdout).eval.detectors[0];
    expect(hunt.campaignRecall.found).toBe(hunt.campaignRecall.total);
    expect(hunt.overall.recall).toBeGreaterThanOrEqual(0.99);
    expect(hunt.overall.falsePositiveRate).toBeLessThanOrEqual(0.001);
  });

  it('shows a readable summary on a terminal-less run without --json', async () => {
    const r = await runCli(['demo', '--scale', '0.001', '--seed', '6', '--out', join(tmp.dir, 'demo2')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/campaign\(s\) found/);
    expect(r.stdout).toMatch(/attack-account recall/);
    expect(r.stdout).toMatch(/report: +.*report\.html/);
  });
});
