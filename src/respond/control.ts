import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { degradeBody, genericError } from './actions.js';
import { quotaWindows, type Decision } from './decide.js';
import { EMPTY_FACTS, endpointOf, requestFacts, type Endpoint, type RequestFacts } from './facts.js';
import type { Guard } from './guard.js';
import { normaliseIp } from './ip.js';

/**
 * The guard's control listener (loopback by default, apart from the proxy's, so the proxied API shows no extra
 * paths): the hooks other gateways call, on the same decision core as the proxy, and the admin API.
 *
 * - `POST /v1/decide`: `{account_id?, api_key?, api_key_id?, ip?, path?|endpoint?, request?}` -> the decision,
 *   and the rewritten request when the decision degrades it.
 * - `/ext_authz/...`: Envoy's HTTP external-authorization service. Envoy sends the client's method, path (after
 *   its path_prefix) and headers (and the body with `with_request_body`); 200 = allow, with headers for the
 *   upstream request (`x-distillwatch-*`, to list in `allowed_upstream_headers`); anything else = deny, and
 *   Envoy passes our status and body to the client: the generic error.
 * - `POST /beta/litellm_basic_guardrail_api`: LiteLLM's generic guardrail API (pre_call): `{texts,
 *   request_data: {user_api_key_hash, user_api_key_user_id, ...}, input_type}` -> `{action: NONE|BLOCKED,
 *   blocked_reason}`. LiteLLM's contract can change texts only, so a degrade cannot be carried out through it.
 * - `/admin/...` behind `Authorization: Bearer <token>`: verdicts, counters, flags, stats, audit tail, reload.
 */

const MAX_BODY = 16 * 2 ** 20;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new HttpError(413, 'body too large');
    chunks.push(c as Buffer);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The decision as the hooks return it. */
function view(d: Decision) {
  return {
    action: d.action,
    actions: d.actions,
    rule: d.rule,
    reasons: d.reasons,
    evidence: d.evidence,
    account_id: d.account_id,
    campaign: d.campaign,
    tier: d.tier,
    risk: d.risk,
    delay_ms: d.effects.delayMs,
    degrade: d.effects.degrade,
    flag: d.effects.flag !== null,
    block: d.effects.block,
    dry_run: d.dry_run,
  };
}

export interface ControlOptions {
  adminToken: string;
  clientIpHeader?: string;
}

export function createControl(guard: Guard, opts: ControlOptions): Server {
  const token = Buffer.from(`Bearer ${opts.adminToken}`);
  const authorised = (req: IncomingMessage) => {
    const got = Buffer.from(String(req.headers.authorization ?? ''));
    return got.length === token.length && timingSafeEqual(got, token);
  };
  const ipFrom = (headers: IncomingHttpHeaders, fallback: string | undefined): string | null => {
    for (const name of [opts.clientIpHeader, 'x-envoy-external-address', 'x-forwarded-for']) {
      if (!name) continue;
      const v = headers[name.toLowerCase()];
      const first = (Array.isArray(v) ? v[0] : v)?.split(',')[0]?.trim();
      if (first) return normaliseIp(first);
    }
    return fallback ? normaliseIp(fallback) : null;
  };

  /** POST /v1/decide */
  async function decideApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (!isObj(body)) throw new HttpError(400, 'expected a JSON object');
    const endpoint: Endpoint | null =
      (['chat.completions', 'responses', 'messages'] as const).find((e) => e === body.endpoint) ?? endpointOf(str(body.path) ?? '');
    const request = isObj(body.request) ? body.request : undefined;
    const facts: RequestFacts = request ? requestFacts(endpoint, request) : { ...EMPTY_FACTS, endpoint };
    const apiKey = str(body.api_key);
    const headers: IncomingHttpHeaders = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
    const who = {
      ...guard.who(headers, { account_id: str(body.account_id), api_key_id: str(body.api_key_id) }),
      ip: str(body.ip),
      user_agent: str(body.user_agent),
      client_fingerprint: str(body.client_fingerprint),
    };
    let rewritten: Obj | undefined;
    const d = await guard.judge(who, facts, 'decide', str(body.request_id) ?? randomUUID(), (dec) => {
      if (!request || !endpoint || !dec.effects.degrade || dec.dry_run) return undefined;
      rewritten = structuredClone(request);
      return degradeBody(endpoint, rewritten, dec.effects.degrade);
    });
    json(res, 200, { ...view(d), ...(rewritten ? { request: rewritten } : {}) });
  }

  /** Envoy ext_authz, HTTP service mode. */
  async function extAuthz(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const endpoint = req.method === 'POST' ? endpointOf(path) : null;
    let facts: RequestFacts = { ...EMPTY_FACTS, endpoint };
    if (endpoint) {
      try {
        const body = await readJson(req);
        if (body !== undefined) facts = requestFacts(endpoint, body);
      } catch {
        // A partial body (Envoy's max_request_bytes) is not JSON: the verdict alone decides.
      }
    } else req.resume();
    // (Envoy forwards the original request's headers: its User-Agent is the client's.)
    const ua = req.headers['user-agent'];
    const who = { ...guard.who(req.headers), ip: ipFrom(req.headers, req.socket.remoteAddress), user_agent: typeof ua === 'string' ? ua : null };
    const requestId = typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : randomUUID();
    const d = await guard.judge(who, facts, 'ext_authz', requestId);
    if (!d.dry_run && d.effects.delayMs > 0) await sleep(d.effects.delayMs);
    if (!d.dry_run && d.effects.block) {
      const g = genericError(guard.policy.block, endpoint);
      res.writeHead(g.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(g.body) });
      res.end(g.body);
      return;
    }
    // Headers for the upstream request only (Envoy's allowed_upstream_headers); the client never sees them.
    const h: Record<string, string> = { 'x-distillwatch-account': d.account_id };
    if (!d.dry_run && d.action !== 'allow') h['x-distillwatch-action'] = d.action;
    if (!d.dry_run && d.effects.degrade) {
      const g = d.effects.degrade;
      h['x-distillwatch-degrade'] = [
        g.max_tokens !== undefined ? `max_tokens=${g.max_tokens}` : '',
        g.drop_reasoning ? 'drop_reasoning' : '',
        g.drop_logprobs ? 'drop_logprobs' : '',
        g.drop_logit_bias ? 'drop_logit_bias' : '',
      ].filter(Boolean).join(';');
    }
    if (!d.dry_run && d.effects.flag?.header) h[d.effects.flag.header.toLowerCase()] = '1';
    res.writeHead(200, h);
    res.end();
  }

  /** LiteLLM generic guardrail API. */
  async function litellm(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (!isObj(body)) throw new HttpError(400, 'expected a JSON object');
    // Answers are not judged: the decision is made on the request (pre_call).
    if (body.input_type === 'response') return json(res, 200, { action: 'NONE' });
    const rd = isObj(body.request_data) ? body.request_data : {};
    const texts = Array.isArray(body.texts) ? body.texts.filter((t): t is string => typeof t === 'string') : [];
    const tools = Array.isArray(body.tools) ? body.tools.filter(isObj) : [];
    const facts: RequestFacts = {
      ...EMPTY_FACTS,
      inspected: true,
      prompt: texts.join('\n') || null,
      tool_names: tools.map((t) => str(isObj(t.function) ? t.function.name : t.name)).filter((n): n is string => n !== null),
    };
    const account = str(rd.user_api_key_user_id) ?? str(rd.user_api_key_team_id) ?? str(rd.user_api_key_org_id);
    const keyHash = str(rd.user_api_key_hash);
    const who = { ...guard.who(req.headers, { account_id: account, api_key_id: keyHash }), ip: ipFrom(req.headers, undefined) };
    const d = await guard.judge(who, facts, 'litellm', str(body.litellm_call_id) ?? randomUUID());
    if (!d.dry_run && d.effects.delayMs > 0) await sleep(d.effects.delayMs);
    // The reason shown is as generic as the proxy's error: nothing says which rule or evidence tripped.
    if (!d.dry_run && d.effects.block) return json(res, 200, { action: 'BLOCKED', blocked_reason: 'The server had an error while processing your request.' });
    json(res, 200, { action: 'NONE' });
  }

  async function admin(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (!authorised(req)) throw new HttpError(401, 'unauthorised');
    const route = url.pathname.slice('/admin'.length);
    const snap = guard.opts.verdicts.snapshot;
    if (req.method === 'GET' && route === '/verdicts') {
      const account = url.searchParams.get('account');
      if (account) {
        const v = snap?.verdicts.get(account) ?? null;
        return json(res, 200, { account_id: account, verdict: v, judged: snap?.judged.has(account) ?? false, linked: v?.campaign ? (snap?.campaigns.get(v.campaign) ?? []) : [] });
      }
      return json(res, 200, {
        source: snap?.source ?? null,
        version: snap?.version ?? null,
        loaded_at: snap?.loadedAt ?? null,
        last_error: guard.opts.verdicts.lastError,
        accounts_judged: snap?.judged.size ?? 0,
        accounts_with_verdict: snap?.verdicts.size ?? 0,
        campaigns: Object.fromEntries([...(snap?.campaigns ?? new Map<string, string[]>())].map(([k, a]) => [k, a.length])),
      });
    }
    if (req.method === 'GET' && route === '/counters') {
      const account = url.searchParams.get('account');
      if (!account) throw new HttpError(400, 'give ?account=ID');
      const campaign = snap?.verdicts.get(account)?.campaign ?? null;
      const out = [];
      for (const rule of guard.policy.rules) {
        for (const w of quotaWindows(rule, account, campaign)) {
          try {
            out.push({ rule: rule.name, key: w.key, limit: w.limit, window_ms: w.windowMs, count: await guard.opts.counters.peek(w) });
          } catch (e) {
            out.push({ rule: rule.name, key: w.key, limit: w.limit, window_ms: w.windowMs, error: (e as Error).message });
          }
        }
      }
      return json(res, 200, { account_id: account, campaign, backend: guard.opts.counters.kind, ...(guard.opts.counters.syncMs !== undefined ? { sync_ms: guard.opts.counters.syncMs } : {}), windows: out });
    }
    if (req.method === 'GET' && route === '/flags') return json(res, 200, Object.fromEntries(guard.flags));
    if (req.method === 'GET' && route === '/stats')
      return json(res, 200, { ...guard.stats, sink: guard.opts.sink?.stats() ?? null, audit: { written: guard.opts.audit.written, failed: guard.opts.audit.failed }, dry_run: guard.dryRun });
    if (req.method === 'GET' && route === '/audit') {
      const n = Math.min(10_000, Math.max(1, Number(url.searchParams.get('n') ?? 100) || 100));
      return json(res, 200, guard.opts.audit.tail(n));
    }
    if (req.method === 'POST' && route === '/reload') {
      let policy: { rules: number } | { error: string };
      try {
        policy = { rules: guard.reloadPolicy().rules.length };
      } catch (e) {
        policy = { error: (e as Error).message };
      }
      await guard.opts.verdicts.refresh();
      return json(res, 'error' in policy ? 422 : 200, { policy, verdicts: { version: guard.opts.verdicts.snapshot?.version ?? null, last_error: guard.opts.verdicts.lastError } });
    }
    throw new HttpError(404, 'no such admin route');
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://control');
    const run = async () => {
      if (url.pathname === '/v1/decide' && req.method === 'POST') return decideApi(req, res);
      if (url.pathname === '/ext_authz' || url.pathname.startsWith('/ext_authz/')) return extAuthz(req, res, (req.url ?? '').slice('/ext_authz'.length) || '/');
      if (url.pathname === '/beta/litellm_basic_guardrail_api' && req.method === 'POST') return litellm(req, res);
      if (url.pathname === '/admin' || url.pathname.startsWith('/admin/')) return admin(req, res, url);
      if (url.pathname === '/healthz') return json(res, 200, { ok: true, verdicts: guard.opts.verdicts.available });
      throw new HttpError(404, 'not found');
    };
    run().catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (!res.headersSent) json(res, status, { error: e instanceof Error ? e.message : String(e) });
      else res.destroy();
    });
  });
  return server;
}
