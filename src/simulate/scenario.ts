import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ACCOUNT_TIERS } from '../schema/account.js';
import { CAPABILITIES, PROMPT_PERSONAS, PROMPT_STYLES } from './prompts/types.js';
import { CLIENTS, COUNTRIES, TLS_STACKS, TOOL_SETS } from './world.js';

/**
 * Scenarios as data: a world (dates, models), benign populations (personas) and attack campaigns
 * (tactics), in YAML or JSON, validated here with errors that name the file and the path of the bad
 * field. Benign personas and attack parts are described with the same knobs (timing, content, request
 * parameters, client, cache, network, sign-up), so a hard negative can be dosed to look like an attack
 * and an adaptive attack to look like a hard negative.
 */

const weights = <T extends readonly [string, ...string[]]>(keys: T) =>
  z
    .partialRecord(z.enum(keys), z.number().min(0))
    .refine((w) => Object.values(w).some((v) => typeof v === 'number' && v > 0), 'needs at least one positive weight');
const share = z.number().min(0).max(1);
const positive = z.number().positive();
const countryCodes = COUNTRIES.map((c) => c.code) as [string, ...string[]];

export const RHYTHMS = [
  'evening', // people at home: evenings and weekends, in local time
  'office', // people at work: weekdays, office hours, in local time
  'always_on', // services: around the clock, the traces' Gamma/Weibull inter-arrivals and daily rhythm
  'runs', // evaluation harnesses: runs of hundreds of requests as fast as concurrency allows, then quiet
  'deadline', // classes: sessions bunched before each weekly homework deadline
  'cron', // a scheduler firing small batches every few minutes, on the minute
  'round_robin', // a load balancer handing each account every n-th request: evenly spaced, in step
  'jobs', // an orchestrator running jobs: a share of the accounts starts work together when a job starts, all quiet between jobs
  'naive', // as fast as possible in bursts, well over the rate limit
  'sweeps', // an extraction script: sessions of run_size requests back to back, paced at limit_fraction of the plan, at any hour
] as const;
export type Rhythm = (typeof RHYTHMS)[number];

export const CACHE_PROFILES = ['agent', 'chat', 'template', 'none'] as const;
export const SYSTEM_PROMPTS = ['none', 'product', 'account', 'shared', 'generated'] as const;
export const NET_KINDS = ['residential', 'mobile', 'datacenter', 'university'] as const;
/** natural: as the network assigns (home lines change every few weeks, mobile carriers per session). */
export const ROTATIONS = ['natural', 'sticky', 'session', 'day', 'request'] as const;
export const SIGNUP_PATTERNS = ['established', 'drip', 'burst', 'waves', 'same_day'] as const;
export const EMAIL_STYLES = ['consumer', 'company', 'edu', 'throwaway', 'startup'] as const;
export const PERSONAS = PROMPT_PERSONAS.filter((p) => p !== 'attack') as Exclude<(typeof PROMPT_PERSONAS)[number], 'attack'>[];

const networkSchema = z
  .object({
    /** Where requests come from. */
    kinds: weights(NET_KINDS),
    /** How often the address changes: never, per session, per day, per request. */
    rotation: z.enum(ROTATIONS),
    /** Addresses per account (benign servers) or in the campaign's proxy pool (attacks). */
    pool: z.number().int().positive(),
    /** How many ASNs the pool spans. */
    asn_spread: z.number().int().positive(),
    /** Countries the addresses are in (default: the account's billing country for benign, worldwide for proxies). */
    countries: weights(countryCodes),
    /** Exit in the account's billing country. */
    match_billing_country: z.boolean(),
  })
  .partial()
  .strict();

const signupSchema = z
  .object({
    /** established: long-standing accounts; drip: created one by one over time; burst/waves: many at once. */
    pattern: z.enum(SIGNUP_PATTERNS),
    /** For waves: how many. */
    waves: z.number().int().positive(),
    /** Days over which drip/waves/burst sign-ups of the initial accounts spread. */
    ramp_days: z.number().min(0),
    /** Account age at first use, in days [min, max] (aged accounts look established). */
    age_days: z.tuple([z.number().min(0), z.number().min(0)]),
    /** Share of established accounts created during the simulated window rather than before it. */
    new_share: share,
    email: weights(EMAIL_STYLES),
    /**
     * Accounts per payment card: 1 = everyone pays with their own; 0 = no card on file. Classes: the
     * students of one class share cards in groups of this many (a department card pays for the course).
     */
    accounts_per_card: z.number().int().min(0),
    /** Plans signed up for: the sign-up paths (edu, startup, research programmes are the farmed ones). */
    tiers: weights(ACCOUNT_TIERS),
    verified: share,
    /** Share of accounts that belong to an organisation, and how many accounts an organisation holds. */
    org_share: share,
    org_size: z.number().int().positive(),
    /** Billing countries. */
    countries: weights(countryCodes),
  })
  .partial()
  .strict();

export const knobsShape = {
  /** Exchanges per account per active day (benign; attacks derive it from the campaign's total). */
  rate: positive,
  /** Log-space sigma of per-account volume: 0 = every account alike; 2 = a few giants. */
  volume_sigma: z.number().min(0).max(4),
  rhythm: z.enum(RHYTHMS),
  /** Requests per minute kept under this share of the plan's limit (shaping). Over 1: hits the limit. */
  limit_fraction: positive,
  /** Mean user turns per conversation (1 = single-turn requests). */
  turns: z.number().min(1),
  /** Median seconds between turns of a conversation. */
  turn_gap_seconds: positive,
  /** Capabilities asked for. */
  targets: weights(CAPABILITIES),
  /** Share of requests asking for reasoning step by step. */
  cot_share: share,
  /**
   * What the prompts are, beyond the persona's own: persona (its generator, the default), self_instruct
   * (meta-prompts asking for lists of new task instructions, and evol-instruct rewrites of earlier outputs),
   * chat_followups (a task, then follow-up turns on it, as a chat user would), probes (tiny fixed prompts of
   * an output-layer extraction).
   */
  prompt_style: z.enum(PROMPT_STYLES),
  /** Prompt templates: a fixed set of skeletons re-used with varying slots, or none (free-form). */
  templates: z.union([z.literal('none'), z.object({ count: z.number().int().positive(), paraphrase: share }).strict()]),
  /** How much wording varies when there is no template. */
  paraphrase: share,
  max_tokens: z.union([z.enum(['max', 'varied', 'default']), z.number().int().positive()]),
  /** Extended reasoning: share of requests with it on, and the budget asked for. */
  reasoning: z.object({ share, budget: z.enum(['max', 'varied']) }).partial().strict(),
  logprobs: z.object({ share, top: z.number().int().min(1).max(20) }).partial().strict(),
  logit_bias: z.object({ share, size: z.number().int().min(1) }).partial().strict(),
  /** Share of requests asking for several completions (n), and how many. */
  multi_n: z.object({ share, n: z.number().int().min(2) }).partial().strict(),
  /** Client software (User-Agent and TLS stack), with weights. */
  clients: weights(CLIENTS),
  /** Claim one client's User-Agent while running another TLS stack. */
  spoof: z.object({ claims: z.enum(CLIENTS), tls: z.enum(Object.keys(TLS_STACKS) as [string, ...string[]]), version_lag: z.number().int().min(0) }).partial().strict(),
  /** Prompt-cache behaviour: agent (long stable prefix re-used), chat (history), template (shared prefix), none. */
  cache: z.enum(CACHE_PROFILES),
  /** System prompt: none, the client product's, one per account, one shared by the cohort/campaign, or whatever the generator writes. */
  system_prompt: z.enum(SYSTEM_PROMPTS),
  tools: z.union([z.literal('none'), z.enum(Object.keys(TOOL_SETS) as [string, ...string[]])]),
  /** Share of requests declaring the tools. */
  tool_share: share,
  /** Model families asked for, with weights. */
  model_families: z.record(z.string().min(1), z.number().min(0)),
  /** Days until half of the accounts use a newly released model. */
  adoption_days: z.number().min(0),
  network: networkSchema,
  /** Same as network, the usual name for an attack's proxy pool. */
  proxies: networkSchema,
  signup: signupSchema,
  /** Eval runners: benchmarks run. */
  benchmarks: z.array(z.string().min(1)).min(1),
  /** Requests per unit of the runs rhythm (an eval run) and of the sweeps rhythm (an extraction session). */
  run_size: z.number().int().positive(),
  /** Classes: students per class. */
  class_size: z.number().int().positive(),
  /** Classes: each class's size is class_size times a uniform draw in [1 - spread, 1 + spread] (0: exactly class_size). */
  class_size_spread: z.number().min(0).max(0.9),
};

const knobs = z.object(knobsShape).partial();
export type Knobs = z.infer<typeof knobs>;

const noBoth = (k: { network?: unknown; proxies?: unknown }, ctx: z.RefinementCtx) => {
  if (k.network && k.proxies) ctx.addIssue({ code: 'custom', message: 'give network or proxies, not both', path: ['proxies'] });
};

const dateText = z.string().refine((s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(s) && !Number.isNaN(Date.parse(s)), 'expected a date, YYYY-MM-DD or ISO-8601 UTC');
const dateLike = z.union([dateText, z.date().transform((d) => d.toISOString())]);

const benignSchema = knobs
  .extend({
    persona: z.enum(PERSONAS as [string, ...string[]]),
    /** Name of the cohort in the truth files (default: the persona). */
    cohort: z.string().regex(/^[a-z0-9_\-/]+$/, 'lowercase letters, digits, _ - /').optional(),
    /** Accounts at --scale 1. */
    accounts: z.number().int().positive(),
  })
  .strict()
  .superRefine(noBoth);

const partSchema = knobs
  .extend({
    name: z.string().regex(/^[a-z0-9_-]+$/, 'lowercase letters, digits, _ -'),
    /** Share of the campaign's accounts, or a number of accounts at --scale 1. */
    account_share: share.optional(),
    accounts: z.number().int().positive().optional(),
    /** Share of the campaign's exchanges sent by this part. */
    exchange_share: share,
    /** Cover traffic: accounts that carry real customers' requests, the campaign's being this share. */
    cover: z.object({ attack_share: z.number().gt(0).max(1) }).strict().optional(),
    /** false: the provider never bans these accounts (no replacement needed). */
    banned: z.boolean().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    noBoth(p, ctx);
    if ((p.account_share === undefined) === (p.accounts === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of account_share or accounts', path: ['account_share'] });
    }
  });

const campaignSchema = knobs
  .extend({
    id: z.string().regex(/^[a-z0-9_-]+$/, 'lowercase letters, digits, _ -'),
    start: dateLike,
    end: dateLike,
    /** Accounts at --scale 1, replacements of banned accounts included. */
    accounts: z.number().int().positive(),
    /** Exchanges the campaign sends at --scale 1 (cover traffic of real customers not counted). */
    exchanges: z.number().int().positive(),
    /** The provider bans accounts at this daily rate; the campaign replaces each within delay_hours. */
    replacement: z.union([z.literal('none'), z.object({ ban_rate_per_day: z.number().min(0).max(1), delay_hours: z.number().min(0) }).strict()]).optional(),
    /** Moves a share of its traffic to a newly released model within hours of its release. */
    migration: z.object({ model: z.string().min(1), share, within_hours: positive }).strict().optional(),
    /** Parts of the campaign with their own tactics (default: one part with the campaign's). */
    parts: z.array(partSchema).min(1).optional(),
  })
  .strict()
  .superRefine(noBoth);

const modelSchema = z
  .object({
    id: z.string().min(1),
    family: z.string().min(1),
    released: dateLike,
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    start: dateLike,
    days: z.number().int().positive().max(400),
    models: z.array(modelSchema).min(1),
    benign: z.array(benignSchema).default([]),
    attacks: z.array(campaignSchema).default([]),
  })
  .strict()
  .superRefine((s, ctx) => {
    const t0 = Date.parse(s.start);
    const t1 = t0 + s.days * 86_400_000;
    const ids = new Set(s.models.map((m) => m.id));
    s.attacks.forEach((a, i) => {
      const a0 = Date.parse(a.start);
      const a1 = Date.parse(a.end);
      if (a0 < t0 || a0 >= t1) ctx.addIssue({ code: 'custom', message: `start must fall inside the scenario (${s.start} + ${s.days} days)`, path: ['attacks', i, 'start'] });
      if (a1 <= a0 || a1 > t1) ctx.addIssue({ code: 'custom', message: 'end must be after start and inside the scenario', path: ['attacks', i, 'end'] });
      if (a.migration && !ids.has(a.migration.model)) ctx.addIssue({ code: 'custom', message: `no model ${JSON.stringify(a.migration.model)} in models`, path: ['attacks', i, 'migration', 'model'] });
      const parts = a.parts ?? [];
      const shares = parts.reduce((acc, p) => acc + p.exchange_share, 0);
      if (parts.length > 0 && Math.abs(shares - 1) > 1e-6) ctx.addIssue({ code: 'custom', message: `exchange_share of the parts must sum to 1 (they sum to ${shares.toFixed(4)})`, path: ['attacks', i, 'parts'] });
      const names = new Set<string>();
      parts.forEach((p, j) => {
        if (names.has(p.name)) ctx.addIssue({ code: 'custom', message: `duplicate part name ${p.name}`, path: ['attacks', i, 'parts', j, 'name'] });
        names.add(p.name);
      });
    });
    const attackIds = new Set<string>();
    s.attacks.forEach((a, i) => {
      if (attackIds.has(a.id)) ctx.addIssue({ code: 'custom', message: `duplicate campaign id ${a.id}`, path: ['attacks', i, 'id'] });
      attackIds.add(a.id);
    });
    for (const [i, b] of s.benign.entries()) {
      for (const f of Object.keys(b.model_families ?? {})) {
        if (!s.models.some((m) => m.family === f)) ctx.addIssue({ code: 'custom', message: `no model of family ${JSON.stringify(f)} in models`, path: ['benign', i, 'model_families', f] });
      }
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type BenignPopulation = Scenario['benign'][number];
export type Campaign = Scenario['attacks'][number];
export type CampaignPart = NonNullable<Campaign['parts']>[number];

export class ScenarioError extends Error {}

function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? String(p) : `.${String(p)}`;
  return s || '(top level)';
}

/** Validates a parsed scenario; errors name the file and the path of each bad field. */
export function validateScenario(doc: unknown, file: string): Scenario {
  const r = scenarioSchema.safeParse(doc);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 12).map((i) => `${file}: ${pathText(i.path)}: ${i.message}`);
  if (r.error.issues.length > 12) lines.push(`${file}: ... and ${r.error.issues.length - 12} more problems`);
  throw new ScenarioError(lines.join('\n'));
}

/** Directory of the built-in scenarios (`scenarios/` at the package root, shipped with it). */
export const BUILTIN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios');

export interface BuiltinScenario {
  name: string;
  file: string;
  /** First line of the file's opening comment. */
  summary: string;
}

export function builtinScenarios(): BuiltinScenario[] {
  if (!existsSync(BUILTIN_DIR)) return [];
  return readdirSync(BUILTIN_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => {
      const file = join(BUILTIN_DIR, f);
      const first = readFileSync(file, 'utf8').split('\n').find((l) => l.startsWith('#')) ?? '';
      return { name: basename(f, extname(f)), file, summary: first.replace(/^#\s*/, '').replace(/^[\w-]+:\s*/, '') };
    });
}

/** Reads a scenario by built-in name or file path (YAML or JSON). */
export function loadScenario(nameOrFile: string): { scenario: Scenario; file: string } {
  const builtin = builtinScenarios().find((b) => b.name === nameOrFile);
  const file = builtin ? builtin.file : nameOrFile;
  if (!builtin && !existsSync(file)) {
    const names = builtinScenarios().map((b) => b.name).join(', ');
    throw new ScenarioError(`${nameOrFile}: no such scenario file, and not a built-in scenario (built-ins: ${names || 'none found'})`);
  }
  const text = readFileSync(file, 'utf8');
  let doc: unknown;
  try {
    doc = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text, { prettyErrors: true });
  } catch (e) {
    throw new ScenarioError(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(e as Error).message}`);
  }
  return { scenario: validateScenario(doc, builtin ? `scenarios/${basename(file)}` : file), file };
}
