import { createReadStream, createWriteStream, mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { migrate } from './migrations.js';
import { findServer, RemoteWarehouse } from './serve.js';

export type QueryParams = Record<string, unknown>;

/** How the engine reads one local file for an INSERT ... SELECT. */
export interface FileSource {
  path: string;
  /** ClickHouse input format: LineAsString, CSVWithNames, Parquet, ... */
  format: string;
  /** Column structure the format is read with, e.g. `line String`. */
  structure: string;
  /** Format settings for reading this file (inlined: they are ours, never user input). */
  settings?: Record<string, string | number>;
}

export interface LoadProgress {
  /** 0..1, an estimate from the bytes of the file read so far. */
  fraction: number;
}

/**
 * The one small door to ClickHouse. Two implementations share every line of SQL: the embedded chDB
 * engine in a data directory, and a ClickHouse server over HTTP.
 */
export interface Warehouse {
  /** `remote`: the embedded engine of another process, reached through it (serve.ts). */
  readonly kind: 'embedded' | 'server' | 'remote';
  /** The data directory or the server URL (without credentials). */
  readonly location: string;
  query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]>;
  /** Rows as arrays in the order of the SELECT list (no key names per row), streamed: for results of millions of rows. */
  queryArrays<T extends unknown[] = unknown[]>(sql: string, params?: QueryParams): Promise<T[]>;
  /** A query's output in a ClickHouse output format (PrettyCompact, CSV, ...), as text. */
  queryText(sql: string, format: string, params?: QueryParams, opts?: { readonly?: boolean }): Promise<string>;
  command(sql: string, params?: QueryParams): Promise<void>;
  /** Inserts rows held in JavaScript (small results such as per-account assignments), as JSON rows. */
  insertRows(table: string, rows: Record<string, unknown>[]): Promise<void>;
  /**
   * `INSERT INTO <target> SELECT <select> FROM <the file>`: the engine reads and transforms the file,
   * no row passes through JavaScript. In `select`, `{{source}}` stands for the table expression reading
   * the file and `{{row_number}}` for the 0-based record number in it.
   */
  insertFromFile(
    target: string,
    select: string,
    source: FileSource,
    params?: QueryParams,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<void>;
  /** Writes the rows of a query to a local file in a ClickHouse output format. */
  exportToFile(sql: string, path: string, format: string, params?: QueryParams): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Data directory of the embedded engine. */
  data?: string;
  /** URL of a ClickHouse server, e.g. http://user:pass@host:8123/db. Wins over `data`. */
  clickhouseUrl?: string;
  /** Apply pending schema migrations (default true). */
  migrate?: boolean;
  /**
   * Read-only use. When another process holds the data directory (`watch`), the warehouse is reached
   * through it: a client that may write waits for its turn (a lease); a shared one does not.
   */
  shared?: boolean;
}

export const DEFAULT_DATA_DIR = './distillwatch-data';

/** Opens the warehouse and brings its schema up to date. */
export async function openWarehouse(opts: OpenOptions = {}): Promise<Warehouse> {
  if (!opts.clickhouseUrl) {
    // A data directory held by a running process (watch) is reached through it; that process migrated it.
    const dir = resolve(opts.data ?? DEFAULT_DATA_DIR);
    const served = await findServer(dir);
    if (served) {
      const remote = new RemoteWarehouse(dir, served);
      if (!opts.shared) await remote.takeLease();
      return remote;
    }
  }
  const wh = opts.clickhouseUrl ? await openServer(opts.clickhouseUrl) : await openEmbedded(opts.data ?? DEFAULT_DATA_DIR);
  if (opts.migrate !== false) {
    try {
      await migrate(wh);
    } catch (e) {
      await wh.close();
      throw e;
    }
  }
  return wh;
}

function settingsClause(settings: Record<string, string | number> | undefined): string {
  const entries = Object.entries(settings ?? {});
  if (entries.length === 0) return '';
  return ` SETTINGS ${entries.map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v.replace(/'/g, "\\'")}'`}`).join(', ')}`;
}

function expand(select: string, source: string, rowNumber: string): string {
  return select.replaceAll('{{source}}', source).replaceAll('{{row_number}}', rowNumber);
}

/** DISTILLWATCH_PROFILE=1: every query's wall time and first words on stderr (where a slow step spends it). */
const PROFILE = process.env.DISTILLWATCH_PROFILE === '1';
function profile(sql: string, t0: number, rows?: number): void {
  if (!PROFILE) return;
  const ms = performance.now() - t0;
  if (ms < 50) return;
  const head = sql.replace(/\s+/g, ' ').trim().slice(0, 110);
  process.stderr.write(`[profile] ${(ms / 1000).toFixed(2)} s${rows === undefined ? '' : `, ${rows} rows`}: ${head}\n`);
}

class ClientWarehouse implements Warehouse {
  constructor(
    readonly kind: 'embedded' | 'server',
    readonly location: string,
    protected readonly client: ClickHouseClient,
  ) {}

  async query<T>(sql: string, params?: QueryParams): Promise<T[]> {
    const t0 = performance.now();
    const rs = await this.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    const rows = (await rs.json()) as T[];
    profile(sql, t0, rows.length);
    return rows;
  }

  async queryArrays<T extends unknown[]>(sql: string, params?: QueryParams): Promise<T[]> {
    const t0 = performance.now();
    // A streamed format: rows are parsed line by line, never as one string (which has a size limit in V8).
    const rs = await this.client.query({ query: sql, query_params: params, format: 'JSONCompactEachRow' });
    const rows = (await rs.json()) as T[];
    profile(sql, t0, rows.length);
    return rows;
  }

  async queryText(sql: string, format: string, params?: QueryParams, opts?: { readonly?: boolean }): Promise<string> {
    // Per-query settings would outlive the query in the embedded engine's session; readonly is only
    // ever asked for by a one-shot `distillwatch query`, so that is harmless there.
    const rs = await this.client.query({
      query: sql,
      query_params: params,
      format: format as 'JSONEachRow',
      clickhouse_settings: opts?.readonly ? { readonly: '1' } : undefined,
    });
    return rs.text();
  }

  async command(sql: string, params?: QueryParams): Promise<void> {
    const t0 = performance.now();
    await this.client.command({ query: sql, query_params: params });
    profile(sql, t0);
  }

  async insertRows(table: string, rows: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100_000) {
      await this.client.insert({ table, values: rows.slice(i, i + 100_000), format: 'JSONEachRow' });
    }
  }

  async insertFromFile(
    target: string,
    select: string,
    source: FileSource,
    params?: QueryParams,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<void> {
    // The server reads the file from the request body through input(); a gzipped file is
    // decompressed on the way. Records arrive in order on one stream, so the row number is exact.
    const body = createReadStream(source.path);
    const values = /\.gz$/i.test(source.path) ? body.pipe(createGunzip()) : body;
    const size = statSync(source.path).size;
    let read = 0;
    body.on('data', (chunk) => {
      read += chunk.length;
      onProgress?.({ fraction: Math.min(1, read / Math.max(1, size)) });
    });
    const query =
      `INSERT INTO ${target} ` +
      expand(select, `input('${source.structure.replace(/'/g, "\\'")}')`, '(rowNumberInAllBlocks())') +
      settingsClause({ ...source.settings, max_threads: 1 }) +
      ` FORMAT ${source.format}`;
    await this.client.exec({ query, query_params: params, values });
  }

  async exportToFile(sql: string, path: string, format: string, params?: QueryParams): Promise<void> {
    const rs = await this.client.query({ query: sql, query_params: params, format: format as 'JSONEachRow' });
    await pipeline(rs.stream(), async function* (rows) {
      for await (const batch of rows) for (const row of batch as { text: string }[]) yield row.text + '\n';
    }, createWriteStream(path));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

class EmbeddedWarehouse extends ClientWarehouse {
  override async insertFromFile(
    target: string,
    select: string,
    source: FileSource,
    params?: QueryParams,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<void> {
    // The engine runs in this process, so the bytes it has read of the file show in /proc/self/io
    // (pread is counted there; mmap would not be). Linux only; elsewhere progress simply waits.
    const size = statSync(source.path).size;
    const start = readChars();
    const timer =
      onProgress && start !== undefined
        ? setInterval(() => {
            const now = readChars();
            if (now !== undefined) onProgress({ fraction: Math.min(0.99, (now - start) / Math.max(1, size)) });
          }, 200)
        : undefined;
    try {
      const sql =
        `INSERT INTO ${target} ` +
        expand(select, `file({__path:String}, '${source.format}', '${source.structure.replace(/'/g, "\\'")}')`, '_row_number') +
        settingsClause({ storage_file_read_method: 'pread', ...source.settings });
      await this.command(sql, { ...params, __path: resolve(source.path) });
      onProgress?.({ fraction: 1 });
    } finally {
      if (timer) clearInterval(timer);
    }
  }

  override async exportToFile(sql: string, path: string, format: string, params?: QueryParams): Promise<void> {
    await this.command(
      `INSERT INTO FUNCTION file({__out:String}, '${format}') ${sql} SETTINGS engine_file_truncate_on_insert = 1`,
      { ...params, __out: resolve(path) },
    );
  }
}

function readChars(): number | undefined {
  try {
    const m = /^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

async function openEmbedded(dir: string): Promise<Warehouse> {
  const path = resolve(dir);
  mkdirSync(path, { recursive: true });
  // Loaded on demand: the native engine is large and a server-only user never needs it.
  const { createChdbConnection } = await import('chdb/connection');
  const client = createClient({ connection: createChdbConnection({ path }) } as Parameters<typeof createClient>[0]);
  return new EmbeddedWarehouse('embedded', path, client);
}

async function openServer(url: string): Promise<Warehouse> {
  const u = new URL(url);
  const database = u.pathname.replace(/^\//, '') || undefined;
  const client = createClient({
    url: `${u.protocol}//${u.host}`,
    username: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database,
    request_timeout: 3_600_000,
  });
  const ping = await client.ping();
  if (!ping.success) {
    await client.close();
    throw new Error(`cannot reach the ClickHouse server at ${u.protocol}//${u.host}: ${String(ping.error?.message ?? ping.error)}`);
  }
  return new ClientWarehouse('server', `${u.protocol}//${u.host}${u.pathname}`, client);
}
