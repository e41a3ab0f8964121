import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startGuard, type RunningGuard } from '../src/respond/start.js';
import { validatePolicy } from '../src/respond/policy.js';
import { chat, getJson, mockUpstream, post, writeFindings, type FindingsFixture, type MockUpstream } from './guard-helpers.js';
import { runCli, tempDir } from './helpers.js';

/**
 * End to end, in-process counters: a mock upstream, a findings directory with one campaign, the guard in front.
 * The campaign's accounts get the policy's action and nobody else does; allowed streams arrive byte for byte;
 * the audit log and the exchange sink get every exchange, and the sink's files ingest with counts that reconcile.
 */

const GENERIC_OPENAI = JSON.stringify({
  error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null },
});

const policy = validatePolicy({
  version: 1,
  rules: [
    {
      name: 'campaign',
      when: { tier: ['campaign'] },
      do: [{ type: 'degrade', max_tokens: 16, drop_logprobs: true }, { type: 'flag', header: 'x-step-up' }],
      quota: { scope: 'campaign', limit: 6, window: '1h', then: { type: 'block' } },
    },
    { name: 'solo', when: { tier: ['account'] }, do: { type: 'delay', ms: 150, jitter: 50 } },
    { name: 'watch', when: { tier: ['watch'] }, do: { type: 'log' } },
  ],
});

describe('guard end to end (in-process counters)', () => {
  const tmp = tempDir('dw-guard-');
  let up: MockUpstream;
  let g: RunningGuard;
  let fx: FindingsFixture;
  let direct: string;
  let proxy: string;
  let sent = 0;
  const send = async (path: string, body: unknown, account: string, extra: Record<string, string> = {}) => {
    sent++;
    return post(proxy + path, body, { 'x-account-id': account, authorization: `Bearer sk-${account}`, ...extra });
  };

  beforeAll(async () => {
    up = await mockUpstream();
    fx = writeFindings(join(tmp.dir, 'findings'));
    g = await startGuard({
      upstream: up.url,
      control: { host: '127.0.0.1', port: 0 },
      adminToken: 'test-token',
      policy,
      verdicts: { findings: fx.dir },
      reloadEveryMs: 100,
      accountHeader: 'x-account-id',
      logDir: join(tmp.dir, 'log'),
      sink: { rotateRecords: 7 },
    });
    proxy = g.proxyUrl!;
    direct = up.url;
  });
  afterAll(async () => {
    await g?.close();
    await up?.close();
    tmp.cleanup();
  });

  it('streams an allowed request byte for byte, chunk by chunk', async () => {
    for (const path of ['/v1/chat/completions', '/v1/messages', '/v1/responses']) {
      const body = path === '/v1/responses' ? { model: 'm', input: 'hi', stream: true } : chat();
      const a = await post(direct + path, body, { 'x-mock-chunk-ms': '5' });
      const b = await send(path, body, fx.benign[0]!, { 'x-mock-chunk-ms': '5' });
      expect(b.status).toBe(200);
      expect(b.body.equals(a.body)).toBe(true);
      expect(b.headers['content-type']).toBe('text/event-stream');
      expect(b.headers['x-request-id']).toBe(up.requestIds.at(-1));
      // Passed on as it came: several chunks, not one buffered body.
      expect(b.chunks).toBeGreaterThan(3);
      // Nothing in the answer names the guard.
      expect(Object.keys(b.headers).some((h) => h.includes('distillwatch') || h.includes('step'))).toBe(false);
    }
    const a = await post(direct + '/v1/chat/completions', chat({ stream: false }));
    const b = await send('/v1/chat/completions', chat({ stream: false }), fx.benign[1]!);
    expect(b.body.equals(a.body)).toBe(true);
  });

  it("a flagged campaign's accounts get the policy's action, with one quota for the campaign; nobody else does", async () => {
    up.received.length = 0;
    const results = [];
    // 12 requests over the campaign's three accounts: 6 fit in the campaign's quota.
    for (let i = 0; i < 12; i++) results.push(await send('/v1/chat/completions', chat({ logprobs: true, top_logprobs: 5 }), fx.campaign[i % 3]!));
    const served = results.filter((r) => r.status === 200);
    const blocked = results.filter((r) => r.status !== 200);
    expect(served).toHaveLength(6);
    expect(blocked).toHaveLength(6);
    // Blocked: the upstream's own generic error, with the headers the upstream's answers carry (each in its form,
    // a request id of the upstream's form that it never sent), nothing more.
    for (const r of blocked) {
      expect(r.status).toBe(500);
      expect(r.body.toString()).toBe(GENERIC_OPENAI);
      // (a stream's own framing and caching headers aside: a JSON error has a length)
      const answerHeaders = Object.keys(served[0]!.headers).filter((h) => h !== 'cache-control' && h !== 'transfer-encoding');
      expect(Object.keys(r.headers).sort()).toEqual([...answerHeaders, 'content-length'].sort());
      // (one answer seen so far within the sampling second: no value is known constant, each keeps its form)
      expect(r.headers.server).toBe('mock-api');
      expect(r.headers['openai-version']).toMatch(/^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$/);
      expect(r.headers['x-request-id']).toMatch(/^req_[0-9a-f]{24}$/);
      expect(up.requestIds).not.toContain(r.headers['x-request-id']);
    }
    expect(new Set(blocked.map((r) => r.headers['x-request-id'])).size).toBe(blocked.length);
    // Served ones went upstream degraded and flagged; the blocked ones never reached it.
    expect(up.received).toHaveLength(6);
    for (const r of up.received) {
      expect(r.body.max_tokens).toBe(16);
      expect(r.body.logprobs).toBeUndefined();
      expect(r.body.top_logprobs).toBeUndefined();
      expect(r.headers['x-step-up']).toBe('1');
    }
    // Benign accounts and the watch account: untouched, even with the same request.
    up.received.length = 0;
    for (const a of [...fx.benign, fx.watchTier, 'acct_never_seen']) {
      const r = await send('/v1/chat/completions', chat({ logprobs: true, top_logprobs: 5 }), a);
      expect(r.status).toBe(200);
    }
    expect(up.received.map((r) => r.body.max_tokens)).toEqual([4096, 4096, 4096, 4096]);
    expect(up.received.every((r) => r.headers['x-step-up'] === undefined && r.body.top_logprobs === 5)).toBe(true);
    // The account-tier account is delayed, not changed.
    const t0 = Date.now();
    const solo = await send('/v1/messages', chat({ stream: false }), fx.accountTier);
    expect(solo.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('picks up new verdicts without a restart', async () => {
    const before = await send('/v1/chat/completions', chat(), 'acct_late');
    expect(before.status).toBe(200);
    writeFindings(fx.dir, [{ account_id: 'acct_late', tier: 'campaign', campaign_id: 'C002' }]);
    const deadline = Date.now() + 5000;
    while (g.guard.opts.verdicts.snapshot?.verdicts.get('acct_late')?.campaign !== 'C002' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    up.received.length = 0;
    const after = await send('/v1/chat/completions', chat(), 'acct_late');
    expect(after.status).toBe(200);
    expect(up.received[0]?.body.max_tokens).toBe(16);
  });

  it('hooks agree with the proxy', async () => {
    const control = g.controlUrl!;
    // A campaign account is over quota by now: block everywhere; a benign one: allow everywhere.
    const d1 = (await post(`${control}/v1/decide`, { account_id: fx.campaign[0], endpoint: 'chat.completions', request: chat() })).body;
    expect(JSON.parse(d1.toString())).toMatchObject({ action: 'block', rule: 'campaign', campaign: 'C001' });
    const d2 = JSON.parse((await post(`${control}/v1/decide`, { account_id: fx.benign[0], endpoint: 'chat.completions', request: chat() })).body.toString());
    expect(d2).toMatchObject({ action: 'allow' });
    const p1 = await send('/v1/chat/completions', chat(), fx.campaign[1]!);
    expect(p1.status).toBe(500);
    sent += 0;
    const e1 = await post(`${control}/ext_authz/v1/chat/completions`, chat(), { 'x-account-id': fx.campaign[2]!, 'x-forwarded-for': '203.0.113.9' });
    expect(e1.status).toBe(500);
    expect(e1.body.toString()).toBe(GENERIC_OPENAI);
    const e2 = await post(`${control}/ext_authz/v1/chat/completions`, chat(), { 'x-account-id': fx.benign[0]! });
    expect(e2.status).toBe(200);
    const l1 = JSON.parse((await post(`${control}/beta/litellm_basic_guardrail_api`, { texts: ['hi'], request_data: { user_api_key_user_id: fx.campaign[0] }, input_type: 'request' })).body.toString());
    expect(l1.action).toBe('BLOCKED');
    expect(l1.blocked_reason).not.toMatch(/campaign|quota|distill|policy/i);
    const l2 = JSON.parse((await post(`${control}/beta/litellm_basic_guardrail_api`, { texts: ['hi'], request_data: { user_api_key_user_id: fx.benign[0] }, input_type: 'request' })).body.toString());
    expect(l2.action).toBe('NONE');
    // A degrade through the decide API returns the rewritten request, as the proxy sends it.
    const d3 = JSON.parse((await post(`${control}/v1/decide`, { account_id: 'acct_late', endpoint: 'chat.completions', request: chat({ top_logprobs: 3, logprobs: true }) })).body.toString());
    expect(d3.action).toBe('degrade');
    expect(d3.request.max_tokens).toBe(16);
    expect(d3.request.top_logprobs).toBeUndefined();
    // Admin: behind the token.
    expect((await getJson(`${control}/admin/stats`)).status).toBe(401);
    const v = await getJson(`${control}/admin/verdicts?account=${fx.campaign[0]}`, { authorization: 'Bearer test-token' });
    expect(v.body).toMatchObject({ verdict: { campaign: 'C001' }, linked: fx.campaign });
    const c = await getJson(`${control}/admin/counters?account=${fx.campaign[0]}`, { authorization: 'Bearer test-token' });
    expect((c.body as { windows: { count: number }[] }).windows[0]!.count).toBe(6);
    const flags = await getJson(`${control}/admin/flags`, { authorization: 'Bearer test-token' });
    expect(Object.keys(flags.body as object)).toEqual(expect.arrayContaining(fx.campaign));
  });

  it('the audit log and the exchange sink get every exchange, and the sink ingests with counts that reconcile', async () => {
    await g.guard.opts.audit.flush();
    const stats = g.guard.stats;
    const acted = stats.requests - (stats.by_action.allow ?? 0);
    const audit = readFileSync(join(tmp.dir, 'log', 'audit', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string; reasons: string[]; source: string });
    expect(audit).toHaveLength(acted);
    expect(audit.every((a) => a.reasons.length > 0)).toBe(true);
    expect(audit.filter((a) => a.source === 'proxy' && a.action === 'block')).toHaveLength(7);

    await g.guard.opts.sink!.flush();
    const dir = join(tmp.dir, 'log', 'exchanges');
    const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl.gz'));
    expect(files.length).toBeGreaterThan(1); // rotated every 7 records
    const records = files.flatMap((f) => gunzipSync(readFileSync(join(dir, f))).toString('utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>));
    expect(records).toHaveLength(sent);
    expect(g.guard.opts.sink!.stats()).toMatchObject({ accepted: sent, written: sent, dropped: 0 });
    const streamed = records.find((r) => r.account_id === fx.benign[0] && r.endpoint === 'chat.completions' && r.status === 200)!;
    expect(streamed.response).toMatchObject({ choices: [{ message: { content: 'w0 w1 w2 w3 w4 w5 w6 w7 ' } }], usage: { prompt_tokens: 14, completion_tokens: 8 } });
    // Ingest maps the guard's records with its own raw-pair mapping; read = inserted + quarantined, nothing quarantined.
    const wh = join(tmp.dir, 'wh');
    const r = await runCli(['ingest', '--data', wh, '--json', ...files.map((f) => join(dir, f))]);
    expect(r.code, r.stderr).toBe(0);
    const q = await runCli(['query', '--data', wh, '--json', `SELECT count() AS n, sum(output_tokens) AS out, countIf(status = 500) AS blocked, countIf(endpoint = 'responses') AS resp, sum(cache_read_tokens) AS cached FROM exchanges`]);
    expect(q.code, q.stderr).toBe(0);
    const row = (JSON.parse(q.stdout) as { n: string; blocked: string; resp: string }[])[0]!;
    expect(Number(row.n)).toBe(sent);
    expect(Number(row.blocked)).toBe(7);
    expect(Number(row.resp)).toBe(1);
    const quarantined = await runCli(['query', '--data', wh, '--json', 'SELECT count() AS n FROM quarantine']);
    expect(Number((JSON.parse(quarantined.stdout) as { n: string }[])[0]!.n)).toBe(0);
  });
});

describe('guard faults without Redis', () => {
  it('a stalled upstream is timed out and answered once; a dry run changes nothing', async () => {
    const tmp = tempDir('dw-guard-stall-');
    const up = await mockUpstream();
    const fx = writeFindings(join(tmp.dir, 'f'));
    const p = validatePolicy({
      version: 1,
      rules: [{ name: 'c', when: { tier: ['campaign'] }, do: { type: 'block' } }],
      faults: { upstream_first_byte_timeout: '300ms', upstream_idle_timeout: '300ms' },
    });
    const g = await startGuard({ upstream: up.url, policy: p, verdicts: { findings: fx.dir }, accountHeader: 'x-account-id', logDir: join(tmp.dir, 'log') });
    try {
      const t0 = Date.now();
      const r = await post(g.proxyUrl + '/v1/chat/completions', chat(), { 'x-account-id': 'acct_b1', 'x-mock-stall': 'headers' });
      expect(r.status).toBe(500);
      expect(r.body.toString()).toBe(GENERIC_OPENAI);
      expect(Date.now() - t0).toBeLessThan(3000);
      // Mid-stream: the half already sent cannot be taken back; the connection is ended, not answered again.
      const m = await post(g.proxyUrl + '/v1/chat/completions', chat(), { 'x-account-id': 'acct_b1', 'x-mock-stall': 'mid' });
      expect(m.status).toBe(200);
      expect(m.error).toBeDefined();
      expect(m.body.toString()).toContain('w0');
      expect(m.body.toString()).not.toContain('[DONE]');
      expect(g.guard.stats.upstream_timeouts).toBe(2);
      await g.guard.opts.sink!.flush();
      const stats = g.guard.opts.sink!.stats();
      expect(stats.accepted).toBe(2);
    } finally {
      await g.close();
    }
    const dry = await startGuard({ upstream: up.url, policy: p, verdicts: { findings: fx.dir }, accountHeader: 'x-account-id', dryRun: true, logDir: join(tmp.dir, 'log2') });
    try {
      const r = await post(dry.proxyUrl + '/v1/chat/completions', chat(), { 'x-account-id': fx.campaign[0]! });
      expect(r.status).toBe(200);
      await dry.guard.opts.audit.flush();
      const audit = readFileSync(join(tmp.dir, 'log2', 'audit', 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { action: string; dry_run: boolean });
      expect(audit).toEqual([expect.objectContaining({ action: 'block', dry_run: true })]);
    } finally {
      await dry.close();
      await up.close();
      tmp.cleanup();
    }
  });

  it('policy file errors name the field, from the CLI', async () => {
    const tmp = tempDir('dw-guard-policy-');
    const f = join(tmp.dir, 'p.yaml');
    writeFileSync(f, 'version: 1\nrules:\n  - name: x\n    quota: { scope: campaign, limit: 10, window: 1h, then: { type: blok } }\n');
    const r = await runCli(['guard', '--policy', f, '--check']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/p\.yaml: rules\[0\]\.quota\[0\]\.then\[0\]\.type/);
    const ok = await runCli(['guard', '--policy', join(process.cwd(), 'policies', 'default.yaml'), '--check', '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true });
    tmp.cleanup();
  });
});
