import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers.js';
import { openWarehouse, type Warehouse } from '../warehouse/warehouse.js';
import { acctSql, DEFAULT_HUNT_CONFIG, makeContext, T } from './context.js';
import { clusterAccounts, createKeysTable, KEYS_PER_KIND } from './link.js';

/**
 * Community detection on a hand-made incidence table: two operations, each tied by keys of its own, and
 * accounts whose keys link them to nobody in the graph.
 */

const tmp = tempDir();
let wh: Warehouse;

type Incidence = { kind: string; key: number; account_id: string; df: number; weight: number };

beforeAll(async () => {
  wh = await openWarehouse({ data: join(tmp.dir, 'wh') });
  const rows: Incidence[] = [];
  const group = (prefix: string, key: number) => {
    for (let i = 0; i < 4; i++) {
      rows.push({ kind: 'payment', key, account_id: `${prefix}-${i}`, df: 4, weight: 10 });
      rows.push({ kind: 'template', key: key + 1, account_id: `${prefix}-${i}`, df: 4, weight: 10 });
    }
  };
  group('op-a', 100);
  group('op-b', 200);
  // A loner whose only key it shares with op-a-0; but op-a-0 brings KEYS_PER_KIND more specific template
  // keys (fewer holders on record) into the graph, so the loner's key reaches nobody there.
  for (let k = 0; k < KEYS_PER_KIND; k++) {
    for (let i = 0; i < 4; i++) rows.push({ kind: 'template', key: 1000 + k, account_id: `op-a-${i}`, df: 2, weight: 12 });
  }
  rows.push({ kind: 'template', key: 5000, account_id: 'op-a-0', df: 3, weight: 11 });
  rows.push({ kind: 'template', key: 5000, account_id: 'loner', df: 3, weight: 11 });
  // A key too common to carry weight links nothing.
  for (const id of ['op-a-1', 'op-b-1', 'weak']) rows.push({ kind: 'user_agent', key: 9, account_id: id, df: 3, weight: 1 });
  // An account whose only tie to op-a is the client software it runs (rare, so heavy) is not linked by it.
  rows.push({ kind: 'client_fingerprint', key: 7000, account_id: 'op-a-2', df: 2, weight: 15 });
  rows.push({ kind: 'client_fingerprint', key: 7000, account_id: 'same-client', df: 2, weight: 15 });
  rows.push({ kind: 'user_agent', key: 7001, account_id: 'op-a-3', df: 2, weight: 15 });
  rows.push({ kind: 'user_agent', key: 7001, account_id: 'same-client', df: 2, weight: 15 });
  rows.push({ kind: 'tool_list', key: 7002, account_id: 'op-a-1', df: 2, weight: 15 });
  rows.push({ kind: 'tool_list', key: 7002, account_id: 'same-tools', df: 2, weight: 15 });
  // The incidences name accounts by their hash; the accounts table maps it back to the id.
  const ids = [...new Set(rows.map((r) => r.account_id))];
  await wh.command(`CREATE TABLE ${T.acct} (account_id String, acct UInt64 MATERIALIZED ${acctSql()}) ENGINE = MergeTree ORDER BY account_id`);
  await wh.insertRows(T.acct, ids.map((account_id) => ({ account_id })));
  await createKeysTable(wh);
  await wh.command(`CREATE TABLE _incidences (kind String, key UInt64, account_id String, df UInt32, weight Float64) ENGINE = Memory`);
  await wh.insertRows('_incidences', rows);
  await wh.command(`INSERT INTO ${T.keys} SELECT kind, key, ${acctSql()}, df, weight FROM _incidences`);
});

afterAll(async () => {
  await wh?.close();
  tmp.cleanup();
});

describe('clusterAccounts', () => {
  it('puts each operation in its own community, and leaves out accounts the graph links to nobody', async () => {
    const ctx = makeContext(wh, DEFAULT_HUNT_CONFIG);
    const { clusterOf } = await clusterAccounts(ctx);
    const a = new Set([0, 1, 2, 3].map((i) => clusterOf.get(`op-a-${i}`)));
    const b = new Set([0, 1, 2, 3].map((i) => clusterOf.get(`op-b-${i}`)));
    expect(a.size).toBe(1);
    expect(b.size).toBe(1);
    expect([...a][0]).not.toBe([...b][0]);
    // 'loner' shares a key only with op-a-0, whose more specific template keys fill its quota.
    expect(clusterOf.has('loner')).toBe(false);
    // 'weak' holds only a key below the weight that enters the graph.
    expect(clusterOf.has('weak')).toBe(false);
    // A shared user agent, TLS fingerprint or tool list names a product, not an operator.
    expect(clusterOf.has('same-client')).toBe(false);
    expect(clusterOf.has('same-tools')).toBe(false);
  });

  it('is deterministic for a seed', async () => {
    const ctx = makeContext(wh, DEFAULT_HUNT_CONFIG);
    const one = await clusterAccounts(ctx);
    const two = await clusterAccounts(ctx);
    expect([...two.clusterOf]).toEqual([...one.clusterOf]);
  });
});
