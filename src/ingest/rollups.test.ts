import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COT_SYSTEM, exchange, PROMPTS, tempDir } from '../../test/helpers.js';
import { DEFAULT_HUNT_CONFIG, makeContext, T } from '../hunt/context.js';
import { buildAccountFeatures, buildExchangeFeatures } from '../hunt/features.js';
import { buildIpInfo } from '../hunt/ipinfo.js';
import { seededRandom } from '../util/rng.js';
import { openWarehouse, type Warehouse } from '../warehouse/warehouse.js';
import { ingest, rollbackUnfinishedLoads, type IngestSummary } from './ingest.js';
import { ACCOUNT_DAYS, ACCOUNT_DAYS_TABLE, daySlices, rollUpBatch, sumTalliesSql, tallyCountsSql, tallyValuesSql, type Tally } from './rollups.js';

/**
 * The per-account-day rollups are maintained by the ingest: equal to the aggregates recomputed from the
 * stored rows after loads with duplicates (dropped after the rollup was fed) and after a load rolled back;
 * and the hunt's per-account table built from them equals the one built from every exchange, also on a
 * window that cuts days in two.
 */
const tmp = tempDir();
let wh: Warehouse;
let second: IngestSummary;


function rows(from: number, to: number, rng: () => number) {
  return Array.from({ length: to - from }, (_, j) => {
    const i = from + j;
    const pick = <T,>(xs: T[]) => xs[Math.floor(rng() * xs.length)]!;
    return exchange({
      request_id: `r-${i}`,
      ts: new Date(Date.UTC(2026, 3, 20, 0, 0, 0) + Math.floor(rng() * 5 * 86_400_000)).toISOString(),
      account_id: `acct-${i % 13}`,
      ip: pick(['198.51.100.4', '198.51.100.9', '203.0.113.50', '34.120.0.8']),
      user_agent: pick(['python-httpx/0.27', 'ChatApp/2.1', null]),
      model: pick(['model-large', 'model-small']),
      status: rng() < 0.05 ? 429 : 200,
      input_tokens: Math.floor(rng() * 2000),
      output_tokens: Math.floor(rng() * 4000),
      cache_read_tokens: rng() < 0.3 ? Math.floor(rng() * 500) : 0,
      max_tokens: pick([null, 1, 4096, 32000]),
      reasoning_budget: pick([null, 1024, 32000]),
      logit_bias_size: rng() < 0.1 ? 300 : 0,
      top_logprobs: rng() < 0.1 ? 20 : null,
      n: rng() < 0.1 ? 4 : null,
      tool_names: rng() < 0.2 ? ['bash', 'edit'] : [],
      turn: 1 + Math.floor(rng() * 3),
      system: pick([null, COT_SYSTEM, 'You are helpful.']),
      prompt: `${pick(PROMPTS)} (case ${i})`,
    });
  });
}

function write(name: string, records: Record<string, unknown>[]): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return path;
}

const count = async (sql: string) => Number((await wh.query<{ n: string }>(sql))[0]?.n);
/** Rows of `a` missing from `b`, both ways (0 and 0: the same set of rows). */
const missing = async (a: string, b: string) => [await count(`SELECT count() AS n FROM (${a} EXCEPT ${b})`), await count(`SELECT count() AS n FROM (${b} EXCEPT ${a})`)];

/** Per account and day, from the stored exchanges themselves (and the features' phrase matches). */
const FROM_ROWS = `
  SELECT e.account_id, toDate(e.ts) AS day, count(), min(e.ts), max(e.ts), sum(e.turn), countIf(e.turn = 1),
         sum(e.cache_read_tokens), sum(e.input_tokens), sum(e.output_tokens), countIf(length(e.tool_names) > 0),
         countIf(e.logit_bias_size > 0), max(e.logit_bias_size), countIf(ifNull(e.top_logprobs, 0) > 0), max(ifNull(e.top_logprobs, 0)),
         countIf(ifNull(e.n, 1) >= 2), sum(length(ifNull(e.prompt, ''))), countIf(f.prompt_cot = 1 OR e.system LIKE 'Think step by step%'),
         countIf(f.rubric = 1), countIf(f.synthesis = 1),
         -- the tallies, each its own
         sumMap([toHour(e.ts)], [toUInt64(1)]), sumMap([e.ip], [toUInt64(1)]), sumMap([ifNull(e.user_agent, '')], [toUInt64(1)]),
         sumMap([e.model], [toUInt64(1)]), sumMap([ifNull(e.max_tokens, 0)], [toUInt64(1)]), sumMap([ifNull(e.reasoning_budget, 0)], [toUInt64(1)]),
         sumMap([f.capability], [toUInt64(1)]), uniqExact(f.system_key)
  FROM exchanges AS e INNER JOIN exchange_features AS f ON f._batch = e._batch AND f._source_line = e._source_line
  GROUP BY e.account_id, day`;
const SUMMED = ['sum(exchanges)', 'min(first_at)', 'max(last_at)', 'sum(turn_sum)', 'sum(first_turn_requests)', 'sum(cache_read_sum)', 'sum(input_sum)',
  'sum(output_sum)', 'sum(tool_requests)', 'sum(logit_bias_requests)', 'max(logit_bias_max)', 'sum(logprobs_requests)', 'max(top_logprobs_max)',
  'sum(multi_n_requests)', 'sum(prompt_char_sum)', 'sum(cot_requests)', 'sum(rubric_requests)', 'sum(synthesis_requests)'];
/** A tally of the merged map `t` as (values, counts), the values converted and re-sorted (sumMap orders numbers as numbers). */
const tally = (name: Tally, as?: (v: string) => string) =>
  as ? sortedPairs(`arrayZip(arrayMap(v -> ${as('v')}, ${tallyValuesSql('t', name)}), ${tallyCountsSql('t', name)})`) : `(${tallyValuesSql('t', name)}, ${tallyCountsSql('t', name)})`;
const sortedPairs = (zipped: string) => `(arrayMap(x -> x.1, arraySort(x -> x.1, ${zipped})), arrayMap(x -> x.2, arraySort(x -> x.1, ${zipped})))`;
const FROM_ROLLUPS = `
  SELECT account_id, day, ${SUMMED.map((_, i) => `c${i}`).join(', ')},
         ${tally('hour', (v) => `toUInt8(${v})`)}, ${tally('ip')}, ${tally('user_agent')}, ${tally('model')},
         ${tally('max_tokens', (v) => `toUInt32(${v})`)}, ${tally('reasoning_budget', (v) => `toUInt32(${v})`)},
         ${tally('capability', (v) => `toUInt8(${v})`)}, length(${tallyValuesSql('t', 'system_key')})
  FROM (
    SELECT account_id, day, ${SUMMED.map((sql, i) => `${sql} AS c${i}`).join(', ')}, sumMap(tallies) AS t
    FROM ${ACCOUNT_DAYS_TABLE}
    GROUP BY account_id, day
  )`;

beforeAll(async () => {
  wh = await openWarehouse({ data: join(tmp.dir, 'data') });
  const rng = seededRandom(11);
  const first = rows(0, 400, rng);
  await ingest(wh, { exchanges: [write('a.jsonl', first)] });
  // The second file repeats 20 requests of the first and 5 of its own: stored, then dropped before the rollup.
  const own = rows(400, 700, rng);
  second = await ingest(wh, { exchanges: [write('b.jsonl', [...own, ...first.slice(0, 20), ...own.slice(0, 5)])] });
});
afterAll(async () => {
  await wh.close();
  tmp.cleanup();
});

describe('per-account-day rollups maintained at ingest', () => {
  it('equal the aggregates recomputed from the stored rows after loads with duplicates', async () => {
    expect(second.totals).toMatchObject({ inserted: 300, duplicates: 25 });
    expect(await count(`SELECT sum(exchanges) AS n FROM ${ACCOUNT_DAYS_TABLE}`)).toBe(700);
    expect(await count(`SELECT count() AS n FROM (${FROM_ROWS})`)).toBe(13 * 5);
    expect(await missing(FROM_ROWS, FROM_ROLLUPS)).toEqual([0, 0]);
  });

  it('lose the rows of a load stopped before it was logged, with the load', async () => {
    // What a process killed late in a load leaves: rows stored through the load table and rolled up, no entry in `loads`.
    await wh.command(
      `INSERT INTO _load_exchanges (request_id, ts, account_id, ip, model, endpoint, status, input_tokens, output_tokens, cache_read_tokens,
                                    cache_write_tokens, logit_bias_size, tool_names, turn, _batch, _source_file, _source_line, _errors, _raw, _blank)
       SELECT concat('k-', toString(number)), toDateTime64('2026-04-21 10:00:00', 3, 'UTC'), 'acct-1', '198.51.100.4', 'model-large', 'messages',
              200, 10, 10, 0, 0, 0, [], 1, 99, 'killed.jsonl', number, [], '', 0
       FROM numbers(50)`,
    );
    await wh.command(ACCOUNT_DAYS.insert('_batch = 99'));
    expect(await count(`SELECT sum(exchanges) AS n FROM ${ACCOUNT_DAYS_TABLE}`)).toBe(750);
    expect(await rollbackUnfinishedLoads(wh)).toEqual([99]);
    expect(await count(`SELECT sum(exchanges) AS n FROM ${ACCOUNT_DAYS_TABLE}`)).toBe(700);
    expect(await missing(FROM_ROWS, FROM_ROLLUPS)).toEqual([0, 0]);
  });

  it("give the hunt the same per-account table as every exchange does, on a window that cuts days", async () => {
    const ctx = makeContext(wh, { ...DEFAULT_HUNT_CONFIG, since: '2026-04-20T13:17:00Z', until: '2026-04-23T08:05:30.250Z' });
    await buildIpInfo(ctx);
    await buildExchangeFeatures(ctx);
    await buildAccountFeatures(ctx);
    // The per-account aggregates the hunt made before the rollups, over its window's exchanges.
    const fromExchanges = `
      SELECT account_id, count() AS exchanges,
             countIf(max_tokens >= 0.9 * {max_output:UInt32}) / count(), countIf(reasoning_budget >= 0.9 * {max_reasoning:UInt32}) / count(),
             countIf(cot = 1) / count(), countIf(rubric = 1) / count(), countIf(synthesis = 1) / count(), countIf(n >= 2) / count(),
             countIf(turn = 1) / count(), min(ts), max(ts), uniq(day), round(entropy(hour), 9), avg(turn),
             sum(cache_read) / nullIf(sum(cache_read + in_tok), 0), countIf(tool_count > 0) / count(),
             [countIf(capability = 0), countIf(capability = 1), countIf(capability = 2), countIf(capability = 3), countIf(capability = 4), countIf(capability = 5)],
             sum(out_tok), uniq(ua), uniq(client_fp), uniq(ip), uniq(subnet), uniq(asn), countIf(hosting = 1) / count(),
             countIf(logit_bias_size > 0) / count(), max(logit_bias_size), countIf(top_logprobs > 0) / count(), max(top_logprobs),
             countIf(max_tokens BETWEEN 1 AND 4) / count(), uniq(model), uniq(system_key) - (countIf(system_key = 0) > 0), avg(prompt_len)
      FROM ${T.x} GROUP BY account_id`;
    const fromRollups = `
      SELECT account_id, exchanges, max_output_share, max_reasoning_share, cot_share, rubric_share, synthesis_share, multi_n_share,
             first_turn_share, first_ts, last_ts, active_days, hour_entropy, mean_turn, cache_read_ratio, tool_share, capability_counts,
             output_tokens, user_agents, client_fps, ips, subnets, asns, hosting_share, logit_bias_share, max_logit_bias_size,
             logprobs_share, max_top_logprobs, tiny_output_share, models, long_system_prompts, mean_prompt_len
      FROM ${T.acct} WHERE exchanges > 0`;
    const inWindow = await count(`SELECT count() AS n FROM ${T.x}`);
    expect(inWindow).toBeGreaterThan(200);
    expect(inWindow).toBeLessThan(650);
    expect(await count(`SELECT sum(exchanges) AS n FROM ${T.acct}`)).toBe(inWindow);
    const both = async (a: string, b: string) => [
      Number((await wh.query<{ n: string }>(`SELECT count() AS n FROM (${a} EXCEPT ${b})`, ctx.params))[0]?.n),
      Number((await wh.query<{ n: string }>(`SELECT count() AS n FROM (${b} EXCEPT ${a})`, ctx.params))[0]?.n),
    ];
    expect(await both(fromExchanges, fromRollups)).toEqual([0, 0]);
    // the reasoning system prompt counted through the rollup's per-prompt tally
    expect(await count(`SELECT countIf(cot_share > 0.3) AS n FROM ${T.acct}`)).toBeGreaterThan(0);
  });
});

describe('the tallies of a group', () => {
  it('are the map sumMap gives, from one row each or from rows already tallied', async () => {
    // keys of several types and lengths, counts above 1, and a group of one row
    const rowsSql = `SELECT intDiv(number, 7) % 5 AS g, [concat('i', toString(number % 3)), concat('u', repeat('x', number % 4)), 'h'] AS ks,
                            [toUInt64(1), toUInt64(number % 5), toUInt64(2)] AS cs FROM numbers(36)`;
    const ours = `SELECT g, ${sumTalliesSql('ks', 'cs')} AS t FROM (${rowsSql}) GROUP BY g`;
    const engine = `SELECT g, sumMap(ks, cs) AS t FROM (${rowsSql}) GROUP BY g`;
    expect(await count(`SELECT count() AS n FROM (${ours})`)).toBe(5);
    expect(await missing(ours, engine)).toEqual([0, 0]);
    // merged again, as the hunt merges an account's days
    const merged = (inner: string) => `SELECT g % 2 AS h, ${sumTalliesSql('tupleElement(t, 1)', 'tupleElement(t, 2)')} AS m FROM (${inner}) GROUP BY h`;
    expect(await missing(merged(ours), `SELECT g % 2 AS h, sumMap(t) AS m FROM (${engine}) GROUP BY h`)).toEqual([0, 0]);
  });

  it('are rolled up in runs of whole days: a load split in runs gives the rows one statement gives', async () => {
    const day = (d: string, n: number) => ({ day: d, n, groups: 1 });
    expect(daySlices([day('a', 5), day('b', 4), day('c', 12), day('d', 1), day('e', 2)], 10).map((r) => [r.first, r.last, r.exchanges, r.groups])).toEqual([
      ['a', 'b', 9, 2],
      ['c', 'c', 12, 1],
      ['d', 'e', 3, 2],
    ]);
    expect(daySlices([], 10)).toEqual([]);
    const stored = `SELECT * FROM ${ACCOUNT_DAYS_TABLE} WHERE _batch = 1`;
    const before = await count(`SELECT count() AS n FROM (${stored})`);
    expect(before).toBeGreaterThan(20);
    await wh.command(`CREATE TABLE rollup_once AS ${ACCOUNT_DAYS_TABLE}`);
    await wh.command(ACCOUNT_DAYS.insert('_batch = 1', 'sorted').replace(`INTO ${ACCOUNT_DAYS_TABLE}`, 'INTO rollup_once'));
    // (summed by sumMap too: the same rows)
    await wh.command(`CREATE TABLE rollup_summap AS ${ACCOUNT_DAYS_TABLE}`);
    await wh.command(ACCOUNT_DAYS.insert('_batch = 1', 'sumMap').replace(`INTO ${ACCOUNT_DAYS_TABLE}`, 'INTO rollup_summap'));
    expect(await missing('SELECT * FROM rollup_once', 'SELECT * FROM rollup_summap')).toEqual([0, 0]);
    await wh.command('DROP TABLE rollup_summap');
    await wh.command(`CREATE TABLE rollup_runs AS ${ACCOUNT_DAYS_TABLE}`);
    await rollUpBatch(wh, { ...ACCOUNT_DAYS, insert: (where, how) => ACCOUNT_DAYS.insert(where, how).replace(`INTO ${ACCOUNT_DAYS_TABLE}`, 'INTO rollup_runs') }, 1, 100);
    expect(await count('SELECT uniqExact(_part) AS n FROM rollup_runs')).toBeGreaterThan(2);
    expect(await missing('SELECT * FROM rollup_once', 'SELECT * FROM rollup_runs')).toEqual([0, 0]);
    expect(await missing(stored, 'SELECT * FROM rollup_once')).toEqual([0, 0]);
    await wh.command('DROP TABLE rollup_runs');
    await wh.command('DROP TABLE rollup_once');
  });
});
