import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { FileSource, LoadProgress, QueryParams, Warehouse } from './warehouse.js';

/**
 * The embedded engine opens a data directory in one process only. While a long-running process holds it
 * (`distillwatch watch`), the other commands reach the warehouse through that process: it serves the
 * warehouse on a loopback port, and writes the port and a secret token to `<data>/SERVE_FILE` (readable by
 * its owner only). `openWarehouse` on that directory finds the file and returns a client of the running
 * process instead of opening the engine.
 *
 * Working tables (`_hunt_*`) have fixed names, so two hunts must not interleave: a client that writes takes
 * a lease, which the serving process's own work (a watch cycle) takes too; they run one after another.
 * Read-only clients (`distillwatch query`) need no lease. A lease not renewed for LEASE_TTL_MS (its holder
 * was killed) is released.
 */
export const SERVE_FILE = '.distillwatch-serve.json';
const LEASE_TTL_MS = 30_000;
const RENEW_MS = 5_000;
/** How long a /wait for a lease is held open before the asker asks again. */
const WAIT_MS = 10_000;

interface ServeInfo {
  pid: number;
  port: number;
  token: string;
  started_at: string;
}

/** One lock with a FIFO queue of waiters. */
class Lock {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }
}

export interface ServedWarehouse {
  port: number;
  /** Runs `fn` holding the lease every writing client takes (a watch cycle). */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type Call = { method: string; args: unknown[]; lease?: string };
const END_MARK = '"end"';
const READ_STATEMENT = /^\s*\(*\s*(SELECT|WITH|SHOW|DESC|DESCRIBE|EXPLAIN|EXISTS)\b/i;
const WRITES = new Set(['command', 'insertRows', 'insertFromFile', 'exportToFile']);

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function serveWarehouse(wh: Warehouse, dataDir: string, opts: { leaseTtlMs?: number } = {}): Promise<ServedWarehouse> {
  const ttl = opts.leaseTtlMs ?? LEASE_TTL_MS;
  const token = randomBytes(24).toString('hex');
  const lock = new Lock();
  // A lease is asked for, then granted when the lock comes free (the asker polls /wait meanwhile: a request
  // held open for the length of a watch cycle would outlast HTTP timeouts).
  type Lease = { granted: boolean; release?: () => void; seen: number; done: boolean; waiters: (() => void)[]; polling: number };
  const leases = new Map<string, Lease>();
  const drop = (id: string, l: Lease) => {
    leases.delete(id);
    l.done = true;
    l.release?.();
  };
  const authorised = (req: IncomingMessage) => {
    const got = Buffer.from(String(req.headers.authorization ?? ''));
    const want = Buffer.from(`Bearer ${token}`);
    return got.length === want.length && timingSafeEqual(got, want);
  };
  const fail = (res: ServerResponse, status: number, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: message }));
  };
  const server = createServer(async (req, res) => {
    try {
      if (!authorised(req)) return fail(res, 401, 'not authorised');
      const url = req.url ?? '/';
      if (req.method === 'GET' && url === '/ping') return void res.end('{"ok":true}');
      if (req.method !== 'POST') return fail(res, 405, 'POST only');
      const input = JSON.parse((await text(req)) || '{}') as Call & { lease?: string };
      if (url === '/lease') {
        const id = randomUUID();
        const l: Lease = { granted: false, seen: Date.now(), done: false, waiters: [], polling: 0 };
        leases.set(id, l);
        void lock.acquire().then((release) => {
          l.release = release;
          if (l.done) return release(); // abandoned while it waited
          l.granted = true;
          l.seen = Date.now();
          for (const w of l.waiters.splice(0)) w();
        });
        return void res.end(JSON.stringify({ lease: id }));
      }
      if (url === '/wait' || url === '/renew' || url === '/release') {
        const l = input.lease ? leases.get(input.lease) : undefined;
        if (!l) return fail(res, 410, 'the lease has expired');
        l.seen = Date.now();
        if (url === '/release') drop(input.lease!, l);
        else if (url === '/wait' && !l.granted) {
          // (An asker waiting here is alive: its lease does not expire meanwhile.)
          l.polling++;
          await new Promise<void>((ok) => {
            const t = setTimeout(ok, WAIT_MS);
            l.waiters.push(() => {
              clearTimeout(t);
              ok();
            });
          }).finally(() => l.polling--);
          l.seen = Date.now();
        }
        return void res.end(JSON.stringify({ granted: l.granted }));
      }
      if (url !== '/call') return fail(res, 404, `no such endpoint: ${url}`);
      const lease = input.lease ? leases.get(input.lease) : undefined;
      if (input.lease && !lease?.granted) return fail(res, 410, 'the lease has expired');
      if (lease) lease.seen = Date.now();
      const readOnlyText = input.method === 'queryText' && (input.args[3] as { readonly?: boolean } | undefined)?.readonly === true;
      if ((WRITES.has(input.method) || (input.method === 'queryText' && !readOnlyText)) && !lease) return fail(res, 409, `${input.method} needs a lease`);
      const a = input.args;
      switch (input.method) {
        case 'query':
        case 'queryArrays': {
          const rows = await (input.method === 'query' ? wh.query(a[0] as string, a[1] as QueryParams) : wh.queryArrays(a[0] as string, a[1] as QueryParams));
          // One row a line: a result of millions of rows is never one string.
          res.writeHead(200, { 'content-type': 'application/x-ndjson' });
          for (const r of rows) if (!res.write(JSON.stringify(r) + '\n')) await new Promise((ok) => res.once('drain', ok));
          // (A row is an object or an array, never a string: the end mark tells a whole result from a cut one.)
          return void res.end(`${END_MARK}\n`);
        }
        case 'queryText': {
          // A read-only query is checked here, not by the engine's readonly setting: in the embedded engine that
          // setting would outlive the query and leave the serving process unable to write.
          if (readOnlyText && !READ_STATEMENT.test(a[0] as string)) return fail(res, 403, 'only read-only statements (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN, EXISTS) are served here');
          return void res.end(JSON.stringify({ result: await wh.queryText(a[0] as string, a[1] as string, a[2] as QueryParams) }));
        }
        case 'command':
          await wh.command(a[0] as string, a[1] as QueryParams);
          return void res.end('{}');
        case 'insertRows':
          await wh.insertRows(a[0] as string, a[1] as Record<string, unknown>[]);
          return void res.end('{}');
        case 'insertFromFile':
          await wh.insertFromFile(a[0] as string, a[1] as string, a[2] as FileSource, a[3] as QueryParams);
          return void res.end('{}');
        case 'exportToFile':
          await wh.exportToFile(a[0] as string, a[1] as string, a[2] as string, a[3] as QueryParams);
          return void res.end('{}');
        default:
          return fail(res, 400, `no such method: ${input.method}`);
      }
    } catch (e) {
      if (!res.headersSent) fail(res, 500, e instanceof Error ? e.message : String(e));
      else res.destroy(e instanceof Error ? e : new Error(String(e)));
    }
  });
  // A lease whose holder stopped renewing it (killed) is given back.
  const sweeper = setInterval(() => {
    for (const [id, l] of leases) if (l.polling === 0 && Date.now() - l.seen > ttl) drop(id, l);
  }, Math.min(1_000, ttl / 3));
  sweeper.unref();
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as { port: number }).port;
  const file = join(dataDir, SERVE_FILE);
  writeFileSync(file, JSON.stringify({ pid: process.pid, port, token, started_at: new Date().toISOString() } satisfies ServeInfo), { mode: 0o600 });
  chmodSync(file, 0o600);
  return {
    port,
    async exclusive<T>(fn: () => Promise<T>): Promise<T> {
      const release = await lock.acquire();
      try {
        return await fn();
      } finally {
        release();
      }
    },
    async close() {
      clearInterval(sweeper);
      rmSync(file, { force: true });
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}

/** The running process serving this data directory, if there is one. */
export async function findServer(dataDir: string): Promise<ServeInfo | null> {
  const file = join(dataDir, SERVE_FILE);
  if (!existsSync(file)) return null;
  let info: ServeInfo;
  try {
    info = JSON.parse(readFileSync(file, 'utf8')) as ServeInfo;
    process.kill(info.pid, 0); // throws when no such process: the file was left by a killed one
  } catch {
    return null;
  }
  try {
    const r = await fetch(`http://127.0.0.1:${info.port}/ping`, { headers: { authorization: `Bearer ${info.token}` }, signal: AbortSignal.timeout(3_000) });
    return r.ok ? info : null;
  } catch {
    return null;
  }
}

/** A client of the process serving the warehouse. `shared`: read-only use, no lease. */
export class RemoteWarehouse implements Warehouse {
  readonly kind = 'remote' as const;
  private lease: string | undefined;
  private renewer: NodeJS.Timeout | undefined;

  constructor(
    readonly location: string,
    private readonly info: ServeInfo,
  ) {}

  /** POSTs JSON over node:http (no client timeout: a hunt's query may run for minutes); the body as a stream. */
  private post(path: string, payload: unknown): Promise<IncomingMessage> {
    const body = JSON.stringify(payload);
    return new Promise((ok, ko) => {
      const req = request(
        { host: '127.0.0.1', port: this.info.port, path, method: 'POST', headers: { authorization: `Bearer ${this.info.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          if ((res.statusCode ?? 500) < 400) return ok(res);
          void text(res).then((msg) => {
            let error = msg;
            try {
              error = (JSON.parse(msg) as { error: string }).error;
            } catch {
              /* not JSON */
            }
            ko(new Error(error));
          }, ko);
        },
      );
      req.on('error', ko);
      req.end(body);
    });
  }

  private async json<T>(path: string, payload: unknown): Promise<T> {
    return JSON.parse(await text(await this.post(path, payload))) as T;
  }

  /** Waits for, then holds, the lease every writing client takes, renewing it until close(). */
  async takeLease(): Promise<void> {
    const { lease } = await this.json<{ lease: string }>('/lease', {});
    while (!(await this.json<{ granted: boolean }>('/wait', { lease })).granted) {
      /* the serving process is busy (a watch cycle, another writer): ask again */
    }
    this.lease = lease;
    this.renewer = setInterval(() => void this.post('/renew', { lease }).then((r) => r.resume(), () => undefined), RENEW_MS);
    this.renewer.unref();
  }

  private call(method: string, args: unknown[]): Promise<IncomingMessage> {
    return this.post('/call', { method, args, lease: this.lease });
  }

  private async rows<T>(method: string, args: unknown[]): Promise<T[]> {
    const out: T[] = [];
    let ended = false;
    const lines = createInterface({ input: await this.call(method, args), crlfDelay: Infinity });
    for await (const line of lines) {
      if (line === END_MARK) ended = true;
      else if (line) out.push(JSON.parse(line) as T);
    }
    if (!ended) throw new Error(`the warehouse server (pid ${this.info.pid}) cut the result of ${method} short`);
    return out;
  }

  query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]> {
    return this.rows<T>('query', [sql, params]);
  }
  queryArrays<T extends unknown[] = unknown[]>(sql: string, params?: QueryParams): Promise<T[]> {
    return this.rows<T>('queryArrays', [sql, params]);
  }
  async queryText(sql: string, format: string, params?: QueryParams, opts?: { readonly?: boolean }): Promise<string> {
    return (JSON.parse(await text(await this.call('queryText', [sql, format, params, opts]))) as { result: string }).result;
  }
  async command(sql: string, params?: QueryParams): Promise<void> {
    (await this.call('command', [sql, params])).resume();
  }
  async insertRows(table: string, rows: Record<string, unknown>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 100_000) (await this.call('insertRows', [table, rows.slice(i, i + 100_000)])).resume();
  }
  async insertFromFile(target: string, select: string, source: FileSource, params?: QueryParams, onProgress?: (p: LoadProgress) => void): Promise<void> {
    // (The serving process reads the file: it is on this machine. Progress is not relayed.)
    (await this.call('insertFromFile', [target, select, { ...source, path: resolve(source.path) }, params])).resume();
    onProgress?.({ fraction: 1 });
  }
  async exportToFile(sql: string, path: string, format: string, params?: QueryParams): Promise<void> {
    (await this.call('exportToFile', [sql, resolve(path), format, params])).resume();
  }
  async close(): Promise<void> {
    if (this.renewer) clearInterval(this.renewer);
    if (this.lease) await this.post('/release', { lease: this.lease }).then((r) => r.resume(), () => undefined);
    this.lease = undefined;
  }
}
