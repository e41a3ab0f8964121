import { Redis } from 'ioredis';
import type { Counters, TakeResult, Window } from './counters.js';

/**
 * The counters in Redis, shared by every guard replica. One Lua script checks every window of a request and
 * increments them all or none, atomically (Redis runs a script alone), with Redis's own clock so replicas
 * with skewed clocks still agree on the buckets. ioredis sends it by EVALSHA, loading it on NOSCRIPT.
 *
 * Bucket keys are built inside the script from each window's base key; that is fine on one Redis (or a
 * primary with replicas and Sentinel), not on Redis Cluster, where one request's windows may hash to
 * different slots.
 *
 * Faults are the caller's to judge: with no connection a command fails at once (no offline queue), and a slow
 * one fails after `timeoutMs`, so a request never waits on Redis longer than that.
 */

const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local take = ARGV[1] == '1'
local counts = {}
local cur = {}
local ok = 1
for i = 1, #KEYS do
  local w = tonumber(ARGV[2 * i])
  local limit = tonumber(ARGV[2 * i + 1])
  local bucket = math.floor(now / w)
  cur[i] = KEYS[i] .. ':' .. bucket
  local c = tonumber(redis.call('GET', cur[i]) or '0')
  local p = tonumber(redis.call('GET', KEYS[i] .. ':' .. (bucket - 1)) or '0')
  local est = c + p * (1 - (now % w) / w)
  counts[i] = tostring(est)
  if est + 1 > limit then ok = 0 end
end
if take and ok == 1 then
  for i = 1, #KEYS do
    redis.call('INCR', cur[i])
    redis.call('PEXPIRE', cur[i], 2 * tonumber(ARGV[2 * i]) + 1000)
  end
end
return {ok, counts}
`;

type TakeCommand = (numKeys: number, ...args: (string | number)[]) => Promise<[number, string[]]>;

export class RedisCounters implements Counters {
  readonly kind = 'redis' as const;
  private readonly redis: Redis;
  private readonly run: TakeCommand;

  constructor(url: string, opts: { timeoutMs: number; prefix?: string } = { timeoutMs: 50 }) {
    this.redis = new Redis(url, {
      commandTimeout: opts.timeoutMs,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Keep trying to come back, never faster than every 100 ms nor slower than every 2 s.
      retryStrategy: (times) => Math.min(100 * times, 2000),
      keyPrefix: opts.prefix ?? 'dw:',
      lazyConnect: true,
      // Commands of concurrent requests go out in one write (one syscall, one Redis read) instead of one each.
      enableAutoPipelining: true,
    });
    // Connection errors surface on each command (and decide fail-open/closed there); the event must be handled.
    this.redis.on('error', () => {});
    this.redis.defineCommand('dwTake', { lua: TAKE });
    const r = this.redis as unknown as { dwTake: TakeCommand };
    this.run = r.dwTake.bind(this.redis);
  }

  /** Connects; rejects when Redis cannot be reached (the guard still starts, and keeps trying, when failing open). */
  async connect(): Promise<void> {
    await this.redis.connect();
  }

  get status(): string {
    return this.redis.status;
  }

  private async call(windows: Window[], take: boolean): Promise<TakeResult> {
    // A key prefix (keyPrefix) is applied by ioredis to KEYS; the bucket suffixes are added in the script.
    const args: (string | number)[] = [...windows.map((w) => w.key), take ? '1' : '0'];
    for (const w of windows) args.push(w.windowMs, w.limit);
    const [ok, counts] = await this.run(windows.length, ...args);
    return { admitted: ok === 1, counts: counts.map(Number) };
  }

  take(windows: Window[]): Promise<TakeResult> {
    if (windows.length === 0) return Promise.resolve({ admitted: true, counts: [] });
    return this.call(windows, true);
  }

  async peek(w: Window): Promise<number> {
    return (await this.call([w], false)).counts[0] ?? 0;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
