import { createReadStream, createWriteStream, mkdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { createClient } from '@clickhouse/client';
import { migrate } from './migrations.js';
export const DEFAULT_DATA_DIR = './distillwatch-data';
/** Opens the warehouse and brings its schema up to date. */
export async function openWarehouse(opts = {}) {
    const wh = opts.clickhouseUrl ? await openServer(opts.clickhouseUrl) : await openEmbedded(opts.data ?? DEFAULT_DATA_DIR);
    if (opts.migrate !== false) {
        try {
            await migrate(wh);
        }
        catch (e) {
            await wh.close();
            throw e;
        }
    }
    return wh;
}
function settingsClause(settings) {
    const entries = Object.entries(settings ?? {});
    if (entries.length === 0)
        return '';
    return ` SETTINGS ${entries.map(([k, v]) => `${k} = ${typeof v === 'number' ? v : `'${v.replace(/'/g, "\\'")}'`}`).join(', ')}`;
}
function expand(select, source, rowNumber) {
    return select.replaceAll('{{source}}', source).replaceAll('{{row_number}}', rowNumber);
}
/** DISTILLWATCH_PROFILE=1: every query's wall time and first words on stderr (where a slow step spends it). */
const PROFILE = process.env.DISTILLWATCH_PROFILE === '1';
function profile(sql, t0, rows) {
    if (!PROFILE)
        return;
    const ms = performance.now() - t0;
    if (ms < 50)
        return;
    const head = sql.replace(/\s+/g, ' ').trim().slice(0, 110);
    process.stderr.write(`[profile] ${(ms / 1000).toFixed(2)} s${rows === undefined ? '' : `, ${rows} rows`}: ${head}\n`);
}
class ClientWarehouse {
    kind;
    location;
    client;
    constructor(kind, location, client) {
        this.kind = kind;
        this.location = location;
        this.client = client;
    }
    async query(sql, params) {
        const t0 = performance.now();
        const rs = await this.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
        const rows = (await rs.json());
        profile(sql, t0, rows.length);
        return rows;
    }
    async queryArrays(sql, params) {
        const t0 = performance.now();
        // A streamed format: rows are parsed line by line, never as one string (which has a size limit in V8).
        const rs = await this.client.query({ query: sql, query_params: params, format: 'JSONCompactEachRow' });
        const rows = (await rs.json());
        profile(sql, t0, rows.length);
        return rows;
    }
    async queryText(sql, format, params, opts) {
        // Per-query settings would outlive the query in the embedded engine's session; readonly is only
        // ever asked for by a one-shot `distillwatch query`, so that is harmless there.
        const rs = await this.client.query({
            query: sql,
            query_params: params,
            format: format,
            clickhouse_settings: opts?.readonly ? { readonly: '1' } : undefined,
        });
        return rs.text();
    }
    async command(sql, params) {
        const t0 = performance.now();
        await this.client.command({ query: sql, query_params: params });
        profile(sql, t0);
    }
    async insertRows(table, rows) {
        for (let i = 0; i < rows.length; i += 100_000) {
            await this.client.insert({ table, values: rows.slice(i, i + 100_000), format: 'JSONEachRow' });
        }
    }
    async insertFromFile(target, select, source, params, onProgress) {
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
        const query = `INSERT INTO ${target} ` +
            expand(select, `input('${source.structure.replace(/'/g, "\\'")}')`, '(rowNumberInAllBlocks())') +
            settingsClause({ ...source.settings, max_threads: 1 }) +
            ` FORMAT ${source.format}`;
        await this.client.exec({ query, query_params: params, values });
    }
    async exportToFile(sql, path, format, params) {
        const rs = await this.client.query({ query: sql, query_params: params, format: format });
        await pipeline(rs.stream(), async function* (rows) {
            for await (const batch of rows)
                for (const row of batch)
                    yield row.text + '\n';
        }, createWriteStream(path));
    }
    async close() {
        await this.client.close();
    }
}
class EmbeddedWarehouse extends ClientWarehouse {
    async insertFromFile(target, select, source, params, onProgress) {
        // The engine runs in this process, so the bytes it has read of the file show in /proc/self/io
        // (pread is counted there; mmap would not be). Linux only; elsewhere progress simply waits.
        const size = statSync(source.path).size;
        const start = readChars();
        const timer = onProgress && start !== undefined
            ? setInterval(() => {
                const now = readChars();
                if (now !== undefined)
                    onProgress({ fraction: Math.min(0.99, (now - start) / Math.max(1, size)) });
            }, 200)
            : undefined;
        try {
            const sql = `INSERT INTO ${target} ` +
                expand(select, `file({__path:String}, '${source.format}', '${source.structure.replace(/'/g, "\\'")}')`, '_row_number') +
                settingsClause({ storage_file_read_method: 'pread', ...source.settings });
            await this.command(sql, { ...params, __path: resolve(source.path) });
            onProgress?.({ fraction: 1 });
        }
        finally {
            if (timer)
                clearInterval(timer);
        }
    }
    async exportToFile(sql, path, format, params) {
        await this.command(`INSERT INTO FUNCTION file({__out:String}, '${format}') ${sql} SETTINGS engine_file_truncate_on_insert = 1`, { ...params, __out: resolve(path) });
    }
}
function readChars() {
    try {
        const m = /^rchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'));
        return m ? Number(m[1]) : undefined;
    }
    catch {
        return undefined;
    }
}
async function openEmbedded(dir) {
    const path = resolve(dir);
    mkdirSync(path, { recursive: true });
    // Loaded on demand: the native engine is large and a server-only user never needs it.
    const { createChdbConnection } = await import('chdb/connection');
    const client = createClient({ connection: createChdbConnection({ path }) });
    return new EmbeddedWarehouse('embedded', path, client);
}
async function openServer(url) {
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
//# sourceMappingURL=warehouse.js.map