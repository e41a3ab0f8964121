import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COT_SYSTEM, exchange, PROMPTS, tempDir } from '../../test/helpers.js';
import { exchangeFeaturesSelect, FEATURES_TABLE, FEATURES_V2, SYSTEM_PROMPTS_TABLE, systemPromptsSelect } from '../ingest/features.js';
import { ingest } from '../ingest/ingest.js';
import { ACCOUNT_DAYS_TABLE } from '../ingest/rollups.js';
import { seededRandom } from '../util/rng.js';
import { BackfillPendingError, backfillState, requireBackfilled, runBackfill } from './backfill.js';
import { openWarehouse, type Warehouse } from './warehouse.js';

const tmp = tempDir();
let wh: Warehouse;

const LONG_SYSTEM = 'You are the support assistant of a bookshop. '.repeat(6);

/** Exchanges over four days, in two files (two load batches), with a repeated request in the second. */
function files(): string[] {
  const rng = seededRandom(7);
  const rows = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, j) => {
      const i = from + j;
      return exchange({
        request_id: `r-${i}`,
        ts: new Date(Date.UTC(2026, 3, 20 + (i % 4), 8 + (i % 10), i % 60)).toISOString(),
        account_id: `acct-${i % 9}`,
        ip: `198.51.100.${i % 50}`,
        system: [null, LONG_SYSTEM, COT_SYSTEM][i % 3],
        prompt: `${PROMPTS[i % PROMPTS.length]} (case ${Math.floor(rng() * 1000)})`,
        tool_names: i % 5 === 0 ? ['bash', 'edit'] : [],
        conversation_id: i % 2 === 0 ? `conv-${i % 40}` : null,
        turn: 1 + Math.floor(i / 40),
        latency_ms: 500 + (i % 13) * 100,
        reasoning_budget: i % 4 === 0 ? 32000 : null,
        n: i % 7 === 0 ? 4 : null,
      });
    });
  const a = join(tmp.dir, 'a.jsonl');
  const b = join(tmp.dir, 'b.jsonl');
  writeFileSync(a, rows(0, 300).map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(b, [...rows(300, 500), exchange({ request_id: 'r-3' })].map((r) => JSON.stringify(r)).join('\n') + '\n');
  return [a, b];
}

const count = async (sql: string) => Number((await wh.query<{ n: string }>(sql))[0]?.n);
/** Rows of `a` missing from `b`, both ways (0 and 0: the same multiset of rows, up to duplicates). */
const missing = async (a: string, b: string) => [await count(`SELECT count() AS n FROM (${a} EXCEPT ${b})`), await count(`SELECT count() AS n FROM (${b} EXCEPT ${a})`)];
const FROM_TEXT = `SELECT * EXCEPT (_hits) FROM (${exchangeFeaturesSelect('exchanges')})`;

beforeAll(async () => {
  wh = await openWarehouse({ data: join(tmp.dir, 'data') });
  await ingest(wh, { exchanges: files() });
});
afterAll(async () => {
  await wh.close();
  tmp.cleanup();
});

describe('features computed at ingest', () => {
  it('derives one row per stored exchange, equal to the features recomputed from the stored text', async () => {
    expect(await count(`SELECT count() AS n FROM exchanges`)).toBe(500);
    expect(await count(`SELECT count() AS n FROM ${FEATURES_TABLE}`)).toBe(500); // the repeated request was dropped from both
    expect(await missing(`SELECT * FROM ${FEATURES_TABLE}`, FROM_TEXT)).toEqual([0, 0]);
    expect(await missing(`SELECT DISTINCT system_hash, cot FROM ${SYSTEM_PROMPTS_TABLE}`, `SELECT DISTINCT * FROM (${systemPromptsSelect('exchanges')})`)).toEqual([0, 0]);
    // and they carry what the hunt reads: the reasoning system prompt is known as one, the phrases matched
    expect(await count(`SELECT countIf(cot = 1) AS n FROM ${SYSTEM_PROMPTS_TABLE} FINAL`)).toBe(1);
    expect(await count(`SELECT countIf(prompt_cot = 1) AS n FROM ${FEATURES_TABLE}`)).toBe(100);
    expect(await count(`SELECT countIf(synthesis = 1) AS n FROM ${FEATURES_TABLE}`)).toBe(100);
  });
});

describe('backfill of a warehouse ingested before the features and rollups existed', () => {
  beforeAll(async () => {
    // The state migrations 2 and 5 leave on a warehouse with data: the tables empty, a plan each through the last batch.
    for (const t of [FEATURES_TABLE, SYSTEM_PROMPTS_TABLE, ACCOUNT_DAYS_TABLE]) await wh.command(`TRUNCATE TABLE ${t}`);
    for (const name of [FEATURES_TABLE, ACCOUNT_DAYS_TABLE]) {
      await wh.command(`INSERT INTO backfill_plans (name, through_batch, completed) SELECT {name:String}, max(_batch), 0 FROM exchanges`, { name });
    }
  });

  it('refuses to hunt until it is done, naming the command', async () => {
    await expect(requireBackfilled(wh)).rejects.toThrow(BackfillPendingError);
    await expect(requireBackfilled(wh)).rejects.toThrow(/500 exchanges ingested before exchange_features and account_days were derived at ingest; run `distillwatch migrate --data/);
  });

  it('resumes after a kill at any point without losing or doubling a row', async () => {
    const units = (await backfillState(wh)).pending;
    expect(units.length).toBe(16); // 2 batches x 4 days, for the features then for the rollups
    expect(units.slice(0, 8).every((u) => u.name === FEATURES_TABLE)).toBe(true);
    // Killed after the first unit...
    await expect(
      runBackfill(wh, (p) => {
        if (p.unitsDone === 1) throw new Error('killed');
      }),
    ).rejects.toThrow('killed');
    // ...and in the middle of the second one's insert: part of its rows written, the unit not recorded.
    const second = units[1]!;
    await wh.command(
      `INSERT INTO ${FEATURES_TABLE} SELECT * EXCEPT (_hits) FROM (${exchangeFeaturesSelect('exchanges', '_batch = {b:UInt32} AND toDate(ts) = toDate({d:String})')}) LIMIT 5`,
      { b: second.batch, d: second.day },
    );
    expect((await backfillState(wh)).pending.length).toBe(15);

    const progress: number[] = [];
    const done = await runBackfill(wh, (p) => progress.push(p.rowsDone / p.rows));
    expect(done.units).toBe(15);
    expect(done.tables).toEqual({ [FEATURES_TABLE]: 500 - units[0]!.rows, [ACCOUNT_DAYS_TABLE]: 500 });
    expect(progress.at(-1)).toBe(1);
    expect(await count(`SELECT count() AS n FROM ${FEATURES_TABLE}`)).toBe(500);
    expect(await missing(`SELECT * FROM ${FEATURES_TABLE}`, FROM_TEXT)).toEqual([0, 0]);
    expect(await count(`SELECT countIf(cot = 1) AS n FROM ${SYSTEM_PROMPTS_TABLE} FINAL`)).toBe(1);
    // The rollups of the killed run's units included: each exchange counts once.
    expect(await count(`SELECT sum(exchanges) AS n FROM ${ACCOUNT_DAYS_TABLE}`)).toBe(500);
    expect(
      await missing(
        `SELECT account_id, toDate(ts), count(), sum(out_tok), countIf(prompt_cot = 1 OR system_hash IN (SELECT system_hash FROM ${SYSTEM_PROMPTS_TABLE} WHERE cot = 1)) FROM ${FEATURES_TABLE} GROUP BY ALL`,
        `SELECT account_id, day, sum(exchanges), sum(output_sum), sum(cot_requests) FROM ${ACCOUNT_DAYS_TABLE} GROUP BY ALL`,
      ),
    ).toEqual([0, 0]);
    await expect(requireBackfilled(wh)).resolves.toBeUndefined();
    expect((await backfillState(wh)).completed).toBe(true);
    // a second run has nothing to do
    expect(await runBackfill(wh)).toEqual({ units: 0, rows: 0, tables: {} });
  });
});

describe('migration 6: features version 2 over a warehouse whose features are version 1', () => {
  it('adds the columns, derives every stored exchange again, and derives new loads at ingest', async () => {
    // A warehouse as version 5 left it: the features table without the conversation and answer time.
    await wh.command(`ALTER TABLE ${FEATURES_TABLE} DROP COLUMN conv_key, DROP COLUMN latency_ms`);
    await wh.command('DELETE FROM schema_migrations WHERE version = 6');
    const dir = join(tmp.dir, 'data');
    await wh.close();
    wh = await openWarehouse({ data: dir });
    // the old rows have the columns now, unset
    expect(await count(`SELECT countIf(conv_key != 0) AS n FROM ${FEATURES_TABLE}`)).toBe(0);
    await expect(requireBackfilled(wh)).rejects.toThrow(/500 exchanges ingested before exchange_features:v2 was derived at ingest/);
    const done = await runBackfill(wh);
    expect(done.tables).toEqual({ [FEATURES_V2]: 500 });
    expect(await count(`SELECT count() AS n FROM ${FEATURES_TABLE}`)).toBe(500);
    expect(await missing(`SELECT * FROM ${FEATURES_TABLE}`, FROM_TEXT)).toEqual([0, 0]);
    expect(await count(`SELECT countIf(conv_key != 0) AS n FROM ${FEATURES_TABLE}`)).toBe(250);
    expect(await count(`SELECT countIf(features_version = 2) AS n FROM ${FEATURES_TABLE}`)).toBe(500);
    await expect(requireBackfilled(wh)).resolves.toBeUndefined();
    // A load after the migration is derived by the view it recreated.
    const later = join(tmp.dir, 'later.jsonl');
    writeFileSync(later, JSON.stringify(exchange({ request_id: 'later-1', conversation_id: 'conv-later', turn: 2, latency_ms: 4321 })) + '\n');
    await ingest(wh, { exchanges: [later] });
    expect(await count(`SELECT count() AS n FROM ${FEATURES_TABLE} WHERE conv_key = cityHash64('conv-later') AND latency_ms = 4321`)).toBe(1);
    expect(await missing(`SELECT * FROM ${FEATURES_TABLE}`, FROM_TEXT)).toEqual([0, 0]);
  });
});
