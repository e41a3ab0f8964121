import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse } from './warehouse.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { tempDir } from '../../test/helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('embedded warehouse', () => {
  it('creates the schema, records its version, and reopens without re-running steps', async () => {
    let wh = await openWarehouse({ data: tmp.dir });
    const tables = (await wh.query<{ name: string }>('SELECT name FROM system.tables WHERE database = currentDatabase()')).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['exchanges', 'accounts', 'quarantine', 'loads', 'schema_migrations']));
    await wh.command("INSERT INTO accounts (account_id, created_at) VALUES ('kept', now64(3))");
    await wh.close();

    wh = await openWarehouse({ data: tmp.dir });
    const versions = await wh.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await wh.query('SELECT account_id FROM accounts')).toEqual([{ account_id: 'kept' }]);
    await wh.close();
  });

  it('binds query parameters instead of splicing them', async () => {
    const wh = await openWarehouse({ data: tmp.dir });
    const evil = "x' OR 1=1 --";
    const rows = await wh.query<{ n: string }>('SELECT count() AS n FROM accounts WHERE account_id = {a:String}', { a: evil });
    expect(Number(rows[0]?.n)).toBe(0);
    await wh.close();
  });

  it('refuses a data directory written by a newer release', async () => {
    let wh = await openWarehouse({ data: tmp.dir });
    await wh.command("INSERT INTO schema_migrations (version, description) VALUES ({v:UInt32}, 'from the future')", {
      v: SCHEMA_VERSION + 1,
    });
    await wh.close();
    await expect(openWarehouse({ data: tmp.dir })).rejects.toThrow(/newer than this distillwatch knows/);
    wh = await openWarehouse({ data: tmp.dir, migrate: false });
    await wh.command('DELETE FROM schema_migrations WHERE version = {v:UInt32}', { v: SCHEMA_VERSION + 1 });
    await wh.close();
  });
});

// The server path runs the same SQL against a real ClickHouse server when one is given.
const url = process.env.CLICKHOUSE_URL;
describe.skipIf(!url)('ClickHouse server warehouse (CLICKHOUSE_URL)', () => {
  it('migrates and answers queries', async () => {
    const wh = await openWarehouse({ clickhouseUrl: url });
    const rows = await wh.query<{ v: number }>('SELECT toUInt32(max(version)) AS v FROM schema_migrations');
    expect(rows[0]?.v).toBe(SCHEMA_VERSION);
    await wh.close();
  });
});
if (!url) console.log('skipping the ClickHouse server tests: set CLICKHOUSE_URL=http://user:pass@host:8123/db to run them');
