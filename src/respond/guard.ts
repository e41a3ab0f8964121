import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AuditLog, type AuditLine } from './audit.js';
import type { Counters } from './counters.js';
import { compile, decide, type Compiled, type Decision, type Who } from './decide.js';
import { sha256, type RequestFacts } from './facts.js';
import type { HostingRanges } from './ip.js';
import { loadPolicy, type Policy } from './policy.js';
import type { ExchangeSink } from './sink.js';
import type { VerdictStore } from './verdicts.js';

/**
 * The guard's state shared by the proxy and the hooks: the compiled policy, the verdicts, the counters, the
 * audit log and the exchange sink. `judge` is the one place a request is decided and its action recorded.
 *
 * Accounts. A request's account is, in order: the header the operator's auth layer sets (`--account-header`),
 * else the account the API key was seen with in the warehouse's exchanges, else `key:<api key id>` (an account
 * of its own, so its quotas still hold). The API key id is `key_` + the first 24 hex digits of the SHA-256 of
 * the secret: the guard logs it as `api_key_id`, so later requests with that key map to the account the logs
 * tie it to. The secret itself is never stored or logged.
 */

export const apiKeyId = (secret: string) => `key_${sha256(secret).slice(0, 24)}`;

/** The API key a request carries: `Authorization: Bearer ...` (OpenAI) or `x-api-key` (Anthropic). */
export function apiKeyOf(headers: IncomingHttpHeaders): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^bearer\s+/i.test(auth)) return auth.replace(/^bearer\s+/i, '').trim() || null;
  const k = headers['x-api-key'];
  return typeof k === 'string' && k ? k : null;
}

export interface GuardOptions {
  policy: Policy;
  /** Reloaded by the admin API's reload, when the policy came from a file. */
  policyFile?: string;
  hosting: HostingRanges;
  verdicts: VerdictStore;
  counters: Counters;
  audit: AuditLog;
  sink: ExchangeSink | null;
  accountHeader?: string;
  dryRun?: boolean;
}

export interface Stats {
  requests: number;
  by_action: Record<string, number>;
  counter_faults: number;
  upstream_errors: number;
  upstream_timeouts: number;
  client_aborts: number;
}

export class Guard {
  compiled: Compiled;
  readonly flags = new Map<string, { at: string; rule: string | null; reasons: string[] }>();
  readonly stats: Stats = { requests: 0, by_action: {}, counter_faults: 0, upstream_errors: 0, upstream_timeouts: 0, client_aborts: 0 };
  private readonly keyCache = new Map<string, string>();

  constructor(readonly opts: GuardOptions) {
    this.compiled = compile(opts.policy, opts.hosting);
  }

  get policy(): Policy {
    return this.compiled.policy;
  }

  get dryRun(): boolean {
    return this.opts.dryRun === true || this.policy.dry_run;
  }

  /** Re-reads the policy file; a bad file leaves the running policy in place and throws its errors. */
  reloadPolicy(): Policy {
    if (!this.opts.policyFile) return this.policy;
    const p = loadPolicy(this.opts.policyFile);
    this.compiled = compile(p, this.opts.hosting);
    return p;
  }

  /** The key id of a secret, cached (a bounded map: hashing is cheap but not free at 10k req/s). */
  keyId(secret: string): string {
    let id = this.keyCache.get(secret);
    if (id === undefined) {
      if (this.keyCache.size >= 100_000) this.keyCache.clear();
      id = apiKeyId(secret);
      this.keyCache.set(secret, id);
    }
    return id;
  }

  /** The account and key id of a request, by the rules in the header comment. */
  who(headers: IncomingHttpHeaders, overrides: { account_id?: string | null; api_key_id?: string | null } = {}): { account_id: string; api_key_id: string | null } {
    const secret = apiKeyOf(headers);
    const api_key_id = overrides.api_key_id ?? (secret ? this.keyId(secret) : null);
    const h = this.opts.accountHeader ? headers[this.opts.accountHeader.toLowerCase()] : undefined;
    const fromHeader = typeof h === 'string' && h ? h : null;
    const fromKeys = api_key_id ? (this.opts.verdicts.snapshot?.keys.get(api_key_id) ?? null) : null;
    const account_id = overrides.account_id || fromHeader || fromKeys || (api_key_id ? `key:${api_key_id}` : 'anonymous');
    return { account_id, api_key_id };
  }

  /** Decides a request and records the action (audit line, step-up flag, stats). */
  async judge(
    who: Who,
    facts: RequestFacts,
    source: AuditLine['source'],
    requestId: string = randomUUID(),
    /** Applies the decision to the request (a degrade's rewrite) and says what changed, for the audit line. */
    apply?: (d: Decision) => string[] | undefined,
  ): Promise<Decision> {
    const d = await decide(this.compiled, who, facts, this.opts.verdicts.snapshot, this.opts.counters, {
      dryRun: this.dryRun,
      verdictsAvailable: this.opts.verdicts.available,
    });
    this.stats.requests++;
    this.stats.by_action[d.action] = (this.stats.by_action[d.action] ?? 0) + 1;
    if (d.reasons.includes('counters_unavailable')) this.stats.counter_faults++;
    if (d.effects.flag && !this.flags.has(who.account_id)) {
      if (this.flags.size >= 100_000) this.flags.delete(this.flags.keys().next().value!);
      this.flags.set(who.account_id, { at: new Date().toISOString(), rule: d.rule, reasons: d.reasons });
    }
    const changed = apply?.(d);
    if (d.effects.log) this.record(d, who, facts, source, requestId, changed);
    return d;
  }

  record(
    d: Decision,
    who: { account_id: string; api_key_id: string | null; ip: string | null },
    facts: RequestFacts,
    source: AuditLine['source'],
    requestId: string,
    changed?: string[],
  ): void {
    this.opts.audit.write({
      ts: new Date().toISOString(),
      request_id: requestId,
      source,
      account_id: who.account_id,
      api_key_id: who.api_key_id,
      ip: who.ip,
      endpoint: facts.endpoint,
      model: facts.model,
      action: d.action,
      actions: d.actions,
      rule: d.rule,
      reasons: d.reasons,
      evidence: d.evidence,
      campaign: d.campaign,
      tier: d.tier,
      risk: d.risk,
      dry_run: d.dry_run,
      ...(changed?.length ? { changed } : {}),
    });
  }
}
