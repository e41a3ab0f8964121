import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/warehouse/migrations.js';
import { openWarehouse } from '../src/warehouse/warehouse.js';
import { runCli, tempDir } from './helpers.js';

/**
 * A warehouse written by the release before the features were computed at ingest (schema version 1, data
 * in it) is upgraded by `distillwatch migrate`: the hunt refuses it until then, and hunts it after.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('distillwatch migrate on a warehouse of schema version 1', () => {
  it('backfills the features with a summary, after which the hunt runs', async () => {
    const data = join(tmp.dir, 'v1');
    const wh = await openWarehouse({ data, migrate: false });
    try {
      await wh.command(`CREATE TABLE schema_migrations (version UInt32, description String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3)) ENGINE = MergeTree ORDER BY version`);
      for (const statement of MIGRATIONS[0]!.statements) await wh.command(statement);
      await wh.command(`INSERT INTO schema_migrations (version, description) VALUES (1, 'v1')`);
      // 3,000 exchanges over three days and two loads, written as release 1 stored them
      await wh.command(
        `INSERT INTO exchanges (request_id, ts, account_id, ip, model, endpoint, status, input_tokens, output_tokens, cache_read_tokens,
                                cache_write_tokens, logit_bias_size, tool_names, turn, system, prompt, _batch, _source_file, _source_line)
         SELECT concat('r-', toString(number)), toDateTime64('2026-04-20 00:00:00', 3, 'UTC') + toIntervalSecond(number * 80),
                concat('acct-', toString(number % 50)), concat('198.51.100.', toString(number % 200)), 'model-large', 'messages', 200,
                100, 200, 0, 0, 0, [], 1, if(number % 2 = 0, NULL, repeat('You are a careful assistant who explains step by step. ', 5)),
                concat('question ', toString(number), ': explain step by step why ', toString(number % 97)),
                1 + intDiv(number, 1500), 'old.jsonl', number % 1500
         FROM numbers(3000)`,
      );
      await wh.command(`INSERT INTO loads (batch, run_id, record_kind, source_file, shape, started_at, finished_at, records, accepted, inserted, duplicates, quarantined)
                        VALUES (1, 'r', 'exchange', 'old.jsonl', 'canonical', now64(3), now64(3), 1500, 1500, 1500, 0, 0),
                               (2, 'r', 'exchange', 'old2.jsonl', 'canonical', now64(3), now64(3), 1500, 1500, 1500, 0, 0)`);
    } finally {
      await wh.close();
    }

    const refused = await runCli(['hunt', '--data', data, '--out', join(tmp.dir, 'h0')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/3,000 exchanges ingested before exchange_features and account_days were derived at ingest; run `distillwatch migrate --data/);

    const migrated = await runCli(['migrate', '--data', data, '--json']);
    expect(migrated.code, migrated.stderr).toBe(0);
    const summary = JSON.parse(migrated.stdout) as { schema_version: number; backfilled: { units: number; exchanges: number; tables: Record<string, number> } };
    expect(summary.schema_version).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    // batch 1: two days, batch 2: two days; features, then their rollups
    expect(summary.backfilled).toEqual({ units: 8, exchanges: 3000, tables: { exchange_features: 3000, account_days: 3000 } });
    expect(JSON.parse((await runCli(['migrate', '--data', data, '--json'])).stdout).backfilled).toEqual({ units: 0, exchanges: 0, tables: {} });

    const q = await runCli(['query', '--data', data, '--json', 'SELECT count() AS n, countIf(prompt_cot = 1) AS cot FROM exchange_features']);
    expect(JSON.parse(q.stdout)).toEqual([{ n: 3000, cot: 3000 }]);
    // the rollups count each exchange once, though deriving the features also fed them through their view
    const r = await runCli(['query', '--data', data, '--json', 'SELECT sum(exchanges) AS n, uniqExact(account_id, day) AS days FROM account_days']);
    expect(JSON.parse(r.stdout)).toEqual([{ n: 3000, days: 150 }]);
    const h = await runCli(['hunt', '--data', data, '--out', join(tmp.dir, 'h1'), '--json']);
    expect(h.code, h.stderr).toBe(0);
    expect(JSON.parse(h.stdout).window).toMatchObject({ accounts: 50, exchanges: 3000 });
  }, 120_000);
});
