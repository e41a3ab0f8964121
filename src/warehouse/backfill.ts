import { exchangeFeaturesSelect, FEATURES_TABLE, FEATURES_V2, SYSTEM_PROMPTS_TABLE, systemPromptsSelect } from '../ingest/features.js';
import { ACCOUNT_DAYS } from '../ingest/rollups.js';
import type { QueryParams, Warehouse } from './warehouse.js';
import { failpoint } from '../util/failpoint.js';

/**
 * Backfilling derived tables over exchanges ingested before they existed (migration 2 added the features
 * computed at ingest, migration 5 the per-account-day rollups, migration 6 version 2 of the features, whose
 * units are derived again). The work is cut into units, one per load batch and day, each recorded when its rows
 * are in: a backfill killed at any moment resumes with the unit it was in, whose rows it clears first, so nothing
 * is lost or derived twice.
 */
export interface BackfillUnit {
  /** The derived table this unit fills. */
  name: string;
  batch: number;
  day: string;
  rows: number;
}

export interface BackfillState {
  completed: boolean;
  pending: BackfillUnit[];
}

export class BackfillPendingError extends Error {}

/** SQL condition: one unit's exchanges (by their load batch and day), with {batch} and {day}. */
const UNIT_WHERE = `_batch = {batch:UInt32} AND toDate(ts) = toDate({day:String})`;

interface Derivation {
  name: string;
  /** SQL condition selecting a unit's derived rows, to clear what a killed run left. */
  unitRows: string;
  derive: (wh: Warehouse, params: QueryParams) => Promise<void>;
}

/** One unit's features, from its stored exchanges (the definition of this release). */
const deriveFeatures = (wh: Warehouse, params: QueryParams) =>
  wh.command(`INSERT INTO ${FEATURES_TABLE} SELECT * EXCEPT (_hits) FROM (${exchangeFeaturesSelect('exchanges', UNIT_WHERE)})`, params);

/** In the order they must run: the rollups are aggregated from the features. */
const DERIVATIONS: Derivation[] = [
  {
    name: FEATURES_TABLE,
    unitRows: `${FEATURES_TABLE} WHERE ${UNIT_WHERE}`,
    derive: async (wh, params) => {
      await deriveFeatures(wh, params);
      failpoint('backfill.unit');
      await wh.command(`INSERT INTO ${SYSTEM_PROMPTS_TABLE} ${systemPromptsSelect('exchanges', UNIT_WHERE)}`, params);
    },
  },
  {
    // Version 2 of the features (migration 6): a unit's rows are derived again (runBackfill clears them first).
    name: FEATURES_V2,
    unitRows: `${FEATURES_TABLE} WHERE ${UNIT_WHERE}`,
    derive: deriveFeatures,
  },
  {
    name: ACCOUNT_DAYS.table,
    unitRows: `${ACCOUNT_DAYS.table} WHERE _batch = {batch:UInt32} AND day = toDate({day:String})`,
    derive: async (wh, params) => {
      await wh.command(ACCOUNT_DAYS.insert(UNIT_WHERE), params);
    },
  },
];

/** The open plans: derived tables whose batches up to `through` were stored before they existed. */
async function openPlans(wh: Warehouse): Promise<{ name: string; through: number }[]> {
  const rows = await wh.query<{ name: string; through: number }>(
    `SELECT name, toUInt32(max(through_batch)) AS through FROM backfill_plans GROUP BY name HAVING max(completed) = 0 AND through > 0`,
  );
  const order = DERIVATIONS.map((d) => d.name);
  return rows.map((r) => ({ name: r.name, through: Number(r.through) })).sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

export async function backfillState(wh: Warehouse): Promise<BackfillState> {
  const pending: BackfillUnit[] = [];
  for (const { name, through } of await openPlans(wh)) {
    const units = await wh.query<{ batch: number; day: string; rows: string }>(
      `SELECT _batch AS batch, toString(toDate(ts)) AS day, count() AS rows
       FROM exchanges
       WHERE _batch <= {through:UInt32}
         AND (_batch, toDate(ts)) NOT IN (SELECT batch, day FROM backfill_units WHERE name = {name:String})
       GROUP BY batch, day ORDER BY batch, day`,
      { through, name },
    );
    pending.push(...units.map((u) => ({ name, batch: Number(u.batch), day: u.day, rows: Number(u.rows) })));
  }
  return { completed: pending.length === 0, pending };
}

/** Throws, naming the command to run, when the warehouse holds exchanges whose derived rows are not made yet. */
export async function requireBackfilled(wh: Warehouse): Promise<void> {
  const plans = await openPlans(wh);
  if (plans.length === 0) return;
  const state = await backfillState(wh);
  const unfinished = new Set(state.pending.map((u) => u.name));
  for (const p of plans) if (!unfinished.has(p.name)) await markCompleted(wh, p.name, p.through);
  if (state.pending.length === 0) return;
  const exchanges = new Map<string, number>();
  for (const u of state.pending) exchanges.set(u.name, (exchanges.get(u.name) ?? 0) + u.rows);
  const rows = Math.max(...exchanges.values());
  throw new BackfillPendingError(
    `the warehouse at ${wh.location} holds ${rows.toLocaleString('en-US')} exchanges ingested before ${[...exchanges.keys()].join(' and ')} ` +
      `${exchanges.size > 1 ? 'were' : 'was'} derived at ingest; ` +
      `run \`distillwatch migrate --data ${wh.location}\` once (it shows progress and resumes if stopped)`,
  );
}

async function markCompleted(wh: Warehouse, name: string, through: number): Promise<void> {
  await wh.command(`INSERT INTO backfill_plans (name, through_batch, completed) VALUES ({name:String}, {through:UInt32}, 1)`, { name, through });
}

export interface BackfillProgress {
  unitsDone: number;
  units: number;
  rowsDone: number;
  rows: number;
}

/**
 * Derives every derived table over the exchanges stored before it existed. Returns the units done, the
 * exchanges they covered (once per table derived for them), and those per table.
 */
export async function runBackfill(
  wh: Warehouse,
  onProgress?: (p: BackfillProgress) => void,
): Promise<{ units: number; rows: number; tables: Record<string, number> }> {
  const plans = await openPlans(wh);
  const state = await backfillState(wh);
  const total = state.pending.reduce((s, u) => s + u.rows, 0);
  let rowsDone = 0;
  const tables: Record<string, number> = {};
  if (state.pending.length > 0) onProgress?.({ unitsDone: 0, units: state.pending.length, rowsDone, rows: total });
  for (const [i, u] of state.pending.entries()) {
    const derivation = DERIVATIONS.find((d) => d.name === u.name);
    if (!derivation) throw new Error(`backfill plan for an unknown table: ${u.name}`);
    const params = { batch: u.batch, day: u.day };
    // A unit a killed run was in the middle of: its partial rows go first.
    const [left] = await wh.query<{ n: string }>(`SELECT count() AS n FROM ${derivation.unitRows}`, params);
    if (Number(left?.n ?? 0) > 0) await wh.command(`DELETE FROM ${derivation.unitRows}`, params);
    await derivation.derive(wh, params);
    await wh.command(`INSERT INTO backfill_units (name, batch, day, rows) VALUES ({name:String}, {batch:UInt32}, toDate({day:String}), {rows:UInt64})`, {
      name: u.name,
      ...params,
      rows: u.rows,
    });
    rowsDone += u.rows;
    tables[u.name] = (tables[u.name] ?? 0) + u.rows;
    onProgress?.({ unitsDone: i + 1, units: state.pending.length, rowsDone, rows: total });
  }
  for (const p of plans) await markCompleted(wh, p.name, p.through);
  return { units: state.pending.length, rows: total, tables };
}
