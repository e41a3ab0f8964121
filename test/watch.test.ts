import { mkdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/ingest/ingest.js';
import { openWarehouse, type Warehouse } from '../src/warehouse/warehouse.js';
import { listInputs, watchCycle, type WatchOptions } from '../src/watch/watch.js';
import { tempDir } from './helpers.js';
import { World, WORLD_DAY, WORLD_START, type WorldExchange } from './world.js';

/**
 * Continuous operation end to end: files land in a directory day by day, `watch` cycles load each once,
 * hunt, and keep the verdict history; kills in the middle of a load and of a hunt's recording are
 * recovered from without losing or doubling anything.
 */
const tmp = tempDir();
const landing = join(tmp.dir, 'landing');
const out = join(tmp.dir, 'findings');
let wh: Warehouse;
let world: World;
const campaignIds = Array.from({ length: 24 }, (_, i) => `acct-c${i}`);
const SYSTEM = 'You are a meticulous senior engineer. Answer completely, with working code and tests, then explain step by step. '.repeat(4);
const DAYS = 12;
const CAMPAIGN_START = WORLD_START + 4 * WORLD_DAY;

function buildWorld(): World {
  const w = new World(41);
  for (let i = 0; i < 150; i++) w.ordinaryUser(`acct-u${i}`, { days: DAYS });
  const tasks = ['a rate limiter', 'an LRU cache', 'a JSON parser', 'a job scheduler', 'a trie', 'a diff tool'];
  campaignIds.forEach((id, i) => {
    w.account({
      account_id: id,
      created_at: new Date(CAMPAIGN_START - 3_600_000 + i * 60_000).toISOString(),
      verified: false,
      tier: 'free',
      email_domain: 'mailbox.example',
      payment_fingerprint: `pf-card-${Math.floor(i / 8)}`,
    });
    for (let k = 0; k < 200; k++) {
      const t = CAMPAIGN_START + k * 1_500_000 + w.int(60_000);
      w.exchange({
        account_id: id, ts: t, ip: `3.${80 + w.int(40)}.${w.int(250)}.${1 + w.int(250)}`, user_agent: 'python-httpx/0.27',
        client_fingerprint: 't13d301100_aaaaaaaaaaaa_bbbbbbbbbbbb', max_tokens: 32_000, system: SYSTEM, turn: 1,
        prompt: `Programming task.\nProvide the complete code first, then the tests, then explain every design decision step by step.\nImplement ${w.pick(tasks)} for ${100 + w.int(9000)} requests per second.`,
      });
    }
  });
  return w;
}

/** Lands the exchanges of days [from, to) as one file, written aside and renamed into place, settled. */
function land(from: number, to: number): string {
  const rows = world.exchanges.filter((x: WorldExchange) => {
    const t = Date.parse(x.ts);
    return t >= WORLD_START + from * WORLD_DAY && t < WORLD_START + to * WORLD_DAY;
  });
  const name = `exchanges-day${String(from).padStart(2, '0')}.jsonl`;
  const tmpPath = join(tmp.dir, name);
  writeFileSync(tmpPath, rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
  const past = new Date(Date.now() - 60_000);
  utimesSync(tmpPath, past, past);
  renameSync(tmpPath, join(landing, name));
  return join(landing, name);
}

const opts = (): WatchOptions => ({ exchanges: [landing], accounts: [join(tmp.dir, 'accounts')], out, settleMs: 5_000 });
const count = async (sql: string) => Number((await wh.query<{ n: string }>(sql))[0]?.n);
const distinctRequests = (files: string[]) =>
  new Set(files.flatMap((f) => readFileSync(f, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as WorldExchange).request_id))).size;

beforeAll(async () => {
  world = buildWorld();
  mkdirSync(landing, { recursive: true });
  mkdirSync(join(tmp.dir, 'accounts'), { recursive: true });
  writeFileSync(join(tmp.dir, 'accounts', 'accounts.jsonl'), world.accounts.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(tmp.dir, 'accounts', 'accounts.jsonl'), past, past);
  wh = await openWarehouse({ data: join(tmp.dir, 'data') });
});
afterAll(async () => {
  await wh?.close();
  tmp.cleanup();
});

describe('watch', () => {
  const landed: string[] = [];

  it('lists directories and one-level globs, and leaves a file still being written for later', async () => {
    landed.push(land(0, 3));
    writeFileSync(join(landing, 'exchanges-day03.jsonl'), '{"request_id": "partial'); // being written right now
    writeFileSync(join(landing, 'notes.txt'), 'not data');
    expect(listInputs([landing]).map((f) => f.slice(landing.length + 1))).toEqual(['exchanges-day00.jsonl', 'exchanges-day03.jsonl']);
    expect(listInputs([join(landing, 'exchanges-day0[0].jsonl')])).toEqual([]); // brackets are literal
    expect(listInputs([join(landing, '*day00*')]).length).toBe(1);
    const r = await watchCycle(wh, opts());
    expect(r.loaded.map((f) => f.file)).toEqual([join(tmp.dir, 'accounts', 'accounts.jsonl'), landed[0]]);
    expect(r.hunt).not.toBeNull();
    expect(await count(`SELECT count() AS n FROM hunts`)).toBe(1);
  });

  it('loads each file once, and hunts only when something landed', async () => {
    landed.push(land(3, 6)); // replaces the half-written file under the same name
    const r = await watchCycle(wh, opts());
    expect(r.loaded.map((f) => f.file)).toEqual([landed[1]]);
    expect(r.hunt?.campaigns).toBeGreaterThan(0);
    const idle = await watchCycle(wh, opts());
    expect(idle.loaded).toEqual([]);
    expect(idle.hunt).toBeNull();
    expect(await count(`SELECT count() AS n FROM exchanges`)).toBe(distinctRequests(landed));
  });

  it('rolls back a load killed mid-file and loads the file again whole', async () => {
    const f = land(6, 9);
    landed.push(f);
    // What a kill leaves: the file's rows partly stored, its load never logged.
    await ingest(wh, { exchanges: [f] });
    const batch = (await wh.query<{ batch: number }>(`SELECT toUInt32(max(batch)) AS batch FROM loads`))[0]!.batch;
    await wh.command(`DELETE FROM loads WHERE batch = {b:UInt32}`, { b: batch });
    for (const t of ['exchanges', 'exchange_features']) await wh.command(`DELETE FROM ${t} WHERE _batch = {b:UInt32} AND _source_line % 2 = 0`, { b: batch });
    const r = await watchCycle(wh, opts());
    expect(r.rolledBack).toEqual([batch]);
    expect(r.loaded.map((l) => [l.file, l.inserted, l.duplicates])).toEqual([[f, distinctRequests([f]), 0]]);
    expect(await count(`SELECT count() AS n FROM exchanges`)).toBe(distinctRequests(landed));
    expect(await count(`SELECT count() AS n FROM exchange_features`)).toBe(distinctRequests(landed));
    expect(await count(`SELECT count() AS n FROM loads WHERE source_file = '${f}'`)).toBe(1);
  });

  it('runs again a hunt killed before it was recorded, dropping its half-written verdicts', async () => {
    const hunts = await count(`SELECT count() AS n FROM hunts`);
    // A hunt that wrote some verdicts and died: new data had landed (so a hunt is owed), no hunts row.
    landed.push(land(9, DAYS));
    await ingest(wh, { exchanges: [landed.at(-1)!] });
    await wh.command(`INSERT INTO verdicts (account_id, at, hunt_id, tier, flagged, risk, campaign_id, campaign_key, reasons)
                      VALUES ('acct-u1', now64(3), 'killed-hunt', 'account', 1, 0.9, '', '', [])`);
    const r = await watchCycle(wh, opts());
    expect(r.droppedVerdicts).toBe(1);
    expect(r.loaded).toEqual([]);
    expect(r.hunt).not.toBeNull();
    expect(await count(`SELECT count() AS n FROM hunts`)).toBe(hunts + 1);
    expect(await count(`SELECT count() AS n FROM verdicts WHERE hunt_id = 'killed-hunt'`)).toBe(0);
    expect(await count(`SELECT count() AS n FROM exchanges`)).toBe(distinctRequests(landed));
  });

  it('keeps each account\'s verdict history, with one lasting key per campaign', async () => {
    // The campaign started on day 4: the first hunt saw none of it, later ones did.
    const history = await wh.query<{ account_id: string; tiers: string[]; keys: string[] }>(
      `SELECT account_id, groupArray(tier) AS tiers, groupArray(campaign_key) AS keys
       FROM (SELECT * FROM verdicts WHERE account_id IN {ids:Array(String)} ORDER BY at) GROUP BY account_id`,
      { ids: campaignIds },
    );
    expect(history.length).toBe(campaignIds.length);
    const current = await wh.query<{ account_id: string; tier: string; campaign_key: string }>(
      `SELECT account_id, tier, campaign_key FROM current_verdicts WHERE account_id IN {ids:Array(String)}`,
      { ids: campaignIds },
    );
    const flagged = current.filter((c) => c.tier === 'campaign');
    expect(flagged.length).toBeGreaterThanOrEqual(campaignIds.length * 0.9);
    expect(new Set(flagged.map((c) => c.campaign_key)).size).toBe(1);
    // once keyed, the key never changed while the campaign went on
    for (const h of history) expect(new Set(h.keys.filter((k) => k !== '')).size).toBeLessThanOrEqual(1);
    // ordinary users are not recorded over and over: a row when first seen, then only on a change
    const rows = await count(`SELECT count() AS n FROM verdicts WHERE account_id LIKE 'acct-u%'`);
    const users = await count(`SELECT uniqExact(account_id) AS n FROM verdicts WHERE account_id LIKE 'acct-u%'`);
    expect(rows).toBeLessThan(users * 1.5);
    // the findings on disk are the last hunt's, whole
    const lastDir = (await wh.query<{ d: string }>(`SELECT argMax(findings_dir, finished_at) AS d FROM hunts`))[0]!.d;
    expect(lastDir).toBe(out);
    expect(readFileSync(join(out, 'campaigns.json'), 'utf8')).toContain('"campaign_id"');
  });
});
