import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Test helpers for the guard: a mock upstream that speaks the three APIs (streaming SSE in several chunks, or
 * one JSON answer), can stall, and remembers every request body it got; a real Redis on a free loopback port;
 * a tiny HTTP client that returns the raw bytes.
 */

export interface MockUpstream {
  url: string;
  /** Every request body the upstream received, parsed, in order. */
  received: { path: string; body: Record<string, unknown>; headers: IncomingHttpHeaders }[];
  /** The request id of every answer it sent (`x-request-id`, a fresh one each time, as a real API's). */
  requestIds: string[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The SSE chunks the mock sends for a streamed answer (fixed text, so bytes can be compared). */
export function sseChunks(path: string, words = 8): string[] {
  const out: string[] = [];
  if (path.endsWith('/messages')) {
    out.push(`event: message_start\ndata: ${JSON.stringify({ type: 'message_start', message: { id: 'msg_1', model: 'mock-model', usage: { input_tokens: 11, cache_read_input_tokens: 3, cache_creation_input_tokens: 0, output_tokens: 1 } } })}\n\n`);
    for (let i = 0; i < words; i++) out.push(`event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `w${i} ` } })}\n\n`);
    out.push(`event: message_delta\ndata: ${JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: words } })}\n\n`);
    out.push(`event: message_stop\ndata: {"type":"message_stop"}\n\n`);
  } else if (path.endsWith('/responses')) {
    out.push(`event: response.created\ndata: ${JSON.stringify({ type: 'response.created', response: { id: 'resp_1', model: 'mock-model' } })}\n\n`);
    for (let i = 0; i < words; i++) out.push(`event: response.output_text.delta\ndata: ${JSON.stringify({ type: 'response.output_text.delta', delta: `w${i} ` })}\n\n`);
    out.push(`event: response.completed\ndata: ${JSON.stringify({ type: 'response.completed', response: { id: 'resp_1', model: 'mock-model', usage: { input_tokens: 11, output_tokens: words, input_tokens_details: { cached_tokens: 3 } } } })}\n\n`);
  } else {
    for (let i = 0; i < words; i++) out.push(`data: ${JSON.stringify({ id: 'chatcmpl-1', model: 'mock-model', choices: [{ index: 0, delta: { content: `w${i} ` } }] })}\n\n`);
    out.push(`data: ${JSON.stringify({ id: 'chatcmpl-1', model: 'mock-model', choices: [], usage: { prompt_tokens: 14, completion_tokens: words, prompt_tokens_details: { cached_tokens: 3 } } })}\n\n`);
    out.push('data: [DONE]\n\n');
  }
  return out;
}

function jsonAnswer(path: string): Record<string, unknown> {
  if (path.endsWith('/messages'))
    return { type: 'message', id: 'msg_1', model: 'mock-model', content: [{ type: 'text', text: 'hello there' }], usage: { input_tokens: 11, output_tokens: 2, cache_read_input_tokens: 3, cache_creation_input_tokens: 0 } };
  if (path.endsWith('/responses'))
    return { id: 'resp_1', model: 'mock-model', output: [{ type: 'message', content: [{ type: 'output_text', text: 'hello there' }] }], usage: { input_tokens: 11, output_tokens: 2, input_tokens_details: { cached_tokens: 3 } } };
  return { id: 'chatcmpl-1', model: 'mock-model', choices: [{ index: 0, message: { role: 'assistant', content: 'hello there' } }], usage: { prompt_tokens: 14, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 3 } } };
}

/**
 * Behaviour per request, from the request's own headers (the guard passes them on): `x-mock-stall: headers`
 * never answers; `x-mock-stall: mid` sends half a stream then goes silent; `x-mock-chunk-ms` spaces chunks.
 */
export async function mockUpstream(opts: { record?: boolean } = {}): Promise<MockUpstream> {
  const received: MockUpstream['received'] = [];
  const requestIds: string[] = [];
  // A real API's headers: its server and version, the same on every answer, and a request id of its own each time.
  const apiHeaders = () => {
    const id = `req_${randomBytes(12).toString('hex')}`;
    requestIds.push(id);
    return { server: 'mock-api', 'openai-version': '2020-10-01', 'x-request-id': id };
  };
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = req.url ?? '/';
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      body = {};
    }
    if (opts.record !== false) received.push({ path, body, headers: req.headers });
    const stall = req.headers['x-mock-stall'];
    if (stall === 'headers') return; // never answers
    const gap = Number(req.headers['x-mock-chunk-ms'] ?? 0);
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...apiHeaders() });
      const parts = sseChunks(path, Number(req.headers['x-mock-words'] ?? 8));
      for (let i = 0; i < parts.length; i++) {
        if (stall === 'mid' && i === Math.floor(parts.length / 2)) return; // silent from here on
        res.write(parts[i]);
        if (gap) await sleep(gap);
      }
      res.end();
    } else {
      const text = JSON.stringify(jsonAnswer(path));
      res.writeHead(200, { 'content-type': 'application/json', ...apiHeaders() });
      res.end(text);
    }
  });
  server.keepAliveTimeout = 30_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    requestIds,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body as the chunks arrived. */
  chunks: number;
  error?: string;
}

/** POSTs JSON and returns the raw bytes of the answer (or the error that ended it). */
export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve) => {
    const data = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(data.length), ...headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts), chunks: parts.length }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts), chunks: parts.length, error: e.message }));
      res.on('aborted', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts), chunks: parts.length, error: 'aborted' }));
    });
    req.on('error', (e) => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), chunks: 0, error: e.message }));
    req.end(data);
  });
}

export async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8') || 'null') }));
    })
      .on('error', reject)
      .end();
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
    s.on('error', reject);
  });
}

/** Whether a redis-server binary is on this machine (CI installs it in .ci/run). */
export const HAVE_REDIS = spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).status === 0;

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** A throw-away Redis on a free loopback port: no persistence, its own temp dir. */
export async function startRedis(port?: number): Promise<RedisServer> {
  const p = port ?? (await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'dw-redis-'));
  const proc: ChildProcess = spawn('redis-server', ['--port', String(p), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'], {
    stdio: 'ignore',
  });
  // Ready when it accepts a PING.
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(p, '127.0.0.1');
      c.on('connect', () => c.write('PING\r\n'));
      c.on('data', (d: Buffer) => {
        c.destroy();
        resolve(d.toString().startsWith('+PONG'));
      });
      c.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${p}`);
    await sleep(50);
  }
  return {
    url: `redis://127.0.0.1:${p}`,
    port: p,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGKILL');
        await once(proc, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface FindingsFixture {
  dir: string;
  campaign: string[];
  accountTier: string;
  watchTier: string;
  benign: string[];
}

/** A findings directory as `hunt --out` writes it: one campaign C001 of three accounts, one account-tier, one watch, benign ones. */
export function writeFindings(dir: string, extra: { account_id: string; tier: string | null; campaign_id?: string | null }[] = []): FindingsFixture {
  mkdirSync(dir, { recursive: true });
  const campaign = ['acct_c1', 'acct_c2', 'acct_c3'];
  const rows = [
    ...campaign.map((a) => ({ account_id: a, risk: 0.97, flagged: true, tier: 'campaign', campaign_id: 'C001', reasons: ['template_shared', 'cot_elicitation'] })),
    { account_id: 'acct_solo', risk: 0.9, flagged: true, tier: 'account', campaign_id: null, reasons: ['logit_sweep'] },
    { account_id: 'acct_watch', risk: 0.5, flagged: false, tier: 'watch', campaign_id: null, reasons: ['max_output'] },
    { account_id: 'acct_b1', risk: 0.01, flagged: false, tier: null, campaign_id: null, reasons: [] },
    { account_id: 'acct_b2', risk: 0.02, flagged: false, tier: null, campaign_id: null, reasons: [] },
    ...extra.map((e) => ({ account_id: e.account_id, risk: e.tier ? 0.95 : 0, flagged: e.tier === 'campaign' || e.tier === 'account', tier: e.tier, campaign_id: e.campaign_id ?? null, reasons: [] })),
  ];
  writeFileSync(join(dir, 'accounts.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  writeFileSync(
    join(dir, 'campaigns.json'),
    JSON.stringify({
      detector: 'distillwatch-hunt',
      generated_at: '2026-06-01T00:00:00.000Z',
      until: null,
      campaigns: [{ campaign_id: 'C001', accounts: campaign, confidence: 0.9, reasons: ['template_shared'], examples: [{ prompt_sha256: 'a'.repeat(64) }] }],
    }),
  );
  return { dir, campaign, accountTier: 'acct_solo', watchTier: 'acct_watch', benign: ['acct_b1', 'acct_b2'] };
}

export const chat = (over: Record<string, unknown> = {}) => ({
  model: 'mock-model',
  messages: [{ role: 'user', content: 'Write a function that reverses a list.' }],
  max_tokens: 4096,
  stream: true,
  ...over,
});
