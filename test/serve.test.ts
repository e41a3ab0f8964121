import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVE_FILE, serveWarehouse } from '../src/warehouse/serve.js';
import { openWarehouse } from '../src/warehouse/warehouse.js';
import { CLI, exchange, runCli, tempDir } from './helpers.js';

/**
 * The embedded engine opens a data directory in one process only. While `watch` holds it, the other
 * commands reach the warehouse through that process.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('a warehouse served by the process holding it', () => {
  it('answers reads at once, lets one writer at a time in, and refuses writes from a read-only client', async () => {
    const dir = join(tmp.dir, 'inproc');
    const wh = await openWarehouse({ data: dir });
    const served = await serveWarehouse(wh, wh.location);
    try {
      expect((statSync(join(dir, SERVE_FILE)).mode & 0o777).toString(8)).toBe('600');
      const reader = await openWarehouse({ data: dir, shared: true });
      expect(reader.kind).toBe('remote');
      expect(await reader.query<{ n: string }>('SELECT count() AS n FROM exchanges')).toEqual([{ n: 0 }]);
      expect(await reader.queryArrays('SELECT number, toString(number) FROM numbers(3)')).toEqual([[0, '0'], [1, '1'], [2, '2']]);
      await expect(reader.command('CREATE TABLE x (a UInt8) ENGINE = Memory')).rejects.toThrow(/needs a lease/);
      await expect(reader.queryText('DROP TABLE exchanges', 'TSV', {}, { readonly: true })).rejects.toThrow(/read-only/);
      await expect(reader.queryText('SELECT 1', 'TSV')).rejects.toThrow(/needs a lease/); // not declared read-only
      expect(await reader.queryText('SELECT 1 AS one', 'TSV', {}, { readonly: true })).toBe('1\n');
      await expect(reader.query('SELECT no_such_column FROM exchanges')).rejects.toThrow(/no_such_column/);

      // The serving process's own work and a writing client take turns.
      const order: string[] = [];
      let releaseOwn!: () => void;
      const own = served.exclusive(async () => {
        order.push('own:start');
        await new Promise<void>((r) => (releaseOwn = r));
        order.push('own:end');
      });
      await new Promise((r) => setTimeout(r, 50));
      const writerOpened = openWarehouse({ data: dir }).then((w) => {
        order.push('client:in');
        return w;
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(order).toEqual(['own:start']);
      releaseOwn();
      await own;
      const writer = await writerOpened;
      expect(order).toEqual(['own:start', 'own:end', 'client:in']);
      await writer.command('CREATE TABLE t_served (a UInt8) ENGINE = MergeTree ORDER BY a');
      await writer.insertRows('t_served', [{ a: 1 }, { a: 2 }]);
      expect(await writer.query('SELECT sum(a) AS s FROM t_served')).toEqual([{ s: 3 }]);
      await writer.close();
      await reader.close();
    } finally {
      await served.close();
      await wh.close();
    }
    expect(existsSync(join(dir, SERVE_FILE))).toBe(false);
  });

  it('gives back the lease of a writer that died holding it', async () => {
    const dir = join(tmp.dir, 'dead-writer');
    const wh = await openWarehouse({ data: dir });
    const served = await serveWarehouse(wh, wh.location, { leaseTtlMs: 1_500 });
    try {
      const info = JSON.parse(readFileSync(join(dir, SERVE_FILE), 'utf8')) as { port: number; token: string };
      const post = (path: string, body: unknown) =>
        fetch(`http://127.0.0.1:${info.port}${path}`, { method: 'POST', headers: { authorization: `Bearer ${info.token}` }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);
      // a writer takes the lease, then never renews it (killed)
      const { lease } = (await post('/lease', {})) as { lease: string };
      expect(await post('/wait', { lease })).toEqual({ granted: true });
      const t0 = Date.now();
      const next = await openWarehouse({ data: dir });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1_000);
      await next.command('CREATE TABLE t_after (a UInt8) ENGINE = Memory');
      await next.close();
      // and a request without the key is refused
      const r = await fetch(`http://127.0.0.1:${info.port}/ping`);
      expect(r.status).toBe(401);
    } finally {
      await served.close();
      await wh.close();
    }
  });

  it('serves query, ingest and hunt from the command line while watch runs, and watch stops cleanly', async () => {
    const data = join(tmp.dir, 'data');
    const landing = join(tmp.dir, 'landing');
    mkdirSync(landing, { recursive: true });
    const past = new Date(Date.now() - 60_000);
    const rows = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, j) =>
        JSON.stringify(exchange({ request_id: `s-${from + j}`, account_id: `acct-${(from + j) % 40}`, ts: new Date(Date.UTC(2026, 3, 20, 0, 0, 0) + (from + j) * 60_000).toISOString() })),
      ).join('\n') + '\n';
    writeFileSync(join(landing, 'a.jsonl'), rows(0, 500));
    utimesSync(join(landing, 'a.jsonl'), past, past);

    const watch = spawn(process.execPath, [CLI, 'watch', '--data', data, '--in', landing, '--out', join(tmp.dir, 'findings'), '--every', '1h', '--settle', '1s', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    watch.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => watch.on('exit', (code) => r(code)));
    try {
      const lines = createInterface({ input: watch.stdout });
      const first = await new Promise<string>((resolve, reject) => {
        lines.once('line', resolve);
        void exited.then(() => reject(new Error(`watch exited: ${stderr}`)));
      });
      expect(JSON.parse(first)).toMatchObject({ files: [{ inserted: 500 }] });
      expect(existsSync(join(data, SERVE_FILE))).toBe(true);

      const q = await runCli(['query', '--data', data, '--json', 'SELECT count() AS n FROM exchanges']);
      expect(q.code, q.stderr).toBe(0);
      expect(JSON.parse(q.stdout)).toEqual([{ n: 500 }]);
      // an ingest through the running process (its own file, outside the watched directory)
      writeFileSync(join(tmp.dir, 'b.jsonl'), rows(500, 800));
      const ing = await runCli(['ingest', '--data', data, join(tmp.dir, 'b.jsonl'), '--json']);
      expect(ing.code, ing.stderr).toBe(0);
      const h = await runCli(['hunt', '--data', data, '--out', join(tmp.dir, 'hunt'), '--json']);
      expect(h.code, h.stderr).toBe(0);
      expect(JSON.parse(h.stdout).window.exchanges).toBe(800);
      expect(readFileSync(join(tmp.dir, 'hunt', 'accounts.jsonl'), 'utf8').trim().split('\n').length).toBe(40);
      // a second watch on the same directory is refused, naming the first
      const second = await runCli(['watch', '--data', data, '--in', landing, '--out', join(tmp.dir, 'f2'), '--once']);
      expect(second.code).not.toBe(0);
      expect(second.stderr).toMatch(new RegExp(`pid ${watch.pid}`));
    } finally {
      watch.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(existsSync(join(data, SERVE_FILE))).toBe(false);
    // and the directory opens directly again
    const after = await runCli(['query', '--data', data, '--json', 'SELECT count() AS n FROM exchanges']);
    expect(JSON.parse(after.stdout)).toEqual([{ n: 800 }]);
  }, 120_000);
});
