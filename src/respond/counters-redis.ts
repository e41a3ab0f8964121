import { Redis } from 'ioredis';
import type { Counters, TakeResult, Window } from './counters.js';

/**
 * The counters in Redis, shared by every guard replica, exact: the policy's `counters.sync_every: 0` (the
 * default is `LaggedRedisCounters`, counters-lagged.ts: decided in each replica, synced every few tens of ms).
 * One Lua script checks every window of a request and increments them all or none, atomically (Redis runs a
 * script alone), with Redis's own clock so replicas with skewed clocks still agree on the buckets. ioredis sends it by EVALSHA, loading it on NOSCRIPT.
 *
 * Requests decided in the same turn of the event loop go to Redis together, as one script call that takes
 * them one after another (each still all or none, in arrival order): one command to encode, one reply to parse
 * and one script run for the batch, instead of one each. A batch is answered as soon as Redis replies; nothing
 * waits for a timer.
 *
 * Bucket keys are built inside the script from each window's base key; that is fine on one Redis (or a
 * primary with replicas and Sentinel), not on Redis Cluster, where one request's windows may hash to
 * different slots.
 *
 * Faults are the caller's to judge: with no connection a command fails at once (no offline queue), and a slow
 * one fails after `timeoutMs`, so a request never waits on Redis longer than that. A failed batch fails each
 * of its requests.
 */

// KEYS: every window's base key, request after request. ARGV[1]: '1' to take, '0' to peek; ARGV[2]: the number
// of requests; then, per request, its number of windows and each window's length (ms) and limit.
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local take = ARGV[1] == '1'
local function one(n, a, k)
  local counts = {}
  local cur = {}
  local win = {}
  local ok = 1
  for i = 1, n do
    local w = tonumber(ARGV[a])
    local limit = tonumber(ARGV[a + 1])
    a = a + 2
    local key = KEYS[k + i]
    local bucket = math.floor(now / w)
    cur[i] = key .. ':' .. bucket
    win[i] = w
    local c = tonumber(redis.call('GET', cur[i]) or '0')
    local p = tonumber(redis.call('GET', key .. ':' .. (bucket - 1)) or '0')
    local est = c + p * (1 - (now % w) / w)
    counts[i] = tostring(est)
    if est + 1 > limit then ok = 0 end
  end
  if take and ok == 1 then
    for i = 1, n do
      -- A bucket is read until two windows after it opened: an expiry set when it is created is enough.
      if redis.call('INCR', cur[i]) == 1 then redis.call('PEXPIRE', cur[i], 2 * win[i] + 1000) end
    end
  end
  return {ok, counts}
end
local out = {}
local k = 0
local a = 3
for r = 1, tonumber(ARGV[2]) do
  local n = tonumber(ARGV[a])
  -- One request's error (a key of another type, say) fails that request alone, as when each had its own call.
  local good, res = pcall(one, n, a + 1, k)
  if good then out[r] = res else out[r] = {-1, {tostring(res)}} end
  a = a + 1 + 2 * n
  k = k + n
end
return out
`;

type TakeCommand = (numKeys: number, ...args: (string | number)[]) => Promise<[number, string[]][]>;

interface Pending {
  windows: Window[];
  resolve: (r: TakeResult) => void;
  reject: (e: unknown) => void;
}

/** Requests per script call: bounds one command's size and how long Redis runs one script. */
const MAX_BATCH = 256;

/**
 * One connection to Redis as both kinds of counters use it. Batched by the counters themselves into one command
 * at a time (ioredis's auto-pipelining would still send one script call per request, each with its own pipeline
 * bookkeeping).
 */
export function redisClient(url: string, opts: { timeoutMs: number; prefix?: string }): Redis {
  const redis = new Redis(url, {
    commandTimeout: opts.timeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    // Keep trying to come back, never faster than every 100 ms nor slower than every 2 s.
    retryStrategy: (times) => Math.min(100 * times, 2000),
    keyPrefix: opts.prefix ?? 'dw:',
    lazyConnect: true,
    enableAutoPipelining: false,
  });
  // Connection errors surface on each command (and decide fail-open/closed there); the event must be handled.
  redis.on('error', () => {});
  return redis;
}

/** Exact counters (`counters.sync_every: 0`): every metered request is taken in Redis. */
export class RedisCounters implements Counters {
  readonly kind = 'redis' as const;
  readonly syncMs = 0;
  private readonly redis: Redis;
  private readonly run: TakeCommand;
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(url: string, opts: { timeoutMs: number; prefix?: string } = { timeoutMs: 50 }) {
    this.redis = redisClient(url, opts);
    this.redis.defineCommand('dwTakeMany', { lua: TAKE });
    const r = this.redis as unknown as { dwTakeMany: TakeCommand };
    this.run = r.dwTakeMany.bind(this.redis);
  }

  /** Connects; rejects when Redis cannot be reached (the guard still starts, and keeps trying, when failing open). */
  async connect(): Promise<void> {
    await this.redis.connect();
  }

  get status(): string {
    return this.redis.status;
  }

  /** One script call for a batch of requests; settles each request's promise with its own result. */
  private send(batch: Pending[], take: boolean): void {
    // A key prefix (keyPrefix) is applied by ioredis to KEYS; the bucket suffixes are added in the script.
    const keys: string[] = [];
    const argv: (string | number)[] = [take ? '1' : '0', batch.length];
    for (const p of batch) {
      argv.push(p.windows.length);
      for (const w of p.windows) {
        keys.push(w.key);
        argv.push(w.windowMs, w.limit);
      }
    }
    this.run(keys.length, ...keys, ...argv).then(
      (replies) => {
        for (let i = 0; i < batch.length; i++) {
          const reply = replies[i];
          if (!reply) batch[i]!.reject(new Error('Redis answered fewer requests than it was sent'));
          else if (reply[0] === -1) batch[i]!.reject(new Error(String(reply[1][0])));
          else batch[i]!.resolve({ admitted: reply[0] === 1, counts: reply[1].map(Number) });
        }
      },
      (e: unknown) => {
        for (const p of batch) p.reject(e);
      },
    );
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const all = this.pending;
    this.pending = [];
    for (let i = 0; i < all.length; i += MAX_BATCH) this.send(all.slice(i, i + MAX_BATCH), true);
  };

  take(windows: Window[]): Promise<TakeResult> {
    if (windows.length === 0) return Promise.resolve({ admitted: true, counts: [] });
    return new Promise<TakeResult>((resolve, reject) => {
      this.pending.push({ windows, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After every request whose body arrived in this turn has been decided: they share one call.
        setImmediate(this.flush);
      }
    });
  }

  peek(w: Window): Promise<number> {
    return new Promise<TakeResult>((resolve, reject) => this.send([{ windows: [w], resolve, reject }], false)).then((r) => r.counts[0] ?? 0);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
