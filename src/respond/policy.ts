import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { TIERS } from '../eval/contracts.js';
import { PROBE_BIAS_ENTRIES } from '../hunt/signals/logit-sweep.js';
import { parseCidr } from './ip.js';

/**
 * The guard's policy: what to do with a request, given the account's latest verdict, what the request itself
 * shows, and the sliding-window counters. A file (YAML or JSON) validated here; every error names the path of
 * the bad field. Rules are tried in order and the first that matches decides; `default` applies otherwise.
 */

/** `250ms`, `30s`, `15m`, `1h`, `1d`, or a number of milliseconds. */
const duration = z.union([z.number().int().nonnegative(), z.string()]).transform((v, ctx) => {
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(v.trim());
  if (!m) {
    ctx.addIssue({ code: 'custom', message: `expected a duration such as 500ms, 30s, 15m, 1h or 1d, got "${v}"` });
    return z.NEVER;
  }
  return Math.round(Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'ms' | 's' | 'm' | 'h' | 'd']);
});

const cidr = z.string().superRefine((v, ctx) => {
  if (!parseCidr(v)) ctx.addIssue({ code: 'custom', message: `not an IPv4/IPv6 address or CIDR range: "${v}"` });
});

/** Request-level evidence the guard can see in one request, with no history. */
/**
 * `peer_indicator`: the client's network, user agent or TLS fingerprint is in a peer's imported indicators
 * (`distillwatch share import`); the peers' keyed text indicators are matched by the hunt, whose verdict then
 * carries `peer:<producer>` among its reasons (`reasons_any`).
 */
export const EVIDENCE = ['logit_bias_probe', 'logprob_probe', 'cot_elicitation', 'hosting_ip', 'campaign_fingerprint', 'unknown_account', 'peer_indicator'] as const;
export type Evidence = (typeof EVIDENCE)[number];

/** One thing to do to a request. Several may be combined in a rule (e.g. delay and degrade). */
const actionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('allow') }).strict(),
  /** Only write the audit line. */
  z.object({ type: z.literal('log') }).strict(),
  /** Hold the request before forwarding it: `ms` plus a uniform jitter in [0, jitter_ms). */
  z.object({ type: z.literal('delay'), ms: duration, jitter: duration.default(0) }).strict(),
  /**
   * Flag the account for step-up verification: recorded (admin API, audit log) and, when `header` is set, a
   * header added to the request sent upstream (never to the client) so the provider's own stack can act.
   */
  z.object({ type: z.literal('flag'), header: z.string().min(1).optional() }).strict(),
  /** Rewrite the request before it goes upstream: the answer is worth less to a harvester. */
  z
    .object({
      type: z.literal('degrade'),
      max_tokens: z.number().int().positive().optional(),
      drop_reasoning: z.boolean().default(false),
      drop_logprobs: z.boolean().default(false),
      drop_logit_bias: z.boolean().default(false),
    })
    .strict(),
  /** Answer with the upstream's own generic failure; nothing in it says why. */
  z.object({ type: z.literal('block') }).strict(),
]);
export type Action = z.infer<typeof actionSchema>;

/** One item or a list of them (a single item is read as a list of one, so errors still name its field). */
const oneOrMany = (v: unknown) => (v === undefined || Array.isArray(v) ? v : [v]);
const actions = z.preprocess(oneOrMany, z.array(actionSchema).min(1));

const quotaSchema = z
  .object({
    /** `campaign`: every account of the campaign shares one budget (an account in no campaign uses its own). */
    scope: z.enum(['account', 'campaign']),
    limit: z.number().int().positive(),
    window: duration.refine((v) => v >= 1000, 'a window of at least 1s'),
    /** What happens to a request over the quota. */
    then: actions,
  })
  .strict();
export type Quota = z.infer<typeof quotaSchema>;

const tierOrNone = z.enum([...TIERS, 'none']);

const whenSchema = z
  .object({
    /** The account's tier from the latest hunt; `none` = judged but in no tier, or never judged. */
    tier: z.array(tierOrNone).min(1).optional(),
    risk_min: z.number().min(0).max(1).optional(),
    risk_max: z.number().min(0).max(1).optional(),
    /** Any of these reason codes in the account's verdict. */
    reasons_any: z.array(z.string().min(1)).min(1).optional(),
    /** Any of these seen in this request. */
    evidence_any: z.array(z.enum(EVIDENCE)).min(1).optional(),
    /** All of these seen in this request. */
    evidence_all: z.array(z.enum(EVIDENCE)).min(1).optional(),
    /** These campaigns only (keys from the warehouse, or campaign ids of a findings directory). */
    campaigns: z.array(z.string().min(1)).min(1).optional(),
    /** Only on these API surfaces. */
    endpoints: z.array(z.enum(['chat.completions', 'responses', 'messages'])).min(1).optional(),
  })
  .strict();
export type When = z.infer<typeof whenSchema>;

const ruleSchema = z
  .object({
    name: z.string().min(1),
    when: whenSchema.default({}),
    /** What to do to every matching request (within the quota, when there is one). */
    do: actions.default([{ type: 'log' }]),
    quota: z.preprocess(oneOrMany, z.array(quotaSchema).min(1)).optional(),
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;

const failMode = z.enum(['open', 'closed']);

/**
 * The default lag of the Redis counters: 50 ms. Redis then sees each replica's active keys 20 times a second
 * instead of once per metered request (the round trip, the client's encoding and Redis's own work were 15-20 µs
 * of the guard's per-request cost, and part of its added p99), while the overshoot stays a twentieth of a second
 * of a campaign's traffic per other replica (about 10 requests for a campaign sending 200 req/s; 40 at worst):
 * small against any quota worth setting, which counts hundreds of requests an hour or more.
 */
export const DEFAULT_SYNC_MS = 50;

export const policySchema = z
  .object({
    version: z.literal(1),
    /** Decide and log, change nothing (for rollout). The CLI's --dry-run also sets it. */
    dry_run: z.boolean().default(false),
    allow: z
      .object({
        accounts: z.array(z.string().min(1)).default([]),
        api_keys: z.array(z.string().min(1)).default([]),
        campaigns: z.array(z.string().min(1)).default([]),
        ips: z.array(cidr).default([]),
      })
      .strict()
      .default({ accounts: [], api_keys: [], campaigns: [], ips: [] }),
    evidence: z
      .object({
        /** A logit-bias map at least this large on a request capped at a few tokens is a probe (the hunt's floor). */
        logit_bias_entries: z.number().int().positive().default(PROBE_BIAS_ENTRIES),
        /** Extra SHA-256 hashes (hex) of prompts or system prompts known from earlier campaigns. */
        fingerprints: z.array(z.string().regex(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256')).default([]),
      })
      .strict()
      .default({ logit_bias_entries: PROBE_BIAS_ENTRIES, fingerprints: [] }),
    rules: z.array(ruleSchema).default([]),
    default: actions.default([{ type: 'allow' }]),
    /**
     * A blocked request is answered exactly as the upstream answers a generic failure of its own. The defaults
     * are the public APIs' generic server errors; set them to what your upstream really sends.
     */
    block: z
      .object({
        openai: z.object({ status: z.number().int().min(400).max(599), body: z.string() }).strict().optional(),
        anthropic: z.object({ status: z.number().int().min(400).max(599), body: z.string() }).strict().optional(),
      })
      .strict()
      .default({}),
    /** The quota counters in Redis (`--redis`; the in-process counters are exact and ignore this). */
    counters: z
      .object({
        /**
         * How often each replica syncs its counts with Redis. Between syncs a replica decides alone, from the counts
         * it last learned plus its own admissions since, so a metered request costs no round trip to Redis. The
         * price is a bounded overshoot: with R replicas, a quota's count can pass its limit by what the other
         * replicas admit in about one interval (four at worst: docs/guard.md, "Redis"), and never by more than
         * (R - 1) x the limit. `0`: every metered request is taken in Redis, exactly, one round trip each.
         * Read at start (a reload keeps the running setting).
         */
        sync_every: duration.refine((v) => v <= 10_000, 'at most 10s (a longer lag leaves quotas too far behind)').default(DEFAULT_SYNC_MS),
      })
      .strict()
      .default({ sync_every: DEFAULT_SYNC_MS }),
    faults: z
      .object({
        /** Redis down or slower than `counter_timeout`: `open` lets the request through unmetered, `closed` blocks it. */
        counters: failMode.default('open'),
        counter_timeout: duration.default(50),
        /** No verdicts could ever be loaded (warehouse and findings unavailable). */
        verdicts: failMode.default('open'),
        /** Upstream: no response headers within this, or silent this long mid-stream. */
        upstream_first_byte_timeout: duration.default(120_000),
        upstream_idle_timeout: duration.default(120_000),
      })
      .strict()
      .default({ counters: 'open', counter_timeout: 50, verdicts: 'open', upstream_first_byte_timeout: 120_000, upstream_idle_timeout: 120_000 }),
  })
  .strict();

export type Policy = z.infer<typeof policySchema>;

export class PolicyError extends Error {}

function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s || '(top level)';
}

/** Validates a parsed policy; errors name the file and the path of each bad field. */
export function validatePolicy(doc: unknown, file = 'policy'): Policy {
  const r = policySchema.safeParse(doc);
  if (!r.success) {
    const lines = r.error.issues.slice(0, 12).map((i) => `${file}: ${pathText(i.path)}: ${i.message}`);
    if (r.error.issues.length > 12) lines.push(`${file}: ... and ${r.error.issues.length - 12} more problems`);
    throw new PolicyError(lines.join('\n'));
  }
  const names = new Set<string>();
  const sync = r.data.counters.sync_every;
  r.data.rules.forEach((rule, i) => {
    if (names.has(rule.name)) throw new PolicyError(`${file}: rules[${i}].name: "${rule.name}" is used by an earlier rule`);
    names.add(rule.name);
    // A window only a few syncs long would be enforced mostly from stale counts.
    (rule.quota ?? []).forEach((q, j) => {
      if (sync > 0 && q.window < 10 * sync)
        throw new PolicyError(`${file}: rules[${i}].quota[${j}].window: ${q.window}ms is shorter than 10 x counters.sync_every (${sync}ms); lengthen the window or sync more often`);
    });
  });
  return r.data;
}

/** Reads a policy file (YAML, or JSON, which is YAML too). */
export function loadPolicy(file: string): Policy {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new PolicyError(`${file}: cannot read: ${(e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    throw new PolicyError(`${file}: not valid YAML/JSON: ${(e as Error).message}`);
  }
  return validatePolicy(doc, file);
}

/** The policy when none is given: watch everything, change nothing. */
export const DEFAULT_POLICY: Policy = validatePolicy(
  { version: 1, rules: [{ name: 'log-flagged', when: { tier: ['campaign', 'account'] }, do: { type: 'log' } }] },
  'built-in policy',
);
