import { describe, expect, it } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SERVE_FILE } from '../src/warehouse/serve.js';
import { VerdictStore } from '../src/respond/verdicts.js';
import { apiKeyId } from '../src/respond/guard.js';
import { CLI, ROOT, exchange, tempDir } from './helpers.js';
import { writeFindings } from './guard-helpers.js';

/** Runs `fn(wh)` on the warehouse in a child process (the engine never runs on this test worker's thread). */
function inChild(data: string, body: string, args: unknown): Promise<void> {
  const script = `
    const { openWarehouse } = await import(${JSON.stringify(join(ROOT, 'dist', 'warehouse', 'warehouse.js'))});
    const args = JSON.parse(process.argv[1]);
    const wh = await openWarehouse({ data: ${JSON.stringify(data)} });
    try { ${body} } finally { await wh.close(); }`;
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(args)], (err, _o, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve())),
  );
}

/**
 * The verdict store on the warehouse: `current_verdicts` as watch records it, re-read when a hunt is recorded,
 * campaigns by their lasting key, API keys mapped to the account the logs tie them to; the findings directory
 * only while the warehouse has no hunt.
 */

function recordHunt(data: string, id: string, at: string, rows: { account_id: string; tier: string; campaign_key: string; campaign_id: string }[]) {
  return inChild(
    data,
    `await wh.insertRows('verdicts', args.rows.map((r) => ({ ...r, at: args.at, hunt_id: args.id, flagged: r.tier === 'campaign' ? 1 : 0, risk: r.tier ? 0.9 : 0.1, reasons: ['template_shared'] })));
     await wh.command("INSERT INTO hunts (hunt_id, started_at, finished_at, data_through, exchanges, accounts, flagged, campaigns, findings_dir) VALUES ({id:String}, parseDateTime64BestEffort({at:String}, 3, 'UTC'), parseDateTime64BestEffort({at:String}, 3, 'UTC'), NULL, 0, 0, 0, 1, '')", { id: args.id, at: args.at });`,
    { id, at, rows },
  );
}

describe('verdicts from the warehouse', () => {
  it('loads current_verdicts through watch, reloads on a new hunt, and falls back to findings before the first hunt', async () => {
    const tmp = tempDir('dw-guard-wh-');
    const data = join(tmp.dir, 'wh');
    const fx = writeFindings(join(tmp.dir, 'findings'));
    await inChild(data, '', {}); // creates the warehouse
    // Not served by watch: the guard does not open the embedded engine itself; the findings are used.
    const alone = new VerdictStore({ warehouse: { data }, keyMap: true });
    await alone.refresh();
    expect(alone.available).toBe(false);
    expect(alone.lastError).toMatch(/not served/);
    // watch holds and serves the warehouse; the guard reads it through watch.
    const landing = join(tmp.dir, 'landing');
    mkdirSync(landing);
    const watch = spawn(process.execPath, [CLI, 'watch', '--data', data, '--in', landing, '--out', join(tmp.dir, 'out'), '--every', '1h', '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
    // Its first cycle done (one JSON line), it sits serving the warehouse until the next, an hour away.
    await new Promise<void>((resolve, reject) => {
      watch.stdout!.on('data', (d: Buffer) => d.toString().includes('\n') && resolve());
      watch.once('exit', () => reject(new Error('watch exited')));
    });
    expect(existsSync(join(data, SERVE_FILE))).toBe(true);
    // (After watch started: it rolls back, at start, rows of loads it has no record of.)
    await inChild(data, `await wh.insertRows('exchanges', [args.row]);`, {
      row: { ...exchange({ request_id: 'r1', account_id: 'acct_x', api_key_id: apiKeyId('sk-secret-x') }), _batch: 1, _source_file: 't', _source_line: 1 },
    });
    try {
      const store = new VerdictStore({ warehouse: { data }, findings: fx.dir, keyMap: true });
      await store.refresh();
      expect(store.snapshot?.source).toMatch(/^findings/);
      expect(store.snapshot?.verdicts.get('acct_c1')?.campaign).toBe('C001');

      await recordHunt(data, 'h1', '2026-06-01 00:00:00', [
        { account_id: 'acct_x', tier: 'campaign', campaign_key: 'cmp-20260601-aaaa', campaign_id: 'C001' },
        { account_id: 'acct_y', tier: 'campaign', campaign_key: 'cmp-20260601-aaaa', campaign_id: 'C001' },
        { account_id: 'acct_z', tier: '', campaign_key: '', campaign_id: '' },
      ]);
      await store.refresh();
      const s1 = store.snapshot!;
      expect(s1.source).toMatch(/^warehouse/);
      expect(s1.verdicts.get('acct_x')).toMatchObject({ tier: 'campaign', campaign: 'cmp-20260601-aaaa' });
      expect(s1.campaigns.get('cmp-20260601-aaaa')?.sort()).toEqual(['acct_x', 'acct_y']);
      expect(s1.verdicts.has('acct_z')).toBe(false);
      expect(s1.judged.has('acct_z')).toBe(true);
      expect(s1.keys.get(apiKeyId('sk-secret-x'))).toBe('acct_x');

      // Nothing new: the same snapshot object is kept.
      await store.refresh();
      expect(store.snapshot).toBe(s1);
      await recordHunt(data, 'h2', '2026-06-02 00:00:00', [{ account_id: 'acct_y', tier: 'watch', campaign_key: '', campaign_id: '' }]);
      await store.refresh();
      expect(store.snapshot).not.toBe(s1);
      expect(store.snapshot!.verdicts.get('acct_y')).toMatchObject({ tier: 'watch', campaign: null });
      expect(store.snapshot!.campaigns.get('cmp-20260601-aaaa')).toEqual(['acct_x']);
      await store.stop();
    } finally {
      // Whatever failed above, the watch this test started is stopped.
      watch.kill('SIGTERM');
      await new Promise((r) => (watch.exitCode === null ? watch.once('exit', r) : r(null)));
      tmp.cleanup();
    }
  });
});
