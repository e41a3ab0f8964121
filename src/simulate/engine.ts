import { DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MAX_REASONING_BUDGET } from '../schema/limits.js';
import { CAPABILITIES, PROMPT_PERSONAS, PROMPT_STYLES, type Capability } from './prompts/types.js';
import { DAY_MS, HOUR_MS, modelAt, type Actor, type Population } from './population.js';
import { hash32, Random } from './rng.js';
import { upperBound } from '../util/sorted.js';
import { lnGamma } from '../util/tails.js';
import { CACHE_KINDS, CHUNK_EVENTS, newChunk, SYSTEM_POLICIES, type EventChunk, type StaticTables } from './serialize.js';
import type { TraceFit } from './traces.js';

/**
 * The traffic engine. Time advances an hour at a time: every actor whose next unit of work (a session,
 * a run, a cron firing, a single request) starts in the hour emits it, events landing in later hours
 * wait in their hour's buffer. Each finished hour is sorted by (ts, request_id), rate-limited (a request
 * over its account's limit in its minute gets a 429), counted for the truth files, and handed on in
 * fixed-size chunks to be written (serialize.ts). Memory holds the population and an hour or so of
 * events, never the output.
 */

const MINUTE_MS = 60_000;
const CACHE_TTL_MS = 5 * MINUTE_MS;

/**
 * The jobs rhythm: an orchestrator (a harvesting pipeline working through a dataset shard by shard) starts a
 * job every few hours at no fixed time, enlists a share of its accounts, and each enlisted worker starts
 * within a minute or so of the job's start and works until the job ends; between jobs every account is quiet.
 * The loosely synchronised actions SynchroTrap looks for.
 */
const JOB_MEAN_GAP_MS = 3 * HOUR_MS;
const JOB_MEDIAN_MS = 40 * MINUTE_MS;
const JOB_SPIN_UP_MEAN_MS = 40_000;

/** A campaign's jobs over the window: start and end times, in order. */
interface JobSchedule {
  starts: Float64Array;
  ends: Float64Array;
  /** Jobs per day, and their mean length (ms). */
  perDay: number;
  meanMs: number;
}

/** One request, decided; its text is written when its hour is flushed. */
export interface Ev {
  ts: number;
  rid: string;
  actor: Actor;
  seed: number;
  conv: string | null;
  turn: number;
  cap: Capability;
  cot: boolean;
  tkey: string | undefined;
  para: number;
  bench: string | undefined;
  model: number;
  ip: string;
  key: number;
  maxTokens: number | null;
  budget: number | null;
  temp: number | null;
  n: number | null;
  top: number | null;
  bias: number;
  tools: boolean;
  out: number;
  ctx: number;
  extra: number;
  warm: boolean;
  status: number;
}

/** A unit's shared decisions: one conversation, one run, one firing. */
interface Sess {
  conv: string | null;
  cap: Capability;
  cot: boolean;
  reasoning: boolean;
  tkey: string | undefined;
  para: number;
  bench: string | undefined;
  family: string;
  ip: string;
  ctx: number;
  scoring: boolean;
  bias: boolean;
  multi: boolean;
}

// ---- daily rhythms (hour of week, Sunday 00:00 local = 0), each scaled to a maximum of 1 ----------

const EVENING = [0.12, 0.07, 0.04, 0.03, 0.03, 0.04, 0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.55, 0.5, 0.45, 0.45, 0.5, 0.6, 0.75, 0.9, 1, 1, 0.8, 0.4];
const OFFICE = [0.02, 0.01, 0.01, 0.01, 0.01, 0.02, 0.05, 0.2, 0.6, 0.95, 1, 1, 0.8, 0.95, 1, 1, 0.95, 0.75, 0.45, 0.3, 0.3, 0.25, 0.15, 0.06];

interface Profile {
  week: Float64Array;
  mean: number;
}

function profile(hours: number[], weekend: number): Profile {
  const week = new Float64Array(168);
  for (let h = 0; h < 168; h++) {
    const dow = Math.floor(h / 24);
    week[h] = hours[h % 24]! * (dow === 0 || dow === 6 ? weekend : 1);
  }
  const max = Math.max(...week);
  let sum = 0;
  for (let h = 0; h < 168; h++) sum += (week[h]! /= max);
  return { week, mean: sum / 168 };
}

const hourOfWeek = (t: number, offsetH: number) => (((Math.floor(t / HOUR_MS + offsetH) + 96) % 168) + 168) % 168;

/** Deadline pressure: sessions bunch in the days before each weekly deadline (max 1). */
function deadlinePressure(t: number, firstDeadline: number): number {
  const sinceFirst = t - firstDeadline;
  const toNext = sinceFirst < 0 ? -sinceFirst : 7 * DAY_MS - (sinceFirst % (7 * DAY_MS));
  return (0.08 + Math.exp(-toNext / (1.1 * DAY_MS))) / 1.08;
}
const DEADLINE_MEAN = (0.08 + (1.1 / 7) * (1 - Math.exp(-7 / 1.1))) / 1.08;

const BENCH_CAPABILITY: Record<string, Capability> = {
  gsm8k: 'reasoning',
  math: 'reasoning',
  humaneval: 'software_engineering',
  'swe-bench': 'software_engineering',
  mbpp: 'software_engineering',
  mmlu: 'general',
  'tau-bench': 'agentic_tool_use',
};

const VARIED_MAX_TOKENS: [number | null, number][] = [[null, 0.25], [256, 0.05], [512, 0.08], [1000, 0.07], [1024, 0.15], [2048, 0.15], [4096, 0.15], [8192, 0.07], [16000, 0.03]];
const VARIED_BUDGETS = [1024, 2048, 4000, 8000, 10000, 16000];

export interface EngineOptions {
  seed: number;
  fit: TraceFit;
  /** Called as each simulated day completes: (day, days). */
  onDay?: (day: number, days: number) => void;
}

/** Where the engine hands its chunks of decided events, in order. */
export type ChunkSink = (chunk: EventChunk) => Promise<void>;

const CAPABILITY_INDEX = new Map<Capability, number>(CAPABILITIES.map((c, i) => [c, i]));

export class Engine {
  private readonly profiles: Record<string, Profile>;
  private readonly pending = new Map<number, Ev[]>();
  private readonly hours: number;
  private readonly gammaShape: number;
  private readonly weibullShape: number;
  private readonly weibullMeanFactor: number;
  private readonly reasoningFactor: number;
  private readonly jobs = new Map<string, JobSchedule>();

  constructor(
    private readonly pop: Population,
    private readonly opts: EngineOptions,
  ) {
    const service = opts.fit.arrival.hourly;
    const max = Math.max(...service);
    this.profiles = {
      evening: profile(EVENING, 1.15),
      office: profile(OFFICE, 0.2),
      service: profile(service, 0.9),
      batch: profile(service.map((h) => 0.8 + (0.2 * h) / max), 1),
      flat: profile(new Array<number>(24).fill(1), 1),
    };
    this.hours = Math.ceil((pop.end - pop.start) / HOUR_MS);
    this.gammaShape = opts.fit.arrival.gammaShape;
    // The traces' Weibull windows are very bursty (shape < 0.5); keep a heavy account's bursts bounded.
    this.weibullShape = Math.max(0.6, opts.fit.arrival.weibullShape);
    this.weibullMeanFactor = Math.exp(lnGamma(1 + 1 / this.weibullShape));
    this.reasoningFactor = 1 / Math.max(0.2, 1 - opts.fit.tokens.reasoningShare);
    for (const c of pop.campaigns) c.hourly = new Array<number>(this.hours).fill(0);
  }

  /** Runs the whole window, writing each finished hour to `sink` in order; returns the exchanges written. */
  async run(sink: ChunkSink): Promise<number> {
    let total = 0;
    const buckets: Actor[][] = Array.from({ length: this.hours }, () => []);
    for (const a of this.pop.actors) {
      this.initActor(a);
      a.next = this.nextUnit(a, a.start);
      this.schedule(buckets, a);
    }
    const days = Math.ceil(this.hours / 24);
    for (let h = 0; h < this.hours; h++) {
      const hourEnd = this.pop.start + (h + 1) * HOUR_MS;
      const due = buckets[h]!;
      buckets[h] = [];
      for (const a of due) {
        while (a.next < hourEnd && a.next < a.end) {
          const t = a.next;
          this.emitUnit(a, t);
          a.next = this.nextUnit(a, t + 1);
        }
        this.schedule(buckets, a);
      }
      const events = this.pending.get(h) ?? [];
      this.pending.delete(h);
      total += events.length;
      await this.flush(h, events, sink);
      if ((h + 1) % 24 === 0 || h === this.hours - 1) this.opts.onDay?.(Math.ceil((h + 1) / 24), days);
    }
    return total;
  }

  private schedule(buckets: Actor[][], a: Actor): void {
    if (a.next >= a.end || a.next >= this.pop.end || a.rate <= 0) return;
    const h = Math.floor((a.next - this.pop.start) / HOUR_MS);
    buckets[Math.max(0, h)]!.push(a);
  }

  // ---- scheduling --------------------------------------------------------------------------------

  /** Events per unit of work, so units arrive at rate / eventsPerUnit. */
  private perUnit(a: Actor): number {
    switch (a.beh.rhythm) {
      case 'runs':
      case 'sweeps':
        return a.beh.runSize;
      case 'cron':
        return a.perFire;
      case 'round_robin':
        return Math.max(1, a.beh.turns);
      case 'naive':
        return 80;
      default:
        return a.beh.turns;
    }
  }

  private initActor(a: Actor): void {
    const b = a.beh;
    if (b.rhythm === 'cron') {
      // A cron line: every `period` whole minutes, `perFire` requests, at most limit_fraction of the plan per minute.
      const cap = Math.max(1, Math.floor(b.limitFraction * a.acct.rpm));
      let best = { err: Infinity, period: MINUTE_MS, per: 1 };
      for (let per = 1; per <= Math.min(5, cap); per++) {
        const minutes = Math.max(1, Math.round(DAY_MS / (a.rate / per) / MINUTE_MS));
        const err = Math.abs((per * DAY_MS) / (minutes * MINUTE_MS) - a.rate) / a.rate;
        if (err < best.err - 1e-9) best = { err, period: minutes * MINUTE_MS, per };
      }
      a.period = best.period;
      a.perFire = best.per;
      a.phase = Math.round(a.phase * (a.period / MINUTE_MS)) * MINUTE_MS + a.rng.int(3000);
    } else if (b.rhythm === 'round_robin') {
      // The balancer hands out jobs evenly: each account every `period`, offset by its slot.
      a.period = DAY_MS / (a.rate / this.perUnit(a));
      a.phase = a.phase * a.period;
    } else if (b.rhythm === 'jobs') {
      // Enough jobs for the account's volume: every job when it is busy (units spread over each job),
      // otherwise a share of them with about 1.5 units each (the first at the job's start).
      const jobs = this.jobSchedule(a.scope);
      const unitsPerDay = a.rate / this.perUnit(a);
      a.jobShare = Math.min(1, unitsPerDay / (jobs.perDay * 1.5));
      const perJob = unitsPerDay / (jobs.perDay * a.jobShare);
      a.period = perJob > 1 ? jobs.meanMs / (perJob - 1) : Infinity;
    }
  }

  /** The jobs of one campaign (or part): the same for all its accounts, from the world's seed. */
  private jobSchedule(scope: string): JobSchedule {
    const known = this.jobs.get(scope);
    if (known) return known;
    const rng = new Random(this.opts.seed, 'jobs', scope);
    const starts: number[] = [];
    const ends: number[] = [];
    let total = 0;
    for (let t = this.pop.start + rng.exponential(JOB_MEAN_GAP_MS); t < this.pop.end; t += rng.exponential(JOB_MEAN_GAP_MS)) {
      const length = Math.min(150 * MINUTE_MS, Math.max(10 * MINUTE_MS, rng.lognormal(JOB_MEDIAN_MS, 0.5)));
      starts.push(t);
      ends.push(t + length);
      total += length;
      t += length;
    }
    const days = (this.pop.end - this.pop.start) / DAY_MS;
    const schedule = { starts: Float64Array.from(starts), ends: Float64Array.from(ends), perDay: Math.max(1, starts.length) / days, meanMs: total / Math.max(1, starts.length) };
    this.jobs.set(scope, schedule);
    return schedule;
  }

  /** Next unit of a jobs-rhythm actor at or after t: at its start in its next job, or within the job it is in. */
  private nextJobUnit(a: Actor, t: number, limit: number): number {
    const { starts, ends } = this.jobSchedule(a.scope);
    // from the first job still running at t
    for (let j = upperBound(ends, t); j < ends.length && starts[j]! < limit; j++) {
      if (hash32(this.opts.seed, 'enlisted', a.index, j) / 4294967296 >= a.jobShare) continue;
      const spinUp = -Math.log(1 - hash32(this.opts.seed, 'spin-up', a.index, j) / 4294967296) * JOB_SPIN_UP_MEAN_MS;
      const begin = starts[j]! + Math.min(5 * MINUTE_MS, spinUp);
      if (begin >= ends[j]!) continue;
      if (t <= begin) return begin < limit ? begin : Infinity;
      if (Number.isFinite(a.period)) {
        const x = t + a.rng.exponential(a.period);
        if (x < ends[j]!) return x < limit ? x : Infinity;
      }
    }
    return Infinity;
  }

  private rhythmProfile(a: Actor): Profile {
    switch (a.beh.rhythm) {
      case 'evening':
      case 'deadline':
        return this.profiles.evening!;
      case 'office':
      case 'runs':
        return this.profiles.office!;
      case 'always_on':
        return a.beh.persona === 'batch_pipeline' ? this.profiles.batch! : this.profiles.service!;
      default:
        return this.profiles.flat!;
    }
  }

  /** Start of the actor's next unit at or after t (Infinity when none before its end). */
  private nextUnit(a: Actor, t: number): number {
    const b = a.beh;
    const limit = Math.min(a.end, this.pop.end);
    if (a.rate <= 0 || t >= limit) return Infinity;
    if (b.rhythm === 'jobs') return this.nextJobUnit(a, t, limit);
    // An extraction script runs its first sweep when its account is switched on, the next ones at random.
    if (b.rhythm === 'sweeps' && t <= a.start && a.lastUse === -Infinity) return Math.min(limit, t + a.rng.exponential(HOUR_MS));
    if (b.rhythm === 'cron' || b.rhythm === 'round_robin') {
      const k = Math.ceil((t - a.phase) / a.period);
      let next = a.phase + k * a.period;
      if (next < t) next += a.period;
      return next;
    }
    const prof = this.rhythmProfile(a);
    const unitsPerMs = a.rate / this.perUnit(a) / DAY_MS;
    const offset = a.acct.utcOffset;
    if (b.rhythm === 'always_on') {
      // Renewal process with the traces' inter-arrival shape, its mean following the daily rhythm.
      const p = Math.max(0.05, prof.week[hourOfWeek(t, offset)]! / prof.mean);
      const mean = 1 / (unitsPerMs * p);
      const gap = a.weibull ? a.rng.weibull(this.weibullShape, mean / this.weibullMeanFactor) : a.rng.gamma(this.gammaShape, mean / this.gammaShape);
      return t + gap;
    }
    // Non-homogeneous Poisson arrivals by thinning against the rhythm (and deadlines, for classes).
    const deadline = b.rhythm === 'deadline' && a.klass ? a.klass : null;
    const mean = prof.mean * (deadline ? DEADLINE_MEAN : 1);
    const maxRate = unitsPerMs / mean;
    let x = t;
    for (let i = 0; i < 100_000; i++) {
      x += a.rng.exponential(1 / maxRate);
      if (x >= limit) return Infinity;
      let p = prof.week[hourOfWeek(x, offset)]!;
      if (deadline) p *= deadlinePressure(x, deadline.firstDeadline);
      if (a.rng.next() < p) return x;
    }
    return Infinity;
  }

  // ---- units -------------------------------------------------------------------------------------

  private emitUnit(a: Actor, t0: number): void {
    const b = a.beh;
    const rng = a.rng;
    const minGap = b.limitFraction < 50 ? MINUTE_MS / (b.limitFraction * a.acct.rpm) : 0;
    switch (b.rhythm) {
      case 'runs': {
        // An evaluation run: one benchmark, as fast as the harness's concurrency allows.
        const s = this.session(a, t0, false);
        const size = Math.max(20, Math.round(b.runSize * rng.range(0.5, 1.5)));
        // Harnesses are tuned to the plan's limits (requests and output tokens per minute); some runs
        // overshoot them for a while (benign 429 bursts).
        const outPerRequest = s.scoring ? 1 : b.output.median * Math.exp((b.output.sigma * b.output.sigma) / 2) * (s.cot ? 1.3 : 1) * (s.reasoning ? this.reasoningFactor : 1);
        const perMinute = Math.min(600, a.acct.rpm, a.acct.otpm / outPerRequest) * rng.range(0.4, 1.15);
        let t = t0;
        for (let i = 0; i < size; i++) {
          this.event(a, t, s, 1);
          t += Math.max(minGap, rng.exponential(MINUTE_MS / perMinute));
        }
        return;
      }
      case 'cron': {
        let t = t0;
        for (let i = 0; i < a.perFire; i++) {
          this.event(a, t, this.session(a, t, false), 1);
          t += Math.max(minGap, 1000) + rng.int(500);
        }
        return;
      }
      case 'round_robin': {
        // The balancer's job for this slot: one request, or one conversation when the campaign runs them.
        const jitter = Math.max(-a.period / 4, Math.min(a.period / 4, rng.normal() * Math.min(1500, a.period * 0.01)));
        this.conversation(a, t0 + jitter, minGap);
        return;
      }
      case 'sweeps': {
        // An extraction session: one probe set (one session's template and parameters), request after
        // request, paced at limit_fraction of the plan's per-minute limit.
        const s = this.session(a, t0, false);
        const size = Math.max(20, Math.round(b.runSize * rng.range(0.5, 1.5)));
        const perMinute = Math.max(1, Math.min(b.limitFraction, 1.5) * a.acct.rpm);
        let t = t0;
        for (let i = 0; i < size; i++) {
          this.event(a, t, s, 1);
          t += rng.range(0.5, 1.5) * (MINUTE_MS / perMinute);
        }
        return;
      }
      case 'naive': {
        // Bursts as fast as the workers go, well past the limit.
        const size = 40 + rng.int(80);
        const perMinute = Math.max(1, b.limitFraction * a.acct.rpm);
        let t = t0;
        for (let i = 0; i < size; i++) {
          this.event(a, t, this.session(a, t, false), 1);
          t += rng.range(0.5, 1.5) * (MINUTE_MS / perMinute);
        }
        return;
      }
      default:
        this.conversation(a, t0, minGap);
    }
  }

  /** A conversation (or, for single-turn work, one request). */
  private conversation(a: Actor, t0: number, minGap: number): void {
    const b = a.beh;
    const rng = a.rng;
    const turns = b.turns <= 1.01 ? 1 : Math.max(1, Math.round(rng.lognormal(b.turns / 1.28, 0.7)));
    const s = this.session(a, t0, turns > 1 || b.turns > 1.01);
    let t = t0;
    for (let turn = 1; turn <= turns; turn++) {
      this.event(a, t, s, turn);
      t += Math.max(minGap, rng.lognormal(b.turnGapS * 1000, 0.8));
    }
  }

  private templateKey(a: Actor, s: { cap: Capability }, t: number): string | undefined {
    const b = a.beh;
    if (a.klass) {
      const hw = Math.max(0, Math.floor((t - a.klass.firstDeadline) / (7 * DAY_MS)) + 1);
      return `class:${a.klass.id}:hw${hw}`;
    }
    // Coding agents: the product (its long system prompt is the same for all its users).
    if (b.persona === 'coding_agent') return `agent:${a.acct.uaClient}`;
    if (!b.templates) return undefined;
    const k = a.rng.int(b.templates.count);
    switch (b.persona) {
      case 'attack':
        return `${a.scope}:t${k}`;
      case 'batch_pipeline':
        return b.templates.count === 1 ? `batch:${a.acct.id}` : `batch:${a.acct.id}:t${k}`;
      case 'researcher':
        return `research:${a.acct.id}:t${k}`;
      default:
        return `${b.persona}:${a.acct.id}:t${k}`;
    }
  }

  private session(a: Actor, t: number, multiTurn: boolean): Sess {
    const b = a.beh;
    const rng = a.rng;
    const u = rng.next();
    let cap = b.targets.pick(rng);
    let bench: string | undefined;
    let tkey: string | undefined;
    let scoring = false;
    let bias = false;
    let multi = false;
    if (b.rhythm === 'runs') {
      bench = rng.pick(b.benchmarks);
      cap = BENCH_CAPABILITY[bench] ?? cap;
      // The harness (prompt format, few-shot examples): a lab keeps its own.
      tkey = `harness:h${a.acct.idx % 5}`;
      // Multiple-choice scoring: one token out, log-probabilities (and a bias to the answer letters).
      scoring = rng.chance(b.logprobs.share);
      bias = scoring && rng.chance(Math.min(1, b.logitBias.share / Math.max(0.01, b.logprobs.share)));
      multi = !scoring && rng.chance(b.multiN.share);
    } else {
      tkey = this.templateKey(a, { cap }, t);
    }
    const para = b.templates ? b.templates.paraphrase : b.paraphrase;
    return {
      conv: multiTurn ? `conv_${rng.token(20)}` : null,
      cap,
      cot: u < b.cotShare && !scoring,
      reasoning: u < b.reasoningShare && !scoring,
      tkey,
      para,
      bench,
      family: b.families.pick(rng),
      ip: this.sessionIp(a, t),
      ctx: 0,
      scoring,
      bias,
      multi,
    };
  }

  private sessionIp(a: Actor, t: number): string {
    const net = a.acct.net;
    const rng = a.rng;
    if (net.rotation === 'session') return net.pool ? net.pool[rng.int(net.pool.length)]! : net.network.address(rng);
    if (net.rotation === 'natural' && net.kind === 'mobile') return net.network.address(rng);
    return this.requestIp(a, t, '');
  }

  private requestIp(a: Actor, t: number, sessIp: string): string {
    const acct = a.acct;
    const net = acct.net;
    const rng = a.rng;
    switch (net.rotation) {
      case 'request':
        return net.pool ? net.pool[rng.int(net.pool.length)]! : net.addresses[rng.int(net.addresses.length)]!;
      case 'session':
        return sessIp || net.addresses[0]!;
      case 'day': {
        const day = Math.floor(t / DAY_MS);
        if (net.pool) return net.pool[hash32(this.opts.seed, 'day', acct.idx, day) % net.pool.length]!;
        if (net.epoch !== day) {
          net.epoch = day;
          net.epochIp = net.network.address(new Random(this.opts.seed, 'day', acct.idx, day));
        }
        return net.epochIp;
      }
      case 'natural': {
        if (net.kind === 'mobile') return sessIp || net.addresses[0]!;
        if (net.kind !== 'residential') return net.addresses[rng.int(net.addresses.length)]!;
        // A home line keeps its address for a few weeks.
        const epoch = Math.floor((t / DAY_MS + (acct.idx % 17)) / 17);
        if (net.epoch !== epoch) {
          net.epoch = epoch;
          net.epochIp = net.network.address(new Random(this.opts.seed, 'home', acct.idx, epoch));
        }
        return net.epochIp;
      }
      default:
        return net.addresses.length === 1 ? net.addresses[0]! : net.addresses[rng.int(net.addresses.length)]!;
    }
  }

  private event(a: Actor, t: number, s: Sess, turn: number): void {
    const ts = Math.round(t);
    if (ts >= a.end || ts >= this.pop.end || ts < this.pop.start) return;
    const b = a.beh;
    const rng = a.rng;
    const acct = a.acct;

    let maxTokens: number | null;
    if (s.scoring) maxTokens = 1;
    else if (b.maxTokens === 'max') maxTokens = rng.chance(0.9) ? DEFAULT_MAX_OUTPUT_TOKENS : DEFAULT_MAX_OUTPUT_TOKENS - 1000 * (1 + rng.int(2));
    else if (b.maxTokens === 'varied') maxTokens = pickPair(VARIED_MAX_TOKENS, rng);
    else if (b.maxTokens === 'default') maxTokens = acct.maxTokensDefault;
    else maxTokens = b.maxTokens;

    let budget: number | null = null;
    if (s.reasoning) {
      if (b.reasoningBudget === 'max') budget = Math.min(DEFAULT_MAX_REASONING_BUDGET, (maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS) - 1);
      else {
        budget = rng.pick(VARIED_BUDGETS);
        // The API needs room for the answer after the reasoning.
        if (maxTokens === null || maxTokens <= budget) maxTokens = Math.min(DEFAULT_MAX_OUTPUT_TOKENS, budget + 1024 * (1 + rng.int(8)));
      }
    }

    const top = s.scoring ? b.logprobs.top : b.rhythm !== 'runs' && rng.chance(b.logprobs.share) ? b.logprobs.top : null;
    const biasOn = s.scoring ? s.bias : b.rhythm !== 'runs' && rng.chance(b.logitBias.share);
    const bias = biasOn ? Math.max(1, Math.round(b.logitBias.size * (b.logitBias.size > 20 ? rng.range(0.7, 1.3) : 1))) : 0;
    const n = s.multi || (b.rhythm !== 'runs' && rng.chance(b.multiN.share)) ? b.multiN.n : null;
    const tools = acct.tools !== null && (s.cap === 'agentic_tool_use' || rng.chance(b.toolShare));

    let out: number;
    if (maxTokens === 1) out = 1;
    else {
      out = rng.lognormal(b.output.median, b.output.sigma) * (s.cot ? 1.3 : 1);
      if (budget !== null) out *= this.reasoningFactor;
      out = Math.max(1, Math.min(Math.round(out), maxTokens ?? DEFAULT_MAX_OUTPUT_TOKENS));
    }
    const extra = rng.chance(b.extra.share) ? Math.min(60_000, Math.round(rng.lognormal(b.extra.median, b.extra.sigma))) : 0;

    const ev: Ev = {
      ts,
      rid: 'req_' + rng.token(24),
      actor: a,
      seed: rng.u32(),
      conv: s.conv,
      turn,
      cap: s.cap,
      cot: s.cot,
      tkey: s.tkey,
      para: s.para,
      bench: s.bench,
      model: modelAt(this.pop, a, s.family, ts),
      ip: this.requestIp(a, ts, s.ip),
      key: acct.keys.length === 1 || rng.chance(0.8) ? 0 : rng.int(acct.keys.length),
      maxTokens,
      budget,
      temp: b.rhythm === 'runs' || rng.chance(0.9) ? acct.temperature : 1,
      n,
      top,
      bias,
      tools,
      out,
      ctx: s.ctx,
      extra,
      warm: ts - a.lastUse < CACHE_TTL_MS,
      status: 200,
    };
    a.lastUse = ts;
    // History carried into the next turn of a conversation: what was sent and what came back (compacted when too long).
    if (s.conv !== null) {
      s.ctx += 150 + extra + out;
      if (s.ctx > 150_000) s.ctx = 20_000;
    }
    const h = Math.floor((ts - this.pop.start) / HOUR_MS);
    let list = this.pending.get(h);
    if (!list) this.pending.set(h, (list = []));
    list.push(ev);
  }

  // ---- flushing an hour --------------------------------------------------------------------------

  private async flush(hour: number, events: Ev[], sink: ChunkSink): Promise<void> {
    events.sort((x, y) => x.ts - y.ts || (x.rid < y.rid ? -1 : x.rid > y.rid ? 1 : 0));
    // Rate limits: requests past the plan's per-minute requests or output tokens are refused.
    for (const ev of events) {
      const acct = ev.actor.acct;
      const minute = Math.floor(ev.ts / MINUTE_MS);
      if (acct.rlMinute !== minute) {
        acct.rlMinute = minute;
        acct.rlCount = 0;
        acct.rlOut = 0;
      }
      acct.rlCount++;
      if (acct.rlCount > acct.rpm || acct.rlOut + ev.out > acct.otpm) ev.status = 429;
      else acct.rlOut += ev.out;
    }
    // Truth: counted here, from what the engine knows; none of it goes into the lines.
    for (const ev of events) {
      const a = ev.actor;
      a.acct.exchanges++;
      if (ev.status === 429) a.acct.limited++;
      if (a.campaign >= 0) {
        a.acct.campaignExchanges++;
        const c = this.pop.campaigns[a.campaign]!;
        c.exchanges++;
        c.hourly[hour]!++;
      }
    }
    for (let s = 0; s < events.length; s += CHUNK_EVENTS) await sink(toChunk(events, s, Math.min(CHUNK_EVENTS, events.length - s)));
  }

}


function pickPair<T>(pairs: readonly (readonly [T, number])[], rng: Random): T {
  let u = rng.next();
  for (const [v, w] of pairs) if ((u -= w) < 0) return v;
  return pairs[pairs.length - 1]![0];
}

function toChunk(events: Ev[], from: number, n: number): EventChunk {
  const c = newChunk(n);
  for (let j = 0; j < n; j++) {
    const ev = events[from + j]!;
    c.ts[j] = ev.ts;
    c.actor[j] = ev.actor.index;
    c.seed[j] = ev.seed;
    c.turn[j] = ev.turn;
    c.cap[j] = CAPABILITY_INDEX.get(ev.cap)!;
    c.flags[j] = (ev.cot ? 1 : 0) | (ev.tools ? 2 : 0) | (ev.warm ? 4 : 0) | (ev.status === 429 ? 8 : 0);
    c.para[j] = ev.para;
    c.model[j] = ev.model;
    c.key[j] = ev.key;
    c.maxTokens[j] = ev.maxTokens ?? -1;
    c.budget[j] = ev.budget ?? -1;
    c.n_[j] = ev.n ?? -1;
    c.top[j] = ev.top ?? -1;
    c.temp[j] = ev.temp ?? NaN;
    c.bias[j] = ev.bias;
    c.out[j] = ev.out;
    c.ctx[j] = ev.ctx;
    c.extra[j] = ev.extra;
    c.rid[j] = ev.rid;
    c.conv[j] = ev.conv ?? '';
    c.tkey[j] = ev.tkey ?? '';
    c.bench[j] = ev.bench ?? '';
    c.ip[j] = ev.ip;
  }
  return c;
}

/** The fixed fields of accounts and actors that writing lines needs, in columns (sent once to each worker). */
export function staticTables(pop: Population, seed: number): StaticTables {
  const A = pop.accounts;
  return {
    seed,
    models: pop.models.map((m) => m.id),
    accounts: {
      id: A.map((a) => a.id),
      org: A.map((a) => a.orgId),
      fingerprint: A.map((a) => a.fingerprint),
      endpoint: A.map((a) => a.endpoint),
      toolsJson: A.map((a) => a.toolsJson),
      toolTokens: A.map((a) => a.toolTokens),
      uaClient: A.map((a) => a.uaClient),
      version: A.map((a) => a.version),
      uaFrozenAt: A.map((a) => a.uaFrozenAt ?? NaN),
      cachesHistory: A.map((a) => a.cachesHistory),
      keys: A.map((a) => a.keys),
    },
    actors: {
      acct: pop.actors.map((a) => a.acct.idx),
      persona: pop.actors.map((a) => PROMPT_PERSONAS.indexOf(a.beh.persona)),
      system: pop.actors.map((a) => SYSTEM_POLICIES.indexOf(a.beh.system)),
      cache: pop.actors.map((a) => CACHE_KINDS.indexOf(a.beh.cache)),
      scope: pop.actors.map((a) => a.scope),
      style: pop.actors.map((a) => PROMPT_STYLES.indexOf(a.beh.promptStyle)),
    },
  };
}
