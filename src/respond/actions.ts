import type { Degrade } from './decide.js';
import type { Endpoint } from './facts.js';
import type { Policy } from './policy.js';

/**
 * What the actions do to a request, kept apart from the proxy so the hooks can describe the same rewrite.
 */

type Obj = Record<string, unknown>;

/**
 * Rewrites a request body in place so the answer is worth less to a harvester: a lower output cap, no
 * reasoning, no log-probabilities, no logit bias. Returns what it changed (for the audit line).
 */
export function degradeBody(endpoint: Endpoint, body: Obj, d: Degrade): string[] {
  const changed: string[] = [];
  const cap = (field: string, always: boolean) => {
    if (d.max_tokens === undefined) return;
    const cur = body[field];
    if (typeof cur === 'number' ? cur > d.max_tokens : always) {
      body[field] = d.max_tokens;
      changed.push(`${field}=${d.max_tokens}`);
    }
  };
  const drop = (field: string) => {
    if (field in body) {
      delete body[field];
      changed.push(`-${field}`);
    }
  };
  if (endpoint === 'messages') {
    cap('max_tokens', true);
    if (d.drop_reasoning) drop('thinking');
  } else if (endpoint === 'responses') {
    cap('max_output_tokens', true);
    if (d.drop_reasoning) drop('reasoning');
    if (d.drop_logprobs) {
      drop('top_logprobs');
      if (Array.isArray(body.include)) {
        const kept = body.include.filter((x) => !(typeof x === 'string' && x.includes('logprobs')));
        if (kept.length !== body.include.length) {
          body.include = kept;
          changed.push('-include.logprobs');
        }
      }
    }
    if (d.drop_logit_bias) drop('logit_bias');
  } else {
    // Chat completions: cap whichever limit the client set; if none, the newer field.
    const has = typeof body.max_tokens === 'number' || typeof body.max_completion_tokens === 'number';
    if (typeof body.max_tokens === 'number') cap('max_tokens', false);
    if (typeof body.max_completion_tokens === 'number' || !has) cap('max_completion_tokens', true);
    if (d.drop_reasoning) {
      drop('reasoning_effort');
      drop('reasoning');
    }
    if (d.drop_logprobs) {
      drop('logprobs');
      drop('top_logprobs');
    }
    if (d.drop_logit_bias) drop('logit_bias');
  }
  return changed;
}

/**
 * The generic failure a blocked request gets: by default the public APIs' own generic server error, byte for
 * byte, with only Content-Type set. Nothing in it names the guard, the rule, or the account.
 */
const GENERIC = {
  openai: {
    status: 500,
    body: JSON.stringify({
      error: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null },
    }),
  },
  anthropic: { status: 500, body: JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } }) },
};

export function genericError(block: Policy['block'] | undefined, endpoint: Endpoint | null): { status: number; body: string } {
  const flavour = endpoint === 'messages' ? 'anthropic' : 'openai';
  return block?.[flavour] ?? GENERIC[flavour];
}
