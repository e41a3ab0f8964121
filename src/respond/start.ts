import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { AuditLog } from './audit.js';
import { MemoryCounters, type Counters } from './counters.js';
import { LaggedRedisCounters } from './counters-lagged.js';
import { RedisCounters } from './counters-redis.js';
import { createControl } from './control.js';
import { Guard } from './guard.js';
import { HostingRanges } from './ip.js';
import { DEFAULT_POLICY, loadPolicy, type Policy } from './policy.js';
import { createProxy } from './proxy.js';
import { ExchangeSink } from './sink.js';
import { VerdictStore, type VerdictSourceOptions } from './verdicts.js';

/** Everything `distillwatch guard` runs, wired together; the tests start it the same way. */

export interface StartOptions {
  /** The API the guard fronts; omitted: hooks only (no proxy). */
  upstream?: string;
  listen?: { host: string; port: number };
  /** The hooks and admin API; omitted: not served. */
  control?: { host: string; port: number };
  adminToken?: string;
  policy?: Policy;
  policyFile?: string;
  verdicts: VerdictSourceOptions;
  reloadEveryMs?: number;
  redisUrl?: string;
  asnDb?: string | null;
  accountHeader?: string;
  clientIpHeader?: string;
  fingerprintHeader?: string;
  /** Landing directory of the exchange sink and home of the audit log (`audit.jsonl`); omitted: neither is written to disk. */
  logDir?: string;
  auditFile?: string;
  dryRun?: boolean;
  sink?: { maxQueue?: number; rotateRecords?: number; rotateMs?: number };
}

export interface RunningGuard {
  guard: Guard;
  proxyUrl: string | null;
  controlUrl: string | null;
  adminToken: string;
  counters: Counters;
  close(): Promise<void>;
}

async function listen(server: Server, at: { host: string; port: number }): Promise<string> {
  server.listen(at.port, at.host);
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([e]) => Promise.reject(e as Error))]);
  const a = server.address() as AddressInfo;
  return `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}`;
}

export async function startGuard(o: StartOptions): Promise<RunningGuard> {
  const policy = o.policy ?? (o.policyFile ? loadPolicy(o.policyFile) : DEFAULT_POLICY);
  const hosting = HostingRanges.load(o.asnDb ?? null);
  const verdicts = new VerdictStore(o.verdicts);
  await verdicts.start(o.reloadEveryMs ?? 10_000);
  let counters: Counters;
  if (o.redisUrl) {
    // Lagged by the policy's counters.sync_every (the default), or exact with 0.
    const sync = policy.counters.sync_every;
    const timeoutMs = policy.faults.counter_timeout;
    const r = sync > 0 ? new LaggedRedisCounters(o.redisUrl, { timeoutMs, syncMs: sync }) : new RedisCounters(o.redisUrl, { timeoutMs });
    try {
      await r.connect();
    } catch (e) {
      // Failing closed on counters, a guard that cannot reach Redis at start would refuse every metered request:
      // better to say so now. Failing open, it starts and keeps trying.
      if (policy.faults.counters === 'closed') {
        await r.close();
        await verdicts.stop();
        throw new Error(`cannot reach Redis at ${o.redisUrl}: ${(e as Error).message}`);
      }
    }
    counters = r;
  } else counters = new MemoryCounters();
  const audit = await AuditLog.open(o.auditFile ?? (o.logDir ? join(o.logDir, 'audit', 'audit.jsonl') : null));
  const sink = o.logDir ? new ExchangeSink({ dir: join(o.logDir, 'exchanges'), ...o.sink }) : null;
  const guard = new Guard({
    policy,
    policyFile: o.policy ? undefined : o.policyFile,
    hosting,
    verdicts,
    counters,
    audit,
    sink,
    accountHeader: o.accountHeader,
    dryRun: o.dryRun,
  });
  const adminToken = o.adminToken ?? randomBytes(18).toString('hex');
  const servers: Server[] = [];
  let proxyUrl: string | null = null;
  let controlUrl: string | null = null;
  try {
    if (o.upstream) {
      const proxy = createProxy(guard, { upstream: new URL(o.upstream), clientIpHeader: o.clientIpHeader, fingerprintHeader: o.fingerprintHeader });
      servers.push(proxy);
      proxyUrl = await listen(proxy, o.listen ?? { host: '127.0.0.1', port: 0 });
    }
    if (o.control) {
      const control = createControl(guard, { adminToken, clientIpHeader: o.clientIpHeader });
      servers.push(control);
      controlUrl = await listen(control, o.control);
    }
  } catch (e) {
    for (const s of servers) s.close();
    await verdicts.stop();
    await counters.close();
    await audit.close();
    await sink?.close();
    throw e;
  }
  return {
    guard,
    proxyUrl,
    controlUrl,
    adminToken,
    counters,
    async close() {
      // Stop taking requests, let those in flight finish (bounded), then flush the logs.
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((r) => {
              s.close(() => r());
              s.closeIdleConnections();
              setTimeout(() => {
                s.closeAllConnections();
                r();
              }, 5000).unref();
            }),
        ),
      );
      await verdicts.stop();
      await counters.close();
      await audit.close();
      await sink?.close();
    },
  };
}
