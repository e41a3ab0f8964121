import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinPromptGenerator } from '../src/simulate/prompts/index.js';
import type { PromptGenerator, PromptRequest } from '../src/simulate/prompts/types.js';
import { simulate } from '../src/simulate/simulate.js';
import { Random } from '../src/simulate/rng.js';
import { ASNS, CLIENT_STACKS, COUNTRIES, TLS_STACKS } from '../src/simulate/world.js';
import { tempDir } from './helpers.js';

/**
 * Each adaptive scenario turns off the tell of one signal family: these tests check that the tell is
 * really gone from the traffic (so a detector's results on them say what survives), and that the
 * hard negatives really look like attacks on the surface while being labelled benign.
 */

type Row = Record<string, unknown>;
const lines = (path: string): Row[] =>
  gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Row);

const tmp = tempDir('dw-sim-adaptive-');
afterAll(() => tmp.cleanup());

interface World {
  exchanges: Row[];
  accounts: Map<string, Row>;
  cohort: Map<string, string>;
  requests: PromptRequest[];
  attack: Row[];
  of: (cohort: string) => Row[];
}

const worlds = new Map<string, Promise<World>>();
/** Each scenario is simulated once per file, whichever test asks first. */
const world = (scenario: string, scale = 0.002) => worlds.get(`${scenario}@${scale}`) ?? worlds.set(`${scenario}@${scale}`, simulateWorld(scenario, scale)).get(`${scenario}@${scale}`)!;

async function simulateWorld(scenario: string, scale: number): Promise<World> {
  const inner = builtinPromptGenerator();
  const requests: PromptRequest[] = [];
  const gen: PromptGenerator = { name: 'spy', generate: (req, rng) => (requests.push({ ...req }), inner.generate(req, rng)) };
  const dir = join(tmp.dir, `${scenario}-${scale}`);
  await simulate({ scenario, scale, seed: 5, out: dir, generator: gen });
  const exchanges = lines(join(dir, 'exchanges.jsonl.gz'));
  const labels = lines(join(dir, 'truth', 'labels.jsonl.gz'));
  const cohort = new Map(labels.map((l) => [l.account_id as string, l.cohort as string]));
  const attackIds = new Set(labels.filter((l) => l.label === 'attack').map((l) => l.account_id));
  return {
    exchanges,
    accounts: new Map(lines(join(dir, 'accounts.jsonl.gz')).map((a) => [a.account_id as string, a])),
    cohort,
    requests,
    attack: exchanges.filter((e) => attackIds.has(e.account_id)),
    of: (c) => exchanges.filter((e) => cohort.get(e.account_id as string) === c),
  };
}

const byAccount = (xs: Row[]) => {
  const m = new Map<string, Row[]>();
  for (const e of xs) (m.get(e.account_id as string) ?? m.set(e.account_id as string, []).get(e.account_id as string)!).push(e);
  return m;
};
const cacheRatio = (xs: Row[]) => {
  const read = xs.reduce((a, e) => a + (e.cache_read_tokens as number), 0);
  return read / (read + xs.reduce((a, e) => a + (e.input_tokens as number), 0));
};
/** Median over accounts of the coefficient of variation of gaps between requests under an hour. */
const gapCv = (xs: Row[]) => {
  const cvs: number[] = [];
  for (const rows of byAccount(xs).values()) {
    const t = rows.map((e) => Date.parse(e.ts as string));
    const gaps = t.slice(1).map((x, i) => (x - t[i]!) / 1000).filter((g) => g < 3600);
    if (gaps.length < 10) continue;
    const m = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    cvs.push(Math.sqrt(gaps.reduce((a, g) => a + (g - m) ** 2, 0) / gaps.length) / m);
  }
  return cvs.sort((a, b) => a - b)[Math.floor(cvs.length / 2)] ?? NaN;
};
const num = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
const RANGES = ASNS.flatMap((a) =>
  a.prefixes.map((p) => {
    const [ip, bits] = p.split('/');
    return { start: num(ip!), end: num(ip!) + 2 ** (32 - Number(bits)) - 1, a };
  }),
);
const asnOf = (ip: string) => RANGES.find((r) => r.start <= num(ip) && num(ip) <= r.end)?.a;
const offset = new Map(COUNTRIES.map((c) => [c.code, c.utcOffset]));

describe('adaptive scenarios: the tell each one turns off is gone', () => {
  it('adaptive-timing: human evenings in local time, irregular gaps (vs a round-robin campaign)', async () => {
    const w = await world('adaptive-timing');
    const local = (e: Row) => {
      const country = w.accounts.get(e.account_id as string)!.billing_country as string;
      return (new Date(e.ts as string).getUTCHours() + (offset.get(country) ?? 0) + 24) % 24;
    };
    const evening = w.attack.filter((e) => local(e) >= 17 || local(e) < 1).length / w.attack.length;
    const night = w.attack.filter((e) => local(e) >= 2 && local(e) < 7).length / w.attack.length;
    expect(evening).toBeGreaterThan(0.4);
    expect(night).toBeLessThan(0.08);
    expect(gapCv(w.attack)).toBeGreaterThan(1);
    const rr = await world('adaptive-paraphrase');
    expect(gapCv(rr.attack)).toBeLessThan(0.3);
  });

  it('adaptive-paraphrase: no shared templates or system prompt, every request reworded', async () => {
    const w = await world('adaptive-paraphrase');
    const attack = w.requests.filter((q) => q.persona === 'attack');
    expect(attack.length).toBeGreaterThan(1000);
    expect(attack.every((q) => q.templateKey === undefined && q.paraphrase === 1)).toBe(true);
    expect(w.attack.every((e) => e.system === null)).toBe(true);
    expect(new Set(w.attack.map((e) => e.prompt)).size / w.attack.length).toBeGreaterThan(0.95);
  });

  it('adaptive-cache: the prompt cache re-used like a real coding agent', async () => {
    const w = await world('adaptive-cache');
    expect(cacheRatio(w.attack)).toBeGreaterThan(0.9);
    expect(cacheRatio(w.of('coding_agent'))).toBeGreaterThan(0.9);
    expect(w.attack.filter((e) => (e.turn as number) > 1).length / w.attack.length).toBeGreaterThan(0.6);
    expect(w.attack.every((e) => (e.tool_names as string[]).includes('Bash'))).toBe(true);
    // What it did not change: the Python TLS stack under the agent's name.
    expect(w.attack.every((e) => (TLS_STACKS.python as readonly string[]).includes(e.client_fingerprint as string))).toBe(true);
  });

  it('adaptive-infra: one residential address per account, in its billing country, its own card', async () => {
    const w = await world('adaptive-infra', 0.004);
    const accts = byAccount(w.attack);
    expect(accts.size).toBeGreaterThan(10);
    for (const [id, rows] of accts) {
      const ips = new Set(rows.map((e) => e.ip as string));
      expect(ips.size, id).toBe(1);
      const as = asnOf([...ips][0]!)!;
      expect(as.kind).toBe('residential');
      expect(as.country).toBe(w.accounts.get(id)!.billing_country);
    }
    const attackAccounts = [...w.accounts.values()].filter((a) => (w.cohort.get(a.account_id as string) ?? '').startsWith('hydra-'));
    const cards = attackAccounts.map((a) => a.payment_fingerprint);
    expect(new Set(cards).size).toBe(cards.length);
    expect(new Set(attackAccounts.map((a) => a.tier))).toEqual(new Set(['build']));
    expect(new Set(attackAccounts.map((a) => a.billing_country)).size).toBeGreaterThan(3);
    const created = attackAccounts.map((a) => Date.parse(a.created_at as string)).sort((a, b) => a - b);
    expect((created[created.length - 1]! - created[0]!) / 86_400_000).toBeGreaterThan(8);
  });

  it('adaptive-volume: ten times the accounts, each light and far under its limit', async () => {
    const w = await world('adaptive-volume');
    const accts = byAccount(w.attack);
    expect(accts.size).toBeGreaterThan(60);
    const perDay = [...accts.values()].map((rows) => rows.length / 18).sort((a, b) => a - b);
    expect(perDay[Math.floor(perDay.length / 2)]).toBeLessThan(6);
    const minute = new Map<string, number>();
    for (const e of w.attack) minute.set(`${e.account_id as string}${(e.ts as string).slice(0, 16)}`, (minute.get(`${e.account_id as string}${(e.ts as string).slice(0, 16)}`) ?? 0) + 1);
    expect(Math.max(...minute.values())).toBeLessThanOrEqual(3);
  });

  it('adaptive-no-cot: no reasoning requests in the prompts, output limits and budgets varied', async () => {
    const w = await world('adaptive-no-cot');
    expect(w.requests.filter((q) => q.persona === 'attack').some((q) => q.chainOfThought)).toBe(false);
    expect(w.attack.filter((e) => (e.max_tokens as number) >= 28_000).length / w.attack.length).toBeLessThan(0.1);
    expect(new Set(w.attack.map((e) => e.max_tokens)).size).toBeGreaterThan(4);
    const budgets = w.attack.filter((e) => e.reasoning_budget !== null);
    expect(budgets.length).toBeGreaterThan(0);
    expect(budgets.filter((e) => (e.reasoning_budget as number) >= 28_000).length / budgets.length).toBeLessThan(0.3);
  });

  it('adaptive-sync: nothing shared between accounts, but their sessions start in step', async () => {
    const w = await world('adaptive-sync', 0.004);
    const attackAccounts = [...w.accounts.values()].filter((a) => (w.cohort.get(a.account_id as string) ?? '').startsWith('hydra-'));
    expect(new Set(attackAccounts.map((a) => a.payment_fingerprint)).size).toBe(attackAccounts.length);
    expect(w.requests.filter((q) => q.persona === 'attack').every((q) => q.templateKey === undefined && q.paraphrase === 1)).toBe(true);
    expect(w.attack.every((e) => e.system === null)).toBe(true);
    // Session starts (a request after an hour of quiet): what share start within two minutes of two
    // other accounts' starts? The campaign's nearly all; real customers' almost none.
    const inStep = (xs: Row[]) => {
      const starts: { account: string; t: number }[] = [];
      for (const [account, rows] of byAccount(xs)) {
        const t = rows.map((e) => Date.parse(e.ts as string)).sort((a, b) => a - b);
        t.forEach((x, i) => i > 0 && x - t[i - 1]! >= 3_600_000 && starts.push({ account, t: x }));
      }
      starts.sort((a, b) => a.t - b.t);
      let together = 0;
      for (let i = 0; i < starts.length; i++) {
        const near = new Set<string>();
        for (let j = i - 1; j >= 0 && starts[i]!.t - starts[j]!.t <= 120_000; j--) near.add(starts[j]!.account);
        for (let j = i + 1; j < starts.length && starts[j]!.t - starts[i]!.t <= 120_000; j++) near.add(starts[j]!.account);
        near.delete(starts[i]!.account);
        if (near.size >= 2) together++;
      }
      return { starts: starts.length, share: together / Math.max(1, starts.length) };
    };
    const campaign = inStep(w.attack);
    expect(campaign.starts).toBeGreaterThan(100);
    expect(campaign.share).toBeGreaterThan(0.8);
    expect(inStep(w.of('chat_user')).share).toBeLessThan(0.1);
    // And quiet between jobs: most hours of the campaign see no campaign traffic at all.
    const hours = new Set(w.attack.map((e) => (e.ts as string).slice(0, 13)));
    expect(hours.size / (18 * 24)).toBeLessThan(0.5);
  });

  it('adaptive-all: every tell at once, down to the agent\'s own system prompt, TLS stack and release', async () => {
    const w = await world('adaptive-all');
    const agents = w.of('coding_agent').filter((e) => (e.user_agent as string).startsWith('claude-cli/'));
    expect(cacheRatio(w.attack)).toBeGreaterThan(0.9);
    expect(w.requests.filter((q) => q.persona === 'attack').some((q) => q.chainOfThought || q.templateKey !== undefined)).toBe(false);
    expect(new Set(w.attack.map((e) => e.system))).toEqual(new Set(agents.map((e) => e.system)));
    expect(w.attack.every((e) => (TLS_STACKS.node as readonly string[]).includes(e.client_fingerprint as string))).toBe(true);
    // A current release: what the agent's latest release was that day, or a release or two behind, as
    // real users run it (the spoofers' copy in seed-2026 is weeks old).
    const release = (ua: string) => Number(/1\.0\.(\d+)/.exec(ua)![1]);
    const lag = (e: Row) => release(CLIENT_STACKS['claude-cli'].userAgent(0, Date.parse(e.ts as string), new Random(0))) - release(e.user_agent as string);
    expect(w.attack.every((e) => lag(e) >= 0 && lag(e) <= 2)).toBe(true);
    expect(agents.every((e) => lag(e) >= 0 && lag(e) <= 2)).toBe(true);
    for (const rows of byAccount(w.attack).values()) expect(new Set(rows.map((e) => e.ip)).size).toBe(1);
  });
});

describe('hard-negatives: real customers that look like campaigns', () => {
  it('labels everyone benign, and each hard negative shows the surface of an attack', async () => {
    const w = await world('hard-negatives', 0.004);
    expect(w.attack).toHaveLength(0);
    // Synthetic data: maximum output and reasoning, chain of thought, a cron scheduler in the cloud.
    const synth = w.of('batch_pipeline/synthetic-data');
    expect(synth.filter((e) => (e.max_tokens as number) >= 28_000).length / synth.length).toBeGreaterThan(0.9);
    expect(synth.filter((e) => e.reasoning_budget !== null).length / synth.length).toBeGreaterThan(0.3);
    expect(synth.every((e) => asnOf(e.ip as string)!.kind === 'datacenter')).toBe(true);
    // Benchmarks: step-by-step reasoning in bursts, one-token logprob scoring.
    const evalReqs = w.requests.filter((q) => q.persona === 'eval_runner');
    expect(evalReqs.filter((q) => q.chainOfThought).length / evalReqs.length).toBeGreaterThan(0.3);
    expect(w.of('eval_runner').some((e) => e.max_tokens === 1 && e.top_logprobs === 20)).toBe(true);
    // Researchers: big logit-bias maps, as a sweep would send.
    expect(w.of('researcher').some((e) => (e.logit_bias_size as number) >= 100)).toBe(true);
    // Startup programme: many accounts on one company card.
    const startup = [...w.accounts.values()].filter((a) => w.cohort.get(a.account_id as string) === 'coding_agent/startup-programme');
    const perCard = new Map<unknown, number>();
    for (const a of startup) perCard.set(a.payment_fingerprint, (perCard.get(a.payment_fingerprint) ?? 0) + 1);
    expect(Math.max(...perCard.values())).toBeGreaterThan(1);
    // VPN users: hosting addresses, a new one each session.
    const vpn = byAccount(w.of('chat_user/vpn'));
    expect([...vpn.values()].flat().every((e) => asnOf(e.ip as string)!.kind === 'datacenter')).toBe(true);
    expect([...vpn.values()].some((rows) => new Set(rows.map((e) => e.ip)).size > 1)).toBe(true);
    // A hackathon: everyone signed up within hours, behind one address.
    const hack = [...w.accounts.values()].filter((a) => w.cohort.get(a.account_id as string) === 'university_class/hackathon');
    expect(new Set(hack.map((a) => a.signup_ip)).size).toBe(1);
    // Headless coding agents in the cloud, still with the agent's cache profile.
    expect(cacheRatio(w.of('coding_agent/headless'))).toBeGreaterThan(0.9);
  });
});
