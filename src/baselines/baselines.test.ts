import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { World, WORLD_DAY, WORLD_START } from '../../test/world.js';
import { findingAccountSchema, findingsCampaignsFileSchema, type FindingAccount } from '../eval/contracts.js';
import { ingest } from '../ingest/ingest.js';
import { openWarehouse, type Warehouse } from '../warehouse/warehouse.js';
import { findBaseline, runBaseline, type BaselineParams, type BaselineWindow } from './index.js';
import { pradaRisk, pradaTest } from './prada.js';
import { FULL_WINDOW } from './window.js';

/**
 * The SQL baselines on one small hand-made world: accounts placed exactly on each rule's boundary, a
 * natural and a synthetic prompt stream for PRADA, one blatant outlier for the isolation forest, and a
 * background of ordinary users.
 */

const tmp = tempDir('dw-baselines-');
let wh: Warehouse;

const at = (day: number, hours = 12) => WORLD_START + day * WORLD_DAY + hours * 3_600_000;
const HOUR = 3_600_000;

const IP_A = Array.from({ length: 5 }, (_, i) => `ipa-${i + 1}`); // 5 accounts on one IP in 14 days: no
const IP_B = Array.from({ length: 6 }, (_, i) => `ipb-${i + 1}`); // 6 accounts, first to last 13 days apart: yes
const IP_C = Array.from({ length: 6 }, (_, i) => `ipc-${i + 1}`); // 6 accounts, but the 6th 14 days after the rest: no
const BLATANT = 'blatant-outlier';
const UNTIL = new Date(at(6, 12)).toISOString(); // halfway through the day `day-1001` sends its calls

function buildWorld(): World {
  const w = new World(11);
  for (let i = 0; i < 40; i++) w.ordinaryUser(`user-${i}`, { days: 20 });

  IP_A.forEach((id, i) => {
    w.account({ account_id: id });
    w.exchange({ account_id: id, ts: at(2 + i), ip: '198.51.100.5' });
  });
  IP_B.forEach((id, i) => {
    w.account({ account_id: id });
    w.exchange({ account_id: id, ts: at([0, 2, 5, 7, 10, 13][i]!), ip: '198.51.100.6' });
  });
  IP_C.forEach((id, i) => {
    w.account({ account_id: id });
    w.exchange({ account_id: id, ts: at(i < 5 ? 0 : 14), ip: '198.51.100.7' });
  });

  // Calls in one UTC day: 1,000 (no), 1,001 (yes), 1,001 across midnight (no).
  const burst = (id: string, calls: number, from: number, span: number) => {
    w.account({ account_id: id });
    for (let k = 0; k < calls; k++) w.exchange({ account_id: id, ts: from + Math.floor((k * span) / calls), ip: `192.0.2.${10 + id.length}` });
  };
  burst('day-1000', 1000, at(5, 0), WORLD_DAY - 1000);
  burst('day-1001', 1001, at(6, 0), WORLD_DAY - 1000);
  burst('split-1001', 1001, at(7, 12), WORLD_DAY);

  // 429s: 10 of 100 (yes), 9 of 100 (no), 9 of 20 (45%, but too few: no).
  const limited = (id: string, requests: number, refused: number) => {
    w.account({ account_id: id });
    for (let k = 0; k < requests; k++) {
      w.exchange({ account_id: id, ts: at(3, 8) + k * 60_000, ip: '203.0.113.50', status: k < refused ? 429 : 200 });
    }
  };
  limited('limited-10-of-100', 100, 10);
  limited('limited-9-of-100', 100, 9);
  limited('limited-9-of-20', 20, 9);

  // PRADA: a person asking about anything, and a harvester exploring around eight seed prompts in turn,
  // ten small perturbations (a word replaced) of each: small steps, and a long jump to each new seed.
  w.account({ account_id: 'prada-natural' });
  for (let k = 0; k < 80; k++) w.exchange({ account_id: 'prada-natural', ts: at(1, 9) + k * 1_800_000, ip: '73.1.2.3', prompt: `${w.words(6 + w.int(30))}?` });
  const seeds = [
    'Explain the time complexity of quicksort and give an example implementation in Python',
    'Write a function that parses a CSV file and returns the rows as dictionaries with typed values',
    'Describe how a hash map handles collisions and compare open addressing with separate chaining',
    'Prove that the square root of two is irrational using a proof by contradiction step by step',
    'Translate this paragraph about photosynthesis into French and keep the scientific terms exact',
    'What were the main causes of the First World War and how did the alliances make it spread',
    'Summarise the plot of Hamlet in five sentences for a student who has not read the play yet',
    'Design a database schema for a library that tracks books, members, loans and overdue fines',
  ];
  w.account({ account_id: 'prada-synthetic' });
  for (let k = 0; k < 80; k++) {
    const words = seeds[Math.floor(k / 10)]!.split(' ');
    words[w.int(words.length)] = w.words(1);
    w.exchange({ account_id: 'prada-synthetic', ts: at(1, 9) + k * 600_000, ip: '3.90.1.1', prompt: words.join(' ') });
  }
  w.account({ account_id: 'prada-few' });
  for (let k = 0; k < 10; k++) w.exchange({ account_id: 'prada-few', ts: at(2, 9) + k * 600_000, ip: '73.4.5.6', prompt: w.words(12) });

  // The isolation forest's outlier: brand new, a different IP and client per request, maximum output and
  // reasoning, tools, rate-limited, long prompts, around the clock.
  w.account({ account_id: BLATANT, created_at: new Date(at(10, 0) - HOUR).toISOString(), verified: false });
  for (let k = 0; k < 600; k++) {
    w.exchange({
      account_id: BLATANT, ts: at(10, 0) + k * 140_000, ip: `45.${k % 200}.${(k * 7) % 250}.${1 + (k % 250)}`, user_agent: `bot/${k % 40}`,
      max_tokens: 32_000, reasoning_budget: 32_000, tool_names: ['search', 'python'], status: k % 3 === 0 ? 429 : 200,
      prompt: 'Solve the task and show every step. '.repeat(120) + w.words(5),
    });
  }
  return w;
}

beforeAll(async () => {
  const files = buildWorld().write(tmp.dir);
  wh = await openWarehouse({ data: join(tmp.dir, 'data') });
  await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
});
afterAll(async () => {
  await wh?.close();
  tmp.cleanup();
});

let runs = 0;
/** Runs a baseline into a fresh directory and reads back what it wrote, validated against the contract. */
async function run(name: string, params: BaselineParams = {}, window: BaselineWindow = FULL_WINDOW) {
  const out = join(tmp.dir, `${name}-${runs++}`);
  const summary = await runBaseline(findBaseline(name), { wh, window, out }, params);
  const lines = readFileSync(join(out, 'accounts.jsonl'), 'utf8').trim().split('\n');
  const accounts = lines.map((l) => findingAccountSchema.parse(JSON.parse(l)));
  const campaigns = findingsCampaignsFileSchema.parse(JSON.parse(readFileSync(join(out, 'campaigns.json'), 'utf8')));
  const byId = new Map(accounts.map((a) => [a.account_id, a]));
  return { summary, accounts, campaigns, byId, get: (id: string) => byId.get(id) as FindingAccount };
}

describe('rules', () => {
  it('fire exactly at their boundaries, with the rule ids as reasons', async () => {
    const r = await run('rules');
    const flagged = new Set(r.accounts.filter((a) => a.flagged).map((a) => a.account_id));
    for (const id of IP_B) expect(r.get(id).reasons).toEqual(['many_accounts_on_ip']);
    for (const id of [...IP_A, ...IP_C]) expect(flagged.has(id), id).toBe(false);
    expect(r.get('day-1001').reasons).toEqual(['many_calls_per_day']);
    expect(r.get('day-1000').flagged).toBe(false);
    expect(r.get('split-1001').flagged).toBe(false);
    expect(r.get('limited-10-of-100').reasons).toEqual(['often_rate_limited']);
    expect(r.get('limited-9-of-100').flagged).toBe(false);
    expect(r.get('limited-9-of-20').flagged).toBe(false);
    expect(r.get(BLATANT).reasons).toEqual(['often_rate_limited']);
    // The hand-placed accounts above are the only ones a rule catches.
    expect([...flagged].sort()).toEqual([...IP_B, 'day-1001', 'limited-10-of-100', BLATANT].sort());
    expect(r.summary).toMatchObject({ detector: 'baseline-rules', flagged: 9, reasons: { many_accounts_on_ip: 6, many_calls_per_day: 1, often_rate_limited: 2 } });
    expect(r.campaigns).toMatchObject({ detector: 'baseline-rules', until: null, campaigns: [] });
  });

  it('give the numbers behind each rule, and a graded risk below 1 to accounts no rule caught', async () => {
    const r = await run('rules');
    expect(r.get('ipb-1').evidence).toMatchObject({ many_accounts_on_ip: { max_accounts: 6, ip: '198.51.100.6', from: '2026-04-01', to: '2026-04-14', ips_over: 1 } });
    expect(r.get('day-1001').evidence).toMatchObject({ many_calls_per_day: { max_calls: 1001, day: '2026-04-07', days_over: 1 } });
    expect(r.get('limited-10-of-100').evidence).toMatchObject({ often_rate_limited: { share: 0.1, rate_limited: 10, requests: 100 } });
    for (const a of r.accounts) expect(a.risk === 1).toBe(a.flagged);
    expect(r.get('ipa-1').risk).toBeCloseTo(5 / 6, 4);
    expect(r.get('day-1000').risk).toBeCloseTo(1000 / 1001, 4);
    expect(r.get('limited-9-of-100').risk).toBeCloseTo(0.9, 4);
    expect(r.get('limited-9-of-20').risk).toBeCloseTo(0.9, 4); // 9 of the 10 needed
  });

  it('follow their parameters', async () => {
    const r = await run('rules', { ipAccounts: 4, dailyCalls: 999, share429: 0.05, min429: 5 });
    for (const id of IP_A) expect(r.get(id).flagged, id).toBe(true);
    expect(r.get('day-1000').flagged).toBe(true);
    expect(r.get('limited-9-of-100').flagged).toBe(true);
    expect(r.campaigns.parameters).toMatchObject({ ipAccounts: 4, ipWindowDays: 14, dailyCalls: 999, share429: 0.05, min429: 5 });
    const wide = await run('rules', { ipWindowDays: 15 });
    for (const id of IP_C) expect(wide.get(id).flagged, id).toBe(true);
    await expect(run('rules', { ipAccounts: 0 })).rejects.toThrow(/--ip-accounts 0: must be at least 1/);
  });

  it('see nothing before --since', async () => {
    const r = await run('rules', {}, { since: new Date(at(6, 0)).toISOString(), until: null });
    expect(r.byId.has('day-1000')).toBe(false);
    expect(r.byId.has('ipb-3')).toBe(false);
    expect(r.get('ipb-4').flagged).toBe(false); // 3 of the 6 accounts on its IP are left
    expect(r.get('day-1001').flagged).toBe(true);
    expect(r.campaigns.since).toBe(new Date(at(6, 0)).toISOString());
  });
});

describe('prada', () => {
  it('flags a stream of perturbed seed prompts and not a natural one; too few prompts are not judged', async () => {
    const r = await run('prada');
    const synthetic = r.get('prada-synthetic');
    const natural = r.get('prada-natural');
    expect(synthetic.flagged).toBe(true);
    expect(synthetic.reasons).toEqual(['non_normal_query_distances']);
    expect(synthetic.evidence).toMatchObject({ judged: true, prompts: 80, compared: 80 });
    expect((synthetic.evidence as { w: number }).w).toBeLessThan(0.95);
    expect(natural.flagged).toBe(false);
    expect((natural.evidence as { w: number }).w).toBeGreaterThanOrEqual(0.95);
    expect(synthetic.risk).toBeGreaterThan(natural.risk);
    expect(r.get('prada-few')).toMatchObject({ risk: 0, flagged: false, reasons: [], evidence: { judged: false, prompts: 10 } });
    // Every account with exchanges in the window has a line.
    expect(r.accounts.length).toBe(r.summary.accounts);
    expect(r.summary.judged).toBeLessThan(r.summary.accounts);
  });

  it('compares only the first --history prompts, and takes its threshold from --delta', async () => {
    const r = await run('prada', { history: 30, delta: 0.5 });
    expect(r.get('prada-synthetic').evidence).toMatchObject({ prompts: 80, compared: 30 });
    expect(r.get('prada-synthetic').flagged).toBe((r.get('prada-synthetic').evidence as { w: number }).w < 0.5);
  });

  it('tests the distances as PRADA does: outliers beyond 3 sd left out, no spread means W = 0', () => {
    const base = Array.from({ length: 40 }, (_, i) => 0.4 + 0.01 * Math.sin(i * 1.3) + 0.005 * (i % 7));
    const v = pradaTest([...base, 0]);
    expect(v.left_out).toBe(1);
    expect(v.tested).toBe(40);
    expect(pradaTest(new Array(30).fill(0.2))).toMatchObject({ w: 0, tested: 30 });
    expect(pradaRisk(0.95, 0.95)).toBeCloseTo(0.5, 12);
    expect(pradaRisk(0, 0.95)).toBeCloseTo(1, 12);
    expect(pradaRisk(1, 0.95)).toBeCloseTo(0, 12);
    expect(pradaRisk(0.9, 0.95)).toBeGreaterThan(pradaRisk(0.97, 0.95));
  });
});

describe('iforest', () => {
  it('flags the blatant outlier first, with the features that make it one', async () => {
    const r = await run('iforest', { contamination: 0.01 });
    const flagged = r.accounts.filter((a) => a.flagged);
    expect(flagged.map((a) => a.account_id)).toEqual([BLATANT]);
    const top = [...r.accounts].sort((a, b) => b.risk - a.risk)[0]!;
    expect(top.account_id).toBe(BLATANT);
    const b = r.get(BLATANT);
    expect(b.reasons.length).toBeGreaterThan(0);
    expect(b.reasons.every((x) => /_(high|low)$/.test(x))).toBe(true);
    const features = (b.evidence as { features: Record<string, { value: number; median: number; robust_z: number }> }).features;
    expect(Object.keys(features).length).toBe(b.reasons.length);
    for (const f of Object.values(features)) expect(Math.abs(f.robust_z)).toBeGreaterThanOrEqual(3);
    expect(r.summary.flagged).toBe(1);
  });

  it('is deterministic for a seed, flags its contamination share, and the seed matters', async () => {
    const a = await run('iforest', { contamination: 0.05, seed: 3 });
    const b = await run('iforest', { contamination: 0.05, seed: 3 });
    const c = await run('iforest', { contamination: 0.05, seed: 4 });
    expect(b.accounts).toEqual(a.accounts);
    expect(c.accounts.map((x) => x.risk)).not.toEqual(a.accounts.map((x) => x.risk));
    expect(a.summary.flagged).toBe(Math.round(0.05 * a.accounts.length));
    expect(a.get(BLATANT).flagged).toBe(true);
  });
});

describe('--until', () => {
  it('sees nothing after the cut-off: the same findings as a warehouse that never held later data', async () => {
    const window = { since: null, until: UNTIL };
    const params: Record<string, BaselineParams> = { rules: {}, prada: {}, iforest: { contamination: 0.05 } };
    const cut: Record<string, Awaited<ReturnType<typeof run>>> = {};
    for (const name of Object.keys(params)) cut[name] = await run(name, params[name], window);

    const rules = cut.rules!;
    expect(rules.campaigns.until).toBe(UNTIL);
    expect(rules.get('day-1001').flagged).toBe(false); // only half its day is visible
    expect(rules.byId.has('ipc-6')).toBe(false); // first seen on day 14
    expect(rules.byId.has(BLATANT)).toBe(false);
    for (const id of IP_B.slice(0, 3)) expect(rules.get(id).flagged).toBe(false); // only 3 of the 6 seen so far

    await wh.command("DELETE FROM exchanges WHERE ts > parseDateTime64BestEffort({u:String}, 3, 'UTC')", { u: UNTIL });
    await wh.command("DELETE FROM accounts WHERE created_at > parseDateTime64BestEffort({u:String}, 3, 'UTC')", { u: UNTIL });
    for (const name of Object.keys(params)) {
      const truncated = await run(name, params[name]);
      expect(truncated.accounts, name).toEqual(cut[name]!.accounts);
    }
  });
});
