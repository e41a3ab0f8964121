import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import { estimate, type Counters, type TakeResult, type Window } from './counters.js';
import { redisClient } from './counters-redis.js';

/**
 * The counters in Redis, shared by every guard replica, with enforcement that lags by one sync interval
 * (`counters.sync_every` in the policy; the default). Each replica decides a request on its own, from the counts
 * it last learned from Redis plus its own admissions since, and every `sync_every` sends Redis all its new
 * admissions, per window key and bucket, in ONE script call that applies them (INCRBY, with the expiry the exact
 * script sets) and returns every key's current two buckets and Redis's clock: the replica's new view. A metered
 * request then costs no round trip; Redis sees each replica's active keys once per interval, however many
 * requests they carry. Same keys, same buckets, same two-bucket estimate as the exact counters
 * (counters-redis.ts), so replicas of both kinds share the counts during a change of setting.
 *
 * Local decisions are all-or-nothing as in Redis: a request is admitted only if every window has room, and a
 * refused one consumes nothing. They are made at once, in arrival order, and answered together at the end of
 * the turn of the event loop (`answer`). A replica uses its view of a key only while it is fresh: learned by a
 * sync sent at most two intervals ago, with none of its own admissions waiting longer than that to be sent.
 * Otherwise (a key not seen lately, a late timer) the request waits for a sync, sent at once; so do admin peeks
 * of such keys.
 * Hence the bound on overshoot (docs/guard.md, "Redis"): with R replicas, a quota's count can pass its limit by
 * what the other replicas admit in four intervals at worst (a view two intervals old, their own admissions up to
 * two intervals unsent; about one interval when every replica syncs on time), and never by more than
 * (R - 1) x the limit: no replica on its own admits past it.
 *
 * Clocks: buckets are Redis's (its TIME), as in the exact script. Each sync's reply carries Redis's time; the
 * replica keeps the offset from its own monotonic clock (the sample with the shortest round trip in the last
 * 10 s, or any that moved more than a round trip: a stepped clock) and tags its admissions with the bucket Redis
 * is in. The script never credits a bucket Redis has not reached, and drops admissions to buckets that no
 * longer count.
 *
 * Faults, judged by the caller's policy as with the exact counters: with no connection to Redis a metered
 * request fails at once; with Redis slow or failing, the views of active keys age, and once a key's view is too
 * old its requests wait for a sync that fails after `timeoutMs`: "counters unavailable" from at most two
 * intervals after the last good sync. A sync whose reply never came (a timeout) may still have been applied:
 * its admissions are sent again under the same id, and the script applies each id once. Sends unacknowledged
 * for a minute are dropped (counted in `stats.lost`).
 *
 * Memory: a key's slot lives while it is used; one idle for four intervals with nothing to send is dropped.
 */

// KEYS: the id of every batch of admissions in the call (m), then every key's base name (n). ARGV: m, n, each
// key's window (ms); then per batch its number of entries and, per entry, the key's index (1-based), the bucket
// and the number admitted. Returns Redis's time (ms) and each key's current and previous bucket (-1, -1: the
// key could not be read, e.g. another type).
const SYNC = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local m = tonumber(ARGV[1])
local n = tonumber(ARGV[2])
local win = {}
for i = 1, n do win[i] = tonumber(ARGV[2 + i]) end
local a = 3 + n
for j = 1, m do
  local cnt = tonumber(ARGV[a])
  a = a + 1
  -- A batch is applied once: when its reply was lost (a timeout), the replica sends it again under its id.
  if redis.call('SET', KEYS[j], '1', 'PX', ${120_000}, 'NX') then
    for e = 1, cnt do
      local i = tonumber(ARGV[a])
      local w = win[i]
      local nb = math.floor(now / w)
      local b = math.min(tonumber(ARGV[a + 1]), nb)
      local d = tonumber(ARGV[a + 2])
      if b >= nb - 1 then
        local k = KEYS[m + i] .. ':' .. b
        -- A bucket is read until two windows after it opened: an expiry set when it is created is enough.
        if redis.pcall('INCRBY', k, d) == d then redis.call('PEXPIRE', k, 2 * w + 1000) end
      end
      a = a + 3
    end
  else
    a = a + 3 * cnt
  end
end
local out = {now}
for i = 1, n do
  local w = win[i]
  local nb = math.floor(now / w)
  local c = tonumber(redis.pcall('GET', KEYS[m + i] .. ':' .. nb) or '0')
  local p = tonumber(redis.pcall('GET', KEYS[m + i] .. ':' .. (nb - 1)) or '0')
  if c == nil or p == nil then c = -1; p = -1 end
  out[2 * i] = c
  out[2 * i + 1] = p
end
return out
`;

type SyncCommand = (numKeys: number, ...args: (string | number)[]) => Promise<number[]>;

/** What one replica knows of one window key. */
interface Slot {
  readonly id: string;
  readonly key: string;
  readonly w: number;
  /** Redis's counts at the last sync: the bucket it was in, that bucket's count and the previous one's. */
  vB: number;
  vCur: number;
  vPrev: number;
  /** When (local clock) the sync that brought the view was sent; -Infinity: never learned. */
  learnedAt: number;
  /** Own admissions not sent yet: [bucket, count, bucket, count, ...]. */
  pend: number[];
  /** When the oldest of `pend` was admitted. */
  pendSince: number;
  /** Own admissions sent and not yet acknowledged, same form. */
  sent: number[];
  /** In `touched`: to be read (and its `pend` sent) by the next sync. */
  touched: boolean;
  usedAt: number;
  /** Redis could not read it: dropped from the map; requests waiting on it fail. */
  bad: boolean;
}

/** A batch of admissions, applied once by its id. */
interface Batch {
  id: string;
  at: number;
  entries: { s: Slot; b: number; n: number }[];
}

interface Waiter {
  slots: Slot[];
  settle(now: number): void;
  reject(e: unknown): void;
}

export interface LaggedOptions {
  timeoutMs: number;
  syncMs: number;
  prefix?: string;
  /** The local clock (ms, monotonic): tests skew it. */
  clock?: () => number;
  maxKeys?: number;
}

/** Keys read per sync: bounds one call's size and how long Redis runs it. More waiting keys: another sync at once. */
const MAX_KEYS = 512;
/** Unacknowledged batches older than this are dropped (the script remembers ids for 2 minutes). */
const CARRY_MS = 60_000;
const MAX_CARRIED = 64;

export class LaggedRedisCounters implements Counters {
  readonly kind = 'redis' as const;
  readonly syncMs: number;
  /** A view (or an unsent admission) older than this is not decided on: the request waits for a sync. */
  readonly maxAgeMs: number;
  readonly stats = { syncs: 0, failed: 0, lost: 0, waited: 0 };
  private readonly redis: Redis;
  private readonly run: SyncCommand;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly slots = new Map<string, Slot>();
  private touched: Slot[] = [];
  private waiting: Waiter[] = [];
  private answers: ((r: TakeResult) => void)[] = [];
  private results: TakeResult[] = [];
  /** Every batch not yet acknowledged; each sync sends them all again (the script applies each id once). */
  private carried: Batch[] = [];
  private flight: Promise<Error | null> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** The pending `soon` (a sync at the end of this turn of the event loop), cleared by whichever tick runs first. */
  private soonHandle: NodeJS.Immediate | null = null;
  private lastSendAt = -Infinity;
  private sweptAt = -Infinity;
  private readonly sweeper: NodeJS.Timeout;
  /** Redis's time minus the local clock, and the round trip and time of the sample it came from. */
  private offset = 0;
  private offsetRtt = Infinity;
  private offsetAt = -Infinity;
  private readonly replica = randomBytes(6).toString('hex');
  private seq = 0;
  private closed = false;

  constructor(url: string, opts: LaggedOptions) {
    if (!(opts.syncMs > 0)) throw new Error('LaggedRedisCounters needs syncMs > 0 (0: RedisCounters)');
    this.syncMs = opts.syncMs;
    this.maxAgeMs = 2 * opts.syncMs;
    this.now = opts.clock ?? (() => performance.now());
    this.maxKeys = opts.maxKeys ?? 1_000_000;
    this.redis = redisClient(url, opts);
    this.redis.defineCommand('dwSync', { lua: SYNC });
    const r = this.redis as unknown as { dwSync: SyncCommand };
    this.run = r.dwSync.bind(this.redis);
    // Back from an outage: send what waited.
    this.redis.on('ready', () => {
      if (this.touched.length || this.carried.length) this.schedule();
    });
    // Slots of keys no longer used, while no traffic runs the syncs that sweep them too.
    this.sweeper = setInterval(() => this.sweep(this.now(), true), 30_000);
    this.sweeper.unref();
  }

  /** Connects; rejects when Redis cannot be reached (the guard still starts, and keeps trying, when failing open). */
  async connect(): Promise<void> {
    await this.redis.connect();
  }

  get status(): string {
    return this.redis.status;
  }

  /** Window keys held (memory is bounded by the keys used in the last few intervals). */
  get size(): number {
    return this.slots.size;
  }

  private usable(s: Slot, now: number): boolean {
    return s.learnedAt >= now - this.maxAgeMs && (s.pend.length === 0 || s.pendSince >= now - this.maxAgeMs);
  }

  private touch(s: Slot): void {
    if (s.touched) return;
    s.touched = true;
    this.touched.push(s);
    // A large batch goes now rather than at the next interval.
    if (this.touched.length >= MAX_KEYS) this.soon();
    else if (this.timer === null && this.flight === null) this.schedule();
  }

  private slot(w: Window, now: number): Slot | null {
    const id = `${w.key}|${w.windowMs}`;
    let s = this.slots.get(id);
    if (s === undefined) {
      if (this.slots.size >= this.maxKeys) {
        this.sweep(now, true);
        if (this.slots.size >= this.maxKeys) return null;
      }
      s = { id, key: w.key, w: w.windowMs, vB: 0, vCur: 0, vPrev: 0, learnedAt: -Infinity, pend: [], pendSince: 0, sent: [], touched: false, usedAt: now, bad: false };
      this.slots.set(id, s);
    }
    s.usedAt = now;
    this.touch(s);
    return s;
  }

  /** The two-bucket estimate of a key at Redis time `t`: the view moved to t's bucket, plus own admissions not yet in it. */
  private estimateOf(s: Slot, t: number): number {
    const B = Math.floor(t / s.w);
    let cur = 0;
    let prev = 0;
    if (s.vB === B) {
      cur = s.vCur;
      prev = s.vPrev;
    } else if (s.vB === B - 1) prev = s.vCur;
    const { pend, sent } = s;
    for (let i = 0; i < pend.length; i += 2) {
      if (pend[i] === B) cur += pend[i + 1]!;
      else if (pend[i] === B - 1) prev += pend[i + 1]!;
    }
    for (let i = 0; i < sent.length; i += 2) {
      if (sent[i] === B) cur += sent[i + 1]!;
      else if (sent[i] === B - 1) prev += sent[i + 1]!;
    }
    return estimate(cur, prev, s.w, t);
  }

  private decide(slots: Slot[], windows: Window[], now: number): TakeResult {
    const t = now + this.offset;
    const counts = new Array<number>(slots.length);
    let admitted = true;
    for (let i = 0; i < slots.length; i++) {
      const c = this.estimateOf(slots[i]!, t);
      counts[i] = c;
      if (c + 1 > windows[i]!.limit) admitted = false;
    }
    if (admitted) {
      for (const s of slots) {
        const b = Math.floor(t / s.w);
        if (s.pend.length === 0) {
          s.pendSince = now;
          s.pend.push(b, 1);
        } else if (s.pend[s.pend.length - 2] === b) s.pend[s.pend.length - 1]!++;
        else s.pend.push(b, 1);
        // (A request decided after waiting for a sync holds keys that sync has just read: sent at the next.)
        this.touch(s);
      }
    }
    return { admitted, counts };
  }

  take(windows: Window[]): Promise<TakeResult> {
    if (windows.length === 0) return Promise.resolve({ admitted: true, counts: [] });
    if (this.closed) return Promise.reject(new Error('counters closed'));
    if (this.redis.status !== 'ready') return Promise.reject(new Error(`Redis connection ${this.redis.status}`));
    const now = this.now();
    const slots = new Array<Slot>(windows.length);
    let ready = true;
    for (let i = 0; i < windows.length; i++) {
      const s = this.slot(windows[i]!, now);
      if (s === null) return Promise.reject(new Error(`more than ${this.maxKeys} counter keys in use`));
      slots[i] = s;
      if (ready && !this.usable(s, now)) ready = false;
    }
    if (ready) {
      // Decided now, answered with the rest of this turn's decisions (see `answer`).
      const r = this.decide(slots, windows, now);
      return new Promise<TakeResult>((resolve) => {
        this.answers.push(resolve);
        this.results.push(r);
        if (this.answers.length === 1) setImmediate(this.answer);
      });
    }
    this.stats.waited++;
    return new Promise<TakeResult>((resolve, reject) => {
      this.waiting.push({ slots, settle: (at) => resolve(this.decide(slots, windows, at)), reject });
      this.soon();
    });
  }

  /** The local estimate, own unsent admissions included (a key not fresh is read from Redis first). */
  peek(w: Window): Promise<number> {
    if (this.closed) return Promise.reject(new Error('counters closed'));
    if (this.redis.status !== 'ready') return Promise.reject(new Error(`Redis connection ${this.redis.status}`));
    const now = this.now();
    const s = this.slot(w, now);
    if (s === null) return Promise.reject(new Error(`more than ${this.maxKeys} counter keys in use`));
    if (this.usable(s, now)) return Promise.resolve(this.estimateOf(s, now + this.offset));
    return new Promise<number>((resolve, reject) => {
      this.waiting.push({ slots: [s], settle: (at) => resolve(this.estimateOf(s, at + this.offset)), reject });
      this.soon();
    });
  }

  /**
   * Syncs now: sends every admission not yet sent and reads every key held; resolves when Redis has answered
   * (after a sync already under way), rejects when it failed. The guard never needs it (syncs run on their
   * own); tests and `close` do.
   */
  async sync(): Promise<void> {
    while (this.flight) await this.flight;
    if (this.redis.status !== 'ready') throw new Error(`Redis connection ${this.redis.status}`);
    for (const s of this.slots.values()) this.touch(s);
    // Every key held, in as many calls as it takes.
    for (;;) {
      while (this.flight) await this.flight;
      const f = this.round();
      if (f === null) return;
      const e = await f;
      if (e) throw e;
      if (this.touched.length === 0) return;
    }
  }

  /**
   * Answers the requests decided in this turn of the event loop, together, once the turn's I/O callbacks are done
   * (as the exact counters answer a turn's requests together when Redis replies). Answering each at once costs
   * more: on the benchmark's two cores, 210 against 260 µs of the guard's CPU per request, most of the difference
   * in socket writes, as each request then goes upstream on its own instead of with the turn's others.
   */
  private readonly answer = (): void => {
    const answers = this.answers;
    const results = this.results;
    this.answers = [];
    this.results = [];
    for (let i = 0; i < answers.length; i++) answers[i]!(results[i]!);
  };

  private readonly tick = (): void => {
    // (A tick clears both triggers: the interval's timer and a pending `soon`. Left pending, a `soon` queued before a
    // sync that answered within the same turn of the event loop sent a second sync with nothing waiting for it.)
    if (this.soonHandle !== null) {
      clearImmediate(this.soonHandle);
      this.soonHandle = null;
    }
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    void this.round();
  };

  /** A sync at the next interval. */
  private schedule(): void {
    if (this.timer !== null || this.flight !== null || this.closed) return;
    this.timer = setTimeout(this.tick, Math.max(0, this.lastSendAt + this.syncMs - this.now()));
  }

  /** A sync as soon as this turn of the event loop is done (requests decided in it wait together). */
  private soon(): void {
    if (this.soonHandle !== null || this.closed) return;
    this.soonHandle = setImmediate(this.tick);
  }

  /** Drops slots idle for four intervals with nothing to send (`all`: also touched ones, which then read fresh). */
  private sweep(now: number, force = false): void {
    if (!force && now - this.sweptAt < this.maxAgeMs) return;
    this.sweptAt = now;
    const idle = now - 2 * this.maxAgeMs;
    for (const [id, s] of this.slots) {
      if (s.usedAt < idle && !s.touched && s.pend.length === 0 && s.sent.length === 0) this.slots.delete(id);
    }
  }

  /** Sends one sync, if there is anything to send or read and none is under way; null otherwise. */
  private round(): Promise<Error | null> | null {
    if (this.flight !== null) return null;
    if (this.redis.status !== 'ready') {
      this.failWaiters(new Error(`Redis connection ${this.redis.status}`));
      return null;
    }
    const now = this.now();
    this.sweep(now);
    this.dropStale(now);
    const index = new Map<Slot, number>();
    const order: Slot[] = [];
    const add = (s: Slot) => {
      if (!index.has(s)) {
        order.push(s);
        index.set(s, order.length);
      }
    };
    for (const b of this.carried) for (const e of b.entries) add(e.s);
    const n = Math.min(this.touched.length, MAX_KEYS);
    for (let i = 0; i < n; i++) {
      const s = this.touched[i]!;
      s.touched = false;
      add(s);
    }
    this.touched = n === this.touched.length ? [] : this.touched.slice(n);
    if (order.length === 0) return null;
    const entries: Batch['entries'] = [];
    for (const s of order) {
      if (s.pend.length === 0) continue;
      for (let i = 0; i < s.pend.length; i += 2) entries.push({ s, b: s.pend[i]!, n: s.pend[i + 1]! });
      for (let i = 0; i < s.pend.length; i += 2) addTo(s.sent, s.pend[i]!, s.pend[i + 1]!);
      s.pend = [];
    }
    if (entries.length) this.carried.push({ id: `sync:${this.replica}:${++this.seq}`, at: now, entries });
    const batches = this.carried;
    const keys: string[] = batches.map((b) => b.id);
    for (const s of order) keys.push(s.key);
    const argv: (string | number)[] = [batches.length, order.length];
    for (const s of order) argv.push(s.w);
    for (const b of batches) {
      argv.push(b.entries.length);
      for (const e of b.entries) argv.push(index.get(e.s)!, e.b, e.n);
    }
    this.lastSendAt = now;
    this.stats.syncs++;
    const flight = this.run(keys.length, ...keys, ...argv).then(
      (reply) => {
        this.landed(order, reply, now);
        return null;
      },
      (e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        this.failed(err);
        return err;
      },
    );
    this.flight = flight.then((r) => {
      this.flight = null;
      this.after();
      return r;
    });
    return this.flight;
  }

  private landed(order: Slot[], reply: number[], sentAt: number): void {
    const at = this.now();
    const redisNow = Number(reply[0]);
    this.learnOffset(redisNow, sentAt, at);
    for (let i = 0; i < order.length; i++) {
      const s = order[i]!;
      const cur = Number(reply[1 + 2 * i]);
      const prev = Number(reply[2 + 2 * i]);
      // Everything sent for this key was in this call (every unacknowledged batch goes in every call).
      s.sent = [];
      if (!(cur >= 0 && prev >= 0)) {
        s.bad = true;
        s.pend = [];
        s.learnedAt = -Infinity;
        if (this.slots.get(s.id) === s) this.slots.delete(s.id);
        continue;
      }
      s.vB = Math.floor(redisNow / s.w);
      s.vCur = cur;
      s.vPrev = prev;
      s.learnedAt = sentAt;
    }
    this.carried = [];
    // Waiters whose keys are fresh now are decided, in the order they came.
    const now = this.now();
    const still: Waiter[] = [];
    for (const w of this.waiting) {
      if (w.slots.some((s) => s.bad)) w.reject(new Error(`a counter key in Redis cannot be read: ${w.slots.find((s) => s.bad)!.key}`));
      else if (w.slots.every((s) => this.usable(s, now))) w.settle(now);
      else still.push(w);
    }
    this.waiting = still;
  }

  private failed(e: Error): void {
    this.stats.failed++;
    // Kept to send again under the same ids (the script applies each once).
    this.dropStale(this.now());
    this.failWaiters(e);
  }

  /** Unacknowledged batches too old or too many are dropped: their admissions then go uncounted. */
  private dropStale(now: number): void {
    while (this.carried.length > 0 && (this.carried.length > MAX_CARRIED || now - this.carried[0]!.at > CARRY_MS)) {
      const b = this.carried.shift()!;
      for (const e of b.entries) {
        subtractFrom(e.s.sent, e.b, e.n);
        this.stats.lost += e.n;
      }
    }
  }

  private failWaiters(e: Error): void {
    const w = this.waiting;
    this.waiting = [];
    for (const x of w) x.reject(e);
  }

  private after(): void {
    if (this.closed) return;
    if (this.waiting.length > 0 || this.touched.length >= MAX_KEYS) this.soon();
    else if (this.touched.length > 0 || this.carried.length > 0) this.schedule();
  }

  /** Redis's time minus the local clock, from a sync's reply (`redisNow` fell between sending and receiving). */
  private learnOffset(redisNow: number, sentAt: number, at: number): void {
    const rtt = at - sentAt;
    const sample = redisNow - (sentAt + at) / 2;
    if (rtt <= this.offsetRtt || at - this.offsetAt > 10_000 || Math.abs(sample - this.offset) > rtt + 50) {
      this.offset = sample;
      this.offsetRtt = rtt;
      this.offsetAt = at;
    }
  }

  /** Sends what is pending (bounded by the command timeout), then disconnects. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.soonHandle !== null) clearImmediate(this.soonHandle);
    this.soonHandle = null;
    clearInterval(this.sweeper);
    if (this.redis.status === 'ready') {
      try {
        if (this.flight) await this.flight;
        for (let i = 0; i < 4 && (this.carried.length > 0 || [...this.slots.values()].some((s) => s.pend.length > 0)); i++) {
          for (const s of this.slots.values()) if (s.pend.length > 0) this.touch(s);
          const f = this.round();
          if (f === null || (await f)) break;
        }
      } catch {
        // Closing anyway.
      }
    }
    this.closed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.failWaiters(new Error('counters closed'));
    this.redis.disconnect();
  }
}

function addTo(list: number[], b: number, n: number): void {
  for (let i = 0; i < list.length; i += 2) {
    if (list[i] === b) {
      list[i + 1]! += n;
      return;
    }
  }
  list.push(b, n);
}

function subtractFrom(list: number[], b: number, n: number): void {
  for (let i = 0; i < list.length; i += 2) {
    if (list[i] === b) {
      list[i + 1]! -= n;
      if (list[i + 1]! <= 0) list.splice(i, 2);
      return;
    }
  }
}
