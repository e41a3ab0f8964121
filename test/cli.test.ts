import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exchange, runCli, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const data = join(tmp.dir, 'data');

describe('distillwatch CLI', () => {
  it('explains every command with --help', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    for (const cmd of ['ingest', 'query']) {
      expect(top.stdout).toContain(cmd);
      const r = await runCli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: distillwatch ${cmd}`);
    }
    expect((await runCli(['ingest', '--help'])).stdout).toMatch(/quarantine/);
  });

  it('ingests, reconciles, and query counts the same rows after a re-ingest', async () => {
    const path = join(tmp.dir, 'ex.jsonl');
    const lines = [
      ...Array.from({ length: 50 }, (_, i) => JSON.stringify(exchange({ request_id: `r${i}`, account_id: `a${i % 5}` }))),
      JSON.stringify(exchange({ request_id: 'bad', ip: 'nope' })),
    ];
    writeFileSync(path, lines.join('\n') + '\n');
    const first = await runCli(['ingest', '--data', data, '--json', path]);
    expect(first.code).toBe(0);
    const s = JSON.parse(first.stdout);
    expect(s.totals).toMatchObject({ read: 51, accepted: 50, inserted: 50, quarantined: 1 });
    expect(s.quarantineFile).toMatch(/\.jsonl$/);

    const human = await runCli(['ingest', '--data', data, path]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/read = accepted \+ quarantined: 51 = 50 \+ 1/);
    expect(human.stdout).toMatch(/ip is not an IPv4 or IPv6 address/);

    const q = await runCli(['query', '--data', data, '--json', 'SELECT count() AS n, uniqExact(account_id) AS accounts FROM exchanges']);
    expect(q.code).toBe(0);
    expect(JSON.parse(q.stdout)).toEqual([{ n: 50, accounts: 5 }]);

    const p = await runCli(['query', '--data', data, '--json', 'SELECT count() AS n FROM exchanges WHERE account_id = {a:String}', '--param', 'a=a1']);
    expect(JSON.parse(p.stdout)).toEqual([{ n: 10 }]);
    const inlineFormat = await runCli(['query', '--data', data, 'SELECT count() AS n FROM exchanges FORMAT CSV']);
    expect(inlineFormat.stdout.trim()).toBe('50');
  });

  it('hunt and watch read the same --peer-trust file, and name a bad one before doing anything', async () => {
    const trust = join(tmp.dir, 'trust.yaml');
    writeFileSync(trust, 'producers: Lab A\n');
    for (const args of [['hunt', '--out', join(tmp.dir, 'pt-hunt')], ['watch', '--in', tmp.dir, '--out', join(tmp.dir, 'pt-watch'), '--once']]) {
      const r = await runCli([...args, '--data', join(tmp.dir, 'pt-data'), '--peer-trust', trust]);
      expect(r.code, args[0]).not.toBe(0);
      expect(r.stderr, args[0]).toMatch(/--peer-trust .*trust\.yaml: producers: /);
    }
  });

  it('takes one file per --accounts, so exchange files may follow it', async () => {
    const accounts = join(tmp.dir, 'accounts.jsonl');
    writeFileSync(accounts, ['acct-x', 'acct-y'].map((id) => JSON.stringify({ account_id: id, created_at: '2026-01-02T00:00:00.000Z' })).join('\n') + '\n');
    const exchanges = join(tmp.dir, 'order.jsonl');
    writeFileSync(exchanges, Array.from({ length: 4 }, (_, i) => JSON.stringify(exchange({ request_id: `o${i}`, account_id: 'acct-x' }))).join('\n') + '\n');
    const r = await runCli(['ingest', '--data', join(tmp.dir, 'order-data'), '--accounts', accounts, exchanges, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const files = JSON.parse(r.stdout).files as { kind: string; accepted: number; quarantined: number }[];
    expect(files.map((f) => [f.kind, f.accepted, f.quarantined])).toEqual([
      ['account', 2, 0],
      ['exchange', 4, 0],
    ]);
    // The same exchange file given as accounts: rejected whole, with a hint at the likely mix-up.
    const wrong = await runCli(['ingest', '--data', join(tmp.dir, 'wrong-data'), '--accounts', exchanges]);
    expect(wrong.stdout).toMatch(/every record of .*order\.jsonl was rejected as an account record: if it holds exchanges, pass it without --accounts/);
  });

  it('refuses to write through query', async () => {
    const r = await runCli(['query', '--data', data, "INSERT INTO accounts (account_id, created_at) VALUES ('x', now64(3))"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/readonly/i);
  });

  it('exits non-zero with a plain message on unreadable input', async () => {
    const r = await runCli(['ingest', '--data', data, join(tmp.dir, 'nope.jsonl')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.jsonl: no such file/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace unless --debug
  });
});
