import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truthCampaignsFileSchema, truthLabelSchema, type TruthCampaignsFile, type TruthLabel } from '../src/eval/contracts.js';
import { accountFields } from '../src/schema/account.js';
import { exchangeFields } from '../src/schema/exchange.js';
import { DEFAULT_TIER_LIMITS } from '../src/schema/limits.js';
import { builtinPromptGenerator } from '../src/simulate/prompts/index.js';
import type { PromptGenerator, PromptRequest } from '../src/simulate/prompts/types.js';
import { loadScenario } from '../src/simulate/scenario.js';
import { simulate, type SimulateSummary } from '../src/simulate/simulate.js';
import { runCli, tempDir } from './helpers.js';

/**
 * End-to-end checks of `simulate` on seed-2026 in miniature: same seed, same bytes; the declared shape and
 * every tactic visible in the output; nothing in the traffic files that gives the label away; truth files
 * that validate against the eval contract and are complete; output that ingests without a rejection.
 */

type Row = Record<string, unknown>;
const lines = (path: string): Row[] =>
  gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Row);

/** A generator that records what it was asked (wrapping the built-in one). */
function spy(): PromptGenerator & { requests: PromptRequest[] } {
  const inner = builtinPromptGenerator();
  const requests: PromptRequest[] = [];
  return { name: 'spy', requests, generate: (req, rng) => (requests.push({ ...req }), inner.generate(req, rng)) };
}

interface Run {
  dir: string;
  summary: SimulateSummary;
  exchanges: Row[];
  accounts: Row[];
  labels: TruthLabel[];
  truth: TruthCampaignsFile;
  ip2asn: string;
  gen: ReturnType<typeof spy>;
}

async function run(dir: string, scenario: string, scale: number, seed = 1): Promise<Run> {
  const gen = spy();
  const summary = await simulate({ scenario, scale, seed, out: dir, generator: gen });
  return {
    dir,
    summary,
    exchanges: lines(join(dir, 'exchanges.jsonl.gz')),
    accounts: lines(join(dir, 'accounts.jsonl.gz')),
    labels: lines(join(dir, 'truth', 'labels.jsonl.gz')).map((l) => truthLabelSchema.parse(l)),
    truth: truthCampaignsFileSchema.parse(JSON.parse(readFileSync(join(dir, 'truth', 'campaigns.json'), 'utf8'))),
    ip2asn: readFileSync(join(dir, 'ip2asn.tsv'), 'utf8'),
    gen,
  };
}

/** Mann-Whitney AUC of a score at telling attack (positive) from benign. */
function auc(pos: number[], neg: number[]): number {
  const all = [...pos.map((v) => [v, 1] as const), ...neg.map((v) => [v, 0] as const)].sort((a, b) => a[0] - b[0]);
  let rank = 0;
  let sumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j++;
    const mid = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]![1] === 1) sumPos += mid;
    rank = j;
    i = j;
  }
  void rank;
  return (sumPos - (pos.length * (pos.length + 1)) / 2) / (pos.length * neg.length);
}

const SCALE = 0.001;
const tmp = tempDir('dw-sim-');
afterAll(() => tmp.cleanup());
let r: Run;
let label: Map<string, TruthLabel>;
let byCohort: Map<string, Row[]>;
const cohortOf = (e: Row) => label.get(e.account_id as string)!.cohort;

beforeAll(async () => {
  r = await run(join(tmp.dir, 'seed'), 'seed-2026', SCALE);
  label = new Map(r.labels.map((l) => [l.account_id, l]));
  byCohort = new Map();
  for (const e of r.exchanges) {
    const c = cohortOf(e);
    if (!byCohort.has(c)) byCohort.set(c, []);
    byCohort.get(c)!.push(e);
  }
});

describe('simulate: determinism', () => {
  it('writes byte-identical files for the same scenario, scale and seed, different ones for another seed', async () => {
    const files = ['exchanges.jsonl.gz', 'accounts.jsonl.gz', 'truth/labels.jsonl.gz', 'truth/campaigns.json', 'ip2asn.tsv'];
    const a = join(tmp.dir, 'det-a');
    const b = join(tmp.dir, 'det-b');
    const c = join(tmp.dir, 'det-c');
    await simulate({ scenario: 'adaptive-cache', scale: 0.002, seed: 7, out: a, generator: builtinPromptGenerator() });
    await simulate({ scenario: 'adaptive-cache', scale: 0.002, seed: 7, out: b, generator: builtinPromptGenerator() });
    await simulate({ scenario: 'adaptive-cache', scale: 0.001, seed: 8, out: c, generator: builtinPromptGenerator() });
    for (const f of files) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    expect(readFileSync(join(a, 'exchanges.jsonl.gz')).equals(readFileSync(join(c, 'exchanges.jsonl.gz')))).toBe(false);
  });
});

describe('simulate: the declared shape of seed-2026', () => {
  it('has the accounts of each cohort, and 20+ benign accounts per attack account', () => {
    const count = (c: string) => r.labels.filter((l) => l.cohort === c).length;
    const declared = (p: string) => loadScenario('seed-2026').scenario.benign.find((b) => b.persona === p && !b.cohort)!.accounts;
    expect(count('chat_user')).toBe(Math.round(declared('chat_user') * SCALE));
    expect(count('coding_agent')).toBe(Math.round(30_000 * SCALE));
    expect(count('researcher')).toBe(Math.round(2_000 * SCALE));
    // Cohorts too small at this scale keep a minimum of accounts (scaling their volume instead).
    for (const c of ['batch_pipeline', 'batch_pipeline/giant', 'eval_runner', 'relay', 'university_class']) expect(count(c), c).toBeGreaterThan(0);
    const attack = r.labels.filter((l) => l.label === 'attack');
    expect(attack.length).toBeGreaterThan(25_000 * SCALE * 0.9);
    expect(attack.length).toBeLessThan(25_000 * SCALE * 1.15);
    expect(r.labels.filter((l) => l.label === 'benign').length / attack.length).toBeGreaterThanOrEqual(20);
  });

  it('sends the campaign volume over 45 days, benign volume of the same order', () => {
    const [c] = r.truth.campaigns;
    expect(c!.exchanges / (28_800_000 * SCALE)).toBeGreaterThan(0.95);
    expect(c!.exchanges / (28_800_000 * SCALE)).toBeLessThan(1.05);
    expect(c!.hourly_exchanges.length / 24).toBeGreaterThan(44);
    expect(c!.hourly_exchanges.length / 24).toBeLessThan(46);
    const benign = r.exchanges.length - c!.exchanges;
    expect(benign / c!.exchanges).toBeGreaterThan(1);
    expect(benign / c!.exchanges).toBeLessThan(2.2);
    // Heavy benign concentration: a handful of accounts send a big share of the benign requests.
    const per = new Map<string, number>();
    for (const e of r.exchanges) if (label.get(e.account_id as string)!.label === 'benign') per.set(e.account_id as string, (per.get(e.account_id as string) ?? 0) + 1);
    const top5 = [...per.values()].sort((a, b) => b - a).slice(0, 5).reduce((a, b) => a + b, 0);
    expect(top5 / [...per.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0.3);
  });

  it('writes exchanges in timestamp order, ties broken by request_id, every field present', () => {
    const keys = Object.keys(exchangeFields).join(',');
    let prev = '';
    for (const e of r.exchanges) {
      const k = `${e.ts as string} ${e.request_id as string}`;
      expect(k > prev).toBe(true);
      prev = k;
    }
    expect(new Set(r.exchanges.map((e) => Object.keys(e).join(','))).size).toBe(1);
    expect(Object.keys(r.exchanges[0]!).join(',')).toBe(keys);
    expect(new Set(r.accounts.map((a) => Object.keys(a).join(',')))).toEqual(new Set([Object.keys(accountFields).join(',')]));
    for (const e of r.exchanges.slice(0, 2000)) expect(e.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('keeps coding agents above 90% cache re-use and harvesters near none', () => {
    const ratio = (c: string) => {
      const xs = byCohort.get(c)!;
      const read = xs.reduce((a, e) => a + (e.cache_read_tokens as number), 0);
      return read / (read + xs.reduce((a, e) => a + (e.input_tokens as number), 0));
    };
    expect(ratio('coding_agent')).toBeGreaterThan(0.9);
    expect(ratio('chat_user')).toBeGreaterThan(0.1);
    expect(ratio('chat_user')).toBeLessThan(0.9);
    expect(ratio('hydra-2026/core')).toBeLessThan(0.05);
  });

  it('asks for chain of thought in the declared share, at the maximum reasoning budget and output', () => {
    const attack = r.gen.requests.filter((q) => q.persona === 'attack');
    const cot = attack.filter((q) => q.chainOfThought).length / attack.length;
    expect(cot).toBeGreaterThan(0.3);
    expect(cot).toBeLessThan(0.4);
    const core = byCohort.get('hydra-2026/core')!;
    const reasoning = core.filter((e) => e.reasoning_budget !== null);
    expect(reasoning.length / core.length).toBeCloseTo(0.35, 1);
    for (const e of reasoning) expect(e.reasoning_budget).toBeGreaterThanOrEqual(28_800);
    expect(core.filter((e) => (e.max_tokens as number) >= 28_000).length / core.length).toBe(1);
    // Benign chat rarely asks for reasoning or the maximum output.
    const chat = byCohort.get('chat_user')!;
    expect(chat.filter((e) => e.reasoning_budget !== null).length / chat.length).toBeLessThan(0.2);
    expect(chat.filter((e) => (e.max_tokens as number) >= 28_000).length).toBe(0);
  });

  it('targets software engineering, agentic tool use and planning with a campaign template set', () => {
    const attack = r.gen.requests.filter((q) => q.persona === 'attack' && q.templateKey?.startsWith('campaign:hydra-2026:t'));
    expect(attack.length).toBeGreaterThan(0.99 * r.gen.requests.filter((q) => q.persona === 'attack').length);
    const caps = new Map<string, number>();
    for (const q of attack) caps.set(q.capability, (caps.get(q.capability) ?? 0) + 1);
    const swe = (caps.get('software_engineering') ?? 0) + (caps.get('agentic_tool_use') ?? 0) + (caps.get('long_horizon_planning') ?? 0);
    expect(swe / attack.length).toBeGreaterThan(0.85);
    expect(new Set(attack.map((q) => q.templateKey)).size).toBeLessThanOrEqual(60);
  });

  it('shapes the core under 40% of the rate limit, while naive workers hit it', () => {
    const peak = new Map<string, number>();
    const minute = new Map<string, number>();
    for (const e of byCohort.get('hydra-2026/core')!) {
      const k = `${e.account_id as string} ${(e.ts as string).slice(0, 16)}`;
      const n = (minute.get(k) ?? 0) + 1;
      minute.set(k, n);
      peak.set(e.account_id as string, Math.max(peak.get(e.account_id as string) ?? 0, n));
    }
    for (const p of peak.values()) expect(p).toBeLessThanOrEqual(0.4 * DEFAULT_TIER_LIMITS.build.rpm);
    expect(byCohort.get('hydra-2026/core')!.filter((e) => e.status === 429).length).toBe(0);
    const naive = byCohort.get('hydra-2026/naive')!;
    expect(naive.filter((e) => e.status === 429).length / naive.length).toBeGreaterThan(0.2);
    // Benign bursts sometimes hit the limit too (eval runs).
    expect(r.exchanges.filter((e) => e.status === 429 && label.get(e.account_id as string)!.label === 'benign').length).toBeGreaterThan(0);
    // A refused request returns nothing.
    for (const e of r.exchanges.filter((x) => x.status === 429).slice(0, 200)) expect([e.output_tokens, e.response]).toEqual([0, '']);
  });

  it('spoofs the coding agent: its User-Agent, a Python TLS stack, a copy weeks old', () => {
    const core = byCohort.get('hydra-2026/core')!;
    const agents = byCohort.get('coding_agent')!.filter((e) => (e.user_agent as string).startsWith('claude-cli/'));
    expect(core.every((e) => (e.user_agent as string).startsWith('claude-cli/'))).toBe(true);
    const fps = (xs: Row[]) => new Set(xs.map((e) => e.client_fingerprint));
    expect([...fps(core)].some((f) => fps(agents).has(f))).toBe(false);
    const version = (ua: string) => Number(/1\.0\.(\d+)/.exec(ua)![1]);
    const day = '2026-05-20';
    const onDay = (xs: Row[]) => xs.filter((e) => (e.ts as string).startsWith(day)).map((e) => version(e.user_agent as string));
    expect(Math.max(...onDay(core))).toBeLessThan(Math.min(...onDay(agents)));
  });

  it('rotates through commercial proxies and shares cards across accounts', () => {
    const core = byCohort.get('hydra-2026/core')!;
    const ips = new Map<string, Set<string>>();
    for (const e of core) (ips.get(e.account_id as string) ?? ips.set(e.account_id as string, new Set()).get(e.account_id as string)!).add(e.ip as string);
    const busy = [...ips.values()].filter((s) => s.size > 0);
    expect(busy.filter((s) => s.size >= 5).length / busy.length).toBeGreaterThan(0.8);
    const attackAccounts = r.accounts.filter((a) => label.get(a.account_id as string)!.cohort === 'hydra-2026/core');
    const perCard = new Map<unknown, number>();
    for (const a of attackAccounts) if (a.payment_fingerprint) perCard.set(a.payment_fingerprint, (perCard.get(a.payment_fingerprint) ?? 0) + 1);
    expect(Math.max(...perCard.values())).toBeGreaterThanOrEqual(10);
    // Sign-ups through the farmed plans.
    const tiers = new Set(attackAccounts.map((a) => a.tier));
    expect(tiers).toEqual(new Set(['build', 'startup', 'edu']));
    // Their exits sit in the same ASNs real customers use.
    const num = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
    const table = r.ip2asn.trimEnd().split('\n').map((l) => l.split('\t')).map((t) => [num(t[0]!), num(t[1]!), t[2]!] as const);
    const asnOf = (ip: string) => {
      const n = num(ip);
      return table.find(([a, b]) => a <= n && n <= b)?.[2];
    };
    const attackAsns = new Set(core.slice(0, 3000).map((e) => asnOf(e.ip as string)));
    expect(attackAsns.has(undefined)).toBe(false);
    const benignAsns = new Set(r.exchanges.filter((e) => label.get(e.account_id as string)!.label === 'benign').slice(0, 20000).map((e) => asnOf(e.ip as string)));
    expect([...attackAsns].filter((a) => benignAsns.has(a)).length).toBeGreaterThan(3);
  });

  it('hides in cover relays at ~5% attack share, and says so in the truth', () => {
    const cover = r.labels.filter((l) => l.cohort === 'hydra-2026/cover-relay');
    expect(cover.length).toBeGreaterThan(0);
    for (const l of cover) {
      expect(l.label).toBe('attack');
      expect(l.attack_share).toBeGreaterThan(0.03);
      expect(l.attack_share).toBeLessThan(0.07);
    }
    for (const l of r.labels.filter((x) => x.cohort === 'hydra-2026/core')) expect(l.attack_share).toBeUndefined();
  });

  it('replaces banned accounts with new ones during the campaign', () => {
    const created = r.accounts
      .filter((a) => label.get(a.account_id as string)!.cohort === 'hydra-2026/core')
      .map((a) => Date.parse(a.created_at as string));
    const start = Date.parse('2026-04-22T00:00:00Z');
    // Initial accounts sign up in waves over the first ten days; replacements keep coming after.
    expect(created.filter((t) => t > start + 20 * 86_400_000).length).toBeGreaterThan(created.length * 0.2);
    const last = new Map<string, string>();
    for (const e of byCohort.get('hydra-2026/core')!) last.set(e.account_id as string, e.ts as string);
    expect([...last.values()].filter((t) => t < '2026-05-25').length).toBeGreaterThan(0);
  });

  it('moves half its traffic to the new model within a day of its release; chat users follow slowly', () => {
    const share = (xs: Row[], from: string, to: string) => {
      const w = xs.filter((e) => (e.ts as string) >= from && (e.ts as string) < to);
      return w.filter((e) => e.model === 'atlas-4-large').length / w.length;
    };
    const core = byCohort.get('hydra-2026/core')!;
    expect(share(core, '2026-05-10', '2026-05-14T17')).toBe(0);
    const after = share(core, '2026-05-15T17', '2026-05-18');
    expect(after).toBeGreaterThan(0.35);
    expect(after).toBeLessThan(0.65);
    expect(share(byCohort.get('chat_user')!.filter((e) => (e.model as string).includes('large')), '2026-05-14T17', '2026-05-15T17')).toBeLessThan(0.2);
  });

  it('runs a small logit-bias / logprob sweep', () => {
    const sweeps = r.exchanges.filter((e) => (e.logit_bias_size as number) >= 100);
    expect(sweeps.length).toBeGreaterThan(0);
    for (const e of sweeps) {
      expect(cohortOf(e)).toBe('hydra-2026/logit-sweep');
      expect([e.max_tokens, e.top_logprobs]).toEqual([1, 20]);
    }
    // Hard negatives use logit bias and logprobs too, on a small scale.
    expect(r.exchanges.some((e) => (e.logit_bias_size as number) > 0 && label.get(e.account_id as string)!.label === 'benign')).toBe(true);
  });

  it('includes the hard negatives: a class behind one NAT signing up the same day, homework shared', () => {
    const klass = r.accounts.filter((a) => label.get(a.account_id as string)!.cohort === 'university_class');
    expect(klass.length).toBeGreaterThanOrEqual(10);
    expect(new Set(klass.map((a) => a.signup_ip)).size).toBe(1);
    expect(new Set(klass.map((a) => (a.created_at as string).slice(0, 10))).size).toBeLessThanOrEqual(2);
    expect(r.gen.requests.some((q) => q.persona === 'university_class' && /^class:\w+:hw\d+$/.test(q.templateKey ?? ''))).toBe(true);
    expect(r.gen.requests.some((q) => q.persona === 'eval_runner' && q.benchmark)).toBe(true);
    const batch = byCohort.get('batch_pipeline/giant')!;
    expect(new Set(batch.map((e) => (e.ts as string).slice(11, 13))).size).toBe(24);
  });
});

describe('simulate: no label leakage', () => {
  let v: Run;
  beforeAll(async () => {
    // Many attack accounts, so chance-level is measurable.
    v = await run(join(tmp.dir, 'leak'), 'adaptive-volume', 0.004, 3);
  });

  it('account ids, key ids and request ids say nothing about the label', () => {
    const lab = new Map(v.labels.map((l) => [l.account_id, l.label]));
    const ids = v.accounts.map((a) => a.account_id as string);
    const pos = ids.filter((i) => lab.get(i) === 'attack');
    const neg = ids.filter((i) => lab.get(i) === 'benign');
    expect(pos.length).toBeGreaterThan(150);
    const features: [string, (s: string) => number][] = [
      ['length', (s) => s.length],
      ['first', (s) => s.charCodeAt(5)],
      ['last', (s) => s.charCodeAt(s.length - 1)],
      ['digits', (s) => s.replace(/\D/g, '').length],
      ['upper', (s) => s.replace(/[^A-Z]/g, '').length],
    ];
    for (const [name, f] of features) {
      const a = auc(pos.map(f), neg.map(f));
      expect(Math.abs(a - 0.5), `account_id ${name}: AUC ${a.toFixed(3)}`).toBeLessThan(0.08);
    }
    expect(new Set(ids.map((i) => i.replace(/[0-9A-Za-z]/g, 'x')))).toEqual(new Set(['xxxx_' + 'x'.repeat(18)]));
    const shape = (k: string) => new Set(v.exchanges.map((e) => String(e[k] ?? '').replace(/[0-9A-Za-z]/g, 'x')));
    expect(shape('request_id').size).toBe(1);
    expect(shape('api_key_id').size).toBe(1);
    expect([...shape('conversation_id')].filter((s) => s !== '').length).toBe(1);
  });

  it('the position of an account in accounts.jsonl.gz and labels.jsonl.gz is not its label', () => {
    const lab = new Map(v.labels.map((l) => [l.account_id, l.label]));
    const idx = (xs: Row[] | TruthLabel[]) => {
      const pos: number[] = [];
      const neg: number[] = [];
      xs.forEach((a, i) => (lab.get(a.account_id as string) === 'attack' ? pos : neg).push(i));
      return auc(pos, neg);
    };
    expect(Math.abs(idx(v.accounts) - 0.5)).toBeLessThan(0.08);
    expect(Math.abs(idx(v.labels) - 0.5)).toBeLessThan(0.08);
    expect(v.accounts.map((a) => a.account_id)).toEqual([...v.accounts.map((a) => a.account_id as string)].sort());
  });

  it('no plan, country or verification status is used by attackers alone', () => {
    const lab = new Map(v.labels.map((l) => [l.account_id, l.label]));
    // (E-mail domains are left out: in a miniature, a farmed university's domain may have no benign user.)
    for (const k of ['tier', 'billing_country', 'verified']) {
      const seen = new Map<string, { attack: number; benign: number }>();
      for (const a of v.accounts) {
        const c = seen.get(String(a[k])) ?? { attack: 0, benign: 0 };
        c[lab.get(a.account_id as string)!]++;
        seen.set(String(a[k]), c);
      }
      const attackOnly = [...seen].filter(([, c]) => c.benign === 0 && c.attack > 3).map(([value]) => value);
      expect(attackOnly, k).toEqual([]);
    }
  });

  it('which fields are present (or null) in a record does not give the label away by itself', () => {
    const lab = new Map(v.labels.map((l) => [l.account_id, l.label]));
    // Every record has every key: a classifier on key presence can only guess.
    const sig = (o: Row) => Object.keys(o).join(',');
    expect(new Set(v.exchanges.map(sig)).size).toBe(1);
    expect(new Set(v.accounts.map(sig)).size).toBe(1);
    // Balanced accuracy of the best single "key is null" rule over accounts.
    for (const k of Object.keys(accountFields)) {
      const tp = v.accounts.filter((a) => a[k] === null && lab.get(a.account_id as string) === 'attack').length;
      const p = v.accounts.filter((a) => lab.get(a.account_id as string) === 'attack').length;
      const tn = v.accounts.filter((a) => a[k] !== null && lab.get(a.account_id as string) === 'benign').length;
      const n = v.accounts.length - p;
      const bal = (tp / p + tn / n) / 2;
      expect(Math.abs(bal - 0.5), `null ${k}: balanced accuracy ${bal.toFixed(2)}`).toBeLessThan(0.3);
    }
  });
});

describe('simulate: truth files', () => {
  it('label every account once, and only the accounts that exist', () => {
    const ids = r.accounts.map((a) => a.account_id);
    expect(r.labels.map((l) => l.account_id)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    const seen = new Set(r.exchanges.map((e) => e.account_id));
    for (const id of seen) expect(label.has(id as string)).toBe(true);
    for (const l of r.labels) expect((l.label === 'attack') === (l.campaign_id === 'hydra-2026')).toBe(true);
  });

  it('count each campaign exactly: hourly counts sum to its exchanges, which its accounts sent', () => {
    const [c] = r.truth.campaigns;
    expect(c!.hourly_exchanges.reduce((a, b) => a + b, 0)).toBe(c!.exchanges);
    expect(c!.accounts).toBe(r.labels.filter((l) => l.campaign_id === c!.id).length);
    const perAccount = new Map<string, number>();
    for (const e of r.exchanges) perAccount.set(e.account_id as string, (perAccount.get(e.account_id as string) ?? 0) + 1);
    let sent = 0;
    for (const l of r.labels.filter((x) => x.campaign_id === c!.id)) sent += Math.round((perAccount.get(l.account_id) ?? 0) * (l.attack_share ?? 1));
    expect(sent).toBe(c!.exchanges);
    // The campaign's own first exchange (cover relays' real customers were there before it).
    const first = r.exchanges.find((e) => label.get(e.account_id as string)!.cohort === 'hydra-2026/core')!;
    expect(Date.parse(c!.start)).toBeLessThanOrEqual(Date.parse(first.ts as string));
    expect(Date.parse(c!.start)).toBeGreaterThanOrEqual(Date.parse('2026-04-22T00:00:00Z'));
    expect(Date.parse(c!.end)).toBeLessThanOrEqual(Date.parse('2026-06-06T00:00:00Z'));
    expect(Object.keys(c!.tactics)).toEqual(expect.arrayContaining(['replacement', 'migration', 'parts']));
    expect(r.truth).toMatchObject({ scenario: 'seed-2026', seed: 1, scale: SCALE });
  });
});

const CORPORA = join(import.meta.dirname, '..', '..', 'shared', 'corpora');

describe.skipIf(!existsSync(CORPORA))('simulate: with real prompts (--prompts ../shared/corpora)', () => {
  it('draws the text from the corpus, with the same record shape', async () => {
    const a = join(tmp.dir, 'corpus-a');
    const s = await simulate({ scenario: 'seed-2026', scale: 0.0003, seed: 4, out: a, prompts: CORPORA, workers: 0 });
    expect(s.generator).toBe(`corpus:${CORPORA}`);
    const ex = lines(join(a, 'exchanges.jsonl.gz'));
    expect(new Set(ex.map((e) => Object.keys(e).join(','))).size).toBe(1);
    const corpus = (sub: string) =>
      new Set(
        readdirSync(join(CORPORA, sub))
          .filter((f) => f.endsWith('.jsonl.gz'))
          .flatMap((f) => lines(join(CORPORA, sub, f)).map((r) => r.prompt as string)),
      );
    const benignPrompts = corpus('benign');
    const distillPrompts = [...corpus('distill')];
    const labels = new Map(lines(join(a, 'truth', 'labels.jsonl.gz')).map((l) => [l.account_id as string, l.cohort as string]));
    const chat = ex.filter((e) => labels.get(e.account_id as string) === 'chat_user' && e.turn === 1);
    expect(chat.filter((e) => benignPrompts.has(e.prompt as string)).length / chat.length).toBeGreaterThan(0.5);
    const attack = ex.filter((e) => labels.get(e.account_id as string) === 'hydra-2026/core').slice(0, 40);
    const harvested = attack.filter((e) => distillPrompts.some((p) => (e.prompt as string).includes(p)));
    expect(harvested.length / attack.length).toBeGreaterThan(0.5);
  });
});

describe('simulate: eval scores hand-made findings on a simulated world', () => {
  /** A findings directory: one line per account judged, and the campaigns reported. */
  const findings = (name: string, accounts: { id: string; risk: number; flagged: boolean; campaign: string | null }[]) => {
    const dir = join(tmp.dir, 'findings', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'accounts.jsonl'), accounts.map((a) => JSON.stringify({ account_id: a.id, risk: a.risk, flagged: a.flagged, campaign_id: a.campaign, reasons: [] })).join('\n') + '\n');
    const reported = [...new Set(accounts.filter((a) => a.flagged && a.campaign).map((a) => a.campaign!))];
    writeFileSync(
      join(dir, 'campaigns.json'),
      JSON.stringify({
        detector: name,
        generated_at: '2026-06-07T00:00:00Z',
        until: null,
        campaigns: reported.map((c) => ({ campaign_id: c, accounts: accounts.filter((a) => a.campaign === c).map((a) => a.id), confidence: 1, reasons: [] })),
      }),
    );
    return dir;
  };

  it('gets exactly the counts the truth implies', async () => {
    const { evaluate } = await import('../src/eval/evaluate.js');
    const attack = r.labels.filter((l) => l.label === 'attack');
    const benign = r.labels.filter((l) => l.label === 'benign');
    // Perfect: every attack account flagged, nothing else.
    const perfect = findings('perfect', r.labels.map((l) => ({ id: l.account_id, risk: l.label === 'attack' ? 1 : 0, flagged: l.label === 'attack', campaign: l.campaign_id })));
    // A crude rule of thumb, worked out here from the traffic: flag accounts that always ask for the maximum output.
    const maxOut = new Map<string, { n: number; max: number }>();
    for (const e of r.exchanges) {
      const m = maxOut.get(e.account_id as string) ?? { n: 0, max: 0 };
      m.n++;
      if ((e.max_tokens as number) >= 28_000) m.max++;
      maxOut.set(e.account_id as string, m);
    }
    const ruled = r.labels.filter((l) => (maxOut.get(l.account_id)?.max ?? 0) / (maxOut.get(l.account_id)?.n ?? 1) >= 0.9);
    const rule = findings('max-output', ruled.map((l) => ({ id: l.account_id, risk: 0.9, flagged: true, campaign: 'c1' })));
    const report = await evaluate({ truth: join(r.dir, 'truth'), findings: [perfect, rule] });
    expect(report.truth).toMatchObject({ accounts: r.labels.length, attackAccounts: attack.length, benignAccounts: benign.length, campaigns: 1 });
    const [p, m] = report.detectors;
    expect(p!.overall).toMatchObject({ tp: attack.length, fp: 0, fn: 0, tn: benign.length });
    expect(p!.ranking.auc).toBe(1);
    const tp = ruled.filter((l) => l.label === 'attack').length;
    const fp = ruled.length - tp;
    expect(m!.overall).toMatchObject({ tp, fp, fn: attack.length - tp, tn: benign.length - fp });
    expect(m!.overall.precision).toBeCloseTo(tp / ruled.length, 12);
    // The coding agents ask for the maximum too: the rule's false positives are theirs (a hard negative at work).
    const fpCohorts = new Set(ruled.filter((l) => l.label === 'benign').map((l) => l.cohort));
    expect(fpCohorts.has('coding_agent')).toBe(true);
    const agents = m!.benignCohorts.find((c) => c.cohort === 'coding_agent')!;
    expect(agents.flagged).toBe(ruled.filter((l) => l.cohort === 'coding_agent').length);
  });
});

describe('simulate: CLI', () => {
  it('generates from the command line and ingests with nothing quarantined', async () => {
    const out = join(tmp.dir, 'cli');
    const s = await runCli(['simulate', '--scenario', 'adaptive-infra', '--scale', '0.001', '--seed', '2', '--out', out, '--json']);
    expect(s.code, s.stderr).toBe(0);
    const summary = JSON.parse(s.stdout) as SimulateSummary;
    expect(summary.exchanges).toBeGreaterThan(1000);
    const i = await runCli(['ingest', '--data', join(tmp.dir, 'wh'), '--json', join(out, 'exchanges.jsonl.gz'), '--accounts', join(out, 'accounts.jsonl.gz')]);
    expect(i.code, i.stderr).toBe(0);
    expect(JSON.parse(i.stdout).totals).toMatchObject({ read: summary.exchanges + summary.accounts, quarantined: 0 });
  });

  it('writes the same bytes with and without worker threads', async () => {
    const a = join(tmp.dir, 'w0');
    const b = join(tmp.dir, 'w2');
    for (const [dir, w] of [[a, '0'], [b, '2']] as const) {
      const s = await runCli(['simulate', '--scenario', 'adaptive-timing', '--scale', '0.001', '--out', dir, '--workers', w, '--json']);
      expect(s.code, s.stderr).toBe(0);
    }
    expect(readFileSync(join(a, 'exchanges.jsonl.gz')).equals(readFileSync(join(b, 'exchanges.jsonl.gz')))).toBe(true);
  });

  it('explains itself and fails clearly', async () => {
    const h = await runCli(['simulate', '--help']);
    expect(h.code).toBe(0);
    for (const name of ['seed-2026', 'hard-negatives', 'adaptive-all']) expect(h.stdout).toContain(name);
    const bad = await runCli(['simulate', '--scenario', 'nope', '--out', join(tmp.dir, 'x')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/nope: no such scenario file/);
    expect((await runCli(['simulate', '--scenario', 'seed-2026', '--scale', '-1', '--out', join(tmp.dir, 'x')])).stderr).toMatch(/--scale must be positive/);
    const fit = await runCli(['simulate', '--print-fit']);
    expect(JSON.parse(fit.stdout).arrival.hourly).toHaveLength(24);
    expect(loadScenario('seed-2026').scenario.attacks).toHaveLength(1);
  });
});
