import { createHash } from 'node:crypto';
import { COT_PHRASES, MIN_SYSTEM_KEY_CHARS } from '../hunt/text.js';

/**
 * What one request shows, read from its JSON body with no history: the same fields the exchange schema keeps
 * (src/ingest/shapes.ts maps the logged pair the same way at ingest), so a rule on "max_tokens" here and a
 * signal on `max_tokens` in the hunt mean one thing.
 */

export type Endpoint = 'chat.completions' | 'responses' | 'messages';

/** Which API surface a path is, or null for one the guard passes through without judging. */
export function endpointOf(path: string): Endpoint | null {
  const p = path.split('?')[0] ?? '';
  if (p.endsWith('/chat/completions')) return 'chat.completions';
  if (p.endsWith('/responses')) return 'responses';
  if (p.endsWith('/messages')) return 'messages';
  return null;
}

export interface RequestFacts {
  endpoint: Endpoint | null;
  model: string | null;
  stream: boolean;
  max_tokens: number | null;
  top_logprobs: number | null;
  logit_bias_size: number;
  reasoning: boolean;
  prompt: string | null;
  system: string | null;
  tool_names: string[];
  /** False when the body was not parsed (too large, not JSON): only the account's verdict decides. */
  inspected: boolean;
}

export const EMPTY_FACTS: RequestFacts = {
  endpoint: null, model: null, stream: false, max_tokens: null, top_logprobs: null, logit_bias_size: 0,
  reasoning: false, prompt: null, system: null, tool_names: [], inspected: false,
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Text of a message's content: a string, or the text parts of a list of blocks (as shapes.ts reads it). */
function contentText(content: unknown): string | null {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return null;
  const parts = content.filter((p): p is Obj => isObj(p) && (p.type === 'text' || p.type === 'input_text') && typeof p.text === 'string');
  return parts.length ? parts.map((p) => p.text as string).join('\n') : null;
}

export function requestFacts(endpoint: Endpoint | null, body: unknown): RequestFacts {
  if (!isObj(body)) return { ...EMPTY_FACTS, endpoint };
  const f: RequestFacts = { ...EMPTY_FACTS, endpoint, inspected: true };
  f.model = str(body.model);
  f.stream = body.stream === true;
  f.logit_bias_size = isObj(body.logit_bias) ? Object.keys(body.logit_bias).length : 0;
  const tools = Array.isArray(body.tools) ? body.tools.filter(isObj) : [];
  f.tool_names = tools.map((t) => str(isObj(t.function) ? t.function.name : t.name)).filter((n): n is string => n !== null);
  if (endpoint === 'messages') {
    f.max_tokens = num(body.max_tokens);
    f.reasoning = isObj(body.thinking) && body.thinking.type === 'enabled';
    f.system = typeof body.system === 'string' ? body.system : contentText(body.system);
    const msgs = Array.isArray(body.messages) ? body.messages.filter(isObj) : [];
    // Turns that only carry tool results are the agent loop, not the user speaking.
    const users = msgs.filter((m) => m.role === 'user' && contentText(m.content) !== null);
    f.prompt = users.length ? contentText(users[users.length - 1]!.content) : null;
  } else if (endpoint === 'responses') {
    f.max_tokens = num(body.max_output_tokens);
    f.top_logprobs = num(body.top_logprobs);
    f.reasoning = isObj(body.reasoning) && typeof body.reasoning.effort === 'string';
    f.system = str(body.instructions);
    if (typeof body.input === 'string') f.prompt = body.input;
    else if (Array.isArray(body.input)) {
      const users = body.input.filter((m): m is Obj => isObj(m) && m.role === 'user');
      f.prompt = users.length ? contentText(users[users.length - 1]!.content) : null;
      const sys = body.input.filter((m): m is Obj => isObj(m) && (m.role === 'system' || m.role === 'developer'));
      if (sys.length) f.system = [f.system, ...sys.map((m) => contentText(m.content))].filter(Boolean).join('\n') || null;
    }
  } else {
    f.max_tokens = num(body.max_completion_tokens) ?? num(body.max_tokens);
    f.top_logprobs = num(body.top_logprobs) ?? (body.logprobs === true ? 0 : null);
    f.reasoning = typeof body.reasoning_effort === 'string' || (isObj(body.reasoning) && typeof body.reasoning.effort === 'string');
    const msgs = Array.isArray(body.messages) ? body.messages.filter(isObj) : [];
    const users = msgs.filter((m) => m.role === 'user');
    f.prompt = users.length ? contentText(users[users.length - 1]!.content) : null;
    const sys = msgs.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => contentText(m.content));
    f.system = sys.filter(Boolean).join('\n') || null;
  }
  return f;
}

/** How much of a prompt the phrase test reads: the head, where instructions sit (keeps a 1 MB prompt cheap). */
const PHRASE_SCAN_CHARS = 64 * 1024;
const COT = COT_PHRASES.map((p) => p.toLowerCase());
/** Any of the phrases, as one pattern of escaped literals: one scan of the text instead of one per phrase. */
const COT_ANY = new RegExp(COT.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));

/** Does the prompt or system prompt ask the model to write out its reasoning (the hunt's `cot_elicitation` phrases)? */
export function elicitsReasoning(f: RequestFacts): boolean {
  return mentionsCot(f.prompt) || mentionsCot(f.system);
}

function mentionsCot(t: string | null): boolean {
  if (!t) return false;
  const text = (t.length > PHRASE_SCAN_CHARS ? t.slice(0, PHRASE_SCAN_CHARS) : t).toLowerCase();
  return COT_ANY.test(text);
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The hashes a request can match a known campaign fingerprint by: its prompt, and a system prompt long enough to identify an application. */
export function fingerprintsOf(f: RequestFacts): string[] {
  const out: string[] = [];
  if (f.prompt) out.push(sha256(f.prompt));
  if (f.system && f.system.length >= MIN_SYSTEM_KEY_CHARS) out.push(sha256(f.system));
  return out;
}
