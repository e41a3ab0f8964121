import { exchangeFeaturesSelect, FEATURES_TABLE, SYSTEM_PROMPTS_TABLE, systemPromptsSelect } from '../ingest/features.js';
import type { Warehouse } from './warehouse.js';
import { failpoint } from '../util/failpoint.js';

/**
 * Backfilling a derived table over exchanges ingested before it existed (migration 2 added the features
 * computed at ingest). The work is cut into units, one per load batch and day, each recorded when its rows
 * are in: a backfill killed at any moment resumes with the unit it was in, whose partial rows it clears
 * first, so nothing is lost or derived twice.
 */
export interface BackfillUnit {
  batch: number;
  day: string;
  rows: number;
}

export interface BackfillState {
  /** Batches up to this one were stored before the derived table existed (0: none). */
  throughBatch: number;
  completed: boolean;
  pending: BackfillUnit[];
}

export class BackfillPendingError extends Error {}

async function plan(wh: Warehouse): Promise<{ through: number; completed: boolean }> {
  const [row] = await wh.query<{ through: number; completed: number }>(
    `SELECT toUInt32(max(through_batch)) AS through, toUInt8(max(completed)) AS completed FROM backfill_plans WHERE name = {name:String}`,
    { name: FEATURES_TABLE },
  );
  return { through: Number(row?.through ?? 0), completed: Number(row?.completed ?? 0) === 1 };
}

export async function backfillState(wh: Warehouse): Promise<BackfillState> {
  const { through, completed } = await plan(wh);
  if (through === 0 || completed) return { throughBatch: through, completed: true, pending: [] };
  const pending = await wh.query<{ batch: number; day: string; rows: string }>(
    `SELECT _batch AS batch, toString(toDate(ts)) AS day, count() AS rows
     FROM exchanges
     WHERE _batch <= {through:UInt32}
       AND (_batch, toDate(ts)) NOT IN (SELECT batch, day FROM backfill_units WHERE name = {name:String})
     GROUP BY batch, day ORDER BY batch, day`,
    { through, name: FEATURES_TABLE },
  );
  return { throughBatch: through, completed: false, pending: pending.map((u) => ({ batch: Number(u.batch), day: u.day, rows: Number(u.rows) })) };
}

/** Throws, naming the command to run, when the warehouse holds exchanges whose features are not derived yet. */
export async function requireFeatures(wh: Warehouse): Promise<void> {
  const { through, completed } = await plan(wh);
  if (through === 0 || completed) return;
  const state = await backfillState(wh);
  if (state.pending.length === 0) {
    await markCompleted(wh, through);
    return;
  }
  const rows = state.pending.reduce((s, u) => s + u.rows, 0);
  throw new BackfillPendingError(
    `the warehouse at ${wh.location} holds ${rows.toLocaleString('en-US')} exchanges ingested before features were computed at ingest; ` +
      `run \`distillwatch migrate --data ${wh.location}\` once (it shows progress and resumes if stopped)`,
  );
}

async function markCompleted(wh: Warehouse, through: number): Promise<void> {
  await wh.command(`INSERT INTO backfill_plans (name, through_batch, completed) VALUES ({name:String}, {through:UInt32}, 1)`, {
    name: FEATURES_TABLE,
    through,
  });
}

export interface BackfillProgress {
  unitsDone: number;
  units: number;
  rowsDone: number;
  rows: number;
}

/** Derives the features of every exchange stored before they were computed at ingest. Returns the rows derived. */
export async function runBackfill(wh: Warehouse, onProgress?: (p: BackfillProgress) => void): Promise<{ units: number; rows: number }> {
  const state = await backfillState(wh);
  if (state.completed) return { units: 0, rows: 0 };
  const total = state.pending.reduce((s, u) => s + u.rows, 0);
  let rowsDone = 0;
  onProgress?.({ unitsDone: 0, units: state.pending.length, rowsDone, rows: total });
  for (const [i, u] of state.pending.entries()) {
    const where = `_batch = {batch:UInt32} AND toDate(ts) = toDate({day:String})`;
    const params = { batch: u.batch, day: u.day };
    // A unit a killed run was in the middle of: its partial rows go first.
    const [left] = await wh.query<{ n: string }>(`SELECT count() AS n FROM ${FEATURES_TABLE} WHERE ${where}`, params);
    if (Number(left?.n ?? 0) > 0) await wh.command(`DELETE FROM ${FEATURES_TABLE} WHERE ${where}`, params);
    await wh.command(`INSERT INTO ${FEATURES_TABLE} SELECT * EXCEPT (_hits) FROM (${exchangeFeaturesSelect('exchanges', where)})`, params);
    failpoint('backfill.unit');
    await wh.command(`INSERT INTO ${SYSTEM_PROMPTS_TABLE} ${systemPromptsSelect('exchanges', where)}`, params);
    await wh.command(`INSERT INTO backfill_units (name, batch, day, rows) VALUES ({name:String}, {batch:UInt32}, toDate({day:String}), {rows:UInt64})`, {
      name: FEATURES_TABLE,
      ...params,
      rows: u.rows,
    });
    rowsDone += u.rows;
    onProgress?.({ unitsDone: i + 1, units: state.pending.length, rowsDone, rows: total });
  }
  await markCompleted(wh, state.throughBatch);
  return { units: state.pending.length, rows: total };
}
