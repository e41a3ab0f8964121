import type { AccountTier } from '../schema/account.js';
import type { Capability, PromptPersona, PromptStyle } from './prompts/types.js';
import { Weighted } from './rng.js';
import type { Knobs, Rhythm } from './scenario.js';
import type { TraceFit } from './traces.js';
import type { ClientName, NetKind, TlsStack, ToolSet } from './world.js';

/**
 * What each persona does by default, as knobs (the same vocabulary scenarios use), and the resolution of
 * preset + campaign + part knobs into the behaviour the engine runs. Numbers not fitted from traces are
 * judgement, stated here once: volumes per persona are set so that seed-2026's benign population sends
 * roughly 1.3x the campaign's volume, most accounts light and a few giants on top.
 */

type FullKnobs = Required<Omit<Knobs, 'proxies' | 'spoof'>> & { spoof?: Knobs['spoof'] };

const BASE: FullKnobs = {
  rate: 1,
  volume_sigma: 1,
  rhythm: 'evening',
  limit_fraction: 100,
  turns: 1,
  turn_gap_seconds: 60,
  targets: { general: 1 },
  cot_share: 0,
  prompt_style: 'persona',
  templates: 'none',
  paraphrase: 0.6,
  max_tokens: 'varied',
  reasoning: { share: 0, budget: 'varied' },
  logprobs: { share: 0, top: 5 },
  logit_bias: { share: 0, size: 2 },
  multi_n: { share: 0, n: 2 },
  clients: { 'openai-python': 1 },
  cache: 'none',
  system_prompt: 'none',
  tools: 'none',
  tool_share: 0,
  model_families: { large: 1 },
  adoption_days: 10,
  network: { kinds: { residential: 1 }, rotation: 'natural', pool: 1, asn_spread: 1, match_billing_country: true },
  signup: {
    pattern: 'established',
    waves: 1,
    ramp_days: 0,
    age_days: [0, 0.1],
    new_share: 0.1,
    email: { consumer: 1 },
    accounts_per_card: 1,
    tiers: { build: 1 },
    verified: 0.3,
    org_share: 0,
    org_size: 1,
  },
  benchmarks: ['gsm8k', 'math', 'humaneval', 'swe-bench', 'mmlu'],
  run_size: 600,
  class_size: 40,
  class_size_spread: 0.4,
};

export const PRESETS: Record<PromptPersona, Knobs> = {
  // People on chat front-ends (web, mobile apps, scripts) with their own key: light, evenings, a few turns.
  chat_user: {
    rate: 0.22,
    volume_sigma: 1.2,
    rhythm: 'evening',
    turns: 3,
    turn_gap_seconds: 75,
    targets: { general: 0.58, software_engineering: 0.17, reasoning: 0.12, long_horizon_planning: 0.05, agentic_tool_use: 0.03, rubric_grading: 0.05 },
    cot_share: 0.07,
    paraphrase: 0.8,
    max_tokens: 'varied',
    reasoning: { share: 0.1, budget: 'varied' },
    logit_bias: { share: 0.01, size: 3 },
    clients: { browser: 0.45, 'mobile-app': 0.2, 'openai-python': 0.15, 'anthropic-python': 0.1, 'openai-node': 0.1 },
    cache: 'chat',
    system_prompt: 'product',
    tools: 'app',
    tool_share: 0.1,
    model_families: { large: 0.6, small: 0.4 },
    adoption_days: 8,
    network: { kinds: { residential: 0.65, mobile: 0.35 }, rotation: 'natural' },
    signup: { pattern: 'established', new_share: 0.12, email: { consumer: 0.93, company: 0.04, edu: 0.03 }, accounts_per_card: 1, tiers: { free: 0.55, build: 0.45 }, verified: 0.2, org_share: 0.05, org_size: 1 },
  },
  // Developers on coding agents: long agent loops with tools, office hours, a stable cached prefix.
  coding_agent: {
    rate: 4.2,
    volume_sigma: 1.1,
    rhythm: 'office',
    turns: 24,
    turn_gap_seconds: 18,
    targets: { software_engineering: 0.68, agentic_tool_use: 0.25, long_horizon_planning: 0.07 },
    cot_share: 0.02,
    paraphrase: 0.9,
    max_tokens: 'max',
    reasoning: { share: 0.3, budget: 'varied' },
    clients: { 'claude-cli': 0.75, cline: 0.15, aider: 0.1 },
    cache: 'agent',
    system_prompt: 'generated', // the product's, from its templateKey agent:<client>
    tools: 'claude-cli', // replaced by each client's own tool list
    tool_share: 1,
    model_families: { large: 0.85, small: 0.15 },
    adoption_days: 1.5, // agents update themselves and follow the vendor's default model
    network: { kinds: { residential: 0.68, datacenter: 0.2, mobile: 0.08, university: 0.04 }, rotation: 'natural' },
    signup: { pattern: 'established', new_share: 0.1, email: { company: 0.5, consumer: 0.45, edu: 0.05 }, accounts_per_card: 1, tiers: { build: 0.63, scale: 0.22, startup: 0.1, free: 0.05 }, verified: 0.6, org_share: 0.4, org_size: 8 },
  },
  // Enterprise pipelines: one template, single-turn, datacenter servers, around the clock.
  batch_pipeline: {
    rate: 1500,
    volume_sigma: 1.0,
    rhythm: 'always_on',
    turns: 1,
    targets: { general: 0.75, software_engineering: 0.1, reasoning: 0.1, rubric_grading: 0.05 },
    cot_share: 0.05,
    templates: { count: 1, paraphrase: 0 },
    max_tokens: 'default',
    clients: { 'openai-python': 0.35, 'anthropic-python': 0.3, httpx: 0.1, go: 0.1, litellm: 0.15 },
    cache: 'template',
    system_prompt: 'account',
    model_families: { large: 0.5, small: 0.5 },
    adoption_days: 40, // pinned model versions, migrated on the customer's schedule
    network: { kinds: { datacenter: 1 }, rotation: 'request', pool: 4, asn_spread: 1, match_billing_country: false },
    signup: { pattern: 'established', new_share: 0.03, email: { company: 0.8, startup: 0.2 }, accounts_per_card: 1, tiers: { enterprise: 0.55, scale: 0.35, startup: 0.1 }, verified: 1, org_share: 1, org_size: 3 },
  },
  // Benchmark harnesses: bursts of benchmark questions, often asking for step-by-step reasoning.
  eval_runner: {
    rate: 60,
    volume_sigma: 1.0,
    rhythm: 'runs',
    run_size: 600,
    turns: 1,
    targets: { reasoning: 0.45, software_engineering: 0.35, general: 0.12, agentic_tool_use: 0.04, rubric_grading: 0.04 },
    cot_share: 0.6,
    max_tokens: 'default',
    reasoning: { share: 0.2, budget: 'varied' },
    logprobs: { share: 0.12, top: 5 },
    logit_bias: { share: 0.08, size: 4 },
    multi_n: { share: 0.1, n: 5 },
    clients: { 'openai-python': 0.4, httpx: 0.15, 'anthropic-python': 0.25, litellm: 0.2 },
    cache: 'none',
    system_prompt: 'generated',
    model_families: { large: 0.7, small: 0.3 },
    adoption_days: 0.3, // a new model is evaluated the day it ships
    network: { kinds: { datacenter: 0.6, university: 0.4 }, rotation: 'request', pool: 2, match_billing_country: false },
    signup: { pattern: 'established', new_share: 0.08, email: { company: 0.5, edu: 0.5 }, accounts_per_card: 1, tiers: { scale: 0.4, research: 0.4, build: 0.2 }, verified: 0.8, org_share: 0.6, org_size: 3 },
  },
  // Gateways serving many unrelated end users from one account: broad content, global rhythm.
  relay: {
    rate: 2500,
    volume_sigma: 1.0,
    rhythm: 'always_on',
    turns: 1.6,
    turn_gap_seconds: 60,
    targets: { general: 0.5, software_engineering: 0.25, reasoning: 0.1, agentic_tool_use: 0.05, long_horizon_planning: 0.05, rubric_grading: 0.05 },
    cot_share: 0.08,
    paraphrase: 1,
    max_tokens: 'varied',
    reasoning: { share: 0.15, budget: 'varied' },
    clients: { 'openai-node': 0.3, litellm: 0.3, go: 0.2, 'openai-python': 0.2 },
    cache: 'chat',
    system_prompt: 'generated',
    tools: 'functions',
    tool_share: 0.1,
    model_families: { large: 0.7, small: 0.3 },
    adoption_days: 2,
    network: { kinds: { datacenter: 1 }, rotation: 'request', pool: 12, asn_spread: 2, match_billing_country: false },
    signup: { pattern: 'established', new_share: 0.02, email: { company: 1 }, accounts_per_card: 1, tiers: { scale: 0.5, enterprise: 0.5 }, verified: 1, org_share: 1, org_size: 1 },
  },
  // University classes: accounts created the same day behind the campus NAT, near-identical homework.
  university_class: {
    rate: 2,
    volume_sigma: 0.6,
    rhythm: 'deadline',
    turns: 2.5,
    turn_gap_seconds: 90,
    targets: { software_engineering: 0.5, reasoning: 0.35, general: 0.15 },
    cot_share: 0.3,
    templates: { count: 6, paraphrase: 0.25 },
    max_tokens: 'varied',
    clients: { browser: 0.3, 'openai-python': 0.5, requests: 0.1, httpx: 0.1 },
    cache: 'none',
    system_prompt: 'none',
    model_families: { large: 0.5, small: 0.5 },
    adoption_days: 20,
    network: { kinds: { university: 1 }, rotation: 'sticky', pool: 2 },
    signup: { pattern: 'same_day', email: { edu: 1 }, accounts_per_card: 0, tiers: { edu: 1 }, verified: 0, org_share: 0.5, org_size: 40 },
    class_size: 40,
  },
  // Researchers: experiments with fixed prompt sets, judges, logprobs; university and cloud machines.
  researcher: {
    rate: 15,
    volume_sigma: 1.3,
    rhythm: 'office',
    turns: 1.3,
    turn_gap_seconds: 40,
    targets: { reasoning: 0.3, general: 0.25, rubric_grading: 0.2, software_engineering: 0.15, long_horizon_planning: 0.1 },
    cot_share: 0.25,
    templates: { count: 5, paraphrase: 0.1 },
    max_tokens: 'varied',
    reasoning: { share: 0.2, budget: 'varied' },
    logprobs: { share: 0.2, top: 10 },
    logit_bias: { share: 0.03, size: 10 },
    multi_n: { share: 0.05, n: 4 },
    clients: { 'openai-python': 0.4, 'anthropic-python': 0.3, httpx: 0.2, curl: 0.1 },
    cache: 'none',
    system_prompt: 'account',
    model_families: { large: 0.8, small: 0.2 },
    adoption_days: 1,
    network: { kinds: { university: 0.6, datacenter: 0.3, residential: 0.1 }, rotation: 'sticky', pool: 2 },
    signup: { pattern: 'established', new_share: 0.1, email: { edu: 0.7, company: 0.3 }, accounts_per_card: 1, tiers: { research: 0.6, build: 0.3, scale: 0.1 }, verified: 0.7, org_share: 0.3, org_size: 4 },
  },
  // A distillation campaign's default tactics (the public case): every one overridable per campaign and part.
  attack: {
    volume_sigma: 0.3,
    rhythm: 'round_robin',
    limit_fraction: 0.5,
    turns: 1,
    targets: { software_engineering: 0.4, agentic_tool_use: 0.3, long_horizon_planning: 0.2, reasoning: 0.1 },
    cot_share: 0.35,
    templates: { count: 50, paraphrase: 0.2 },
    max_tokens: 'max',
    reasoning: { share: 0.35, budget: 'max' },
    clients: { httpx: 1 },
    cache: 'none',
    system_prompt: 'shared',
    tools: 'claude-cli',
    tool_share: 0.3,
    model_families: { large: 1 },
    adoption_days: 10_000, // pinned unless a migration tactic moves it
    network: { kinds: { datacenter: 0.5, residential: 0.4, mobile: 0.1 }, rotation: 'session', pool: 6000, asn_spread: 40, match_billing_country: false },
    signup: {
      pattern: 'waves',
      waves: 4,
      ramp_days: 10,
      age_days: [0, 2],
      email: { consumer: 0.6, throwaway: 0.25, startup: 0.15 },
      accounts_per_card: 25,
      tiers: { build: 0.55, startup: 0.25, edu: 0.2 },
      verified: 0.1,
      org_share: 0.15,
      org_size: 1,
      countries: { US: 0.5, SG: 0.2, HK: 0.1, GB: 0.1, DE: 0.1 },
    },
  },
};

const STRUCT_KEYS = new Set(['reasoning', 'logprobs', 'logit_bias', 'multi_n', 'spoof', 'network', 'signup']);

/** Later knobs override earlier ones; structured knobs (network, signup, ...) merge field by field. */
export function mergeKnobs(...layers: (Knobs | undefined)[]): Knobs {
  const out: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined) continue;
      const key = k === 'proxies' ? 'network' : k;
      const prev = out[key];
      out[key] = STRUCT_KEYS.has(key) && prev && typeof prev === 'object' && typeof v === 'object' ? { ...prev, ...v } : v;
    }
  }
  return out as Knobs;
}

/** Only the knob fields of a scenario entry (benign population, campaign or part). */
export function knobsOf(entry: object): Knobs {
  const skip = new Set(['persona', 'cohort', 'accounts', 'name', 'account_share', 'exchange_share', 'cover', 'banned', 'id', 'start', 'end', 'exchanges', 'replacement', 'migration', 'parts']);
  return Object.fromEntries(Object.entries(entry).filter(([k]) => !skip.has(k))) as Knobs;
}

// ---- the resolved behaviour ----------------------------------------------------------------------

export type CacheProfile = 'agent' | 'chat' | 'template' | 'none';
export type SystemPolicy = 'none' | 'product' | 'account' | 'shared' | 'generated';
export type Rotation = 'sticky' | 'session' | 'day' | 'request' | 'natural';

export interface Behaviour {
  persona: PromptPersona;
  knobs: Knobs;
  rate: number;
  volumeSigma: number;
  rhythm: Rhythm;
  limitFraction: number;
  turns: number;
  turnGapS: number;
  targets: Weighted<Capability>;
  cotShare: number;
  promptStyle: PromptStyle;
  templates: { count: number; paraphrase: number } | null;
  paraphrase: number;
  maxTokens: 'max' | 'varied' | 'default' | number;
  reasoningShare: number;
  reasoningBudget: 'max' | 'varied';
  logprobs: { share: number; top: number };
  logitBias: { share: number; size: number };
  multiN: { share: number; n: number };
  clients: Weighted<ClientName>;
  spoof: { claims: ClientName; tls: TlsStack; versionLag: number } | null;
  cache: CacheProfile;
  system: SystemPolicy;
  tools: ToolSet | null;
  toolShare: number;
  families: Weighted<string>;
  adoptionDays: number;
  network: {
    kinds: Weighted<NetKind>;
    rotation: Rotation;
    pool: number;
    asnSpread: number;
    countries: Weighted<string> | null;
    matchBilling: boolean;
  };
  signup: {
    pattern: 'established' | 'drip' | 'burst' | 'waves' | 'same_day';
    waves: number;
    rampDays: number;
    ageDays: [number, number];
    newShare: number;
    email: Weighted<'consumer' | 'company' | 'edu' | 'throwaway' | 'startup'>;
    accountsPerCard: number;
    tiers: Weighted<AccountTier>;
    verified: number;
    orgShare: number;
    orgSize: number;
    countries: Weighted<string> | null;
  };
  benchmarks: string[];
  runSize: number;
  classSize: number;
  classSizeSpread: number;
  /** Log-normal output length (visible text, before reasoning tokens). */
  output: { median: number; sigma: number };
  /** Log-normal size of material sent besides the prompt text per turn (documents, tool results). */
  extra: { median: number; sigma: number; share: number };
}

const weightsOf = <K extends string>(w: Partial<Record<K, number | undefined>> | undefined): Weighted<K> =>
  new Weighted(Object.entries(w ?? {}).filter(([, v]) => (v as number) > 0) as [K, number][]);

/** Output and side-material sizes per persona, from the trace fit (see traces.ts). */
function lengths(persona: PromptPersona, fit: TraceFit) {
  const t = fit.tokens;
  switch (persona) {
    case 'coding_agent':
      // Agent turns: short tool calls and edits out, file contents and tool results in (Azure code contexts).
      return { output: { median: t.chatOutput.median * 1.2, sigma: t.chatOutput.sigma }, extra: { ...t.codeContext, share: 1 } };
    case 'batch_pipeline':
      // One document per request (Azure conversation contexts), short structured answers.
      return { output: { median: t.chatOutput.median * 0.8, sigma: t.chatOutput.sigma * 0.7 }, extra: { ...t.chatContext, share: 1 } };
    case 'eval_runner':
      return { output: t.reasoningOutput, extra: { median: 0, sigma: 0, share: 0 } };
    case 'attack':
      // Harvesters ask for the longest, most complete answers (the reasoning model's lengths, and more).
      return { output: { median: t.reasoningOutput.median * 1.3, sigma: t.reasoningOutput.sigma }, extra: { ...t.codeContext, share: 0.15 } };
    case 'researcher':
      return { output: t.chatOutput, extra: { ...t.chatContext, share: 0.3 } };
    default:
      return { output: t.chatOutput, extra: { ...t.chatContext, share: 0.08 } };
  }
}

/** Resolves preset and overrides into a behaviour (all defaults filled). */
export function resolveBehaviour(persona: PromptPersona, knobs: Knobs, fit: TraceFit, fallbackFamily: string, families: Set<string>): Behaviour {
  const k = mergeKnobs(BASE, knobs) as FullKnobs;
  const net = k.network;
  const su = k.signup;
  const fams = Object.fromEntries(Object.entries(k.model_families).filter(([f]) => families.has(f)));
  const spoof = k.spoof?.claims ? { claims: k.spoof.claims, tls: (k.spoof.tls ?? 'python') as TlsStack, versionLag: k.spoof.version_lag ?? 0 } : null;
  return {
    persona,
    knobs,
    rate: k.rate,
    volumeSigma: k.volume_sigma,
    rhythm: k.rhythm,
    limitFraction: k.limit_fraction,
    turns: k.turns,
    turnGapS: k.turn_gap_seconds,
    targets: weightsOf<Capability>(k.targets),
    cotShare: k.cot_share,
    promptStyle: k.prompt_style,
    templates: k.templates === 'none' ? null : k.templates,
    paraphrase: k.paraphrase,
    maxTokens: k.max_tokens,
    reasoningShare: k.reasoning.share ?? 0,
    reasoningBudget: k.reasoning.budget ?? 'varied',
    logprobs: { share: k.logprobs.share ?? 0, top: k.logprobs.top ?? 5 },
    logitBias: { share: k.logit_bias.share ?? 0, size: k.logit_bias.size ?? 2 },
    multiN: { share: k.multi_n.share ?? 0, n: k.multi_n.n ?? 2 },
    clients: weightsOf<ClientName>(k.clients),
    spoof,
    cache: k.cache,
    system: k.system_prompt,
    tools: k.tools === 'none' ? null : (k.tools as ToolSet),
    toolShare: k.tool_share,
    families: Object.keys(fams).length > 0 ? weightsOf(fams) : new Weighted([[fallbackFamily, 1]]),
    adoptionDays: k.adoption_days,
    network: {
      kinds: weightsOf<NetKind>(net.kinds),
      rotation: (net.rotation ?? 'natural') as Rotation,
      pool: net.pool ?? 1,
      asnSpread: net.asn_spread ?? 1,
      countries: net.countries ? weightsOf(net.countries) : null,
      matchBilling: net.match_billing_country ?? true,
    },
    signup: {
      pattern: su.pattern ?? 'established',
      waves: su.waves ?? 1,
      rampDays: su.ramp_days ?? 0,
      ageDays: su.age_days ?? [0, 0.1],
      newShare: su.new_share ?? 0.1,
      email: weightsOf(su.email),
      accountsPerCard: su.accounts_per_card ?? 1,
      tiers: weightsOf<AccountTier>(su.tiers),
      verified: su.verified ?? 0.3,
      orgShare: su.org_share ?? 0,
      orgSize: su.org_size ?? 1,
      countries: su.countries ? weightsOf(su.countries) : null,
    },
    benchmarks: k.benchmarks,
    runSize: k.run_size,
    classSize: k.class_size,
    classSizeSpread: k.class_size_spread,
    ...lengths(persona, fit),
  };
}
