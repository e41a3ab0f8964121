import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_HUNT_CONFIG } from '../src/hunt/context.js';
import { hunt, type HuntResult } from '../src/hunt/hunt.js';
import { ingest } from '../src/ingest/ingest.js';
import { backfillState } from '../src/warehouse/backfill.js';
import { openWarehouse, type Warehouse } from '../src/warehouse/warehouse.js';
import { tempDir } from './helpers.js';
import { World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * The server path: the same migrations, the features derived at ingest and the hunt, against a ClickHouse
 * server, giving the verdicts the embedded engine gives on the same data. Runs when CLICKHOUSE_URL names a
 * server and an empty database (it creates the schema there), e.g.
 *   CLICKHOUSE_URL=http://default:@127.0.0.1:8123/dw_test npx vitest run test/server.test.ts
 * No modern server can be installed from these machines' package sources (Debian ships 18.16), so CI skips it.
 */
const url = process.env.CLICKHOUSE_URL;
const tmp = tempDir();
afterAll(() => tmp.cleanup());

function world(): World {
  const w = new World(5);
  for (let i = 0; i < 80; i++) w.ordinaryUser(`acct-u${i}`, { days: 10 });
  for (let i = 0; i < 12; i++) {
    const id = `acct-c${i}`;
    w.account({ account_id: id, verified: false, tier: 'free', payment_fingerprint: `pf-card-${i % 2}`, created_at: new Date(WORLD_START + WORLD_DAY - 3_600_000).toISOString() });
    for (let k = 0; k < 150; k++) {
      w.exchange({
        account_id: id, ts: WORLD_START + WORLD_DAY + k * 1_800_000 + w.int(60_000), ip: `3.90.${w.int(250)}.${1 + w.int(250)}`, max_tokens: 32_000,
        system: 'You are an expert. Answer completely and explain each step of your reasoning. '.repeat(5), turn: 1,
        prompt: `Task ${w.int(5000)}.\nSolve it, then explain step by step.\nTopic: ${w.words(6)}`,
      });
    }
  }
  return w;
}

const strip = (r: HuntResult) => r.accounts.map((a) => [a.account_id, a.tier, a.campaign_id, a.reasons.join(','), a.risk.toFixed(6)]);

describe.skipIf(!url)('the server path (CLICKHOUSE_URL)', () => {
  it('migrates, derives the features at ingest, and hunts to the embedded engine\'s verdicts', async () => {
    const files = world().write(tmp.dir);
    const run = async (wh: Warehouse) => {
      try {
        const s = await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
        expect(s.totals.quarantined).toBe(0);
        const counts = (await wh.query<{ x: number; f: number }>('SELECT (SELECT count() FROM exchanges) AS x, (SELECT count() FROM exchange_features) AS f'))[0]!;
        expect(Number(counts.f)).toBe(Number(counts.x));
        expect((await backfillState(wh)).completed).toBe(true);
        return await hunt(wh, DEFAULT_HUNT_CONFIG);
      } finally {
        await wh.close();
      }
    };
    const onServer = await run(await openWarehouse({ clickhouseUrl: url }));
    const embedded = await run(await openWarehouse({ data: join(tmp.dir, 'data') }));
    expect(onServer.campaigns.length).toBeGreaterThan(0);
    expect(strip(onServer)).toEqual(strip(embedded));
    writeFileSync(join(tmp.dir, 'done'), '');
  }, 300_000);
});
