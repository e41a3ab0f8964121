import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startGuard, type RunningGuard } from '../src/respond/start.js';
import { validatePolicy, type Policy } from '../src/respond/policy.js';
import { chat, HAVE_REDIS, mockUpstream, post, startRedis, writeFindings, type MockUpstream, type RedisServer } from './guard-helpers.js';
import { tempDir } from './helpers.js';

/**
 * The guard with its counters in a real Redis (started here on a free loopback port): a campaign's quota holds
 * across two replicas; with Redis killed, the guard fails open or closed as its policy says.
 */

if (!HAVE_REDIS) console.warn('guard-redis.test.ts: redis-server is not installed (apt-get install redis-server; .ci/run does): skipped');

const quotaPolicy = (counters: 'open' | 'closed'): Policy =>
  validatePolicy({
    version: 1,
    rules: [
      {
        name: 'campaign',
        when: { tier: ['campaign'] },
        do: { type: 'log' },
        quota: { scope: 'campaign', limit: 10, window: '1h', then: { type: 'block' } },
      },
    ],
    faults: { counters, counter_timeout: '100ms' },
  });

describe.skipIf(!HAVE_REDIS)('guard with Redis', () => {
  const tmp = tempDir('dw-guard-redis-');
  let redis: RedisServer;
  let up: MockUpstream;
  const guards: RunningGuard[] = [];
  let fxDir: string;

  beforeAll(async () => {
    redis = await startRedis();
    up = await mockUpstream();
    fxDir = writeFindings(join(tmp.dir, 'findings')).dir;
  });
  afterAll(async () => {
    for (const g of guards) await g.close();
    await up?.close();
    await redis?.stop();
    tmp.cleanup();
  });

  const start = async (counters: 'open' | 'closed', redisUrl: string) => {
    const g = await startGuard({ upstream: up.url, policy: quotaPolicy(counters), verdicts: { findings: fxDir }, redisUrl, accountHeader: 'x-account-id' });
    guards.push(g);
    return g;
  };

  it('a campaign quota holds across two replicas sharing Redis', async () => {
    const a = await start('open', redis.url);
    const b = await start('open', redis.url);
    expect(a.counters.kind).toBe('redis');
    up.received.length = 0;
    // 40 requests at once, spread over both replicas and the campaign's three accounts.
    const accounts = ['acct_c1', 'acct_c2', 'acct_c3'];
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => post((i % 2 ? a : b).proxyUrl + '/v1/chat/completions', chat({ stream: false }), { 'x-account-id': accounts[i % 3]! })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status === 500)).toHaveLength(30);
    expect(up.received).toHaveLength(10);
    // A benign account is not metered at all.
    const benign = await Promise.all(Array.from({ length: 20 }, (_, i) => post((i % 2 ? a : b).proxyUrl + '/v1/chat/completions', chat({ stream: false }), { 'x-account-id': 'acct_b1' })));
    expect(benign.every((r) => r.status === 200)).toBe(true);
    expect(a.guard.stats.counter_faults + b.guard.stats.counter_faults).toBe(0);
  });

  it('with Redis killed: fail-open lets metered requests through, fail-closed refuses them; unmetered traffic is unaffected', async () => {
    const own = await startRedis();
    const open = await start('open', own.url);
    const closed = await start('closed', own.url);
    const ok = await post(closed.proxyUrl + '/v1/chat/completions', chat(), { 'x-account-id': 'acct_c1' });
    expect(ok.status).toBe(200);
    await own.stop();
    const o = await post(open.proxyUrl + '/v1/chat/completions', chat(), { 'x-account-id': 'acct_c1' });
    expect(o.status).toBe(200);
    expect(open.guard.stats.counter_faults).toBe(1);
    const t0 = Date.now();
    const c = await post(closed.proxyUrl + '/v1/chat/completions', chat(), { 'x-account-id': 'acct_c1' });
    expect(c.status).toBe(500);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(closed.guard.stats.counter_faults).toBe(1);
    const benign = await post(closed.proxyUrl + '/v1/chat/completions', chat(), { 'x-account-id': 'acct_b1' });
    expect(benign.status).toBe(200);
    // A guard failing closed does not start without Redis; failing open, it does.
    await expect(startGuard({ upstream: up.url, policy: quotaPolicy('closed'), verdicts: { findings: fxDir }, redisUrl: own.url })).rejects.toThrow(/cannot reach Redis/);
    const late = await start('open', own.url);
    expect((await post(late.proxyUrl + '/v1/chat/completions', chat(), { 'x-account-id': 'acct_c2' })).status).toBe(200);
  });
});
