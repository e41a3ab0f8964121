import { accessSync, constants, createReadStream, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { accountFields } from '../schema/account.js';
import { exchangeFields } from '../schema/exchange.js';
import type { Fields } from '../schema/fields.js';
import { validatedColumns } from '../schema/validate.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { FEATURES_TABLE } from './features.js';
import { ACCOUNT_DAYS, rollUpBatch, type Rollup } from './rollups.js';
import { detectFormat, detectJsonShape, shapeSql, type FileFormat, type JsonShape } from './shapes.js';
import { failpoint } from '../util/failpoint.js';

export type RecordKind = 'exchange' | 'account';

export interface LoadSummary {
  file: string;
  kind: RecordKind;
  format: FileFormat;
  shape: JsonShape | 'columns';
  batch: number;
  /** Records read from the file (blank lines are not records). */
  read: number;
  /** Valid records: inserted plus duplicates of records already held. */
  accepted: number;
  inserted: number;
  duplicates: number;
  quarantined: number;
  blankLines: number;
  /** The most common rejection reasons, for the summary. */
  topReasons: { field: string; reason: string; count: number }[];
  seconds: number;
}

export interface IngestSummary {
  runId: string;
  files: LoadSummary[];
  totals: { read: number; accepted: number; inserted: number; duplicates: number; quarantined: number };
  /** File holding every rejected record with its file, line, field and reason (absent when none). */
  quarantineFile: string | null;
}

export interface IngestOptions {
  exchanges: string[];
  accounts?: string[];
  /** Force the JSON shape instead of detecting it from the first record. */
  shape?: JsonShape;
  /** Where to write the quarantine file; default `<data>/quarantine/<run>.jsonl`. */
  quarantineDir?: string;
  onFileStart?: (file: string, index: number, total: number) => void;
  onProgress?: (fraction: number) => void;
  /** Skip rolling back unfinished loads first (the caller, `watch`, has just done it). */
  rolledBack?: boolean;
}

interface Target {
  table: string;
  fields: Fields;
  key: string;
  keep: 'first' | 'last';
  /** Tables with one row per stored record, derived in the same load (by the same batch and line). */
  derived: string[];
  /** Aggregates of the derived rows, made per load once its duplicates are dropped; their count of exchanges reconciles. */
  rollups: Rollup[];
}

const TARGETS: Record<RecordKind, Target> = {
  // An exchange is an immutable fact: the first copy stands. Its features are derived in the same load, and
  // a copy dropped as a duplicate is dropped from them too (by the same batch and line); what stays is rolled up.
  exchange: { table: 'exchanges', fields: exchangeFields, key: 'request_id', keep: 'first', derived: [FEATURES_TABLE], rollups: [ACCOUNT_DAYS] },
  // An account record is a snapshot: a newer load of the same account replaces the older one.
  account: { table: 'accounts', fields: accountFields, key: 'account_id', keep: 'last', derived: [], rollups: [] },
};

export class IngestError extends Error {}

/**
 * Engine settings for a load. The load goes through materialized views, which by default run one after
 * another on one thread and re-squash blocks; these let the views and the writes use every core, as a
 * plain INSERT ... SELECT would (measured in bench/ingest).
 */
const LOAD_SETTINGS = {
  max_insert_threads: Math.max(2, availableParallelism()),
  parallel_view_processing: 1,
  min_insert_block_size_rows: 100_000,
  min_insert_block_size_bytes: 256 * 1024 * 1024,
};

/** Checks a file can be read before the engine is asked to, so the message names the real problem. */
function checkReadable(path: string): void {
  try {
    accessSync(path, constants.R_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new IngestError(
      code === 'ENOENT' ? `${path}: no such file` : `${path}: cannot be read (${code ?? String(e)})`,
    );
  }
  if (statSync(path).isDirectory()) throw new IngestError(`${path}: is a directory, not a file`);
}

/** The first non-blank line of a (possibly gzipped) text file, or undefined. */
async function firstLine(path: string): Promise<string | undefined> {
  const raw = createReadStream(path);
  const input = /\.gz(ip)?$/i.test(path) ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.trim() !== '') return line;
    return undefined;
  } catch (e) {
    throw new IngestError(`${path}: cannot be read as ${/\.gz/i.test(path) ? 'gzip' : 'text'} (${(e as Error).message})`);
  } finally {
    lines.close();
    raw.destroy();
  }
}

async function sniffShape(path: string): Promise<JsonShape> {
  const line = await firstLine(path);
  if (line === undefined) return 'canonical';
  try {
    return detectJsonShape(JSON.parse(line));
  } catch {
    return 'canonical'; // not JSON: its records will be quarantined with the reason
  }
}

async function nextBatch(wh: Warehouse): Promise<number> {
  const rows = await wh.query<{ b: number }>(
    'SELECT toUInt32(greatest((SELECT max(batch) FROM loads), (SELECT max(batch) FROM load_counts)) + 1) AS b',
  );
  return rows[0]?.b ?? 1;
}

/** The INSERT ... SELECT that reads one file into the load table of its record kind. */
export function loadSql(kind: RecordKind, format: FileFormat, shape: JsonShape) {
  const { table, fields } = TARGETS[kind];
  const sh = shapeSql(fields, format, shape);
  const { values, errors } = validatedColumns(fields, sh.raw);
  const recordErrors = sh.notAnObject
    ? `if(empty(__errors) OR NOT (${sh.notAnObject}), __errors, [('(record)', 'is not a valid JSON object')])`
    : '__errors';
  const names = Object.keys(fields);
  const select = `SELECT
    ${[...sh.prelude, ...values.map(([name, sql]) => `${sql} AS __v_${name}`)].join(',\n    ')},
    {batch:UInt32} AS __batch,
    {file:String} AS __file,
    {{row_number}} + ${sh.lineOffset} AS __line,
    ${errors} AS __errors,
    ${recordErrors} AS __record_errors,
    ${sh.rawRecord} AS __raw,
    ${sh.blank} AS __blank
  FROM {{source}}`;
  const target = `_load_${table} (${[...names, '_batch', '_source_file', '_source_line', '_errors', '_raw', '_blank'].join(', ')})`;
  const projected = `SELECT ${[...names.map((n) => `__v_${n}`), '__batch', '__file', '__line', '__record_errors', '__raw', '__blank'].join(', ')} FROM (${select})`;
  return { target, select: projected, source: { format: sh.format, structure: sh.structure, settings: sh.settings } };
}

async function loadFile(
  wh: Warehouse,
  kind: RecordKind,
  path: string,
  opts: IngestOptions,
  runId: string,
): Promise<LoadSummary> {
  const started = Date.now();
  checkReadable(path);
  const format = detectFormat(path);
  const shape = format === 'jsonl' ? (opts.shape ?? (await sniffShape(path))) : 'canonical';
  const { table, key, keep, derived, rollups } = TARGETS[kind];
  const batchTables = [table, ...derived, ...rollups.map((r) => r.table)];
  const batch = await nextBatch(wh);
  const sql = loadSql(kind, format, shape);
  const params = { batch, file: path };
  try {
    await wh.insertFromFile(
      sql.target,
      sql.select,
      { path, ...sql.source, settings: { ...LOAD_SETTINGS, ...sql.source.settings } },
      params,
      (p) => opts.onProgress?.(p.fraction),
    );
  } catch (e) {
    await forgetBatch(wh, batchTables, batch);
    throw new IngestError(`${path}: the engine could not read it as ${format.toUpperCase()}: ${engineMessage(e)}`);
  }

  failpoint('ingest.loaded');
  const [counts] = await wh.query<{ records: number; blank: number; accepted: number; quarantined: number }>(
    `SELECT
      toUInt64((SELECT sum(records) FROM load_counts WHERE batch = {batch:UInt32})) AS total,
      toUInt64((SELECT sum(blank) FROM load_counts WHERE batch = {batch:UInt32})) AS blank,
      total - blank AS records,
      toUInt64((SELECT count() FROM ${table} WHERE _batch = {batch:UInt32})) AS accepted,
      toUInt64((SELECT count() FROM quarantine WHERE _batch = {batch:UInt32})) AS quarantined`,
    { batch },
  ).then((rows) => rows.map((r) => mapValues(r, Number)));
  if (!counts || counts.records !== counts.accepted + counts.quarantined) {
    await forgetBatch(wh, batchTables, batch);
    throw new IngestError(
      `${path}: counts do not reconcile (read ${counts?.records}, accepted ${counts?.accepted}, quarantined ${counts?.quarantined}); nothing was kept from this file`,
    );
  }

  for (const t of derived) {
    // The views derive a row for every stored exchange; a mismatch would be a hunt over half a load.
    const [d] = await wh.query<{ n: string }>(`SELECT count() AS n FROM ${t} WHERE _batch = {batch:UInt32}`, { batch });
    if (Number(d?.n ?? 0) !== counts.accepted) {
      await forgetBatch(wh, batchTables, batch);
      throw new IngestError(`${path}: ${t} holds ${d?.n} rows for ${counts.accepted} stored records; nothing was kept from this file`);
    }
  }
  const duplicates = await dropDuplicates(wh, table, key, keep, batch, derived);
  for (const rollup of rollups) await rollUpBatch(wh, rollup, batch);
  for (const rollup of rollups) {
    const [r] = await wh.query<{ n: string }>(`SELECT sum(exchanges) AS n FROM ${rollup.table} WHERE _batch = {batch:UInt32}`, { batch });
    if (Number(r?.n ?? 0) !== counts.accepted - duplicates) {
      await forgetBatch(wh, batchTables, batch);
      throw new IngestError(`${path}: ${rollup.table} counts ${r?.n} exchanges for ${counts.accepted - duplicates} stored records; nothing was kept from this file`);
    }
  }
  const topReasons = (
    await wh.query<{ field: string; reason: string; count: string }>(
      `SELECT e.field AS field, e.reason AS reason, count() AS count
       FROM quarantine ARRAY JOIN errors AS e WHERE _batch = {batch:UInt32}
       GROUP BY field, reason ORDER BY count DESC, field LIMIT 10`,
      { batch },
    )
  ).map((r) => ({ ...r, count: Number(r.count) }));

  failpoint('ingest.deduplicated');
  const summary: LoadSummary = {
    file: path,
    kind,
    format,
    shape: format === 'jsonl' ? shape : 'columns',
    batch,
    read: counts.records,
    accepted: counts.accepted,
    inserted: counts.accepted - duplicates,
    duplicates,
    quarantined: counts.quarantined,
    blankLines: counts.blank,
    topReasons,
    seconds: (Date.now() - started) / 1000,
  };
  await wh.command(
    `INSERT INTO loads VALUES ({batch:UInt32}, {run:String}, {kind:String}, {file:String}, {shape:String},
      fromUnixTimestamp64Milli({started:Int64}, 'UTC'), now64(3, 'UTC'),
      {read:UInt64}, {accepted:UInt64}, {inserted:UInt64}, {duplicates:UInt64}, {quarantined:UInt64})`,
    { ...summary, run: runId, started, batch, file: path },
  );
  return summary;
}

/**
 * The rows of batch {batch} to drop as duplicates: (batch, line) of every copy of a key but the one kept, the
 * first (min) or the newest (max) by (batch, line). Keys repeated are found first by a 64-bit hash: grouping
 * the full-scale world's 75M request ids as hashes instead of strings took this from 361 s and 15.3 GiB to
 * 73 s and 8.2 GiB (bench/dedup). A hash collision only makes a candidate, which the exact grouping of the
 * few candidate rows then clears.
 */
export function duplicateRowsSql(table: string, key: string, keep: 'first' | 'last'): string {
  const pick = keep === 'first' ? 'min' : 'max';
  return `WITH candidates AS (
       SELECT cityHash64(${key}) AS key_hash
       FROM ${table}
       WHERE key_hash IN (SELECT cityHash64(${key}) FROM ${table} WHERE _batch = {batch:UInt32})
       GROUP BY key_hash
       HAVING count() > 1
     ),
     keepers AS (
       SELECT ${key} AS key, ${pick}(tuple(_batch, _source_line)) AS keeper
       FROM ${table}
       WHERE cityHash64(${key}) IN (SELECT key_hash FROM candidates)
       GROUP BY ${key}
       HAVING count() > 1
     )
     SELECT _batch AS batch, _source_line AS line
     FROM ${table}
     WHERE cityHash64(${key}) IN (SELECT key_hash FROM candidates)
       AND ${key} IN (SELECT key FROM keepers)
       AND (${key}, tuple(_batch, _source_line)) NOT IN (SELECT key, keeper FROM keepers)`;
}

/**
 * Makes each key appear once. The rows of this batch whose key is already held (or repeats inside the
 * batch) are deleted, keeping the first copy (exchanges) or the newest (accounts). Lightweight deletes
 * mask rows at once, so `count()` is exact as soon as ingest returns.
 */
async function dropDuplicates(
  wh: Warehouse,
  table: string,
  key: string,
  keep: 'first' | 'last',
  batch: number,
  derived: string[],
): Promise<number> {
  await wh.command(`DROP TABLE IF EXISTS _dedup_victims`);
  await wh.command(`CREATE TABLE _dedup_victims ENGINE = MergeTree ORDER BY (batch, line) AS ${duplicateRowsSql(table, key, keep)}`, { batch });
  const [row] = await wh.query<{ n: string }>('SELECT count() AS n FROM _dedup_victims');
  const victims = Number(row?.n ?? 0);
  if (victims > 0) {
    for (const t of [table, ...derived]) {
      await wh.command(`DELETE FROM ${t} WHERE (_batch, _source_line) IN (SELECT batch, line FROM _dedup_victims)`);
    }
  }
  await wh.command(`DROP TABLE _dedup_victims`);
  return victims;
}

async function forgetBatch(wh: Warehouse, tables: string[], batch: number): Promise<void> {
  for (const [t, col] of [
    ...tables.map((t) => [t, '_batch'] as const),
    ['quarantine', '_batch'],
    ['load_counts', 'batch'],
  ] as const) {
    await wh.command(`DELETE FROM ${t} WHERE ${col} = {batch:UInt32}`, { batch }).catch(() => undefined);
  }
}

/**
 * Rolls back loads that were stopped before they finished (the process killed mid-file): rows of a batch the
 * `loads` log does not hold. The file is then loaded again whole, as a new batch, so each of its records is
 * stored once. Only for a single writer (the embedded engine, or `watch` as the one ingesting process): on a
 * server with concurrent ingests another process's load in flight would look unfinished.
 */
export async function rollbackUnfinishedLoads(wh: Warehouse): Promise<number[]> {
  const tables = [...new Set(Object.values(TARGETS).flatMap((t) => [t.table, ...t.derived, ...t.rollups.map((r) => r.table)]))];
  const rows = await wh.query<{ batch: number }>(
    `SELECT DISTINCT toUInt32(batch) AS batch FROM (
       ${[...tables.map((t) => `SELECT DISTINCT _batch AS batch FROM ${t}`), 'SELECT DISTINCT _batch AS batch FROM quarantine', 'SELECT DISTINCT batch FROM load_counts'].join(' UNION ALL ')}
     ) WHERE batch NOT IN (SELECT batch FROM loads) ORDER BY batch`,
  );
  const batches = rows.map((r) => Number(r.batch));
  for (const b of batches) await forgetBatch(wh, tables, b);
  return batches;
}

function engineMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  // The engine's first sentence says what went wrong; the rest is stack detail.
  const first = msg.replace(/^Code: \d+\. DB::Exception: /, '').split(/\. \(|: While executing|: In scope /)[0] ?? msg;
  return first.length > 400 ? first.slice(0, 400) + '…' : first;
}

function mapValues<T extends Record<string, unknown>>(o: T, fn: (v: unknown) => number): Record<keyof T, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fn(v)])) as Record<keyof T, number>;
}

/** Loads exchange and account files into the warehouse. Files are loaded one after another. */
export async function ingest(wh: Warehouse, opts: IngestOptions): Promise<IngestSummary> {
  const runId = randomUUID();
  const jobs: [RecordKind, string][] = [
    ...(opts.accounts ?? []).map((f): [RecordKind, string] => ['account', f]),
    ...opts.exchanges.map((f): [RecordKind, string] => ['exchange', f]),
  ];
  if (jobs.length === 0) throw new IngestError('no input files given');
  for (const [, f] of jobs) checkReadable(f);
  // The embedded engine has one writer (this process): what an earlier run left half-loaded is rolled back.
  if (wh.kind === 'embedded' && !opts.rolledBack) await rollbackUnfinishedLoads(wh);
  const files: LoadSummary[] = [];
  for (const [i, [kind, file]] of jobs.entries()) {
    opts.onFileStart?.(file, i, jobs.length);
    files.push(await loadFile(wh, kind, file, opts, runId));
  }
  const totals = { read: 0, accepted: 0, inserted: 0, duplicates: 0, quarantined: 0 };
  for (const s of files) for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += s[k];

  let quarantineFile: string | null = null;
  if (totals.quarantined > 0) {
    const dir = opts.quarantineDir ?? join(wh.kind === 'server' ? '.' : wh.location, 'quarantine');
    mkdirSync(dir, { recursive: true });
    quarantineFile = resolve(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${runId.slice(0, 8)}.jsonl`);
    await wh.exportToFile(
      `SELECT source_file, line, record_kind, errs[1].field AS field, errs[1].reason AS reason,
              arrayMap(e -> map('field', e.field, 'reason', e.reason), errs) AS errors, raw
       FROM (SELECT _batch, source_file, line, record_kind, errors AS errs, raw
             FROM quarantine WHERE _batch IN {batches:Array(UInt32)})
       ORDER BY _batch, line`,
      quarantineFile,
      'JSONEachRow',
      { batches: files.map((s) => s.batch) },
    );
  }
  return { runId, files, totals, quarantineFile };
}

