import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { World, WORLD_DAY, WORLD_START } from '../../test/world.js';
import { ingest } from '../ingest/ingest.js';
import { ACCOUNT_DAYS } from '../ingest/rollups.js';
import { openWarehouse, type Warehouse } from '../warehouse/warehouse.js';
import { DEFAULT_HUNT_CONFIG } from './context.js';
import { hunt, type HuntResult } from './hunt.js';
import { familyBits } from './population.js';

/**
 * The hunt end to end on a small world: a campaign of accounts that each look nearly clean alone, a relay
 * carrying a few percent of the campaign's traffic among its customers', a logit-extraction prober, and a
 * benign population glued together by hubs (one popular client, one carrier-grade NAT).
 */

const tmp = tempDir();
let wh: Warehouse;
let full: HuntResult;

const CAMPAIGN_START = WORLD_START + 10 * WORLD_DAY;
const campaignIds = Array.from({ length: 30 }, (_, i) => `acct-${(7919 * (i + 3)) % 100_000}`);
const userIds = Array.from({ length: 240 }, (_, i) => `acct-${(104_729 * (i + 11)) % 1_000_000}`);
const RELAY = 'acct-relay-7';
const PROBER = 'acct-probe-3';
const EVAL_RUNNER = 'acct-evals-5';
const TIED_CLIENT = 'acct-tied-9';
const SHARED_SYSTEM = 'You are a meticulous senior engineer. Answer completely, with working code and tests. '.repeat(6);

function buildWorld(): World {
  const w = new World(23);
  const popularUa = 'Mozilla/5.0 ChatApp/2.1';
  // Ordinary people; half of them behind one carrier-grade NAT, all on the same popular app.
  userIds.forEach((id, i) => {
    w.account({ account_id: id });
    const ip = i % 2 === 0 ? '100.64.0.1' : `73.${i % 200}.${(i * 7) % 250}.${1 + (i % 250)}`;
    for (let d = 0; d < 30; d++) {
      if (w.rand() < 0.5) continue;
      let t = WORLD_START + d * WORLD_DAY + (9 + w.int(10)) * 3_600_000;
      const turns = 1 + w.int(4);
      for (let turn = 1; turn <= turns; turn++) {
        w.exchange({ account_id: id, ts: t, ip, user_agent: popularUa, turn, conversation_id: `${id}-${d}`, cache_read_tokens: turn > 1 ? 400 : 0 });
        t += 60_000 + w.int(900_000);
      }
    }
  });
  // The campaign: new unverified accounts in two waves, ten to a card, datacenter exits rotating per
  // request, one harvesting system prompt, template prompts, maximum output, around the clock.
  const tasks = ['a rate limiter', 'an LRU cache', 'a JSON parser', 'a job scheduler', 'a trie', 'a diff tool', 'a CSV reader'];
  const langs = ['Rust', 'Go', 'Kotlin', 'TypeScript', 'C++', 'Java'];
  // A parametrised public-benchmark problem: the campaign harvests it, and so does an evaluation runner.
  const benchmarkProblem = () => `Express the decimal number $${10 + w.int(990)}$ in base ${2 + w.int(8)}.\nGive the final answer only.`;
  const campaignPrompt = () =>
    w.rand() < 0.2 ? benchmarkProblem() : `Programming task.\nProvide the complete code first, then the tests, then explain every design decision step by step.\nImplement ${w.pick(tasks)} in ${w.pick(langs)} for a service handling ${100 + w.int(9000)} requests per second.`;
  campaignIds.forEach((id, i) => {
    const wave = i < 15 ? 0 : 2;
    w.account({
      account_id: id,
      created_at: new Date(CAMPAIGN_START + wave * WORLD_DAY - 3_600_000 + i * 60_000).toISOString(),
      verified: false,
      tier: 'free',
      email_domain: 'mailbox.example',
      payment_fingerprint: `pf-card-${Math.floor(i / 10)}`,
      billing_country: 'US',
    });
    for (let k = 0; k < 90; k++) {
      const t = CAMPAIGN_START + wave * WORLD_DAY + k * 1_200_000 + w.int(60_000);
      w.exchange({
        account_id: id, ts: t, ip: `3.${80 + w.int(40)}.${w.int(250)}.${1 + w.int(250)}`, user_agent: 'python-httpx/0.27',
        client_fingerprint: 't13d301100_aaaaaaaaaaaa_bbbbbbbbbbbb', max_tokens: 32_000, system: SHARED_SYSTEM, prompt: campaignPrompt(), turn: 1,
      });
    }
  });
  // A relay: many end users' requests, and about 4% of the campaign's.
  w.account({ account_id: RELAY, tier: 'scale', created_at: new Date(WORLD_START - 300 * WORLD_DAY).toISOString() });
  for (let k = 0; k < 1200; k++) {
    const t = WORLD_START + k * 1_800_000 + w.int(600_000);
    const campaign = t > CAMPAIGN_START && w.rand() < 0.07;
    w.exchange({
      account_id: RELAY, ts: t, ip: '34.70.1.2', user_agent: 'relay-gateway/3.2', turn: 1 + w.int(3),
      ...(campaign ? { system: SHARED_SYSTEM, prompt: campaignPrompt(), max_tokens: 32_000 } : {}),
    });
  }
  // An evaluation runner: an established customer running a benchmark suite, a few percent of it the
  // parametrised problem the campaign also sends. The problem is content, not the campaign's scaffolding.
  w.account({ account_id: EVAL_RUNNER, tier: 'scale', verified: true, created_at: new Date(WORLD_START - 400 * WORLD_DAY).toISOString() });
  for (let k = 0; k < 300; k++) {
    const t = CAMPAIGN_START + (k % 10) * WORLD_DAY + k * 20_000;
    const prompt = k % 15 === 0 ? benchmarkProblem() : `Benchmark item ${k}: ${w.pick(tasks)} versus ${w.pick(tasks)} in ${w.pick(langs)}; which is simpler to test, and why?`;
    w.exchange({ account_id: EVAL_RUNNER, ts: t, ip: '52.14.7.9', user_agent: 'evals-harness/1.4', turn: 1, prompt });
  }
  // A client whose requests are split evenly between two user agents: its main one is the smaller name.
  w.account({ account_id: TIED_CLIENT });
  for (let k = 0; k < 6; k++) {
    w.exchange({ account_id: TIED_CLIENT, ts: WORLD_START + k * 3_600_000, ip: '73.12.1.1', user_agent: k % 2 ? 'agent-a/1.0' : 'agent-b/1.0' });
  }
  // A logit-extraction prober.
  w.account({ account_id: PROBER });
  for (let k = 0; k < 200; k++) {
    w.exchange({ account_id: PROBER, ts: WORLD_START + 5 * WORLD_DAY + k * 30_000, ip: '73.99.1.1', logit_bias_size: 100, max_tokens: 1, top_logprobs: 20 });
  }
  return w;
}

beforeAll(async () => {
  const files = buildWorld().write(tmp.dir);
  wh = await openWarehouse({ data: join(tmp.dir, 'data') });
  await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
  full = await hunt(wh, DEFAULT_HUNT_CONFIG, { keepTables: true });
});
afterAll(async () => {
  await wh?.close();
  tmp.cleanup();
});

const verdict = (r: HuntResult, id: string) => r.accounts.find((a) => a.account_id === id);

describe('hunt', () => {
  it('finds the campaign as one cluster of its accounts, with reasons', () => {
    expect(full.campaigns.length).toBeGreaterThanOrEqual(1);
    const main = full.campaigns[0]!;
    const found = campaignIds.filter((id) => main.accounts.includes(id));
    expect(found.length / campaignIds.length).toBeGreaterThanOrEqual(0.95);
    for (const id of campaignIds) {
      const v = verdict(full, id)!;
      expect(v.flagged, id).toBe(true);
      expect(v.campaign_id).toBe(main.campaign_id);
      expect(['campaign_member', 'campaign_traffic', 'campaign_provenance']).toContain(v.reasons[0]);
    }
    expect(main.reasons.length).toBeGreaterThan(2);
    // The numbers behind the verdict: the typical member clears both bars, measured outside the campaign.
    expect(Number.isFinite(main.bars.behaviour) && Number.isFinite(main.bars.provenance)).toBe(true);
    expect(familyBits(main.pooled, 'behaviour')).toBeGreaterThanOrEqual(main.bars.behaviour);
    expect(familyBits(main.pooled, 'provenance')).toBeGreaterThanOrEqual(main.bars.provenance);
    expect(main.links.map((l) => l.kind)).toEqual(expect.arrayContaining(['template', 'system_prompt', 'payment']));
  });

  it('flags a relay that carries a few percent of the campaign\'s traffic, into the same campaign', () => {
    const relay = verdict(full, RELAY)!;
    expect(relay.flagged).toBe(true);
    // Linked into the campaign's cluster through its templates, or found by the sweep of them.
    expect(['campaign_member', 'campaign_traffic']).toContain(relay.reasons[0]);
    expect(relay.campaign_id).toBe(full.campaigns[0]!.campaign_id);
  });

  it('flags a logit-extraction prober on its own', () => {
    const p = verdict(full, PROBER)!;
    expect(p.flagged).toBe(true);
    expect(p.reasons).toContain('logit_sweep');
  });

  it('leaves ordinary users alone, even those glued together by a popular client and a shared NAT', async () => {
    const flagged = userIds.filter((id) => verdict(full, id)?.flagged);
    expect(flagged).toEqual([]);
    // Hub protection: the popular client and the NAT are shared by too many accounts to be link evidence.
    const hubs = await wh.query<{ n: string }>(
      "SELECT count() AS n FROM _hunt_keys WHERE kind IN ('user_agent', 'subnet_day') AND df > {cap:UInt32}",
      { cap: Math.floor(full.window.accounts * 0.2) },
    );
    expect(Number(hubs[0]!.n)).toBe(0);
    const natUsers = new Set(userIds.filter((_, i) => i % 2 === 0));
    const clusterOfNat = new Set([...natUsers].map((id) => verdict(full, id)?.cluster));
    expect(clusterOfNat.size).toBeGreaterThan(1); // not one blob
  });

  it('does not take a parametrised benchmark problem the campaign also sends for its fingerprint', () => {
    // The evaluation runner sends 20 fills of a problem the campaign sends hundreds of (numbers apart, one
    // text): a shared public problem, not scaffolding wrapped around different requests.
    expect(verdict(full, EVAL_RUNNER)?.flagged).toBe(false);
  });

  it("picks an account's main client exactly, ties to the smallest value, so two runs agree", async () => {
    const [row] = await wh.query<{ main_ua: string }>('SELECT main_ua FROM _hunt_acct WHERE account_id = {id:String}', { id: TIED_CLIENT });
    expect(row?.main_ua).toBe('agent-a/1.0');
  });

  it('writes reason codes and the numbers behind them for every flagged account', () => {
    for (const a of full.accounts.filter((x) => x.flagged)) {
      expect(a.reasons.length, a.account_id).toBeGreaterThan(0);
      expect(a.hits.length, a.account_id).toBeGreaterThan(0);
    }
  });
});

describe('--until', () => {
  it('sees nothing after the cut-off: the same verdicts as a warehouse that never held later data', async () => {
    const until = new Date(CAMPAIGN_START + 1.5 * WORLD_DAY).toISOString();
    const replay = await hunt(wh, { ...DEFAULT_HUNT_CONFIG, until });
    expect(Date.parse(replay.window.last!.replace(' ', 'T') + 'Z')).toBeLessThanOrEqual(Date.parse(until));
    // Accounts of the second wave were created after the cut-off: the hunt must not know them.
    for (const id of campaignIds.slice(15)) expect(verdict(replay, id)).toBeUndefined();

    // Now really forget everything after the cut-off and hunt again without one.
    for (const table of ['exchanges', 'exchange_features']) {
      await wh.command(`DELETE FROM ${table} WHERE ts > parseDateTime64BestEffort({u:String}, 3, 'UTC')`, { u: until });
    }
    await wh.command("DELETE FROM accounts WHERE created_at > parseDateTime64BestEffort({u:String}, 3, 'UTC')", { u: until });
    // (the rollups of the day the cut-off splits are aggregated again from what is left)
    await wh.command(`TRUNCATE TABLE ${ACCOUNT_DAYS.table}`);
    await wh.command(ACCOUNT_DAYS.insert('1'));
    const truncated = await hunt(wh, DEFAULT_HUNT_CONFIG);
    const strip = (r: HuntResult) => r.accounts.map((a) => [a.account_id, a.flagged, a.campaign_id, a.reasons.join(','), a.score.toFixed(6)]);
    expect(strip(replay)).toEqual(strip(truncated));
    expect(replay.campaigns.map((c) => c.accounts)).toEqual(truncated.campaigns.map((c) => c.accounts));
  });
});

// Last in this file: it drops the warehouse's text.
describe('the hunt reads the features computed at ingest, never the text', () => {
  it('gives the same verdicts after the prompt, system prompt and answer columns are dropped', async () => {
    const withText = await hunt(wh, DEFAULT_HUNT_CONFIG); // (the warehouse as the test above left it)
    expect(withText.campaigns.length).toBeGreaterThan(0);
    expect(withText.campaigns.some((c) => c.examples.length > 0)).toBe(true);
    for (const column of ['prompt', 'system', 'response']) await wh.command(`ALTER TABLE exchanges DROP COLUMN ${column}`);
    const textless = await hunt(wh, DEFAULT_HUNT_CONFIG);
    const strip = (r: HuntResult) =>
      r.accounts.map((a) => [a.account_id, a.tier, a.flagged, a.campaign_id, a.reasons.join(','), a.risk.toFixed(6), a.score.toFixed(6)]);
    expect(strip(textless)).toEqual(strip(withText));
    expect(textless.campaigns.map((c) => [c.campaign_id, c.accounts, c.exchanges])).toEqual(withText.campaigns.map((c) => [c.campaign_id, c.accounts, c.exchanges]));
    // only the quotes a report shows need the text: without it there are none
    expect(textless.campaigns.every((c) => c.examples.length === 0)).toBe(true);
  });
});
