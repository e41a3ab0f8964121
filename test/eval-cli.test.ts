import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { finding, HUNT_ACCOUNTS, HUNT_CAMPAIGNS, perfectAccounts, writeFindings, writeTruth } from './eval-fixtures.js';
import { runCli, tempDir } from './helpers.js';

const tmp = tempDir('dw-eval-cli-');
afterAll(() => tmp.cleanup());
const truth = writeTruth(join(tmp.dir, 'truth'));
const hunt = writeFindings(join(tmp.dir, 'hunt'), HUNT_ACCOUNTS, HUNT_CAMPAIGNS);
const perfect = writeFindings(join(tmp.dir, 'perfect'), perfectAccounts(), {
  detector: 'perfect',
  generated_at: '2026-04-25T00:00:00Z',
  until: null,
  campaigns: [],
});

describe('distillwatch eval', () => {
  it('explains itself with --help', async () => {
    const r = await runCli(['eval', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: distillwatch eval');
    for (const opt of ['--truth', '--findings', '--timeline', '--fail-on-targets', '--json']) expect(r.stdout).toContain(opt);
  });

  it('prints one column per detector, --findings repeated or listed', async () => {
    const repeated = await runCli(['eval', '--truth', truth, '--findings', hunt, '--findings', perfect]);
    expect(repeated.code).toBe(0);
    expect(repeated.stdout).toMatch(/^\s+hunt\s+perfect$/m);
    expect(repeated.stdout).toMatch(/recall\s+57\.14%\s+100\.00%/);
    expect(repeated.stdout).toMatch(/targets failed:\n\s+hunt: attack-account recall/);
    const listed = await runCli(['eval', '--truth', truth, '--findings', hunt, perfect]);
    expect(listed.stdout).toBe(repeated.stdout);
  });

  it('prints everything as JSON', async () => {
    const r = await runCli(['eval', '--truth', truth, '--findings', hunt, perfect, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.truth).toMatchObject({ accounts: 34, attackAccounts: 14, campaigns: 2 });
    expect(report.detectors.map((d: { name: string }) => d.name)).toEqual(['hunt', 'perfect']);
    expect(report.detectors[0].overall).toMatchObject({ tp: 8, fp: 1, fn: 6, tn: 19 });
    expect(report.detectors[1].targetsMet).toBe(true);
    expect(report.targetsMet).toBe(false);
  });

  it('exits 0 when targets fail, 1 with --fail-on-targets', async () => {
    expect((await runCli(['eval', '--truth', truth, '--findings', hunt])).code).toBe(0);
    const gate = await runCli(['eval', '--truth', truth, '--findings', hunt, '--fail-on-targets']);
    expect(gate.code).toBe(1);
    expect(gate.stderr).toMatch(/targets missed/);
    expect((await runCli(['eval', '--truth', truth, '--findings', perfect, '--fail-on-targets'])).code).toBe(0);
  });

  it('adds time to detection from a parent of daily hunts', async () => {
    const daily = join(tmp.dir, 'daily');
    writeFindings(join(daily, 'd1'), [], { detector: 'hunt', generated_at: 'x', until: '2026-04-22T11:30:00.000Z', campaigns: [] });
    writeFindings(join(daily, 'd2'), ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'].map((id) => finding(id, { flagged: true, risk: 1, campaign_id: 'R' })), {
      detector: 'hunt',
      generated_at: 'x',
      until: '2026-04-22T12:30:00.000Z',
      campaigns: [],
    });
    const r = await runCli(['eval', '--truth', truth, '--findings', hunt, '--timeline', daily]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hydra-a\s+\+2\.0 h \(65\.00% served\)/);
    expect(r.stdout).toMatch(/hydra-b\s+never \(100% served\)/);
  });

  it('fails with the file and line of malformed findings, without a stack trace', async () => {
    const bad = writeFindings(join(tmp.dir, 'bad'), [finding('a0'), '{"account_id": "a1", "risk": "high"}']);
    const r = await runCli(['eval', '--truth', truth, '--findings', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(bad, 'accounts.jsonl')}:2: risk: Invalid input: expected number, received string`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(r.stdout).toBe('');
  });

  it('asks for something to score', async () => {
    const r = await runCli(['eval', '--truth', truth]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/give --findings DIR or --timeline DIR/);
  });
});
