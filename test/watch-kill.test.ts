import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../src/warehouse/warehouse.js';
import { CLI, exchange, runCli, tempDir } from './helpers.js';

/**
 * `distillwatch watch` killed (SIGKILL: no clean-up of any kind) at several moments of its work, then
 * started again: in the end every record is stored once, every file is logged once, and no verdict of an
 * unrecorded hunt is left. Where the kill lands varies with the machine; the end state must not.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());

const FILES = 4;
const PER_FILE = 20_000;

function landFiles(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const past = new Date(Date.now() - 60_000);
  for (let f = 0; f < FILES; f++) {
    const rows: string[] = [];
    for (let i = 0; i < PER_FILE; i++) {
      const n = f * PER_FILE + i;
      rows.push(
        JSON.stringify(
          exchange({
            request_id: `r-${n}`,
            ts: new Date(Date.UTC(2026, 3, 20 + f, 0, 0, 0) + i * 4_000).toISOString(),
            account_id: `acct-${n % 400}`,
            ip: `198.51.${n % 200}.${n % 250}`,
            prompt: `question ${n % 977} about ${['graphs', 'sorting', 'tax', 'soup'][n % 4]} with detail ${n}`,
          }),
        ),
      );
    }
    // a repeat of an earlier file's record in each later file: stored once
    if (f > 0) rows.push(JSON.stringify(exchange({ request_id: 'r-0', ts: '2026-04-20T00:00:00.000Z', account_id: 'acct-0', ip: '198.51.0.0' })));
    const p = join(dir, `day-${f}.jsonl`);
    writeFileSync(p, rows.join('\n') + '\n');
    utimesSync(p, past, past);
  }
}

/** Runs `watch --once`, SIGKILLed after `ms` when given; resolves with how it ended. */
function run(args: string[], opts: { ms?: number; failpoint?: string } = {}): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const env = { ...process.env, ...(opts.failpoint ? { DISTILLWATCH_FAILPOINT: opts.failpoint } : {}) };
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore', env });
    const timer = opts.ms === undefined ? null : setTimeout(() => child.kill('SIGKILL'), opts.ms);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal });
    });
  });
}

describe('watch killed and restarted', () => {
  it('ends with every record once, every file logged once, no verdicts of unrecorded hunts', async () => {
    const landing = join(tmp.dir, 'landing');
    const data = join(tmp.dir, 'data');
    const findings = join(tmp.dir, 'findings');
    landFiles(landing);
    const args = ['watch', '--data', data, '--in', landing, '--out', findings, '--once', '--settle', '1s', '--json'];
    // Killed exactly between two writes: after a file's rows are stored but before they are checked; after
    // the duplicates are dropped but before the load is logged; after the findings are set aside but before
    // the new ones are in place; after a hunt's verdicts are written but before the hunt is recorded.
    for (const failpoint of ['ingest.loaded', 'ingest.deduplicated', 'watch.findings', 'watch.verdicts']) {
      expect(await run(args, { failpoint }), failpoint).toEqual({ code: null, signal: 'SIGKILL' });
    }
    // and at moments the machine decides
    for (const ms of [900, 1_400]) await run(args, { ms });
    expect(await run(args)).toEqual({ code: 0, signal: null });
    // one more look: nothing new, nothing owed
    const idle = await runCli(args);
    expect(idle.code, idle.stderr).toBe(0);
    expect(JSON.parse(idle.stdout.trim().split('\n').at(-1)!)).toMatchObject({ files: [], hunt: null });
    expect(existsSync(join(findings, 'accounts.jsonl'))).toBe(true);

    const wh = await openWarehouse({ data });
    try {
      const one = async (sql: string) => Number((await wh.query<{ n: string }>(sql))[0]?.n);
      expect(await one(`SELECT count() AS n FROM exchanges`)).toBe(FILES * PER_FILE);
      expect(await one(`SELECT uniqExact(request_id) AS n FROM exchanges`)).toBe(FILES * PER_FILE);
      expect(await one(`SELECT count() AS n FROM exchange_features`)).toBe(FILES * PER_FILE);
      // the rollups count each stored exchange once, whatever load it came in and whatever was rolled back
      expect(await one(`SELECT sum(exchanges) AS n FROM account_days`)).toBe(FILES * PER_FILE);
      expect(await one(`SELECT count() AS n FROM (SELECT account_id, toDate(ts) AS day, _batch, count() AS c FROM exchange_features GROUP BY ALL
                                                 EXCEPT SELECT account_id, day, _batch, sum(exchanges) FROM account_days GROUP BY ALL)`)).toBe(0);
      expect(await one(`SELECT count() AS n FROM loads`)).toBe(FILES);
      expect(await one(`SELECT uniqExact(source_file) AS n FROM loads`)).toBe(FILES);
      // every load reconciles: records read = inserted + duplicates + quarantined
      expect(await one(`SELECT countIf(records != inserted + duplicates + quarantined) AS n FROM loads`)).toBe(0);
      expect(await one(`SELECT sum(duplicates) AS n FROM loads`)).toBe(FILES - 1);
      expect(await one(`SELECT count() AS n FROM hunts`)).toBeGreaterThanOrEqual(1);
      expect(await one(`SELECT count() AS n FROM verdicts WHERE hunt_id NOT IN (SELECT hunt_id FROM hunts)`)).toBe(0);
      expect(await one(`SELECT max(data_through) >= '2026-04-23 00:00:00' AS n FROM hunts`)).toBe(1);
    } finally {
      await wh.close();
    }
  }, 240_000);
});
