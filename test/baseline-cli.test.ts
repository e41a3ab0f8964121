import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findingAccountSchema, findingsCampaignsFileSchema } from '../src/eval/contracts.js';
import { runCli, tempDir } from './helpers.js';
import { World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * `distillwatch baseline` end to end on the built CLI (npm test builds it first): a small world with a
 * proxy-sharing campaign, every baseline's findings validated against the contract, and eval scoring
 * them side by side against the world's truth.
 */

const tmp = tempDir('dw-baseline-cli-');
const data = join(tmp.dir, 'data');
const CAMPAIGN = Array.from({ length: 8 }, (_, i) => `camp-${i}`);
const USERS = Array.from({ length: 30 }, (_, i) => `user-${i}`);

beforeAll(async () => {
  const w = new World(5);
  for (const id of USERS) w.ordinaryUser(id, { days: 20 });
  for (const [i, id] of CAMPAIGN.entries()) {
    w.account({ account_id: id, created_at: new Date(WORLD_START + 2 * WORLD_DAY).toISOString(), verified: false });
    for (let k = 0; k < 40; k++) {
      w.exchange({
        account_id: id, ts: WORLD_START + 3 * WORLD_DAY + i * 60_000 + k * 900_000, ip: `198.18.0.${k % 2}`, max_tokens: 32_000,
        prompt: `Implement ${w.pick(['a trie', 'an LRU cache', 'a rate limiter'])} in ${w.pick(['Go', 'Rust'])}. Explain step by step.`,
      });
    }
  }
  const files = w.write(tmp.dir);
  const ingest = await runCli(['ingest', '--data', data, files.exchanges, '--accounts', files.accounts]);
  if (ingest.code !== 0) throw new Error(ingest.stderr);

  // The world's truth, in the simulator's format, for eval.
  const truth = join(tmp.dir, 'truth');
  mkdirSync(truth, { recursive: true });
  const labels = [
    ...USERS.map((account_id) => ({ account_id, label: 'benign', campaign_id: null, cohort: 'chat_user' })),
    ...CAMPAIGN.map((account_id) => ({ account_id, label: 'attack', campaign_id: 'camp', cohort: 'camp/core' })),
  ];
  writeFileSync(join(truth, 'labels.jsonl.gz'), gzipSync(labels.map((l) => JSON.stringify(l)).join('\n') + '\n'));
  const start = new Date(WORLD_START).toISOString();
  const end = new Date(WORLD_START + 30 * WORLD_DAY).toISOString();
  writeFileSync(
    join(truth, 'campaigns.json'),
    JSON.stringify({
      scenario: 'baseline-cli', seed: 5, scale: 1, start, end,
      campaigns: [{ id: 'camp', start: new Date(WORLD_START + 3 * WORLD_DAY).toISOString(), end, accounts: 8, exchanges: 320, tactics: {}, hourly_exchanges: [] }],
    }),
  );
});
afterAll(() => tmp.cleanup());

function readFindings(dir: string) {
  const accounts = readFileSync(join(dir, 'accounts.jsonl'), 'utf8').trim().split('\n').map((l) => findingAccountSchema.parse(JSON.parse(l)));
  const campaigns = findingsCampaignsFileSchema.parse(JSON.parse(readFileSync(join(dir, 'campaigns.json'), 'utf8')));
  return { accounts, campaigns };
}

describe('distillwatch baseline', () => {
  it('explains itself: every baseline, what it does, its parameters and their defaults', async () => {
    const r = await runCli(['baseline', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: distillwatch baseline');
    for (const name of ['rules', 'prada', 'iforest', 'signals-no-linking']) expect(r.stdout).toMatch(new RegExp(`^  ${name}\\s+\\S`, 'm'));
    for (const [opt, def] of [['--ip-accounts', '5'], ['--ip-window-days', '14'], ['--daily-calls', '1000'], ['--429-share', '0.1'], ['--429-min', '10'], ['--delta', '0.95'], ['--min-prompts', '20'], ['--history', '300'], ['--contamination', '0.01'], ['--trees', '100'], ['--sample-size', '256'], ['--seed', '1']] as const) {
      expect(r.stdout).toMatch(new RegExp(`${opt} <\\w+>(?:(?!--)[\\s\\S])*?\\(default:\\s+"${def.replace('.', '\\.')}"\\)`));
    }
    for (const opt of ['--until', '--since', '--json', '--asn-db', '--out']) expect(r.stdout).toContain(opt);
  });

  it('runs each baseline into its findings directory, with a summary as JSON', async () => {
    for (const name of ['rules', 'prada', 'iforest']) {
      const out = join(tmp.dir, 'findings', name);
      const r = await runCli(['baseline', name, '--data', data, '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout);
      expect(s).toMatchObject({ baseline: name, detector: `baseline-${name}`, accounts: USERS.length + CAMPAIGN.length, until: null });
      const f = readFindings(out);
      expect(f.accounts.length).toBe(s.accounts);
      expect(f.campaigns.detector).toBe(`baseline-${name}`);
    }
    // The campaign shares two proxy IPs, eight accounts on each: the IP rule catches all of it.
    const rules = readFindings(join(tmp.dir, 'findings', 'rules'));
    expect(rules.accounts.filter((a) => a.flagged).map((a) => a.account_id).sort()).toEqual([...CAMPAIGN].sort());
  });

  it('prints a readable summary, and honours --until and the parameters', async () => {
    const out = join(tmp.dir, 'findings', 'rules-early');
    const until = new Date(WORLD_START + 2.5 * WORLD_DAY).toISOString();
    const r = await runCli(['baseline', 'rules', '--data', data, '--out', out, '--until', until, '--ip-accounts', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^baseline-rules: \d+ accounts up to 2026-04-03T12:00:00\.000Z, 0 flagged in/m);
    expect(r.stdout).toContain(`findings: ${out}/accounts.jsonl`);
    const f = readFindings(out);
    expect(f.campaigns.until).toBe(until);
    expect(f.campaigns.parameters).toMatchObject({ ipAccounts: 3 });
    expect(f.accounts.some((a) => a.account_id.startsWith('camp-'))).toBe(false);
  });

  it('lets eval score the baselines side by side, one column each', async () => {
    const dirs = ['rules', 'prada', 'iforest'].map((n) => join(tmp.dir, 'findings', n));
    const r = await runCli(['eval', '--truth', join(tmp.dir, 'truth'), '--findings', ...dirs]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^\s+baseline-rules\s+baseline-prada\s+baseline-iforest$/m);
    expect(r.stdout).toMatch(/TP \/ FP \/ FN \/ TN\s+8 \/ 0 \/ 0 \/ 30\s/);
  });

  it('fails with a plain message on a bad name, a bad value, or another baseline\'s option', async () => {
    const out = join(tmp.dir, 'findings', 'bad');
    const name = await runCli(['baseline', 'magic', '--data', data, '--out', out]);
    expect(name.code).toBe(1);
    expect(name.stderr).toMatch(/Allowed choices are rules, prada, iforest, signals-no-linking/);
    const value = await runCli(['baseline', 'prada', '--data', data, '--out', out, '--delta', 'high']);
    expect(value.code).toBe(1);
    expect(value.stderr).toMatch(/--delta high: expected a number/);
    const foreign = await runCli(['baseline', 'rules', '--data', data, '--out', out, '--delta', '0.9']);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/--delta is an option of prada, not of rules/);
    const until = await runCli(['baseline', 'rules', '--data', data, '--out', out, '--until', 'yesterday']);
    expect(until.code).toBe(1);
    expect(until.stderr).toMatch(/--until yesterday: not a timestamp/);
    expect(existsSync(join(out, 'accounts.jsonl'))).toBe(false);
  });

  it('runs our own signals with linking off under the baseline\'s name', async () => {
    const out = join(tmp.dir, 'findings', 'signals');
    const r = await runCli(['baseline', 'signals-no-linking', '--data', data, '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const f = readFindings(out);
    expect(f.campaigns.detector).toBe('baseline-signals-no-linking');
    expect(f.accounts.every((a) => a.campaign_id === null || f.campaigns.campaigns.some((c) => c.campaign_id === a.campaign_id))).toBe(true);
  });
});
