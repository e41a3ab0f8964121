import type { Endpoint } from './facts.js';
import type { SinkRecord } from './sink.js';
import type { Tapped } from './tap.js';

/**
 * One served exchange as a raw provider log record: `{request, response}` plus envelope fields named as in
 * the exchange schema. `ingest` recognises these (OpenAI chat.completions or Anthropic messages pairs) and maps
 * them onto the schema with its one mapping (src/ingest/shapes.ts), so the guard writes no second mapping.
 * A Responses API exchange is logged as the chat.completions pair it is equivalent to (with `endpoint:
 * responses`), since ingest knows that shape.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Envelope {
  request_id: string;
  ts: string;
  account_id: string;
  api_key_id: string | null;
  ip: string | null;
  user_agent: string | null;
  client_fingerprint: string | null;
  status: number;
  latency_ms: number;
}

/** A Responses API request in chat.completions terms: the fields ingest reads. */
function responsesAsChat(body: Obj): Obj {
  const messages: Obj[] = [];
  if (typeof body.instructions === 'string') messages.push({ role: 'system', content: body.instructions });
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) for (const m of body.input) if (isObj(m) && typeof m.role === 'string') messages.push({ role: m.role, content: m.content });
  const reasoning = isObj(body.reasoning) ? body.reasoning.effort : undefined;
  return {
    model: body.model,
    messages,
    ...(body.max_output_tokens !== undefined ? { max_completion_tokens: body.max_output_tokens } : {}),
    ...(body.top_logprobs !== undefined ? { top_logprobs: body.top_logprobs } : {}),
    ...(body.temperature !== undefined ? { temperature: body.temperature } : {}),
    ...(reasoning !== undefined ? { reasoning_effort: reasoning } : {}),
    ...(isObj(body.metadata) ? { metadata: body.metadata } : {}),
    tools: (Array.isArray(body.tools) ? body.tools : []).filter(isObj).map((t) => ({ type: 'function', function: { name: t.name ?? (isObj(t.function) ? t.function.name : t.type) } })),
  };
}

export function exchangeRecord(endpoint: Endpoint, body: unknown, t: Tapped | null, env: Envelope, bodyBytes: number): SinkRecord {
  const req = isObj(body) ? body : {};
  const failed = env.status >= 400 || t === null;
  const anthropic = endpoint === 'messages';
  let response: Obj;
  if (anthropic) {
    const usage = !failed && t?.usage ? t.usage : { input_tokens: 0, output_tokens: t?.deltas ?? 0 };
    response = {
      type: 'message',
      id: t?.id ?? null,
      model: t?.model ?? req.model ?? null,
      content: t?.text ? [{ type: 'text', text: t.text }] : [],
      usage,
    };
  } else {
    // An OpenAI stream without stream_options.include_usage carries no usage: the content events stand in for
    // the output tokens (about one token each) and the input is unknown (0). docs/guard.md says so.
    const usage = !failed && t?.usage ? t.usage : { prompt_tokens: 0, completion_tokens: failed ? 0 : (t?.deltas ?? 0) };
    response = {
      id: t?.id ?? null,
      model: t?.model ?? req.model ?? null,
      choices: [{ index: 0, message: { role: 'assistant', content: t?.text ?? null } }],
      usage,
    };
  }
  // Serialised now, while the request and answer are young: the queue then holds one flat string per exchange
  // for the garbage collector to move, not a tree of objects.
  const record = {
    request_id: env.request_id,
    ts: env.ts,
    account_id: env.account_id,
    api_key_id: env.api_key_id,
    ip: env.ip,
    user_agent: env.user_agent,
    client_fingerprint: env.client_fingerprint,
    status: env.status,
    latency_ms: env.latency_ms,
    endpoint,
    request: endpoint === 'responses' ? responsesAsChat(req) : req,
    response,
  };
  return { shape: anthropic ? 'anthropic' : 'openai', line: JSON.stringify(record), bytes: bodyBytes + (t?.text?.length ?? 0) + 512 };
}
