import { DEFAULT_TIER_LIMITS } from '../schema/limits.js';
import type { AccountTier } from '../schema/account.js';
import type { PromptPersona } from './prompts/types.js';
import { knobsOf, mergeKnobs, PRESETS, resolveBehaviour, type Behaviour, type Rotation } from './personas.js';
import { Random } from './rng.js';
import type { Campaign, CampaignPart, Scenario } from './scenario.js';
import type { TraceFit } from './traces.js';
import { CLIENT_STACKS, clientTls, THROWAWAY_MAIL, TLS_STACKS, TOOL_SETS, type ClientName, type NetKind, type Network, type World } from './world.js';

/**
 * The population of a run, built before any traffic: every account (benign and attack, replacements of
 * banned accounts included, since bans are drawn up front) with its record, infrastructure and client,
 * and the actors that send its traffic (an account carrying cover traffic has two: its real customers'
 * and the campaign's). Built in scenario order; ids come from one stream, so they say nothing of it.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface NetPlan {
  rotation: Rotation;
  kind: NetKind;
  network: Network;
  /** The account's own fixed addresses (home line, servers, campus NAT, a sticky proxy). */
  addresses: string[];
  /** A campaign's shared proxy pool, when it rotates through one. */
  pool: string[] | null;
  /** Natural rotation of a home line: the address of the current epoch. */
  epoch: number;
  epochIp: string;
}

export interface Account {
  idx: number;
  id: string;
  orgId: string | null;
  createdAt: number;
  emailDomain: string;
  payment: string | null;
  country: string;
  tier: AccountTier;
  signupIp: string;
  verified: boolean;
  rpm: number;
  otpm: number;
  keys: string[];
  /** Client software the requests really come from, and the one the User-Agent names. */
  client: ClientName;
  uaClient: ClientName;
  version: number;
  /** A User-Agent copied once and never updated: the time it was copied (null: the client updates itself). */
  uaFrozenAt: number | null;
  fingerprint: string;
  endpoint: string;
  tools: readonly string[] | null;
  toolsJson: string;
  toolTokens: number;
  maxTokensDefault: number;
  temperature: number | null;
  /** Chat front-ends that cache the conversation so far. */
  cachesHistory: boolean;
  net: NetPlan;
  utcOffset: number;
  // ---- truth (never written to the traffic files)
  label: 'benign' | 'attack';
  campaign: number;
  cohort: string;
  exchanges: number;
  campaignExchanges: number;
  limited: number;
  // ---- rate-limit scratch (the minute being counted)
  rlMinute: number;
  rlCount: number;
  rlOut: number;
}

export interface ClassInfo {
  id: string;
  /** First deadline (ms); deadlines repeat weekly. */
  firstDeadline: number;
}

export interface Actor {
  index: number;
  acct: Account;
  beh: Behaviour;
  rng: Random;
  /** Index of the campaign whose traffic this is, or -1 for real customers' traffic. */
  campaign: number;
  /** Namespace of shared system prompts and templates (campaign id, cohort, account). */
  scope: string;
  start: number;
  end: number;
  next: number;
  /** Exchanges per active day. */
  rate: number;
  /** Periodic rhythms: period and offset (ms); cron: requests per firing; jobs: mean gap between units within a job (ms). */
  period: number;
  phase: number;
  perFire: number;
  /** jobs: share of the campaign's jobs this account is enlisted in. */
  jobShare: number;
  /** Days after a model's release until this actor uses it (Infinity: never), per model index. */
  modelDelay: number[];
  lastUse: number;
  sessionIp: string;
  klass: ClassInfo | null;
  weibull: boolean;
}

export interface CampaignInfo {
  index: number;
  id: string;
  campaign: Campaign;
  start: number;
  end: number;
  tactics: Record<string, unknown>;
  accounts: number;
  /** Campaign exchanges per hour of the window (trimmed to the campaign for the truth file). */
  hourly: number[];
  exchanges: number;
}

export interface ModelInfo {
  id: string;
  family: string;
  released: number;
}

export interface Population {
  accounts: Account[];
  actors: Actor[];
  campaigns: CampaignInfo[];
  models: ModelInfo[];
  start: number;
  end: number;
}

interface Ctx {
  seed: number;
  scale: number;
  world: World;
  fit: TraceFit;
  start: number;
  end: number;
  ids: Random;
  usedIds: Set<string>;
  accounts: Account[];
  actors: Actor[];
  models: ModelInfo[];
  families: Set<string>;
}

function uniqueId(ctx: Ctx, prefix: string, len: number): string {
  for (;;) {
    const id = prefix + ctx.ids.token(len);
    if (!ctx.usedIds.has(id)) {
      ctx.usedIds.add(id);
      return id;
    }
  }
}

// ---- names ---------------------------------------------------------------------------------------

const SYLLABLES = ['ve', 'lo', 'tri', 'nex', 'ar', 'qua', 'zen', 'mo', 'ka', 'ri', 'sol', 'tek', 'vi', 'on', 'dra', 'lu', 'ma', 'cor', 'fin', 'gra', 'hel', 'io', 'ju', 'ly', 'pra', 'sy', 'ta', 'ul', 'wex', 'yo'];
const TLDS: [string, number][] = [['com', 0.55], ['io', 0.15], ['ai', 0.1], ['co', 0.06], ['dev', 0.04], ['tech', 0.03], ['net', 0.04], ['app', 0.03]];
function companyDomain(rng: Random, tlds: [string, number][] = TLDS): string {
  const n = 2 + rng.int(2);
  let name = '';
  for (let i = 0; i < n; i++) name += rng.pick(SYLLABLES);
  let u = rng.next();
  for (const [tld, w] of tlds) {
    if ((u -= w) < 0) return `${name}.${tld}`;
  }
  return `${name}.com`;
}

// ---- models --------------------------------------------------------------------------------------

/** Delays (days) after each model's release until an actor with adoption draw u uses it. */
function adoptionDelays(models: ModelInfo[], adoptionDays: number, u: number): number[] {
  // Exponential delays with the given median: a few adopt at once, most within days, some never.
  const days = adoptionDays >= 10_000 ? Infinity : (-adoptionDays / Math.LN2) * Math.log(1 - u);
  return models.map(() => days);
}

/** The model (index) an actor asks for at t in a family: the newest it has adopted (models long out count as adopted). */
export function modelAt(pop: { models: ModelInfo[]; start: number }, actor: Actor, family: string, t: number): number {
  let best: ModelInfo | undefined;
  let bestIdx = -1;
  pop.models.forEach((m, i) => {
    if (m.family !== family || m.released > t) return;
    const adopted = m.released <= pop.start - 30 * DAY_MS || t >= m.released + (actor.modelDelay[i] ?? Infinity) * DAY_MS;
    if (adopted && (!best || m.released > best.released)) {
      best = m;
      bestIdx = i;
    }
  });
  if (best && bestIdx >= 0) return bestIdx;
  // Nothing adopted yet: the oldest released model of the family, else the family's first.
  const fam = pop.models.filter((m) => m.family === family);
  const released = fam.filter((m) => m.released <= t).sort((a, b) => a.released - b.released);
  return Math.max(0, pop.models.indexOf(released[0] ?? fam[0] ?? pop.models[0]!));
}

// ---- accounts ------------------------------------------------------------------------------------

interface AccountSeed {
  beh: Behaviour;
  rng: Random;
  label: 'benign' | 'attack';
  campaign: number;
  cohort: string;
  createdAt: number;
  country: string;
  tier: AccountTier;
  emailDomain: string;
  payment: string | null;
  orgId: string | null;
  net: NetPlan;
  signupIp?: string;
}

function pickClient(beh: Behaviour, rng: Random) {
  const client = beh.clients.pick(rng);
  const version = rng.int(24);
  const uaClient = beh.spoof?.claims ?? client;
  const tls = beh.spoof ? beh.spoof.tls : clientTls(client, version);
  const variants = TLS_STACKS[tls as keyof typeof TLS_STACKS] ?? TLS_STACKS.python;
  // A few real users sit behind TLS-intercepting corporate proxies: their fingerprint is not their client's.
  const intercepted = !beh.spoof && rng.chance(0.01);
  const fingerprint = intercepted ? TLS_STACKS.go[0] : variants[version % variants.length]!;
  return { client, uaClient, version, fingerprint };
}

/** Tool list a client declares: agents their own product's tools, everyone else the behaviour's set. */
function toolsFor(beh: Behaviour, client: ClientName): readonly string[] | null {
  if (!beh.tools) return null;
  if (beh.persona === 'coding_agent') return client === 'cline' ? TOOL_SETS.cline : client === 'aider' ? TOOL_SETS.aider : TOOL_SETS['claude-cli'];
  return TOOL_SETS[beh.tools];
}

const TOOL_TOKENS: Record<string, number> = { Task: 11_000, execute_command: 9_000, replace_lines: 2_500, web_search: 900, bash: 1_500, computer: 2_500, get_weather: 600 };

function makeAccount(ctx: Ctx, s: AccountSeed): Account {
  const { beh, rng } = s;
  const limits = DEFAULT_TIER_LIMITS[s.tier];
  const c = pickClient(beh, rng);
  const stack = CLIENT_STACKS[c.uaClient];
  let endpoint = stack.endpoints.length === 1 ? stack.endpoints[0]![0] : pickPair(stack.endpoints, rng);
  if (beh.persona === 'batch_pipeline' && rng.chance(0.4)) endpoint = 'batch';
  const tools = toolsFor(beh, c.client);
  const keyCount = beh.rate > 500 ? 2 + rng.int(4) : rng.chance(0.2) ? 2 : 1;
  const acct: Account = {
    idx: ctx.accounts.length,
    id: uniqueId(ctx, 'acct_', 18),
    orgId: s.orgId,
    createdAt: Math.round(s.createdAt),
    emailDomain: s.emailDomain,
    payment: s.payment,
    country: s.country,
    tier: s.tier,
    signupIp: s.signupIp ?? s.net.addresses[0] ?? s.net.network.address(rng),
    verified: rng.chance(beh.signup.verified),
    rpm: limits.rpm,
    otpm: limits.otpm,
    keys: Array.from({ length: keyCount }, () => uniqueId(ctx, 'key_', 16)),
    client: c.client,
    uaClient: c.uaClient,
    version: c.version,
    uaFrozenAt: beh.spoof && beh.spoof.versionLag > 0 ? Math.round(s.createdAt - beh.spoof.versionLag * DAY_MS) : null,
    fingerprint: c.fingerprint,
    endpoint,
    tools,
    toolsJson: JSON.stringify(tools ?? []),
    toolTokens: tools ? (TOOL_TOKENS[tools[0] ?? ''] ?? 800) : 0,
    maxTokensDefault: pickPair([[1024, 0.3], [2048, 0.25], [4096, 0.3], [8192, 0.15]], rng),
    temperature: temperatureFor(beh.persona, rng),
    cachesHistory: rng.chance(0.5),
    net: s.net,
    utcOffset: ctx.world.utcOffset(s.country),
    label: s.label,
    campaign: s.campaign,
    cohort: s.cohort,
    exchanges: 0,
    campaignExchanges: 0,
    limited: 0,
    rlMinute: -1,
    rlCount: 0,
    rlOut: 0,
  };
  ctx.accounts.push(acct);
  return acct;
}

function pickPair<T>(pairs: readonly (readonly [T, number])[], rng: Random): T {
  const total = pairs.reduce((a, [, w]) => a + w, 0);
  let u = rng.next() * total;
  for (const [v, w] of pairs) if ((u -= w) < 0) return v;
  return pairs[pairs.length - 1]![0];
}

function temperatureFor(persona: PromptPersona, rng: Random): number | null {
  switch (persona) {
    case 'eval_runner':
      return 0;
    case 'batch_pipeline':
      return pickPair([[0, 0.5], [0.2, 0.3], [null, 0.2]], rng);
    case 'attack':
      return pickPair([[0.7, 0.4], [1, 0.4], [null, 0.2]], rng);
    default:
      return pickPair([[null, 0.5], [0.7, 0.2], [1, 0.2], [0.3, 0.1]], rng);
  }
}

function emailDomain(ctx: Ctx, style: string, country: string, rng: Random, org: string | null, orgDomains: Map<string, string>): string {
  switch (style) {
    case 'company':
    case 'startup': {
      const tlds: [string, number][] | undefined = style === 'startup' ? [['ai', 0.4], ['io', 0.3], ['com', 0.2], ['dev', 0.1]] : undefined;
      if (!org) return companyDomain(rng, tlds);
      const known = orgDomains.get(org);
      if (known) return known;
      const d = companyDomain(rng, tlds);
      orgDomains.set(org, d);
      return d;
    }
    case 'edu': {
      const local = ctx.world.universities().filter((u) => u.country === country);
      return (rng.chance(0.7) && local.length > 0 ? rng.pick(local) : rng.pick(ctx.world.universities())).entry.domain!;
    }
    case 'throwaway':
      return rng.pick(THROWAWAY_MAIL);
    default:
      return ctx.world.consumerEmail(country, rng);
  }
}

/** An account's own network and addresses, from its behaviour's network knobs. */
function ownNet(ctx: Ctx, beh: Behaviour, country: string, rng: Random): NetPlan {
  const n = beh.network;
  const kind = n.kinds.pick(rng);
  const where = n.countries ? n.countries.pick(rng) : n.matchBilling || kind === 'residential' || kind === 'mobile' ? country : undefined;
  const network = ctx.world.network(kind, rng, where);
  const addresses = Array.from({ length: Math.max(1, n.pool) }, () => network.address(rng));
  return { rotation: n.rotation, kind, network, addresses, pool: null, epoch: -1, epochIp: addresses[0]! };
}

// ---- benign populations --------------------------------------------------------------------------

/** Accounts at this scale; below `min`, keep `min` and scale their volume instead (the shape survives). */
function scaledCount(accounts: number, scale: number, min = 1): { n: number; volume: number } {
  const want = accounts * scale;
  if (want >= min) return { n: Math.round(want), volume: 1 };
  return { n: Math.min(min, Math.max(1, accounts)), volume: want / Math.min(min, Math.max(1, accounts)) };
}

function createdBefore(ctx: Ctx, rng: Random): number {
  // Established accounts: most a few months to two years old.
  const days = Math.min(1000, 20 + rng.lognormal(220, 0.9));
  return ctx.start - days * DAY_MS - rng.int(DAY_MS);
}

function newActor(ctx: Ctx, acct: Account, beh: Behaviour, campaign: number, scope: string, start: number, end: number, rate: number): Actor {
  const idx = ctx.actors.length;
  const rng = new Random(ctx.seed, 'actor', idx);
  const actor: Actor = {
    index: idx,
    acct,
    beh,
    rng,
    campaign,
    scope,
    start,
    end,
    next: Infinity,
    rate,
    period: 0,
    // Where in its period a periodic schedule fires (campaigns set it from the worker's slot).
    phase: rng.next(),
    perFire: 1,
    jobShare: 1,
    modelDelay: adoptionDelays(ctx.models, beh.adoptionDays, rng.next()),
    lastUse: -Infinity,
    sessionIp: acct.net.addresses[0]!,
    klass: null,
    weibull: rng.chance(ctx.fit.arrival.weibullShare),
  };
  ctx.actors.push(actor);
  return actor;
}

function volumeMultiplier(rng: Random, sigma: number): number {
  // Log-normal with mean 1: a heavy tail of big accounts over many light ones.
  return Math.exp(sigma * rng.normal() - (sigma * sigma) / 2);
}

function addBenign(ctx: Ctx, pop: Scenario['benign'][number], popIndex: number): void {
  const persona = pop.persona as PromptPersona;
  const beh = resolveBehaviour(persona, mergeKnobs(PRESETS[persona], knobsOf(pop)), ctx.fit, [...ctx.families][0]!, ctx.families);
  const cohort = pop.cohort ?? persona;
  const rng = new Random(ctx.seed, 'benign', popIndex);
  if (persona === 'university_class') return addClasses(ctx, beh, cohort, pop.accounts, rng);
  const { n, volume } = scaledCount(pop.accounts, ctx.scale);
  const su = beh.signup;
  const orgDomains = new Map<string, string>();
  let org: string | null = null;
  let orgLeft = 0;
  let orgCard: string | null = null;
  let card: string | null = null;
  let cardLeft = 0;
  for (let i = 0; i < n; i++) {
    const country = su.countries ? su.countries.pick(rng) : ctx.world.countryWeights.pick(rng);
    const tier = su.tiers.pick(rng);
    const isNew = rng.chance(su.newShare);
    const createdAt = isNew ? ctx.start + rng.next() * (ctx.end - ctx.start) * 0.9 : createdBefore(ctx, rng);
    let orgId: string | null = null;
    if (rng.chance(su.orgShare)) {
      if (orgLeft <= 0) {
        org = uniqueId(ctx, 'org_', 16);
        orgLeft = Math.max(1, Math.round(su.orgSize * (0.5 + rng.next())));
        orgCard = uniqueId(ctx, '', 16);
      }
      orgLeft--;
      orgId = org;
    }
    let payment: string | null = null;
    if (su.accountsPerCard > 0 && tier !== 'free' && tier !== 'edu') {
      if (orgId && orgCard) payment = orgCard; // a team pays with the company card
      else if (su.accountsPerCard === 1) payment = uniqueId(ctx, '', 16);
      else {
        if (cardLeft <= 0) {
          card = uniqueId(ctx, '', 16);
          cardLeft = su.accountsPerCard;
        }
        cardLeft--;
        payment = card;
      }
    }
    const style = su.email.pick(rng);
    const net = ownNet(ctx, beh, country, rng);
    const acct = makeAccount(ctx, {
      beh,
      rng,
      label: 'benign',
      campaign: -1,
      cohort,
      createdAt,
      country,
      tier,
      emailDomain: emailDomain(ctx, style, country, rng, orgId, orgDomains),
      payment,
      orgId,
      net,
    });
    const first = Math.max(ctx.start, createdAt + rng.range(su.ageDays[0], su.ageDays[1]) * DAY_MS);
    const rate = beh.rate * volume * volumeMultiplier(rng, beh.volumeSigma);
    newActor(ctx, acct, beh, -1, `account:${acct.id}`, first, ctx.end, rate);
  }
}

/** Classes: students signed up the same day behind the campus NAT, homework due weekly. */
function addClasses(ctx: Ctx, beh: Behaviour, cohort: string, students: number, rng: Random): void {
  const MIN_CLASS = 10;
  const want = students * ctx.scale;
  let sizes: number[];
  let volume = 1;
  if (want < MIN_CLASS) {
    sizes = [Math.min(MIN_CLASS, students)];
    volume = want / sizes[0]!;
  } else {
    const classes = Math.max(1, Math.round(want / beh.classSize));
    const spread = beh.classSizeSpread;
    sizes = Array.from({ length: classes }, () => Math.max(5, Math.round(beh.classSize * rng.range(1 - spread, 1 + spread))));
  }
  for (const size of sizes) {
    const uni = rng.pick(ctx.world.universities());
    const country = uni.country;
    // Half the classes started before the window (their accounts are older), half start inside it.
    const classStart = rng.chance(0.5) ? ctx.start - rng.range(5, 60) * DAY_MS : ctx.start + rng.range(0, 0.6) * (ctx.end - ctx.start);
    const day = Math.floor(classStart / DAY_MS) * DAY_MS;
    const offset = ctx.world.utcOffset(country);
    const lecture = day + (rng.range(9, 16) - offset) * HOUR_MS;
    const nat = Array.from({ length: Math.max(1, beh.network.pool) }, () => uni.address(rng));
    const net: NetPlan = { rotation: 'sticky', kind: 'university', network: uni, addresses: nat, pool: null, epoch: -1, epochIp: nat[0]! };
    const klass: ClassInfo = {
      id: ctx.ids.token(8),
      firstDeadline: day + (7 + rng.int(3)) * DAY_MS + (23.98 - offset) * HOUR_MS,
    };
    const orgId = rng.chance(beh.signup.orgShare) ? uniqueId(ctx, 'org_', 16) : null;
    // A class paying for its students shares the department's cards, accounts_per_card students to a card.
    const perCard = beh.signup.accountsPerCard;
    let card: string | null = null;
    let cardLeft = 0;
    for (let i = 0; i < size; i++) {
      let payment: string | null = null;
      if (perCard > 0) {
        if (cardLeft <= 0) {
          card = uniqueId(ctx, '', 16);
          cardLeft = perCard;
        }
        cardLeft--;
        payment = card;
      }
      const createdAt = lecture + rng.exponential(0.7 * HOUR_MS);
      const acct = makeAccount(ctx, {
        beh,
        rng,
        label: 'benign',
        campaign: -1,
        cohort,
        createdAt,
        country,
        tier: beh.signup.tiers.pick(rng),
        emailDomain: uni.entry.domain!,
        payment,
        orgId,
        net,
        signupIp: nat[0],
      });
      const rate = beh.rate * volume * volumeMultiplier(rng, beh.volumeSigma);
      const actor = newActor(ctx, acct, beh, -1, `class:${klass.id}`, Math.max(ctx.start, createdAt), ctx.end, rate);
      actor.klass = klass;
    }
  }
}

// ---- campaigns -----------------------------------------------------------------------------------

interface Life {
  created: number;
  first: number;
  end: number;
  slot: number;
}

/** When the initial accounts of a part sign up, by pattern. */
function signupTime(beh: Behaviour, cStart: number, i: number, n: number, rng: Random): number {
  const su = beh.signup;
  const ramp = su.rampDays * DAY_MS;
  switch (su.pattern) {
    case 'burst':
      return cStart - DAY_MS + rng.next() * Math.max(ramp, 6 * HOUR_MS);
    case 'waves': {
      const w = Math.floor((i * su.waves) / n);
      return cStart - 12 * HOUR_MS + (su.waves > 1 ? (w * ramp) / (su.waves - 1) : 0) + rng.next() * 3 * HOUR_MS;
    }
    case 'drip':
      return cStart - DAY_MS + rng.next() * Math.max(ramp, DAY_MS);
    case 'same_day':
      return cStart - DAY_MS + rng.next() * 8 * HOUR_MS;
    default:
      // Aged accounts: bought or farmed long before, switched on at the start.
      return cStart - rng.range(30, 400) * DAY_MS;
  }
}

function lifetimes(c: Campaign, beh: Behaviour, banned: boolean, n: number, cStart: number, cEnd: number, rng: Random): Life[] {
  const rep = c.replacement && c.replacement !== 'none' && banned ? c.replacement : null;
  const days = (cEnd - cStart) / DAY_MS;
  const initial = rep ? Math.max(1, Math.round(n / (1 + rep.ban_rate_per_day * days))) : n;
  const su = beh.signup;
  const lives: Life[] = [];
  const age = () => rng.range(su.ageDays[0], su.ageDays[1]) * DAY_MS;
  for (let i = 0; i < initial; i++) {
    const created = signupTime(beh, cStart, i, initial, rng);
    const first = su.pattern === 'established' ? cStart + rng.next() * su.rampDays * DAY_MS : Math.max(cStart, created + age());
    lives.push({ created, first, end: cEnd, slot: i });
  }
  if (rep && rep.ban_rate_per_day > 0) {
    // Bans arrive as a Poisson process; given how many there are (n - initial, so the campaign uses
    // exactly its accounts), their times are uniform. Each banned account is replaced after a delay, and
    // the replacement works the same slot until it is banned in turn.
    const bans: number[][] = lives.map(() => []);
    for (let k = 0; k < n - initial; k++) {
      const slot = rng.int(initial);
      const from = lives[slot]!.first + HOUR_MS;
      const to = cEnd - (rep.delay_hours + 2) * HOUR_MS;
      bans[slot]!.push(from + rng.next() * Math.max(HOUR_MS, to - from));
    }
    const initialLives = lives.slice();
    lives.length = 0;
    initialLives.forEach((l, slot) => {
      let cur = { ...l, end: cEnd };
      for (const t of bans[slot]!.sort((a, b) => a - b)) {
        cur.end = Math.max(cur.first, t);
        lives.push(cur);
        const created = t + rep.delay_hours * HOUR_MS * rng.range(0.5, 1.5);
        cur = { created, first: created + age(), end: cEnd, slot };
      }
      lives.push(cur);
    });
  }
  return lives;
}

/** A campaign's proxy pool: addresses in asn_spread networks of the configured kinds, worldwide or in the countries given. */
function proxyPool(ctx: Ctx, beh: Behaviour, rng: Random): string[] {
  const n = beh.network;
  const nets: Network[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < n.asnSpread * 4 && nets.length < n.asnSpread; i++) {
    const kind = n.kinds.pick(rng);
    const country = n.countries ? n.countries.pick(rng) : kind === 'datacenter' ? undefined : ctx.world.countryWeights.pick(rng);
    const net = ctx.world.network(kind, rng, country);
    if (seen.has(net.asn) && i < n.asnSpread * 3) continue;
    seen.add(net.asn);
    nets.push(net);
  }
  const size = Math.max(1, Math.round(n.pool * Math.max(ctx.scale, Math.min(1, 50 / n.pool))));
  return Array.from({ length: size }, () => rng.pick(nets).address(rng));
}

function addCampaign(ctx: Ctx, c: Campaign, ci: number): CampaignInfo {
  const cStart = Date.parse(c.start);
  const cEnd = Date.parse(c.end);
  const parts: CampaignPart[] = c.parts ?? [{ name: 'main', account_share: 1, exchange_share: 1 }];
  const campaignKnobs = knobsOf(c);
  const rng = new Random(ctx.seed, 'campaign', ci);
  const totalAccounts = Math.max(parts.length, Math.round(c.accounts * ctx.scale));
  const totalExchanges = c.exchanges * ctx.scale;
  const basePool = proxyPool(ctx, resolveBehaviour('attack', mergeKnobs(PRESETS.attack, campaignKnobs), ctx.fit, [...ctx.families][0]!, ctx.families), rng);
  const orgDomains = new Map<string, string>();
  let accounts = 0;
  const tactics: Record<string, unknown> = {
    ...(c.replacement ? { replacement: c.replacement } : {}),
    ...(c.migration ? { migration: c.migration } : {}),
    parts: {} as Record<string, unknown>,
  };
  const migration = c.migration ? ctx.models.findIndex((m) => m.id === c.migration!.model) : -1;

  parts.forEach((part, pi) => {
    const knobs = mergeKnobs(PRESETS.attack, campaignKnobs, knobsOf(part));
    const beh = resolveBehaviour('attack', knobs, ctx.fit, [...ctx.families][0]!, ctx.families);
    (tactics.parts as Record<string, unknown>)[part.name] = { ...knobs, exchange_share: part.exchange_share, ...(part.cover ? { cover: part.cover } : {}) };
    const n = part.accounts !== undefined ? Math.max(1, Math.round(part.accounts * ctx.scale)) : Math.max(1, Math.round((part.account_share ?? 0) * totalAccounts));
    const cohort = `${c.id}/${part.name}`;
    const pool = part.network || part.proxies ? proxyPool(ctx, beh, rng) : basePool;
    const target = totalExchanges * part.exchange_share;
    const cover = part.cover?.attack_share;
    const lives = cover ? lifetimes(c, beh, false, n, cStart, cEnd, rng).map((l) => ({ ...l, first: cStart })) : lifetimes(c, beh, part.banned ?? true, n, cStart, cEnd, rng);
    const streams: { actor: Actor; weight: number; days: number }[] = [];
    let card: string | null = null;
    let cardLeft = 0;
    const slots = Math.max(1, ...lives.map((l) => l.slot + 1));
    for (const life of lives) {
      let acct: Account;
      if (cover) {
        // A relay with real customers, whose traffic the campaign's requests hide in.
        const relay = resolveBehaviour('relay', PRESETS.relay, ctx.fit, [...ctx.families][0]!, ctx.families);
        const country = ctx.world.countryWeights.pick(rng);
        const orgId = uniqueId(ctx, 'org_', 16);
        acct = makeAccount(ctx, {
          beh: relay,
          rng,
          label: 'attack',
          campaign: ci,
          cohort,
          createdAt: createdBefore(ctx, rng),
          country,
          tier: relay.signup.tiers.pick(rng),
          emailDomain: emailDomain(ctx, 'company', country, rng, orgId, orgDomains),
          payment: uniqueId(ctx, '', 16),
          orgId,
          net: ownNet(ctx, relay, country, rng),
        });
        const benignRate = 0; // set below, once the campaign rate is known
        const real = newActor(ctx, acct, relay, -1, `account:${acct.id}`, ctx.start, ctx.end, benignRate);
        streams.push({ actor: real, weight: -1, days: 0 });
      } else {
        const su = beh.signup;
        const country = su.countries ? su.countries.pick(rng) : ctx.world.countryWeights.pick(rng);
        const tier = su.tiers.pick(rng);
        const orgId = rng.chance(su.orgShare) ? uniqueId(ctx, 'org_', 16) : null;
        let payment: string | null = null;
        if (su.accountsPerCard === 1) payment = uniqueId(ctx, '', 16);
        else if (su.accountsPerCard > 1) {
          // Farmed accounts share a handful of cards.
          if (cardLeft <= 0) {
            card = uniqueId(ctx, '', 16);
            cardLeft = su.accountsPerCard;
          }
          cardLeft--;
          payment = card;
        }
        const style = tier === 'edu' ? 'edu' : tier === 'startup' ? 'startup' : su.email.pick(rng);
        let net: NetPlan;
        if (beh.network.matchBilling) {
          net = ownNet(ctx, beh, country, rng);
        } else {
          const addr = pool[rng.int(pool.length)]!;
          const rotation = beh.network.rotation === 'natural' ? 'sticky' : beh.network.rotation;
          net = { rotation, kind: beh.network.kinds.items[0]!, network: ctx.world.networks[0]!, addresses: [addr], pool, epoch: -1, epochIp: addr };
        }
        acct = makeAccount(ctx, {
          beh,
          rng,
          label: 'attack',
          campaign: ci,
          cohort,
          createdAt: life.created,
          country,
          tier,
          emailDomain: emailDomain(ctx, style, country, rng, orgId, orgDomains),
          payment,
          orgId,
          net,
          signupIp: net.pool ? pool[rng.int(pool.length)] : undefined,
        });
      }
      accounts++;
      const actor = newActor(ctx, acct, beh, ci, `campaign:${c.id}`, life.first, life.end, 0);
      actor.phase = life.slot / slots;
      if (migration >= 0) {
        // A share of the hydra's worker slots is re-pointed at the new model within hours of its release
        // (exactly that share: slots are spread by the golden ratio; a replacement keeps its slot's setting).
        const moves = ((life.slot + 1) * 0.6180339887498949) % 1 < c.migration!.share;
        actor.modelDelay = actor.modelDelay.map((d, i) => (i === migration ? (moves ? (c.migration!.within_hours * actor.rng.range(0.3, 1)) / 24 : Infinity) : d));
      }
      streams.push({ actor, weight: volumeMultiplier(rng, beh.volumeSigma), days: Math.max(0, (life.end - life.first) / DAY_MS) });
    }
    // Rates so the part sends its share of the campaign's exchanges over the days its accounts live.
    const live = streams.filter((s) => s.weight >= 0);
    const weighted = live.reduce((a, s) => a + s.weight * s.days, 0);
    for (const s of live) s.actor.rate = weighted > 0 ? (target * s.weight) / weighted : 0;
    if (cover) {
      const attackRates = new Map(live.map((s) => [s.actor.acct, s.actor.rate]));
      for (const s of streams) if (s.weight < 0) s.actor.rate = ((attackRates.get(s.actor.acct) ?? 0) * (1 - cover)) / cover;
    }
  });
  return { index: ci, id: c.id, campaign: c, start: cStart, end: cEnd, tactics, accounts, hourly: [], exchanges: 0 };
}

/** Builds every account and actor of the scenario at the given scale. */
export function buildPopulation(scenario: Scenario, opts: { seed: number; scale: number; world: World; fit: TraceFit }): Population {
  const start = Date.parse(scenario.start);
  const end = start + scenario.days * DAY_MS;
  const models = scenario.models.map((m) => ({ id: m.id, family: m.family, released: Date.parse(m.released) }));
  const ctx: Ctx = {
    seed: opts.seed,
    scale: opts.scale,
    world: opts.world,
    fit: opts.fit,
    start,
    end,
    ids: new Random(opts.seed, 'ids'),
    usedIds: new Set(),
    accounts: [],
    actors: [],
    models,
    families: new Set(models.map((m) => m.family)),
  };
  scenario.benign.forEach((p, i) => addBenign(ctx, p, i));
  const campaigns = scenario.attacks.map((c, i) => addCampaign(ctx, c, i));
  return { accounts: ctx.accounts, actors: ctx.actors, campaigns, models, start, end };
}
