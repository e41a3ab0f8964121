import { LOGPROB_PROBE_MAX_TOKENS, LOGPROB_PROBE_TOP, TINY_PROMPT_CHARS } from '../hunt/signals/logprob-sweep.js';
import { PROBE_MAX_TOKENS } from '../hunt/signals/logit-sweep.js';
import type { Counters, Window } from './counters.js';
import { elicitsReasoning, fingerprintsOf, type RequestFacts } from './facts.js';
import { inCidrs, parseCidr, type Cidr, type HostingRanges } from './ip.js';
import type { Action, Evidence, Policy, Rule, When } from './policy.js';
import { peersMatching, type Snapshot, type Verdict } from './verdicts.js';

/**
 * The one decision core behind the proxy and every hook: request facts + the account's verdict + the
 * counters -> what to do, and why. Everything but the counters is pure; the proxy, /v1/decide, ext_authz and
 * the LiteLLM guardrail all call this and differ only in how they carry the result out.
 */

export type ActionName = 'allow' | 'log' | 'flag' | 'delay' | 'degrade' | 'block';

export interface Degrade {
  max_tokens?: number;
  drop_reasoning: boolean;
  drop_logprobs: boolean;
  drop_logit_bias: boolean;
}

export interface Effects {
  /** Write the audit line (every action but a plain allow). */
  log: boolean;
  delayMs: number;
  /** Step-up flag, with the header to add upstream if the policy names one. */
  flag: { header?: string } | null;
  degrade: Degrade | null;
  block: boolean;
}

export interface Decision {
  /** The strongest effect, for logs and metrics. */
  action: ActionName;
  /** Every action applied, in policy order. */
  actions: ActionName[];
  rule: string | null;
  reasons: string[];
  evidence: Evidence[];
  account_id: string;
  campaign: string | null;
  tier: Verdict['tier'];
  risk: number | null;
  effects: Effects;
  /** Decided and logged only: the request was not changed. */
  dry_run: boolean;
}

export interface Who {
  account_id: string;
  api_key_id: string | null;
  ip: string | null;
  /** The request's User-Agent and the TLS fingerprint the operator's edge supplies, where known. */
  user_agent?: string | null;
  client_fingerprint?: string | null;
}

/** A policy made ready for per-request use (sets and ranges built once). */
export interface Compiled {
  policy: Policy;
  allowAccounts: Set<string>;
  allowKeys: Set<string>;
  allowCampaigns: Set<string>;
  allowIps: Cidr[];
  fingerprints: Set<string>;
  hosting: HostingRanges;
}

export function compile(policy: Policy, hosting: HostingRanges): Compiled {
  return {
    policy,
    allowAccounts: new Set(policy.allow.accounts),
    allowKeys: new Set(policy.allow.api_keys),
    allowCampaigns: new Set(policy.allow.campaigns),
    allowIps: policy.allow.ips.map((c) => parseCidr(c)!),
    fingerprints: new Set(policy.evidence.fingerprints),
    hosting,
  };
}

/** Request-level evidence, by the hunt's own floors (logit-sweep.ts, logprob-sweep.ts, text.ts, ipinfo.ts). */
export function evidenceOf(c: Compiled, who: Who, f: RequestFacts, snap: Snapshot | null): Evidence[] {
  const out: Evidence[] = [];
  const capped = (n: number) => f.max_tokens !== null && f.max_tokens >= 1 && f.max_tokens <= n;
  if (f.logit_bias_size >= c.policy.evidence.logit_bias_entries && capped(PROBE_MAX_TOKENS)) out.push('logit_bias_probe');
  if ((f.top_logprobs ?? 0) >= LOGPROB_PROBE_TOP && capped(LOGPROB_PROBE_MAX_TOKENS) && (f.prompt ?? '').length < TINY_PROMPT_CHARS) out.push('logprob_probe');
  if (f.inspected && elicitsReasoning(f)) out.push('cot_elicitation');
  if (who.ip && c.hosting.has(who.ip)) out.push('hosting_ip');
  if (f.inspected && (c.fingerprints.size > 0 || (snap?.fingerprints.size ?? 0) > 0)) {
    if (fingerprintsOf(f).some((h) => c.fingerprints.has(h) || snap?.fingerprints.has(h))) out.push('campaign_fingerprint');
  }
  if (snap && !snap.judged.has(who.account_id)) out.push('unknown_account');
  if (snap && hasPeers(snap.peers) && peersMatching(snap.peers, who).length > 0) out.push('peer_indicator');
  return out;
}

function matches(w: When, v: Verdict | undefined, ev: Evidence[], f: RequestFacts): boolean {
  if (w.tier && !w.tier.includes(v?.tier ?? 'none')) return false;
  if (w.risk_min !== undefined && (v?.risk ?? 0) < w.risk_min) return false;
  if (w.risk_max !== undefined && (v?.risk ?? 0) > w.risk_max) return false;
  if (w.reasons_any && !w.reasons_any.some((r) => v?.reasons.includes(r))) return false;
  if (w.evidence_any && !w.evidence_any.some((e) => ev.includes(e))) return false;
  if (w.evidence_all && !w.evidence_all.every((e) => ev.includes(e))) return false;
  if (w.campaigns && !(v?.campaign && w.campaigns.includes(v.campaign))) return false;
  if (w.endpoints && !(f.endpoint && w.endpoints.includes(f.endpoint))) return false;
  return true;
}

const RANK: Record<ActionName, number> = { allow: 0, log: 1, flag: 2, delay: 3, degrade: 4, block: 5 };
const hasPeers = (p: Snapshot['peers']) => p.userAgents.size > 0 || p.tlsFingerprints.size > 0 || p.networks.size > 0;

/** The effects of a list of actions, their names, and the strongest of them (the first, among equals). */
function effectsOf(actions: Action[], random: () => number): { effects: Effects; names: ActionName[]; action: ActionName } {
  const e: Effects = { log: false, delayMs: 0, flag: null, degrade: null, block: false };
  const names: ActionName[] = [];
  let action: ActionName = 'allow';
  for (const a of actions) {
    names.push(a.type);
    if (RANK[a.type] > RANK[action]) action = a.type;
    if (a.type !== 'allow') e.log = true;
    if (a.type === 'delay') e.delayMs += a.ms + Math.floor(random() * a.jitter);
    else if (a.type === 'flag') e.flag = { header: a.header ?? e.flag?.header };
    else if (a.type === 'block') e.block = true;
    else if (a.type === 'degrade') {
      const d = e.degrade;
      e.degrade = {
        max_tokens: Math.min(a.max_tokens ?? Infinity, d?.max_tokens ?? Infinity),
        drop_reasoning: a.drop_reasoning || (d?.drop_reasoning ?? false),
        drop_logprobs: a.drop_logprobs || (d?.drop_logprobs ?? false),
        drop_logit_bias: a.drop_logit_bias || (d?.drop_logit_bias ?? false),
      };
      if (e.degrade.max_tokens === Infinity) delete e.degrade.max_tokens;
    }
  }
  return { effects: e, names, action };
}

/** The quota windows of a rule for this account: a campaign's accounts share the campaign's. */
export function quotaWindows(rule: Rule, account: string, campaign: string | null): Window[] {
  return (rule.quota ?? []).map((q, i) => ({
    key: `${q.scope === 'campaign' && campaign ? `campaign:${campaign}` : `account:${account}`}:${rule.name}:${i}`,
    limit: q.limit,
    windowMs: q.window,
  }));
}

export interface DecideOptions {
  dryRun?: boolean;
  random?: () => number;
  /** Whether any verdicts are loaded (a store that never loaded any is "unavailable"). */
  verdictsAvailable?: boolean;
}

export async function decide(
  c: Compiled,
  who: Who,
  f: RequestFacts,
  snap: Snapshot | null,
  counters: Counters,
  opts: DecideOptions = {},
): Promise<Decision> {
  const p = c.policy;
  const dryRun = opts.dryRun === true || p.dry_run;
  const random = opts.random ?? Math.random;
  const v = snap?.verdicts.get(who.account_id);
  const campaign = v?.campaign ?? null;
  const finish = (rule: string | null, actions: Action[], reasons: string[], evidence: Evidence[]): Decision => {
    const { effects, names, action } = effectsOf(actions, random);
    return { account_id: who.account_id, campaign, tier: v?.tier ?? null, risk: v?.risk ?? null, dry_run: dryRun, action, actions: names, rule, reasons, evidence, effects };
  };

  if (
    c.allowAccounts.has(who.account_id) ||
    (who.api_key_id !== null && c.allowKeys.has(who.api_key_id)) ||
    (campaign !== null && c.allowCampaigns.has(campaign)) ||
    (who.ip !== null && inCidrs(who.ip, c.allowIps))
  )
    return finish(null, [{ type: 'allow' }], ['allow_list'], []);

  if (opts.verdictsAvailable === false && p.faults.verdicts === 'closed')
    return finish(null, [{ type: 'block' }], ['verdicts_unavailable', 'fail_closed'], []);

  const evidence = evidenceOf(c, who, f, snap);
  // (Which peer's indicator matched is named, as the hunt names it: peer:<producer>.)
  const why: string[] = [];
  if (v?.tier) why.push(`tier:${v.tier}`);
  if (campaign) why.push(`campaign:${campaign}`);
  for (const e of evidence) why.push(`evidence:${e}`);
  if (snap && evidence.includes('peer_indicator')) for (const peer of peersMatching(snap.peers, who)) why.push(`peer:${peer}`);
  for (const rule of p.rules) {
    if (!matches(rule.when, v, evidence, f)) continue;
    const reasons = [`rule:${rule.name}`, ...why];
    if (!rule.quota) return finish(rule.name, rule.do, reasons, evidence);
    const windows = quotaWindows(rule, who.account_id, campaign);
    let taken;
    try {
      taken = await counters.take(windows);
    } catch {
      // Redis down or slow: as configured, let it through unmetered or refuse it.
      if (p.faults.counters === 'closed') return finish(rule.name, [{ type: 'block' }], [...reasons, 'counters_unavailable', 'fail_closed'], evidence);
      return finish(rule.name, [...rule.do, { type: 'log' }], [...reasons, 'counters_unavailable', 'fail_open'], evidence);
    }
    if (taken.admitted) return finish(rule.name, rule.do, reasons, evidence);
    const over = rule.quota.findIndex((q, i) => (taken.counts[i] ?? 0) + 1 > q.limit);
    const q = rule.quota[Math.max(0, over)]!;
    return finish(rule.name, q.then, [...reasons, `quota:${q.scope}:${q.limit}/${q.window}ms`], evidence);
  }
  return finish(null, p.default, why.length ? ['default', ...why] : ['default'], evidence);
}
