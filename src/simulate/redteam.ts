/**
 * Random worlds for the red-team matrix (`distillwatch redteam`): a seed in, a validated scenario out, with
 * 1 to 3 distillation campaigns of families drawn from FAMILIES, sizes from one account to thousands, and
 * their tactics drawn from wide ranges, inside a benign population of 2,000 to 6,000 accounts holding every
 * hard negative, each group of them (a class, a lab, a startup) its own cohort so a group flagged whole shows.
 * The fixed scenarios test what we thought of; these test what a generator with other habits would send.
 * Worlds are kept small (a few hundred thousand exchanges) so one simulates, ingests and hunts in well under
 * a minute on 2 cores: big campaigns send few requests per account, and heavy benign customers are capped.
 * Same seed and options, same scenario, byte for byte (JSON.stringify of it).
 */
import { Random } from './rng.js';
import { validateScenario, type Scenario } from './scenario.js';

export const FAMILIES = [
  'hydra_agentic', // many accounts, proxies, shaped under rate limits: seed-2026's campaign, optionally with relay cover
  'low_and_slow', // a swarm of accounts, 30-80 requests each over weeks, at human hours from residential addresses
  'cot_harvest', // step-by-step reasoning at the maximal budget, n > 1, from a handful of datacenter accounts
  'logit_extraction', // output-layer extraction: hundreds of logit-bias entries, 1-token answers, from 1-3 accounts
  'logprob_extraction', // top-logprob sweeps, max_tokens 1, over tiny fixed prompts
  'self_instruct', // self-instruct and evol-instruct expansion: the model writes and hardens its own training tasks
  'multiturn_chat', // multi-turn conversations posing as chat users
  'relay_hidden', // the harvest hidden in a reseller relay's real traffic, at 1-30% of it
  'combo', // one operator mixing two families' tactics, as parts
] as const;
export type Family = (typeof FAMILIES)[number];

/** Campaign size bins (accounts, replacements and cover relays included), so each is covered over many worlds. */
export const SIZE_BINS = [
  { id: '1', min: 1, max: 1 },
  { id: '2', min: 2, max: 2 },
  { id: '3-9', min: 3, max: 9 },
  { id: '10-99', min: 10, max: 99 },
  { id: '100-999', min: 100, max: 999 },
  { id: '1000+', min: 1000, max: 2500 },
] as const;
export type SizeBin = (typeof SIZE_BINS)[number]['id'];

export function sizeBin(accounts: number): SizeBin {
  for (const b of SIZE_BINS) if (accounts <= b.max) return b.id;
  return '1000+';
}

/** The sizes each family comes in: an extraction runs from a few accounts, a swarm from hundreds. */
const FAMILY_BINS: Record<Family, SizeBin[]> = {
  hydra_agentic: ['2', '3-9', '10-99', '100-999', '1000+'],
  low_and_slow: ['10-99', '100-999', '1000+'],
  cot_harvest: ['1', '2', '3-9', '10-99', '100-999'],
  logit_extraction: ['1', '2', '3-9'],
  logprob_extraction: ['1', '2', '3-9', '10-99'],
  self_instruct: ['1', '2', '3-9', '10-99', '100-999'],
  multiturn_chat: ['3-9', '10-99', '100-999', '1000+'],
  relay_hidden: ['1', '2', '3-9', '10-99'],
  combo: ['2', '3-9', '10-99', '100-999', '1000+'],
};

/** Families a combo mixes (relay cover joins as a second part only). */
const COMBO_FAMILIES: Family[] = ['hydra_agentic', 'low_and_slow', 'cot_harvest', 'logit_extraction', 'logprob_extraction', 'self_instruct', 'multiturn_chat'];

export interface RandomWorldOptions {
  /** Multiplies benign account counts, campaign sizes and volumes (group sizes stay as drawn). Default 1. */
  scale?: number;
  /** Share of worlds that draw real prompts when the harness is given a corpus (decided per seed). Default 0.5. */
  realPromptsShare?: number;
}

export interface WorldCampaign {
  id: string;
  family: Family;
  /** Accounts the scenario asks for (the truth counts what was built). */
  accounts: number;
  sizeBin: SizeBin;
  exchanges: number;
  /** combo: the families mixed; relay_hidden and hydra cover: the relays' attack share. */
  components?: Family[];
  relayAttackShare?: number;
}

export interface WorldBenignGroup {
  cohort: string;
  kind: 'university_class' | 'hackathon' | 'startup_programme' | 'eval_lab' | 'research_lab' | 'synthetic_data';
  accounts: number;
  /** What makes it look like a campaign, for reading a false positive. */
  traits: string[];
}

export interface RandomWorld {
  seed: number;
  scale: number;
  /** The validated scenario (what `simulate` runs). */
  scenario: Scenario;
  /** The same scenario as written, keys in reading order (for a YAML file that `simulate --scenario` reads). */
  document: Record<string, unknown>;
  campaigns: WorldCampaign[];
  benignGroups: WorldBenignGroup[];
  /** Whether this world draws real prompts when a corpus is given. */
  realPrompts: boolean;
  /** Planned volume (exchanges at --scale 1 of the scenario; the simulation's count differs by chance). */
  planned: { benignAccounts: number; benignExchanges: number; attackAccounts: number; attackExchanges: number };
}

/** Benign exchanges a world aims at, and campaign exchanges at most (both times `scale`). */
const BENIGN_BUDGET = 220_000;
const ATTACK_BUDGET = 150_000;
/** A relay carrying a campaign's requests sends this much in all at most (its real customers' and the campaign's). */
const RELAY_BUDGET = 60_000;

const MODELS = (start: number, days: number, d: Draw) => [
  { id: 'atlas-3-large', family: 'large', released: '2025-11-04' },
  { id: 'atlas-3-small', family: 'small', released: '2025-11-04' },
  // A release inside the window: fast movers (agents, eval runners, some campaigns) follow within a day.
  { id: 'atlas-4-large', family: 'large', released: iso(start + (d.int(2, Math.max(3, days - 3)) * 24 + 17) * HOUR) },
];

const HOUR = 3_600_000;
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();

/** Seeded draws, rounded so the scenario reads well and serialises the same everywhere. */
class Draw {
  constructor(readonly rng: Random) {}
  /** Uniform in [lo, hi), 3 decimals. */
  u(lo: number, hi: number): number {
    return Math.round((lo + (hi - lo) * this.rng.next()) * 1000) / 1000;
  }
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + this.rng.int(hi - lo + 1);
  }
  /** Log-uniform integer in [lo, hi]. */
  logInt(lo: number, hi: number): number {
    return Math.min(hi, Math.floor(Math.exp(Math.log(lo) + (Math.log(hi + 1) - Math.log(lo)) * this.rng.next())));
  }
  chance(p: number): boolean {
    return this.rng.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.rng.int(xs.length)]!;
  }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    const total = pairs.reduce((a, [, w]) => a + w, 0);
    let x = this.rng.next() * total;
    for (const [v, w] of pairs) if ((x -= w) < 0) return v;
    return pairs[pairs.length - 1]![0];
  }
  /** Random positive weights over some of `keys` (at least `min` of them), 2 decimals. */
  mix<K extends string>(keys: readonly K[], min = 1, bias: Partial<Record<K, number>> = {}): Record<string, number> {
    const out: Record<string, number> = {};
    let chosen = 0;
    for (const k of keys) {
      if (this.chance(0.55) || (bias[k] ?? 0) > 0) {
        out[k] = Math.round((this.u(0.05, 1) + (bias[k] ?? 0)) * 100) / 100;
        chosen++;
      }
    }
    for (const k of keys) {
      if (chosen >= min) break;
      if (out[k] === undefined) {
        out[k] = Math.round(this.u(0.05, 1) * 100) / 100;
        chosen++;
      }
    }
    return out;
  }
}

type Knobs = Record<string, unknown>;

// ---- attack tactics, drawn -------------------------------------------------------------------------

function attackSignup(d: Draw, kind: 'farm' | 'aged' | 'drip' | 'consumer' | 'any'): Knobs {
  const k = kind === 'any' ? d.pick(['farm', 'aged', 'drip', 'consumer'] as const) : kind;
  const cards = d.weighted<number>([[0, 0.1], [1, 0.35], [2, 0.15], [3, 0.1], [5, 0.1], [10, 0.08], [25, 0.08], [50, 0.04]]);
  const email = d.mix(['consumer', 'throwaway', 'startup', 'company', 'edu'] as const, 1, k === 'consumer' ? { consumer: 2 } : {});
  const countries = d.chance(0.4) ? { countries: d.mix(['US', 'SG', 'HK', 'GB', 'DE', 'IN', 'BR', 'CN', 'RU', 'VN'] as const, 2) } : {};
  switch (k) {
    case 'aged':
      // Bought or farmed long ago: established, mostly verified, on the paid plans.
      return { pattern: 'established', ramp_days: d.u(0, 3), verified: d.u(0.6, 1), accounts_per_card: cards, email, tiers: d.mix(['build', 'scale', 'research', 'enterprise'] as const, 1, { build: 0.5 }), ...countries };
    case 'drip':
      return { pattern: 'drip', ramp_days: d.u(2, 14), age_days: [d.u(0, 1), d.u(1, 5)], verified: d.u(0, 0.5), accounts_per_card: cards, email, tiers: d.mix(['build', 'startup', 'edu', 'free'] as const, 1, { build: 0.5 }), ...countries };
    case 'consumer':
      return { pattern: d.pick(['drip', 'waves', 'established']), waves: d.int(2, 6), ramp_days: d.u(1, 12), age_days: [d.u(0, 1), d.u(1, 6)], verified: d.u(0.1, 0.5), accounts_per_card: d.pick([0, 1, 1, 1, 2]), email, tiers: d.mix(['free', 'build'] as const, 1), ...countries };
    default:
      return {
        pattern: d.pick(['burst', 'waves', 'same_day', 'waves']),
        waves: d.int(2, 6),
        ramp_days: d.u(0, 10),
        age_days: [0, d.u(0.2, 3)],
        verified: d.u(0, 0.3),
        accounts_per_card: Math.max(1, cards),
        email,
        tiers: d.mix(['build', 'startup', 'edu', 'free'] as const, 1, { build: 0.5 }),
        org_share: d.u(0, 0.3),
        ...countries,
      };
  }
}

function attackInfra(d: Draw, kind: 'proxies' | 'datacenter' | 'residential' | 'any'): Knobs {
  const k = kind === 'any' ? d.pick(['proxies', 'datacenter', 'residential'] as const) : kind;
  switch (k) {
    case 'datacenter':
      return { kinds: { datacenter: 1 }, rotation: d.pick(['sticky', 'request', 'day', 'session']), pool: d.logInt(1, 60), asn_spread: d.int(1, 4), match_billing_country: false };
    case 'residential':
      // Residential exits: one sticky home address in the billing country, or a residential proxy pool.
      return d.chance(0.5)
        ? { kinds: d.mix(['residential', 'mobile'] as const, 1, { residential: 1 }), rotation: d.pick(['sticky', 'natural']), pool: 1, match_billing_country: true }
        : { kinds: d.mix(['residential', 'mobile'] as const, 1, { residential: 1 }), rotation: d.pick(['session', 'day', 'sticky']), pool: d.logInt(50, 3000), asn_spread: d.int(5, 40), match_billing_country: false };
    default:
      return {
        kinds: d.mix(['datacenter', 'residential', 'mobile'] as const, 1),
        rotation: d.pick(['session', 'request', 'day', 'sticky']),
        pool: d.logInt(20, 4000),
        asn_spread: d.int(2, 40),
        match_billing_country: false,
      };
  }
}

function attackClient(d: Draw): Knobs {
  const lag = d.int(0, 60);
  return d.weighted<Knobs>([
    [{ clients: { httpx: 1 }, spoof: { claims: 'claude-cli', tls: 'python', version_lag: lag } }, 0.3],
    [{ clients: { 'openai-python': 1 } }, 0.15],
    [{ clients: { 'anthropic-python': 1 } }, 0.1],
    [{ clients: { requests: 1 }, spoof: { claims: 'openai-python', tls: 'python', version_lag: lag } }, 0.1],
    [{ clients: { go: 1 } }, 0.08],
    [{ clients: { 'claude-cli': 1 } }, 0.07],
    [{ clients: { httpx: 1 }, spoof: { claims: 'claude-cli', tls: 'node', version_lag: 0 } }, 0.1],
    [{ clients: { 'openai-python': 0.5, 'anthropic-python': 0.3, litellm: 0.2 } }, 0.1],
  ]);
}

function harvestTargets(d: Draw): Knobs {
  return d.mix(['software_engineering', 'agentic_tool_use', 'reasoning', 'long_horizon_planning', 'rubric_grading', 'general'] as const, 2, { software_engineering: 0.4 });
}

function templatesOrFree(d: Draw, pTemplates: number, count: [number, number], para: [number, number]): Knobs {
  return d.chance(pTemplates) ? { templates: { count: d.logInt(count[0], count[1]), paraphrase: d.u(para[0], para[1]) } } : { templates: 'none', paraphrase: d.u(0.5, 1) };
}

/** A family's tactics as knobs (no sizes, dates or volumes). */
function familyKnobs(d: Draw, family: Exclude<Family, 'combo' | 'relay_hidden'>): Knobs {
  switch (family) {
    case 'hydra_agentic': {
      const rhythm = d.pick(['round_robin', 'round_robin', 'cron', 'jobs', 'always_on', 'naive', 'evening']);
      return {
        targets: { software_engineering: d.u(0.3, 0.6), agentic_tool_use: d.u(0.15, 0.4), long_horizon_planning: d.u(0, 0.25), reasoning: d.u(0, 0.15) },
        cot_share: d.u(0, 0.5),
        reasoning: { share: d.u(0, 0.6), budget: d.pick(['max', 'max', 'varied']) },
        ...templatesOrFree(d, 0.75, [5, 80], [0, 0.6]),
        system_prompt: d.weighted([['shared', 0.5], ['none', 0.2], ['product', 0.15], ['generated', 0.15]]),
        max_tokens: d.pick(['max', 'max', 'varied']),
        ...attackClient(d),
        cache: d.weighted([['none', 0.7], ['agent', 0.2], ['template', 0.1]]),
        tools: 'claude-cli',
        tool_share: d.u(0.2, 1),
        turns: d.chance(0.2) ? d.u(2, 8) : 1,
        volume_sigma: d.u(0.2, 1),
        rhythm,
        limit_fraction: rhythm === 'naive' ? d.u(1.2, 2) : d.u(0.05, 0.9),
        proxies: attackInfra(d, d.pick(['proxies', 'proxies', 'datacenter', 'residential'] as const)),
        signup: attackSignup(d, d.pick(['farm', 'farm', 'drip', 'aged'] as const)),
      };
    }
    case 'low_and_slow':
      return {
        targets: harvestTargets(d),
        cot_share: d.u(0, 0.4),
        reasoning: { share: d.u(0, 0.4), budget: d.pick(['max', 'varied']) },
        ...templatesOrFree(d, 0.5, [10, 100], [0.2, 0.8]),
        system_prompt: d.pick(['none', 'product', 'shared']),
        max_tokens: d.pick(['max', 'varied']),
        ...attackClient(d),
        cache: d.pick(['none', 'chat']),
        tools: 'none',
        tool_share: 0,
        turns: d.chance(0.4) ? d.u(1.5, 3) : 1,
        volume_sigma: d.u(0.2, 0.9),
        rhythm: d.pick(['evening', 'office']),
        limit_fraction: d.u(0.05, 0.3),
        proxies: attackInfra(d, 'residential'),
        signup: attackSignup(d, d.pick(['drip', 'consumer', 'aged'] as const)),
      };
    case 'cot_harvest': {
      const aged = d.chance(0.45);
      return {
        targets: { reasoning: d.u(0.6, 1), software_engineering: d.u(0, 0.3), general: d.u(0, 0.1) },
        cot_share: d.u(0.7, 1),
        reasoning: { share: d.u(0.6, 1), budget: 'max' },
        multi_n: { share: d.u(0.3, 1), n: d.int(2, 16) },
        ...templatesOrFree(d, 0.7, [2, 30], [0, 0.4]),
        system_prompt: d.pick(['shared', 'none', 'shared']),
        max_tokens: 'max',
        clients: d.pick([{ 'openai-python': 1 }, { 'anthropic-python': 1 }, { httpx: 1 }, { litellm: 1 }]),
        cache: 'none',
        tools: 'none',
        tool_share: 0,
        turns: 1,
        volume_sigma: d.u(0.1, 0.6),
        rhythm: d.pick(['always_on', 'round_robin', 'cron']),
        limit_fraction: d.u(0.3, 0.95),
        proxies: d.chance(0.8) ? attackInfra(d, 'datacenter') : attackInfra(d, 'any'),
        signup: aged
          ? { ...attackSignup(d, 'aged'), accounts_per_card: d.pick([1, 2, 2]) }
          : { ...attackSignup(d, d.pick(['drip', 'farm'] as const)), accounts_per_card: d.pick([1, 2, 2, 3]) },
      };
    }
    case 'logit_extraction':
      return {
        targets: { general: 1 },
        prompt_style: 'probes',
        cot_share: 0,
        reasoning: { share: 0 },
        templates: { count: d.int(1, 5), paraphrase: d.u(0, 0.2) },
        system_prompt: 'none',
        max_tokens: 1,
        logit_bias: { share: d.u(0.9, 1), size: d.logInt(100, 1000) },
        logprobs: d.chance(0.5) ? { share: d.u(0.5, 1), top: d.pick([5, 10, 20]) } : { share: 0 },
        clients: d.pick([{ 'openai-python': 1 }, { httpx: 1 }, { curl: 1 }, { requests: 1 }]),
        cache: 'none',
        tools: 'none',
        tool_share: 0,
        turns: 1,
        volume_sigma: d.u(0.1, 0.5),
        rhythm: 'sweeps',
        run_size: d.logInt(500, 4000),
        limit_fraction: d.u(0.3, 1),
        proxies: attackInfra(d, d.pick(['datacenter', 'datacenter', 'residential'] as const)),
        signup: { ...attackSignup(d, d.pick(['aged', 'drip'] as const)), accounts_per_card: 1 },
      };
    case 'logprob_extraction':
      return {
        targets: { general: 1 },
        prompt_style: 'probes',
        cot_share: 0,
        reasoning: { share: 0 },
        ...(d.chance(0.8) ? { templates: { count: d.int(1, 20), paraphrase: d.u(0, 0.3) } } : { templates: 'none', paraphrase: 1 }),
        system_prompt: 'none',
        max_tokens: 1,
        logprobs: { share: d.u(0.9, 1), top: d.int(5, 20) },
        logit_bias: d.chance(0.3) ? { share: d.u(0.1, 0.5), size: d.int(1, 10) } : { share: 0 },
        clients: d.pick([{ 'openai-python': 1 }, { httpx: 1 }, { 'openai-node': 1 }]),
        cache: 'none',
        tools: 'none',
        tool_share: 0,
        turns: 1,
        volume_sigma: d.u(0.1, 0.6),
        ...(d.chance(0.75) ? { rhythm: 'sweeps', run_size: d.logInt(200, 3000) } : { rhythm: 'cron' }),
        limit_fraction: d.u(0.2, 1),
        proxies: attackInfra(d, 'any'),
        signup: attackSignup(d, 'any'),
      };
    case 'self_instruct':
      return {
        targets: d.mix(['general', 'software_engineering', 'reasoning', 'long_horizon_planning', 'rubric_grading', 'agentic_tool_use'] as const, 2, { general: 0.5 }),
        prompt_style: 'self_instruct',
        cot_share: d.u(0, 0.2),
        reasoning: { share: d.u(0, 0.3), budget: d.pick(['max', 'varied']) },
        ...templatesOrFree(d, 0.75, [1, 8], [0, 0.5]),
        ...(d.chance(0.3) ? { multi_n: { share: d.u(0.2, 0.8), n: d.int(2, 5) } } : {}),
        system_prompt: d.pick(['shared', 'none', 'none']),
        max_tokens: d.pick(['max', 'varied']),
        ...attackClient(d),
        cache: d.pick(['none', 'template']),
        tools: 'none',
        tool_share: 0,
        turns: 1,
        volume_sigma: d.u(0.2, 0.8),
        rhythm: d.pick(['always_on', 'round_robin', 'cron', 'jobs']),
        limit_fraction: d.u(0.1, 0.9),
        proxies: attackInfra(d, 'any'),
        signup: attackSignup(d, 'any'),
      };
    case 'multiturn_chat':
      return {
        targets: harvestTargets(d),
        prompt_style: 'chat_followups',
        cot_share: d.u(0.1, 0.4),
        reasoning: { share: d.u(0, 0.3), budget: 'varied' },
        ...templatesOrFree(d, 0.5, [10, 60], [0.3, 0.8]),
        system_prompt: d.pick(['product', 'product', 'none']),
        max_tokens: d.pick(['varied', 'max']),
        clients: d.pick([{ browser: 0.6, 'mobile-app': 0.2, 'openai-python': 0.2 }, { browser: 1 }, { 'mobile-app': 0.5, browser: 0.5 }, { 'openai-python': 0.5, 'anthropic-python': 0.5 }]),
        cache: 'chat',
        tools: d.pick(['none', 'app']),
        tool_share: d.u(0, 0.1),
        turns: d.u(3, 10),
        turn_gap_seconds: d.u(30, 150),
        volume_sigma: d.u(0.3, 1),
        rhythm: d.pick(['evening', 'office', 'evening']),
        limit_fraction: d.u(0.05, 0.4),
        proxies: attackInfra(d, d.pick(['residential', 'residential', 'proxies'] as const)),
        signup: { ...attackSignup(d, 'consumer'), email: { consumer: 1 } },
      };
  }
}

/** Exchanges per account a family sends, by campaign size (big campaigns: few each, so worlds stay small). */
function perAccountVolume(d: Draw, family: Family, n: number): number {
  switch (family) {
    case 'low_and_slow':
      return d.int(30, 80);
    case 'multiturn_chat':
      return n >= 1000 ? d.int(15, 40) : d.logInt(30, 300);
    case 'logit_extraction':
      return d.logInt(1500, 15_000);
    case 'logprob_extraction':
      return n >= 10 ? d.logInt(100, 800) : d.logInt(300, 5000);
    case 'cot_harvest':
      return n >= 10 ? d.logInt(40, 400) : d.logInt(500, 5000);
    default:
      return n >= 1000 ? d.logInt(10, 40) : n >= 100 ? d.logInt(20, 200) : n >= 10 ? d.logInt(100, 1500) : d.logInt(300, 4000);
  }
}

// ---- campaigns ---------------------------------------------------------------------------------------

interface Window {
  start: number;
  end: number;
  newModel: string;
}

function campaignWindow(d: Draw, w: Window, family: Family): { start: string; end: string } {
  const days = (w.end - w.start) / DAY;
  // A swarm works for weeks (the window's rest); others for 2 days up to the rest of the window.
  const startDay = family === 'low_and_slow' ? d.u(0, Math.min(3, days * 0.15)) : d.u(0.5, Math.max(1, days * 0.6));
  const s = w.start + Math.round(startDay * 24) * HOUR;
  const rest = (w.end - s) / DAY;
  const length = family === 'low_and_slow' ? rest : d.u(Math.min(2, rest), rest);
  const e = Math.min(w.end, s + Math.max(6, Math.round(length * 24)) * HOUR);
  return { start: iso(s), end: iso(e) };
}

function drawSize(d: Draw, family: Family): { bin: SizeBin; n: number } {
  const bin = d.pick(FAMILY_BINS[family]);
  const b = SIZE_BINS.find((x) => x.id === bin)!;
  return { bin, n: b.min === b.max ? b.min : d.logInt(b.min, b.max) };
}

function scaled(n: number, scale: number): number {
  return Math.max(1, Math.round(n * scale));
}

interface BuiltCampaign {
  doc: Knobs;
  meta: WorldCampaign;
}

/**
 * Fits drawn sign-up and sweep knobs to the campaign's length and volume: accounts switched on after the
 * campaign ended, or extraction sessions bigger than an account's whole volume, would send nothing.
 */
function fitToCampaign(knobs: Knobs, when: { start: string; end: string }, perAccount: number, d: Draw): void {
  const days = (Date.parse(when.end) - Date.parse(when.start)) / DAY;
  const su = knobs.signup as Knobs | undefined;
  if (su) {
    if (typeof su.ramp_days === 'number') su.ramp_days = round3(Math.min(su.ramp_days, days * 0.4));
    if (Array.isArray(su.age_days)) su.age_days = [round3(Math.min(su.age_days[0] as number, days * 0.1)), round3(Math.min(su.age_days[1] as number, days * 0.2))];
  }
  if (perAccount <= 0) return;
  if (knobs.rhythm === 'sweeps' && typeof knobs.run_size === 'number') knobs.run_size = Math.max(20, Math.min(knobs.run_size, Math.round(perAccount / d.int(1, 6))));
  // Units of work (bursts, conversations) of at least 3 per account on average, so few accounts stay dormant.
  if (knobs.rhythm === 'naive' && perAccount < 240) {
    knobs.rhythm = 'cron';
    knobs.limit_fraction = d.u(0.05, 0.9);
  }
  if (typeof knobs.turns === 'number' && knobs.turns > 1 && perAccount / knobs.turns < 5) {
    const turns = round3(perAccount / 5);
    knobs.turns = turns > 1.05 ? turns : 1;
  }
  // A light account of a very uneven campaign would send nothing at all.
  if (perAccount < 60 && typeof knobs.volume_sigma === 'number' && knobs.volume_sigma > 0.4) knobs.volume_sigma = d.u(0.1, 0.4);
}

function buildCampaign(d: Draw, family: Family, index: number, w: Window, scale: number): BuiltCampaign {
  const id = `${family.replace(/_/g, '-')}-${index + 1}`;
  const { n: drawn } = drawSize(d, family);
  const n = scaled(drawn, scale);
  const when = campaignWindow(d, w, family);
  const cap = ATTACK_BUDGET * scale;
  const meta: WorldCampaign = { id, family, accounts: n, sizeBin: sizeBin(n), exchanges: 0 };

  if (family === 'relay_hidden') {
    // Relays whose real customers' requests hide the campaign's: the campaign is a few percent of each.
    const share = d.weighted<[number, number]>([[[0.01, 0.05], 0.4], [[0.05, 0.1], 0.3], [[0.1, 0.3], 0.3]]);
    const attackShare = d.u(share[0], share[1]);
    const exchanges = Math.max(n * 20, Math.round(attackShare * d.u(0.3, 1) * RELAY_BUDGET * scale));
    const tactics = familyKnobs(d, d.pick(['hydra_agentic', 'cot_harvest', 'self_instruct'] as const));
    delete tactics.proxies;
    delete tactics.signup;
    meta.exchanges = exchanges;
    meta.relayAttackShare = attackShare;
    return {
      doc: { id, ...when, accounts: n, exchanges, ...tactics, parts: [{ name: 'relay', accounts: n, exchange_share: 1, cover: { attack_share: nominalShare(attackShare, when, w) }, rhythm: 'always_on' }] },
      meta,
    };
  }

  if (family === 'combo') {
    const a = d.pick(COMBO_FAMILIES) as Exclude<Family, 'combo' | 'relay_hidden'>;
    const withRelay = d.chance(0.2);
    const b = d.pick(COMBO_FAMILIES.filter((f) => f !== a)) as Exclude<Family, 'combo' | 'relay_hidden'>;
    const partA = familyKnobs(d, a);
    const partB = withRelay ? null : familyKnobs(d, b);
    // One operator: half the time both parts sign up and pay the same way (the campaign's sign-up).
    const shared = d.chance(0.5) ? { signup: partA.signup } : {};
    if (shared.signup) {
      delete partA.signup;
      if (partB) delete partB.signup;
    }
    const small = (f: Family) => f === 'logit_extraction' || f === 'logprob_extraction' || f === 'cot_harvest';
    const parts: Knobs[] = [];
    let exchanges = 0;
    if (withRelay) {
      // The first family's harvest, a share of it also carried by relays of real customers.
      const relays = Math.min(n - 1 || 1, d.int(1, 4));
      const attackShare = d.u(0.01, 0.3);
      const main = Math.max(1, n - relays);
      const mainEx = Math.min(cap * 0.7, main * perAccountVolume(d, a, main));
      const relayEx = Math.max(relays * 20, Math.round(attackShare * d.u(0.3, 1) * RELAY_BUDGET * scale));
      exchanges = Math.round(mainEx + relayEx);
      fitToCampaign(partA, when, mainEx / main, d);
      parts.push({ name: a.replace(/_/g, '-'), accounts: main, exchange_share: round3(1 - relayEx / exchanges), ...partA });
      // The relays carry the same harvest (its content knobs; their network and accounts are the relays' own).
      const { proxies: _p, signup: _s, rhythm: _r, ...content } = partA;
      parts.push({ name: 'relay', accounts: relays, exchange_share: round3(1 - (parts[0]!.exchange_share as number)), ...content, cover: { attack_share: nominalShare(attackShare, when, w) }, rhythm: 'always_on' });
      meta.components = [a, 'relay_hidden'];
      meta.relayAttackShare = attackShare;
    } else {
      // Extraction and reasoning parts run from a few accounts; the rest of the campaign's accounts are the other part's.
      const few = () => Math.min(Math.max(1, n - 1), d.int(1, n >= 100 ? 12 : 3));
      let nA: number;
      if (small(a) && !small(b)) nA = few();
      else if (small(b) && !small(a)) nA = Math.max(1, n - few());
      else nA = Math.min(Math.max(1, n - 1), Math.max(1, Math.round(n * d.u(0.2, 0.8))));
      const nB = Math.max(1, n - nA);
      const exA = nA * perAccountVolume(d, a, nA);
      const exB = nB * perAccountVolume(d, b, nB);
      exchanges = Math.round(Math.min(cap, exA + exB));
      const shareA = round3(Math.min(0.98, Math.max(0.02, exA / (exA + exB))));
      fitToCampaign(partA, when, exA / nA, d);
      fitToCampaign(partB!, when, exB / nB, d);
      parts.push({ name: a.replace(/_/g, '-'), accounts: nA, exchange_share: shareA, ...partA });
      parts.push({ name: b.replace(/_/g, '-'), accounts: nB, exchange_share: round3(1 - shareA), ...partB! });
      meta.components = [a, b];
    }
    if (shared.signup) fitToCampaign(shared as Knobs, when, 0, d);
    const total = parts.reduce((s, p) => s + (p.accounts as number), 0);
    meta.accounts = total;
    meta.sizeBin = sizeBin(total);
    meta.exchanges = exchanges;
    return { doc: { id, ...when, accounts: total, exchanges, ...shared, parts }, meta };
  }

  const tactics = familyKnobs(d, family);
  if (d.chance(0.3)) tactics.model_families = { large: d.u(0.3, 1), small: d.u(0.05, 0.7) };
  let exchanges = Math.round(Math.min(cap, n * perAccountVolume(d, family, n)));
  exchanges = Math.max(exchanges, n);
  fitToCampaign(tactics, when, exchanges / n, d);
  const doc: Knobs = { id, ...when, accounts: n, exchanges, ...tactics };
  if (family === 'hydra_agentic') {
    if (d.chance(0.35)) doc.replacement = { ban_rate_per_day: d.u(0.01, 0.05), delay_hours: d.u(1, 24) };
    if (d.chance(0.4)) doc.migration = { model: w.newModel, share: d.u(0.2, 0.8), within_hours: d.u(6, 48) };
    if (d.chance(0.3) && exchanges > 500) {
      // Relay cover (seed-2026's cover-relay part): a few relays, the campaign a few percent of each.
      const relays = d.int(1, Math.min(6, Math.max(1, Math.round(n / 10))));
      const attackShare = d.u(0.01, 0.3);
      const relayEx = Math.max(relays * 20, Math.round(attackShare * d.u(0.3, 1) * RELAY_BUDGET * scale));
      const coverShare = round3(Math.min(0.5, relayEx / (exchanges + relayEx)));
      doc.exchanges = Math.round(exchanges + relayEx);
      doc.parts = [
        { name: 'core', account_share: 1, exchange_share: round3(1 - coverShare) },
        { name: 'cover-relay', accounts: relays, exchange_share: coverShare, cover: { attack_share: nominalShare(attackShare, when, w) }, rhythm: 'always_on' },
      ];
      meta.accounts = n + relays;
      meta.sizeBin = sizeBin(n + relays);
      meta.relayAttackShare = attackShare;
      meta.components = ['hydra_agentic', 'relay_hidden'];
      exchanges = doc.exchanges as number;
    }
  }
  meta.exchanges = exchanges;
  return { doc, meta };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The cover knob's attack_share that makes the campaign `target` of a relay's traffic over the world: a relay's
 * real customers send all window long, the campaign's requests only while it runs.
 */
function nominalShare(target: number, when: { start: string; end: string }, w: Window): number {
  const running = (Date.parse(when.end) - Date.parse(when.start)) / (w.end - w.start);
  return Math.min(1, Math.max(0.001, round3(1 / (1 + ((1 - target) / target) * running))));
}

// ---- benign population -------------------------------------------------------------------------------

interface BenignEntry {
  doc: Knobs;
  /** Exchanges per account per day, for the volume budget (the persona's default when the entry has none). */
  rate: number;
  heavy: boolean;
}

const PRESET_RATE: Record<string, number> = { chat_user: 0.22, coding_agent: 4.2, batch_pipeline: 1500, eval_runner: 60, relay: 2500, university_class: 2, researcher: 15 };

function benignPopulation(d: Draw, scale: number): { entries: BenignEntry[]; groups: WorldBenignGroup[] } {
  const entries: BenignEntry[] = [];
  const groups: WorldBenignGroup[] = [];
  const add = (doc: Knobs, heavy = false) => entries.push({ doc, rate: (doc.rate as number | undefined) ?? PRESET_RATE[doc.persona as string]!, heavy });
  let g = 0;
  const group = (kind: WorldBenignGroup['kind'], accounts: number, traits: string[]) => {
    const cohort = `${kind}/rt-${++g}`;
    groups.push({ cohort, kind, accounts, traits });
    return cohort;
  };
  const total = scaled(d.int(2000, 6000), scale);

  // Groups first (their sizes are their own), then the individuals fill the rest.
  const classes = d.int(1, 5);
  for (let i = 0; i < classes; i++) {
    const size = d.logInt(15, 150);
    const card = d.weighted<number>([[0, 0.5], [size, 0.35], [d.int(5, 30), 0.15]]);
    const shared = d.chance(0.5);
    const nat = d.weighted<number>([[1, 0.6], [2, 0.25], [3, 0.15]]);
    const traits = [`${size} students signed up the same day`, `${nat} campus NAT address${nat > 1 ? 'es' : ''}`, 'near-identical homework, deadline bursts'];
    if (card > 0) traits.push(card >= size ? 'one card for the class' : `cards shared ${card} to a card`);
    if (shared) traits.push('one course system prompt');
    add({
      persona: 'university_class',
      cohort: group('university_class', size, traits),
      accounts: size,
      class_size: size,
      class_size_spread: 0,
      rate: d.u(1, 6),
      cot_share: d.u(0.2, 0.7),
      targets: d.mix(['software_engineering', 'reasoning', 'general', 'rubric_grading', 'agentic_tool_use'] as const, 1),
      templates: { count: d.int(2, 8), paraphrase: d.u(0.1, 0.5) },
      system_prompt: shared ? 'shared' : 'none',
      network: { kinds: { university: 1 }, rotation: 'sticky', pool: nat },
      signup: { pattern: 'same_day', email: { edu: 1 }, accounts_per_card: card, tiers: { edu: 1 }, verified: d.u(0, 0.3), org_share: d.u(0, 1), org_size: size },
    });
  }
  if (d.chance(0.4)) {
    const size = d.logInt(30, 150);
    add({
      persona: 'university_class',
      cohort: group('hackathon', size, [`${size} accounts created the same hour`, 'one campus NAT', 'coding and agent templates']),
      accounts: size,
      class_size: size,
      class_size_spread: 0,
      rate: d.u(5, 20),
      targets: { software_engineering: d.u(0.5, 0.8), agentic_tool_use: d.u(0.2, 0.5) },
      templates: { count: d.int(1, 4), paraphrase: d.u(0.1, 0.3) },
      max_tokens: d.pick(['max', 'varied']),
      network: { kinds: { university: 1 }, rotation: 'sticky', pool: 1 },
      signup: { pattern: 'same_day', email: { edu: d.u(0.5, 1), consumer: d.u(0, 0.5) }, accounts_per_card: d.pick([0, size]), tiers: { edu: 1 }, verified: 0 },
    });
  }
  const startups = d.int(1, 3);
  for (let i = 0; i < startups; i++) {
    const size = d.logInt(5, 40);
    add({
      persona: 'coding_agent',
      cohort: group('startup_programme', size, [`${size} accounts on the startup plan`, 'one company card', 'many new, few verified']),
      accounts: size,
      rate: d.u(2, 8),
      signup: { pattern: 'established', new_share: d.u(0.3, 0.9), email: { startup: 1 }, tiers: { startup: 1 }, accounts_per_card: 1, org_share: 1, org_size: 1000, verified: d.u(0.1, 0.4) },
    });
  }
  const evalLabs = d.int(1, 3);
  for (let i = 0; i < evalLabs; i++) {
    const size = d.logInt(2, 12);
    const multi = d.chance(0.6);
    const traits = ['benchmark bursts', 'step-by-step reasoning', 'logprob scoring with small logit-bias maps', 'one lab card'];
    if (multi) traits.push('n > 1');
    add(
      {
        persona: 'eval_runner',
        cohort: group('eval_lab', size, traits),
        accounts: size,
        rate: d.u(20, 150),
        run_size: d.logInt(100, 1000),
        cot_share: d.u(0.4, 0.95),
        reasoning: { share: d.u(0, 0.6), budget: d.pick(['varied', 'max']) },
        max_tokens: d.pick(['default', 'max']),
        logprobs: { share: d.u(0.05, 0.4), top: d.pick([5, 10, 20]) },
        logit_bias: { share: d.u(0.02, 0.3), size: d.int(2, 8) },
        multi_n: multi ? { share: d.u(0.05, 0.3), n: d.int(2, 10) } : { share: 0 },
        adoption_days: d.u(0.1, 1),
        network: { kinds: d.mix(['datacenter', 'university'] as const, 1), rotation: 'request', pool: d.int(1, 8), match_billing_country: false },
        signup: { pattern: 'established', email: { company: 0.5, edu: 0.5 }, accounts_per_card: 1, tiers: { research: 0.5, scale: 0.5 }, verified: d.u(0.6, 1), org_share: 1, org_size: 1000 },
      },
      true,
    );
  }
  const labs = d.int(1, 3);
  for (let i = 0; i < labs; i++) {
    const size = d.logInt(3, 15);
    add(
      {
        persona: 'researcher',
        cohort: group('research_lab', size, ['many answers per prompt (n > 1)', 'maximal reasoning budget', 'calibration studies: large logit-bias maps, top-20 logprobs', 'one lab card']),
        accounts: size,
        rate: d.u(10, 80),
        targets: { reasoning: d.u(0.2, 0.6), rubric_grading: d.u(0, 0.4), general: d.u(0.1, 0.3), software_engineering: d.u(0, 0.2) },
        cot_share: d.u(0.2, 0.6),
        reasoning: { share: d.u(0.2, 0.8), budget: 'max' },
        multi_n: { share: d.u(0.1, 0.5), n: d.int(4, 16) },
        logprobs: { share: d.u(0.2, 0.6), top: 20 },
        logit_bias: { share: d.u(0.05, 0.4), size: d.logInt(50, 400) },
        max_tokens: d.pick(['varied', 'max']),
        signup: { pattern: 'established', email: { edu: 0.7, company: 0.3 }, accounts_per_card: 1, tiers: { research: 1 }, verified: d.u(0.5, 1), org_share: 1, org_size: 1000 },
      },
      true,
    );
  }
  const synthetic = d.int(0, 2);
  for (let i = 0; i < synthetic; i++) {
    const size = d.int(1, 6);
    const style = d.chance(0.4) ? 'self_instruct' : 'persona';
    add(
      {
        persona: 'batch_pipeline',
        cohort: group('synthetic_data', size, ['synthetic-data product (allowed)', 'code and reasoning at scale', style === 'self_instruct' ? 'self-instruct meta-prompts' : 'one template', 'max output and reasoning', 'datacenter, near the limit']),
        accounts: size,
        rate: d.u(200, 1500),
        rhythm: d.pick(['cron', 'always_on']),
        limit_fraction: d.u(0.3, 0.9),
        targets: { software_engineering: d.u(0.2, 0.6), reasoning: d.u(0.1, 0.4), general: d.u(0, 0.3), agentic_tool_use: d.u(0, 0.2) },
        prompt_style: style,
        cot_share: d.u(0.3, 0.8),
        reasoning: { share: d.u(0.2, 0.8), budget: 'max' },
        max_tokens: 'max',
        templates: { count: d.int(1, 10), paraphrase: d.u(0, 0.3) },
        network: { kinds: { datacenter: 1 }, rotation: 'request', pool: d.int(2, 30), asn_spread: 1, match_billing_country: false },
        signup: { pattern: 'established', email: { company: 1 }, tiers: { scale: 0.7, build: 0.3 }, accounts_per_card: 1, org_share: 1, org_size: 1000, verified: 1 },
      },
      true,
    );
  }

  const inGroups = entries.reduce((a, e) => a + (e.doc.accounts as number), 0);
  const rest = Math.max(200, total - inGroups);
  const share = (lo: number, hi: number) => Math.max(1, Math.round(rest * d.u(lo, hi)));
  const vpn = share(0.005, 0.03);
  const mobile = share(0.03, 0.12);
  const coding = share(0.05, 0.12);
  const headless = d.int(3, 30);
  const batch = d.int(2, 8);
  const heavyBatch = d.int(0, 2);
  const evalRunners = d.int(5, 30);
  const relays = d.int(2, 8);
  const researchers = d.int(20, 80);
  const chat = Math.max(50, rest - vpn - mobile - coding - headless - batch - heavyBatch - evalRunners - relays - researchers);

  add({ persona: 'chat_user', accounts: chat, rate: d.u(0.15, 0.35) });
  add({ persona: 'chat_user', cohort: 'chat_user/vpn', accounts: vpn, network: { kinds: { datacenter: 1 }, rotation: d.pick(['session', 'day']), pool: 1, match_billing_country: false } });
  add({ persona: 'chat_user', cohort: 'chat_user/mobile', accounts: mobile, network: { kinds: { mobile: 1 }, rotation: 'natural' } });
  add({ persona: 'coding_agent', accounts: coding, rate: d.u(2, 6) });
  add(
    {
      persona: 'coding_agent',
      cohort: 'coding_agent/headless',
      accounts: headless,
      rate: d.u(30, 200),
      rhythm: 'always_on',
      max_tokens: 'max',
      network: { kinds: { datacenter: 1 }, rotation: 'sticky', pool: d.int(1, 3), match_billing_country: false },
      signup: { tiers: { scale: 0.6, build: 0.4 } },
    },
    true,
  );
  add({ persona: 'batch_pipeline', accounts: batch, rate: d.u(100, 2000), templates: { count: d.int(1, 3), paraphrase: 0 }, network: { kinds: { datacenter: 1 }, rotation: 'request', pool: d.int(2, 20), match_billing_country: false } }, true);
  if (heavyBatch > 0) add({ persona: 'batch_pipeline', cohort: 'batch_pipeline/heavy', accounts: heavyBatch, rate: d.u(2000, 6000), volume_sigma: 0.4 }, true);
  add(
    {
      persona: 'eval_runner',
      accounts: evalRunners,
      rate: d.u(20, 150),
      cot_share: d.u(0.4, 0.9),
      logprobs: { share: d.u(0.05, 0.3), top: d.pick([5, 20]) },
      logit_bias: { share: d.u(0.02, 0.2), size: d.int(2, 6) },
      multi_n: { share: d.u(0, 0.2), n: d.int(2, 8) },
    },
    true,
  );
  add({ persona: 'relay', accounts: relays, rate: d.u(300, 3000) }, true);
  add({ persona: 'researcher', accounts: researchers, rate: d.u(5, 25) }, true);
  return { entries, groups };
}

// ---- the world ---------------------------------------------------------------------------------------

/** A random world: same seed and options, same scenario (byte for byte as JSON). */
export function randomWorld(seed: number, opts: RandomWorldOptions = {}): RandomWorld {
  if (!Number.isInteger(seed)) throw new Error(`randomWorld: seed must be an integer, got ${seed}`);
  const scale = opts.scale ?? 1;
  if (!(scale > 0 && scale <= 10)) throw new Error(`randomWorld: scale must be in (0, 10], got ${scale}`);
  const d = new Draw(new Random(seed, 'redteam-world'));
  const realPrompts = new Random(seed, 'redteam-prompts').next() < (opts.realPromptsShare ?? 0.5);

  const days = d.int(14, 30);
  const start = Date.UTC(2026, 0, 5) + d.int(0, 300) * DAY;
  const models = MODELS(start, days, d);
  const w: Window = { start, end: start + days * DAY, newModel: 'atlas-4-large' };

  const { entries, groups } = benignPopulation(d, scale);
  // Keep the benign volume near its budget: the heavy customers (pipelines, relays, harnesses, labs) give way.
  const volume = (e: BenignEntry) => (e.doc.accounts as number) * e.rate * days;
  const light = entries.filter((e) => !e.heavy).reduce((a, e) => a + volume(e), 0);
  const heavy = entries.filter((e) => e.heavy).reduce((a, e) => a + volume(e), 0);
  const budget = BENIGN_BUDGET * scale;
  if (light + heavy > budget && heavy > 0) {
    const f = Math.max(0.02, (budget - light) / heavy);
    for (const e of entries.filter((x) => x.heavy)) {
      e.rate = Math.max(0.05, round3(e.rate * f));
      e.doc.rate = e.rate;
    }
  }

  const nCampaigns = d.int(1, 3);
  const built: BuiltCampaign[] = [];
  for (let i = 0; i < nCampaigns; i++) built.push(buildCampaign(d, d.pick(FAMILIES), i, w, scale));
  // Campaign volume within its budget, whatever the draws.
  const attack = built.reduce((a, c) => a + c.meta.exchanges, 0);
  if (attack > ATTACK_BUDGET * scale * 1.5) {
    const f = (ATTACK_BUDGET * scale * 1.5) / attack;
    for (const c of built) {
      c.meta.exchanges = Math.max(c.meta.accounts, Math.round(c.meta.exchanges * f));
      c.doc.exchanges = c.meta.exchanges;
    }
  }

  const doc = {
    name: `redteam-${seed}`,
    description: `Random red-team world ${seed}: ${built.map((c) => `${c.meta.id} (${c.meta.accounts} accounts)`).join(', ')}.`,
    start: iso(start).slice(0, 10),
    days,
    models,
    benign: entries.map((e) => e.doc),
    attacks: built.map((c) => c.doc),
  };
  const scenario = validateScenario(doc, `redteam world ${seed}`);
  const benignAccounts = entries.reduce((a, e) => a + (e.doc.accounts as number), 0);
  return {
    seed,
    scale,
    scenario,
    document: doc,
    campaigns: built.map((c) => c.meta),
    benignGroups: groups,
    realPrompts,
    planned: {
      benignAccounts,
      benignExchanges: Math.round(entries.reduce((a, e) => a + volume(e), 0)),
      attackAccounts: built.reduce((a, c) => a + c.meta.accounts, 0),
      attackExchanges: built.reduce((a, c) => a + c.meta.exchanges, 0),
    },
  };
}

/** The seed of world `i` of a matrix run with seed `base` (spread out, positive, below 2^31). */
export function worldSeed(base: number, i: number): number {
  return new Random(base, 'redteam-matrix', i).int(2 ** 31 - 1) + 1;
}

/** The family of a campaign id made by randomWorld (`logit-extraction-1` → `logit_extraction`), or null. */
export function familyOfCampaign(id: string): Family | null {
  const f = id.replace(/-\d+$/, '').replace(/-/g, '_');
  return (FAMILIES as readonly string[]).includes(f) ? (f as Family) : null;
}
