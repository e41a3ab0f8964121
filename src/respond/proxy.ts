import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { degradeBody, genericError } from './actions.js';
import type { Decision } from './decide.js';
import { EMPTY_FACTS, endpointOf, requestFacts, type Endpoint, type RequestFacts } from './facts.js';
import type { Guard } from './guard.js';
import { normaliseIp } from './ip.js';
import { HeaderShape } from './mimic.js';
import { exchangeRecord } from './record.js';
import { ResponseTap, type Tapped } from './tap.js';

/**
 * The reverse proxy. Requests to the model APIs (`/chat/completions`, `/responses`, `/messages`) are read (up to
 * `maxInspectBytes`), decided, acted on and forwarded; the answer streams back chunk by chunk, byte for byte,
 * with a tap reading its text and usage on the side. Every other path is piped through untouched and unlogged.
 * With no guard it is the bare pass-through proxy the benchmark compares against: the same code, minus the
 * decision.
 *
 * Each request is answered once: a `settled` flag guards the one response, an upstream failure before the
 * answer's headers gets the generic error, a failure after them ends the connection (a half-sent answer cannot
 * be replaced).
 */

const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'proxy-authorization', 'proxy-authenticate', 'host']);

export interface ProxyOptions {
  upstream: URL;
  /** Header the edge puts the client IP in (e.g. x-forwarded-for: its first address is used); else the socket's. */
  clientIpHeader?: string;
  /** Header the edge puts a TLS fingerprint in (e.g. a JA4 hash). */
  fingerprintHeader?: string;
  maxInspectBytes?: number;
  /** Upstream timeouts when there is no guard (the guard's come from its policy). */
  firstByteTimeoutMs?: number;
  idleTimeoutMs?: number;
}

function upstreamHeaders(req: IncomingMessage, upstream: URL, extra: OutgoingHttpHeaders = {}): OutgoingHttpHeaders {
  const h: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !HOP.has(k)) h[k] = v;
  h.host = upstream.host;
  return { ...h, ...extra };
}

/** Response headers to pass back: all but hop-by-hop ones (node frames the body itself). */
function responseHeaders(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (!HOP.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  return out;
}

/** Reads a body up to `cap` bytes; `rest` is set when it is longer (the remainder is still in the stream). */
function readBody(req: IncomingMessage, cap: number): Promise<{ chunks: Buffer[]; size: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size > cap) {
        req.pause();
        cleanup();
        resolve({ chunks, size, complete: false });
      }
    };
    const onEnd = () => {
      cleanup();
      resolve({ chunks, size, complete: true });
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const onClose = () => onError(new Error('the client closed the connection before sending its whole request'));
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/**
 * `new Date(ms).toISOString()`, the second's part reused while the second lasts (V8 formats a date through
 * printf; at thousands of requests a second most share their second).
 */
let isoSecond = -1;
let isoPrefix = '';
function isoTime(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== isoSecond) {
    const iso = new Date(ms).toISOString();
    // (Only the ordinary "YYYY-MM-DDTHH:mm:ss.sssZ" form is split; anything else is formatted whole every time.)
    if (iso.length !== 24) return iso;
    isoSecond = second;
    isoPrefix = iso.slice(0, 20);
  }
  const milli = ms - second * 1000;
  return `${isoPrefix}${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export function createProxy(guard: Guard | null, opts: ProxyOptions): Server {
  const up = opts.upstream;
  const secure = up.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: Infinity }) : new HttpAgent({ keepAlive: true, maxSockets: Infinity });
  const send = secure ? httpsRequest : httpRequest;
  const basePath = up.pathname.replace(/\/$/, '');
  const maxInspect = opts.maxInspectBytes ?? 16 * 2 ** 20;
  // The upstream's headers, learnt per API surface (an OpenAI- and an Anthropic-compatible one answer differently),
  // so a generic error looks like the upstream's own (mimic.ts).
  const shapes = new Map<Endpoint | null, HeaderShape>();
  const shapeOf = (endpoint: Endpoint | null) => shapes.get(endpoint) ?? shapes.set(endpoint, new HeaderShape()).get(endpoint)!;
  const sendGeneric = (res: ServerResponse, endpoint: Endpoint | null): number => {
    const g = genericError(guard?.policy.block, endpoint);
    res.writeHead(g.status, [...shapeOf(endpoint).headers(), 'content-type', 'application/json', 'content-length', String(Buffer.byteLength(g.body))]);
    res.end(g.body);
    return g.status;
  };

  const clientIp = (req: IncomingMessage): string | null => {
    if (opts.clientIpHeader) {
      const v = req.headers[opts.clientIpHeader.toLowerCase()];
      const first = (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
      if (first) return normaliseIp(first);
    }
    return req.socket.remoteAddress ? normaliseIp(req.socket.remoteAddress) : null;
  };

  /** Forwards a request (body given, or still in `req`), streams the answer back, calls `done` once at the end. */
  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    body: { head: Buffer[]; rest: boolean } | null,
    extraHeaders: OutgoingHttpHeaders,
    endpoint: Endpoint | null,
    stream: boolean,
    done: (status: number, tapped: Tapped | null, outcome: 'ok' | 'upstream_error' | 'timeout' | 'client_abort') => void,
  ): void {
    const firstByteMs = guard?.policy.faults.upstream_first_byte_timeout ?? opts.firstByteTimeoutMs ?? 120_000;
    const idleMs = guard?.policy.faults.upstream_idle_timeout ?? opts.idleTimeoutMs ?? 120_000;
    let settled = false;
    let timer: NodeJS.Timeout | null = null;
    let status = 0;
    let tap: ResponseTap | null = null;
    const finish = (outcome: 'ok' | 'upstream_error' | 'timeout' | 'client_abort') => {
      if (settled) return;
      settled = true;
      if (timer) clearTimeout(timer);
      done(status, tap ? tap.finish() : null, outcome);
    };
    const headers = upstreamHeaders(req, up, extraHeaders);
    if (body && !body.rest) headers['content-length'] = String(body.head.reduce((s, b) => s + b.length, 0));
    const upReq = send({ protocol: up.protocol, hostname: up.hostname, port: up.port, method: req.method, path: basePath + (req.url ?? '/'), headers, agent });
    const fail = (outcome: 'upstream_error' | 'timeout') => {
      if (settled) return;
      if (!res.headersSent) {
        // The client has heard nothing yet: one generic failure, the same a blocked request gets.
        status = sendGeneric(res, endpoint);
      } else res.destroy();
      upReq.destroy();
      finish(outcome);
    };
    const arm = (ms: number) => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => fail('timeout'), ms);
    };
    arm(firstByteMs);
    upReq.on('error', () => fail('upstream_error'));
    res.on('close', () => {
      if (!res.writableFinished && !settled) {
        upReq.destroy();
        finish('client_abort');
      }
    });
    upReq.on('response', (upRes) => {
      if (settled) {
        upRes.resume();
        return;
      }
      status = upRes.statusCode ?? 502;
      const ct = String(upRes.headers['content-type'] ?? '');
      const encoded = upRes.headers['content-encoding'] !== undefined && upRes.headers['content-encoding'] !== 'identity';
      // A compressed answer is passed on as it is, unread (the log then has no text or usage for it).
      if (endpoint && guard && !encoded) tap = new ResponseTap(endpoint, stream || ct.includes('text/event-stream'));
      if (guard && endpoint) shapeOf(endpoint).observe(status, upRes.rawHeaders);
      res.writeHead(status, upRes.statusMessage, responseHeaders(upRes.rawHeaders));
      arm(idleMs);
      upRes.on('data', (c: Buffer) => {
        arm(idleMs);
        tap?.push(c);
      });
      upRes.on('end', () => {
        if (timer) clearTimeout(timer);
      });
      upRes.on('error', () => fail('upstream_error'));
      upRes.pipe(res);
      res.on('finish', () => finish('ok'));
    });
    if (body) {
      for (const c of body.head) upReq.write(c);
      if (body.rest) {
        req.pipe(upReq);
        req.resume();
      } else upReq.end();
    } else req.pipe(upReq);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const endpoint = req.method === 'POST' ? endpointOf(req.url ?? '') : null;
    if (!guard || !endpoint) {
      forward(req, res, null, {}, endpoint, false, () => {});
      return;
    }
    const t0 = Date.now();
    const ts = isoTime(t0);
    const requestId = `gw-${randomUUID()}`;
    const got = await readBody(req, maxInspect);
    // (Most bodies arrive in one chunk: no copy then.)
    const whole = () => (got.chunks.length === 1 ? got.chunks[0]! : Buffer.concat(got.chunks, got.size)).toString('utf8');
    let parsed: unknown = undefined;
    if (got.complete) {
      try {
        parsed = JSON.parse(whole());
      } catch {
        parsed = undefined;
      }
    }
    const facts: RequestFacts = parsed === undefined ? { ...EMPTY_FACTS, endpoint } : requestFacts(endpoint, parsed);
    const ip = clientIp(req);
    const fp = opts.fingerprintHeader ? req.headers[opts.fingerprintHeader.toLowerCase()] : undefined;
    const ua = req.headers['user-agent'];
    const id = guard.who(req.headers);
    const who = {
      account_id: id.account_id,
      api_key_id: id.api_key_id,
      ip,
      user_agent: typeof ua === 'string' ? ua : null,
      client_fingerprint: typeof fp === 'string' ? fp : null,
    };
    let forwardBody: Buffer[] = got.chunks;
    const decision: Decision = await guard.judge(who, facts, 'proxy', requestId, (d) => {
      if (d.dry_run || !d.effects.degrade || d.effects.block || typeof parsed !== 'object' || parsed === null) return undefined;
      // The logged request is the one the client sent; the upstream gets a rewritten copy.
      const copy = JSON.parse(whole()) as Record<string, unknown>;
      const changed = degradeBody(endpoint, copy, d.effects.degrade);
      if (changed.length) forwardBody = [Buffer.from(JSON.stringify(copy))];
      return changed;
    });
    const log = (status: number, tapped: Tapped | null) => {
      if (!guard.opts.sink) return;
      guard.opts.sink.push(
        exchangeRecord(
          endpoint,
          parsed,
          tapped,
          {
            request_id: requestId,
            ts,
            account_id: who.account_id,
            api_key_id: who.api_key_id,
            ip,
            user_agent: who.user_agent,
            client_fingerprint: who.client_fingerprint,
            status,
            latency_ms: Date.now() - t0,
          },
          got.size,
        ),
      );
    };
    const live = !decision.dry_run;
    if (live && decision.effects.delayMs > 0) await sleep(decision.effects.delayMs);
    if (live && decision.effects.block) {
      if (!got.complete) req.resume(); // drain the unread rest of the body
      log(sendGeneric(res, endpoint), null);
      return;
    }
    const extra: OutgoingHttpHeaders = {};
    if (live && decision.effects.flag?.header) extra[decision.effects.flag.header.toLowerCase()] = '1';
    forward(req, res, { head: forwardBody, rest: !got.complete }, extra, endpoint, facts.stream, (status, tapped, outcome) => {
      if (outcome === 'timeout') guard.stats.upstream_timeouts++;
      else if (outcome === 'upstream_error') guard.stats.upstream_errors++;
      else if (outcome === 'client_abort') guard.stats.client_aborts++;
      // A client that hung up before the answer still sent the request: it is logged, as status 499 (nginx's).
      log(outcome === 'client_abort' && status === 0 ? 499 : status, tapped);
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendGeneric(res, endpointOf(req.url ?? ''));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('close', () => agent.destroy());
  return server;
}
