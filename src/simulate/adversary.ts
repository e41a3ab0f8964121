/**
 * The adaptive adversary's tactic space (`distillwatch adversary`): a campaign described by a small vector of
 * choices (volume per account, timing, infrastructure, sign-up, content, request shape, client), turned into a
 * scenario campaign for the simulator. Its operation size (accounts) is fixed per search; everything else is
 * what an operator who can watch the outcome would tune. The benign background is a red-team world's benign
 * population (randomWorld) with its attacks taken out, so every configuration is judged among the same hard
 * negatives.
 */
import type { Random } from './rng.js';
import { randomWorld } from './redteam.js';
import { validateScenario, type Campaign, type Scenario } from './scenario.js';

/**
 * Every dimension and its choices, in the order the vector lists them. Ordinal dimensions (rate, cot) are
 * listed low to high: refinement steps to a neighbouring value there.
 */
export const DIMENSIONS = {
  /** Requests per account per day of the window (the campaign's volume is accounts × rate × days). */
  rate: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
  /** When requests go out: people's hours (local time), an orchestrator's jobs, a load balancer, a service, a scheduler. */
  rhythm: ['evening', 'office', 'jobs', 'round_robin', 'always_on', 'cron'],
  /**
   * Where requests come from: one residential line per account in its billing country; rotating residential or
   * mobile proxy pools (a new exit per session); a handful of datacenter addresses.
   */
  infra: ['residential_sticky', 'residential_pool', 'mobile_pool', 'datacenter'],
  /** Accounts bought aged and verified; fresh accounts dripped in one by one; fresh accounts in waves. */
  signup: ['aged', 'drip', 'waves'],
  /** Accounts per payment card (1: every account its own card). */
  cards: [1, 5, 25],
  /** Prompt templates at a paraphrase level, free-form prompts, or chat conversations (a task, then follow-ups). */
  content: ['templates_p0', 'templates_p03', 'templates_p07', 'templates_p1', 'free_form', 'chat'],
  /** Prompt text: the built-in generator, or real prompts of a corpus (only with --prompts). */
  source: ['builtin', 'corpus'],
  /** System prompt: none, the client product's, one per account, one shared by the whole operation. */
  system: ['none', 'product', 'account', 'shared'],
  /** What it asks about: the harvest's high-value areas, reasoning, or diluted with general chat. */
  focus: ['coding_agentic', 'reasoning', 'mixed'],
  /** max_tokens: always the maximum, or varied as people's clients send it. */
  output: ['max', 'varied'],
  /** Share of requests asking for step-by-step reasoning. */
  cot: [0, 0.3, 0.8],
  /** Extended reasoning: off, on for half the requests at varied budgets, on for most at the maximum. */
  reasoning: ['off', 'varied', 'max'],
  /** Completions per request: 1, or 4 on half of them. */
  n: [1, 4],
  /** Client: an official SDK; an HTTP library claiming to be a coding agent; a genuine coding agent; browsers and apps. */
  client: ['sdk', 'spoofed_agent', 'agent', 'browser'],
} as const;

export type Dimension = keyof typeof DIMENSIONS;
export const DIMENSION_NAMES = Object.keys(DIMENSIONS) as Dimension[];
/** A configuration: one value per dimension (the rate may leave the grid: the volume ladder doubles it past the cap). */
export type Tactics = { [K in Exclude<Dimension, 'rate'>]: (typeof DIMENSIONS)[K][number] } & { rate: number };
/** Ordinal dimensions: a refinement step moves to a neighbouring value. */
export const ORDINAL: ReadonlySet<Dimension> = new Set(['rate', 'cot']);

/** The choices open to one search: rates the exchange budget allows, corpus prompts only with a corpus. */
export type TacticSpace = { [K in Exclude<Dimension, 'rate'>]: (typeof DIMENSIONS)[K][number][] } & { rate: number[] };

export interface SpaceOptions {
  accounts: number;
  days: number;
  /** Campaign exchanges one evaluation may simulate at most (keeps an evaluation well under a minute). */
  maxExchanges: number;
  /** Whether real prompts can be drawn (--prompts). */
  corpus: boolean;
}

export function tacticSpace(o: SpaceOptions): TacticSpace {
  const rates = DIMENSIONS.rate.filter((r) => o.accounts * r * o.days <= o.maxExchanges);
  const space = Object.fromEntries(DIMENSION_NAMES.map((d) => [d, [...DIMENSIONS[d]]])) as TacticSpace;
  space.rate = rates.length > 0 ? rates : [DIMENSIONS.rate[0]];
  if (!o.corpus) space.source = ['builtin'];
  // Sharing cards means nothing to a single account.
  if (o.accounts === 1) space.cards = [1];
  return space;
}

/** The campaign's exchanges as planned: accounts × rate × days. */
export function plannedExchanges(t: Tactics, accounts: number, days: number): number {
  return Math.max(accounts, Math.round(accounts * t.rate * days));
}

/** A stable key of a configuration (dimension order), for caching and for the seed of its simulation. */
export function tacticsKey(t: Tactics): string {
  return DIMENSION_NAMES.map((d) => `${d}=${t[d]}`).join(',');
}

/** Whether x holds one allowed value per dimension (of the space when given; else any positive rate). */
export function isTactics(x: unknown, space?: TacticSpace): x is Tactics {
  if (!x || typeof x !== 'object') return false;
  const o = x as Record<string, unknown>;
  return DIMENSION_NAMES.every((d) =>
    d === 'rate' && !space ? typeof o.rate === 'number' && Number.isFinite(o.rate) && o.rate > 0 : (space ? (space[d] as readonly unknown[]) : (DIMENSIONS[d] as readonly unknown[])).includes(o[d]),
  );
}

/** A uniformly random configuration of the space. */
export function randomTactics(rng: Random, space: TacticSpace): Tactics {
  const t: Record<string, unknown> = {};
  for (const d of DIMENSION_NAMES) t[d] = space[d][rng.int(space[d].length)];
  return t as Tactics;
}

/**
 * The configurations one coordinate away from `t` along `dim`: the neighbouring values of an ordinal
 * dimension, every other value of a categorical one.
 */
export function neighbours(t: Tactics, dim: Dimension, space: TacticSpace): Tactics[] {
  const values = space[dim] as readonly unknown[];
  const i = values.indexOf(t[dim]);
  const picks = ORDINAL.has(dim) ? [values[i - 1], values[i + 1]].filter((v) => v !== undefined) : values.filter((v) => v !== t[dim]);
  return picks.map((v) => ({ ...t, [dim]: v }) as Tactics);
}

// ---- tactics → scenario knobs ----------------------------------------------------------------------

type Knobs = Record<string, unknown>;

/** Billing countries of an operation blending in: roughly the benign population's own mix. */
const BLEND_COUNTRIES = { US: 0.3, IN: 0.1, GB: 0.08, DE: 0.08, FR: 0.05, BR: 0.05, JP: 0.05, KR: 0.04, CA: 0.04, NL: 0.03, ES: 0.03, AU: 0.03 };

function infraKnobs(t: Tactics, accounts: number): Knobs {
  switch (t.infra) {
    case 'residential_sticky':
      // One home line per account, in its billing country: what a real customer looks like.
      return { kinds: { residential: 1 }, rotation: 'sticky', pool: 1, match_billing_country: true };
    case 'residential_pool':
      return { kinds: { residential: 1 }, rotation: 'session', pool: 3000, asn_spread: 30, match_billing_country: false };
    case 'mobile_pool':
      return { kinds: { mobile: 1 }, rotation: 'session', pool: 2000, asn_spread: 15, match_billing_country: false };
    case 'datacenter':
      // A few rented servers: an address each for every 10 accounts or so, in 2-3 clouds.
      return { kinds: { datacenter: 1 }, rotation: 'sticky', pool: Math.max(1, Math.min(200, Math.ceil(accounts / 10))), asn_spread: 3, match_billing_country: false };
  }
}

function signupKnobs(t: Tactics, days: number): Knobs {
  const common = { accounts_per_card: t.cards, countries: BLEND_COUNTRIES, org_size: 1 };
  switch (t.signup) {
    case 'aged':
      return { ...common, pattern: 'established', ramp_days: 1, new_share: 0, verified: 0.9, email: { consumer: 0.6, company: 0.4 }, tiers: { build: 0.7, scale: 0.3 }, org_share: 0.3 };
    case 'drip':
      return { ...common, pattern: 'drip', ramp_days: Math.round(days * 0.3 * 10) / 10, age_days: [0.5, 2], verified: 0.3, email: { consumer: 0.85, throwaway: 0.15 }, tiers: { build: 0.7, free: 0.3 }, org_share: 0.05 };
    case 'waves':
      return { ...common, pattern: 'waves', waves: 3, ramp_days: Math.round(days * 0.3 * 10) / 10, age_days: [0, 1], verified: 0.1, email: { consumer: 0.6, throwaway: 0.4 }, tiers: { build: 0.6, startup: 0.2, edu: 0.2 }, org_share: 0.1 };
  }
}

function contentKnobs(t: Tactics): Knobs {
  const paraphrase: Record<string, number> = { templates_p0: 0, templates_p03: 0.3, templates_p07: 0.7, templates_p1: 1 };
  if (t.content in paraphrase) return { prompt_style: 'persona', templates: { count: 30, paraphrase: paraphrase[t.content] }, turns: 1 };
  if (t.content === 'free_form') return { prompt_style: 'persona', templates: 'none', paraphrase: 1, turns: 1 };
  // Conversations posing as a chat user: a task, then follow-up turns on it.
  return { prompt_style: 'chat_followups', templates: 'none', paraphrase: 1, turns: 4, turn_gap_seconds: 60 };
}

function clientKnobs(t: Tactics): Knobs {
  const cache = t.content === 'chat' ? 'chat' : 'none';
  switch (t.client) {
    case 'sdk':
      return { clients: { 'anthropic-python': 0.5, 'openai-python': 0.5 }, cache, tools: 'none', tool_share: 0 };
    case 'spoofed_agent':
      return { clients: { httpx: 1 }, spoof: { claims: 'claude-cli', tls: 'python', version_lag: 10 }, cache, tools: 'claude-cli', tool_share: 0.5 };
    case 'agent':
      // The genuine agent: its long stable prefix is re-used from the prompt cache, as real agent sessions do.
      return { clients: { 'claude-cli': 1 }, cache: 'agent', tools: 'claude-cli', tool_share: 0.8 };
    case 'browser':
      return { clients: { browser: 0.7, 'mobile-app': 0.3 }, cache: t.content === 'chat' ? 'chat' : 'none', tools: 'none', tool_share: 0 };
  }
}

const FOCUS: Record<Tactics['focus'], Record<string, number>> = {
  coding_agentic: { software_engineering: 0.5, agentic_tool_use: 0.3, long_horizon_planning: 0.2 },
  reasoning: { reasoning: 0.7, software_engineering: 0.3 },
  mixed: { software_engineering: 0.3, reasoning: 0.15, agentic_tool_use: 0.1, general: 0.45 },
};

export interface CampaignWindow {
  id: string;
  start: string;
  end: string;
  days: number;
}

/** The scenario campaign of a configuration at an operation size (valid in a scenario spanning its window). */
export function campaignOf(t: Tactics, accounts: number, w: CampaignWindow): Campaign {
  const reasoning = t.reasoning === 'off' ? { share: 0 } : t.reasoning === 'varied' ? { share: 0.5, budget: 'varied' } : { share: 0.8, budget: 'max' };
  const doc: Knobs = {
    id: w.id,
    start: w.start,
    end: w.end,
    accounts,
    exchanges: plannedExchanges(t, accounts, w.days),
    replacement: 'none',
    rhythm: t.rhythm,
    limit_fraction: 0.5,
    volume_sigma: 0.3,
    targets: FOCUS[t.focus],
    cot_share: t.cot,
    reasoning,
    multi_n: t.n === 1 ? { share: 0 } : { share: 0.5, n: t.n },
    max_tokens: t.output,
    system_prompt: t.system,
    ...contentKnobs(t),
    ...clientKnobs(t),
    proxies: infraKnobs(t, accounts),
    signup: signupKnobs(t, w.days),
  };
  // Validated through a one-campaign scenario, so a bad mapping fails here with the field's path.
  const s = validateScenario(
    { name: 'adversary', start: w.start, days: Math.max(1, Math.ceil(w.days)), models: [{ id: 'm', family: 'large', released: '2025-01-01' }], attacks: [doc] },
    `adversary campaign (${tacticsKey(t)})`,
  );
  return s.attacks[0]!;
}

// ---- the background ----------------------------------------------------------------------------------

export interface Background {
  seed: number;
  scale: number;
  /** The benign world as a scenario document (attacks: none), for simulate and for the record. */
  document: Record<string, unknown> & { start: string; days: number };
  scenario: Scenario;
  benignAccounts: number;
  /** Window of the world, ms. */
  start: number;
  end: number;
  days: number;
}

/**
 * The benign population of red-team world `seed` (randomWorld) over `days` days, its campaigns taken out: the
 * hard negatives every configuration is judged among.
 */
export function background(seed: number, opts: { days?: number; scale?: number } = {}): Background {
  const world = randomWorld(seed, { scale: opts.scale ?? 1 });
  const days = opts.days ?? world.scenario.days;
  if (!(Number.isInteger(days) && days >= 2 && days <= 60)) throw new Error(`background: days must be an integer in [2, 60], got ${days}`);
  const document = { ...world.document, name: `adversary-background-${seed}`, description: `The benign population of red-team world ${seed} over ${days} days, without its campaigns.`, days, attacks: [] } as unknown as Background['document'];
  const scenario = validateScenario(document, `adversary background ${seed}`);
  const start = Date.parse(scenario.start);
  return { seed, scale: world.scale, document, scenario, benignAccounts: world.planned.benignAccounts, start, end: start + days * 86_400_000, days };
}

/** The campaign's window: the whole background window (an operation running all along, from its first hour). */
export function campaignWindow(bg: Background, id = 'adversary'): CampaignWindow {
  return { id, start: new Date(bg.start).toISOString(), end: new Date(bg.end).toISOString(), days: bg.days };
}

/** The campaign alone in the background's window (what each evaluation simulates; the background is simulated once). */
export function campaignScenario(bg: Background, t: Tactics, accounts: number): Scenario {
  const c = campaignOf(t, accounts, campaignWindow(bg));
  return validateScenario({ ...bg.document, name: `adversary-${accounts}`, description: `An adversary of ${accounts} accounts: ${tacticsKey(t)}`, benign: [], attacks: [c] }, 'adversary scenario');
}

/** The whole world, background and campaign, as one scenario document (to reproduce a configuration with simulate). */
export function worldDocument(bg: Background, t: Tactics, accounts: number): Record<string, unknown> {
  const c = campaignOf(t, accounts, campaignWindow(bg));
  const doc = { ...bg.document, name: `adversary-${accounts}`, description: `The background of red-team world ${bg.seed} with an adversary of ${accounts} accounts: ${tacticsKey(t)}`, attacks: [c] };
  validateScenario(doc, 'adversary world');
  return doc;
}
