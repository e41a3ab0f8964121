import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { performance } from 'node:perf_hooks';
import { LaggedRedisCounters } from '../src/respond/counters-lagged.js';
import type { Window } from '../src/respond/counters.js';
import { HAVE_REDIS, startRedis, type RedisServer } from './guard-helpers.js';

/**
 * The lagged Redis counters (`counters.sync_every` > 0) against a real Redis, two instances standing for two
 * guard replicas. Syncs are driven by hand (`sync()`), with intervals long enough that no timer fires during a
 * test, except where the timer is the point; so nothing here depends on the machine's speed.
 */

if (!HAVE_REDIS) console.warn('guard-counters.test.ts: redis-server is not installed (apt-get install redis-server; .ci/run does): skipped');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const HOUR = 3_600_000;

describe.skipIf(!HAVE_REDIS)('lagged Redis counters', () => {
  let redis: RedisServer;
  let raw: Redis;
  const open: LaggedRedisCounters[] = [];
  let n = 0;

  beforeAll(async () => {
    redis = await startRedis();
    raw = new Redis(redis.url);
  });
  afterAll(async () => {
    for (const c of open) await c.close();
    raw?.disconnect();
    await redis?.stop();
  });

  const counters = async (opts: { syncMs?: number; timeoutMs?: number; clock?: () => number } = {}) => {
    const c = new LaggedRedisCounters(redis.url, { syncMs: opts.syncMs ?? 60_000, timeoutMs: opts.timeoutMs ?? 1000, clock: opts.clock });
    await c.connect();
    open.push(c);
    return c;
  };
  /** A window on a key of its own. */
  const win = (limit: number, windowMs = HOUR): Window => ({ key: `t${++n}:${randomTag()}`, limit, windowMs });
  /** What Redis holds for a key, every bucket summed (whatever the clock, no estimate). */
  const inRedis = async (w: Window) => {
    const keys = await raw.keys(`dw:${w.key}:*`);
    let sum = 0;
    for (const k of keys) sum += Number(await raw.get(k));
    return sum;
  };
  const takeN = async (c: LaggedRedisCounters, windows: Window[], k: number) => {
    let admitted = 0;
    for (let i = 0; i < k; i++) if ((await c.take(windows)).admitted) admitted++;
    return admitted;
  };

  it("sums both replicas' admissions in Redis, applied atomically by each sync, and each replica learns the other's", async () => {
    const a = await counters();
    const b = await counters();
    const w = win(1_000_000);
    // The first request waits for a sync that reads the key; the next ones are decided locally.
    expect(await takeN(a, [w], 5)).toBe(5);
    expect(a.stats.syncs).toBe(1);
    expect(await takeN(b, [w], 3)).toBe(3);
    expect(b.stats.syncs).toBe(1);
    // Nothing sent yet: Redis has nothing, each replica counts its own.
    expect(await inRedis(w)).toBe(0);
    expect(await a.peek(w)).toBe(5);
    expect(await b.peek(w)).toBe(3);
    await Promise.all([a.sync(), b.sync()]);
    await a.sync();
    await b.sync();
    expect(await inRedis(w)).toBe(8);
    expect(Math.abs((await a.peek(w)) - 8)).toBeLessThan(0.5);
    expect(Math.abs((await b.peek(w)) - 8)).toBeLessThan(0.5);
    // Rounds of concurrent syncs from both replicas: every admission counted once.
    for (let r = 0; r < 5; r++) {
      await Promise.all([takeN(a, [w], 7), takeN(b, [w], 9)]);
      await Promise.all([a.sync(), b.sync()]);
    }
    await a.sync();
    await b.sync();
    expect(await inRedis(w)).toBe(8 + 5 * 16);
    expect(Math.abs((await a.peek(w)) - 88)).toBeLessThan(0.5);
    expect(Math.abs((await b.peek(w)) - 88)).toBeLessThan(0.5);
    // (A sync per round and per hand-driven sync, never one per request.)
    expect(a.stats.syncs).toBeLessThanOrEqual(1 + 3 + 5 + 1);
  });

  it('decides all or nothing locally: a refused request consumes nothing in any window', async () => {
    const a = await counters();
    const big = win(100);
    const small = win(2);
    expect((await a.take([big, small])).admitted).toBe(true);
    expect((await a.take([big, small])).admitted).toBe(true);
    const refused = await a.take([big, small]);
    expect(refused.admitted).toBe(false);
    expect(refused.counts).toEqual([2, 2]);
    expect(await a.peek(big)).toBe(2);
    expect(a.stats.syncs).toBe(1);
    await a.sync();
    expect(await inRedis(big)).toBe(2);
    expect(await inRedis(small)).toBe(2);
  });

  it('a quota across two replicas: at least the limit admitted, at most what the other admits between syncs beyond it, refused by both after a sync', async () => {
    const a = await counters();
    const b = await counters();
    const L = 20;
    const k = 3;
    const w = win(L);
    let admitted = 0;
    for (let step = 0; step < 12; step++) {
      const [x, y] = await Promise.all([takeN(a, [w], k), takeN(b, [w], k)]);
      admitted += x + y;
      // a syncs before b: a never knows b's last step, b knows everything.
      await a.sync();
      await b.sync();
    }
    expect(admitted).toBeGreaterThanOrEqual(L);
    // What a missed (b's last step) and what each admitted beside the other in the same step.
    expect(admitted).toBeLessThanOrEqual(L + 2 * k);
    expect(await inRedis(w)).toBe(admitted);
    await a.sync();
    expect((await a.take([w])).admitted).toBe(false);
    expect((await b.take([w])).admitted).toBe(false);
    // If a replica counted only its own, each would have admitted L.
    expect(admitted).toBeLessThan(2 * L);
  });

  it("counts in Redis's buckets whatever the replicas' clocks say", async () => {
    // Two replicas whose clocks are days apart from each other and from Redis's: without the offset each learns
    // from Redis's time, their admissions would land in buckets Redis no longer counts (or not yet).
    const a = await counters({ clock: () => performance.now() - 3 * 86_400_000 });
    const b = await counters({ clock: () => performance.now() + 5 * 86_400_000 + 12_345 });
    const w = win(1000, 60_000);
    expect(await takeN(a, [w], 3)).toBe(3);
    expect(await takeN(b, [w], 4)).toBe(4);
    await a.sync();
    await b.sync();
    await a.sync();
    expect(await inRedis(w)).toBe(7);
    expect(Math.abs((await a.peek(w)) - 7)).toBeLessThan(0.5);
    expect(Math.abs((await b.peek(w)) - 7)).toBeLessThan(0.5);
  });

  it('a sync whose reply timed out is applied once when sent again; with Redis stalled, counters fail within two intervals', async () => {
    const c = await counters({ syncMs: 100, timeoutMs: 100 });
    const w = win(1000);
    expect(await takeN(c, [w], 3)).toBe(3);
    await c.sync();
    expect(await inRedis(w)).toBe(3);
    expect(await takeN(c, [w], 2)).toBe(2);
    // Redis stops answering anyone for 1.2 s: the sync is queued there and runs after, but its reply comes too late.
    await raw.call('CLIENT', 'PAUSE', '1200', 'ALL');
    const paused = Date.now();
    await expect(c.sync()).rejects.toThrow();
    // Once the key's view is older than two intervals, a request waits for a sync, which fails: unavailable.
    await sleep(300);
    const t0 = Date.now();
    await expect(c.take([w])).rejects.toThrow();
    expect(Date.now() - t0).toBeLessThan(1000);
    await sleep(Math.max(0, 1500 - (Date.now() - paused)));
    // Redis ran the timed-out sync (and the timer's retries) when the pause ended; the admissions count once.
    await c.sync();
    expect(await inRedis(w)).toBe(5);
    expect(c.stats.failed).toBeGreaterThanOrEqual(1);
    expect(c.stats.lost).toBe(0);
    expect(Math.abs((await c.peek(w)) - 5)).toBeLessThan(0.5);
    expect((await c.take([w])).admitted).toBe(true);
  });

  it('syncs on its own every interval, and close() sends what is pending', async () => {
    const c = await counters({ syncMs: 100 });
    const w = win(1000);
    expect(await takeN(c, [w], 4)).toBe(4);
    // The timer's sync (no hand-driven one): within a few intervals, whatever the machine's load.
    const deadline = Date.now() + 10_000;
    while ((await inRedis(w)) < 4 && Date.now() < deadline) await sleep(50);
    expect(await inRedis(w)).toBe(4);
    const d = await counters();
    const v = win(1000);
    expect(await takeN(d, [v], 6)).toBe(6);
    await d.close();
    expect(await inRedis(v)).toBe(6);
    await expect(d.take([v])).rejects.toThrow(/closed/);
  });

  it('drops the keys no longer used', async () => {
    const c = await counters({ syncMs: 50 });
    const windows = Array.from({ length: 100 }, () => win(10));
    for (const w of windows) await c.take([w]);
    expect(c.size).toBe(100);
    await c.sync();
    // Idle for four intervals (maxAge is two), with nothing left to send: dropped at the next sync.
    await sleep(8 * 50 + 100);
    await c.take([win(10)]);
    await c.sync();
    expect(c.size).toBe(1);
    for (const w of windows) expect(await inRedis(w)).toBe(1);
  });
});

function randomTag(): string {
  return Math.random().toString(36).slice(2, 8);
}
