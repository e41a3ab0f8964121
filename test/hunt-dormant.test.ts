import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import { DEFAULT_HUNT_CONFIG } from '../src/hunt/context.js';
import { hunt, type HuntResult } from '../src/hunt/hunt.js';
import type { SweepHit } from '../src/hunt/sweep.js';
import { reportMarkdown } from '../src/report/report.js';
import { openWarehouse, type Warehouse } from '../src/warehouse/warehouse.js';
import { tempDir } from './helpers.js';
import { World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * Dormant accounts of a campaign (accounts that sent nothing in the window) tied to it by the network and day
 * they were opened from: an operation opening its accounts from a cloud range, a few a day, keeps some in stock.
 * Each has a card of its own, an e-mail domain of its own and a /24 of its own: no key in common with any account
 * of the campaign, only the cloud range's day, which the campaign's accounts are most of. (A consumer ISP's day is
 * households', however many of an operation's accounts signed up through it.) Those opened from the range on another
 * day are ranked by it, not taken.
 */

const tmp = tempDir();
let wh: Warehouse;
let result: HuntResult;

const CAMPAIGN_START = WORLD_START + 10 * WORLD_DAY;
const campaignIds = Array.from({ length: 30 }, (_, i) => `camp-${i}`);
const userIds = Array.from({ length: 200 }, (_, i) => `user-${i}`);
// Opened from the campaign's cloud /16 on the days its accounts were opened there, each on its own /24: three on
// each of its first two days.
const STOCK = ['stock-0', 'stock-1', 'stock-2', 'stock-3', 'stock-4', 'stock-5'];
// The campaign's third wave is opened from another cloud /16, one its customers open accounts from about every
// other day (BUSY_CLOUD). A customer's account not used yet, opened there that day, is what the network does on any
// day, not the campaign's stock.
const BUSY_CLOUD = Array.from({ length: 15 }, (_, i) => `busy-cloud-${i}`);
const CUSTOMER_SPARE = 'customer-spare';
// Opened from the same /16 on days after the campaign's last account was, one every other day.
const LATER = ['later-0', 'later-1', 'later-2'];
// Opened on the campaign's first day, from home networks.
const NEIGHBOURS = ['home-0', 'home-1', 'home-2'];
// A household's account opened that day from the consumer ISP's /16 three of the campaign's accounts signed up from.
const HOUSEHOLD = 'household-0';
// An office opening four working accounts and one it has not used yet, one day, from its cloud /16.
const OFFICE = ['office-0', 'office-1', 'office-2', 'office-3'];
const OFFICE_SPARE = 'office-spare';
const SHARED_SYSTEM = 'You are a meticulous senior engineer. Answer completely, with working code and tests. '.repeat(6);
const day = (d: number, hour = 10) => new Date(CAMPAIGN_START + d * WORLD_DAY + hour * 3_600_000).toISOString();

function buildWorld(): World {
  const w = new World(41);
  userIds.forEach((id, i) => {
    w.account({ account_id: id });
    const ip = `73.${i % 200}.${(i * 7) % 250}.${1 + (i % 250)}`;
    for (let d = 0; d < 30; d++) {
      if (w.rand() < 0.5) continue;
      let t = WORLD_START + d * WORLD_DAY + (9 + w.int(10)) * 3_600_000;
      for (let turn = 1; turn <= 1 + w.int(4); turn++) {
        w.exchange({ account_id: id, ts: t, ip, turn, conversation_id: `${id}-${d}`, cache_read_tokens: turn > 1 ? 400 : 0 });
        t += 60_000 + w.int(900_000);
      }
    }
  });
  const tasks = ['a rate limiter', 'an LRU cache', 'a JSON parser', 'a job scheduler', 'a trie', 'a diff tool', 'a CSV reader'];
  const langs = ['Rust', 'Go', 'Kotlin', 'TypeScript', 'C++', 'Java'];
  campaignIds.forEach((id, i) => {
    const wave = i < 15 ? 0 : i < 25 ? 2 : 4;
    w.account({
      account_id: id,
      created_at: new Date(CAMPAIGN_START + wave * WORLD_DAY - 3_600_000 + i * 60_000).toISOString(),
      verified: false,
      tier: 'free',
      email_domain: 'mailbox.example',
      payment_fingerprint: `pf-card-${Math.floor(i / 10)}`,
      // (three of the first wave from home networks of one ISP's /16: its residential proxies)
      signup_ip: i >= 12 && i < 15 ? `68.40.${i}.5` : wave === 4 ? `159.203.${i}.${10 + i}` : `104.131.${i}.${10 + i}`,
    });
    for (let k = 0; k < 90; k++) {
      w.exchange({
        account_id: id, ts: CAMPAIGN_START + wave * WORLD_DAY + k * 1_200_000 + w.int(60_000), ip: `3.${80 + w.int(40)}.${w.int(250)}.${1 + w.int(250)}`,
        user_agent: 'python-httpx/0.27', client_fingerprint: 't13d301100_aaaaaaaaaaaa_bbbbbbbbbbbb', max_tokens: 32_000, system: SHARED_SYSTEM, turn: 1,
        prompt: `Programming task.\nProvide the complete code first, then the tests, then explain every design decision step by step.\nImplement ${w.pick(tasks)} in ${w.pick(langs)} for a service handling ${100 + w.int(9000)} requests per second.`,
      });
    }
  });
  const dormant = (account_id: string, created_at: string, signup_ip: string) =>
    w.account({ account_id, created_at, signup_ip, verified: false, tier: 'free', email_domain: `${account_id}.example` });
  // (the waves were opened from 23:00 on the day before CAMPAIGN_START, two days later and four days later)
  STOCK.forEach((id, k) => dormant(id, day(k < 3 ? -1 : 1, 23.6 + (k % 3) / 10), `104.131.${200 + k}.7`));
  dormant(CUSTOMER_SPARE, day(3, 23.7), '159.203.220.7');
  BUSY_CLOUD.forEach((id, k) => dormant(id, new Date(WORLD_START + 2 * k * WORLD_DAY + 14 * 3_600_000).toISOString(), `159.203.${100 + k}.9`));
  LATER.forEach((id, k) => dormant(id, day(7 + 2 * k, 3 + k), `104.131.${210 + k}.7`));
  dormant(HOUSEHOLD, day(-1, 21), '68.40.99.5');
  NEIGHBOURS.forEach((id, k) => dormant(id, day(-1, 20 + k), `73.${150 + k}.1.1`));
  OFFICE.forEach((id, k) => {
    w.account({ account_id: id, created_at: day(-3, 9 + k), signup_ip: `3.91.${k}.20` });
    for (let d = 0; d < 15; d++) w.exchange({ account_id: id, ts: WORLD_START + (3 + d) * WORLD_DAY + (10 + k) * 3_600_000, ip: '3.91.0.20' });
  });
  dormant(OFFICE_SPARE, day(-3, 15), '3.91.9.20');
  return w;
}

beforeAll(async () => {
  const files = buildWorld().write(tmp.dir);
  wh = await openWarehouse({ data: join(tmp.dir, 'data') });
  await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
  result = await hunt(wh, DEFAULT_HUNT_CONFIG);
}, 120_000);
afterAll(async () => {
  await wh?.close();
  tmp.cleanup();
});

const verdict = (id: string) => result.accounts.find((a) => a.account_id === id)!;

describe('dormant accounts opened from a campaign network on its days', () => {
  it("are the campaign's, by the network-day they were opened from and nothing else", () => {
    const campaign = verdict('camp-0').campaign_id;
    expect(campaign).not.toBeNull();
    for (const id of STOCK) {
      const v = verdict(id);
      expect(v.flagged, id).toBe(true);
      expect(v.campaign_id, id).toBe(campaign);
      expect(v.reasons[0], id).toBe('campaign_provenance');
      expect(v.sweep?.test, id).toBe('provenance');
      expect(v.sweep?.shared, id).toEqual(['signup_network']);
    }
  });

  it('leave out accounts opened from that network on a day the campaign opened none, and accounts opened elsewhere on its days', () => {
    for (const id of [...LATER, ...NEIGHBOURS]) expect(verdict(id).flagged, id).toBe(false);
  });

  it("are ranked when opened from that network on another day, above the accounts with nothing to show, and not acted on", () => {
    const campaign = verdict('camp-0').campaign_id;
    for (const [k, id] of LATER.entries()) {
      const v = verdict(id);
      expect(v.openedWith?.opened, id).toBe(Date.parse(day(7 + 2 * k, 3 + k)));
      expect(v.tier, id).toBeNull();
      expect(v.reasons[0], id).toBe('opened_with_campaign');
      expect(v.openedWith, id).toMatchObject({ campaign_id: campaign, by: 'signup_network' });
      for (const other of [...NEIGHBOURS, HOUSEHOLD, OFFICE_SPARE]) expect(v.risk, `${id} over ${other}`).toBeGreaterThan(verdict(other).risk);
    }
    // (not from the campaign's network, nor opened in its span: nothing ties them to it)
    for (const id of [...NEIGHBOURS, HOUSEHOLD, OFFICE_SPARE]) expect(verdict(id).openedWith, id).toBeUndefined();
    // The report counts them under their campaign, apart from the accounts acted on.
    const section = reportMarkdown(result).split('## Unused accounts opened with a campaign')[1]?.split('\n## ')[0] ?? '';
    // (with them, the customers of the campaign's other cloud range opened in its span: ranked the same way)
    const ranked = result.accounts.filter((a) => a.tier === null && a.openedWith?.campaign_id === campaign).length;
    expect(ranked).toBeGreaterThanOrEqual(LATER.length);
    expect(section).toContain(`| ${campaign} | ${ranked} |`);
  });

  it("leave out a customer's account opened from a campaign's network on one of its days, when others open about as many there on a day", () => {
    expect(verdict('camp-29').campaign_id).toBe(verdict('camp-0').campaign_id);
    expect(verdict(CUSTOMER_SPARE).flagged).toBe(false);
  });

  it("carry the accounts opened outside the campaign on its days there, against chance", () => {
    const [first, ...rest] = STOCK.map((id) => verdict(id).sweep!) as [SweepHit, ...SweepHit[]];
    expect(first.networkDays).toBe(2);
    expect(first.hits).toBe(STOCK.length);
    expect(first.bits).toBeGreaterThan(Math.log2(1 / 0.01));
    // The network's ordinary rate is LATER's three openings over the window's 28 days the campaign did not open
    // accounts there (with half an opening of prior), over the campaign's 2 days.
    expect(first.expected).toBeCloseTo((2 * 3.5) / 28, 6);
    for (const s of rest) expect(s).toEqual(first);
  });

  it("leave out a household's account opened from a consumer ISP's /16 on a day the campaign's accounts were mostly its", () => {
    expect(verdict(HOUSEHOLD).flagged).toBe(false);
  });

  it("leave out an office's spare account, opened with its colleagues from the office's network: no campaign's", () => {
    for (const id of [...OFFICE, OFFICE_SPARE]) expect(verdict(id).flagged, id).toBe(false);
  });
});
