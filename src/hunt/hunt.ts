import { T, makeContext, type HuntConfig, type HuntContext } from './context.js';
import { buildAccountFeatures, buildExchangeFeatures } from './features.js';
import { buildIpInfo } from './ipinfo.js';
import { buildLinkKeys, clusterAccounts } from './link.js';
import { Population, type SignalHit } from './population.js';
import { scoreSignals } from './score.js';
import type { Signal } from './signal.js';
import { SIGNALS } from './signals/index.js';
import { decide, type AccountVerdict, type CampaignVerdict, type ClusterEvidence } from './decide.js';
import { describeCampaigns, type CampaignDescription } from './describe.js';
import type { Warehouse } from '../warehouse/warehouse.js';

export interface HuntResult {
  config: HuntConfig;
  generatedAt: string;
  window: { accounts: number; exchanges: number; first: string | null; last: string | null };
  accounts: AccountVerdict[];
  campaigns: (CampaignVerdict & CampaignDescription)[];
  signals: Signal[];
  timings: Record<string, number>;
  graph: { edges: number; clusters: number; modularity: number };
}

export interface HuntOptions {
  signals?: Signal[];
  /** Keep the working tables (_hunt_*) for inspection with `distillwatch query`. */
  keepTables?: boolean;
  log?: (msg: string) => void;
  /** Called with the step about to run and the fraction of the hunt done. */
  onStep?: (step: string, fraction: number) => void;
}

const STEPS = ['ip', 'exchanges', 'accounts', 'signals', 'links', 'clusters', 'pool', 'decide', 'describe'] as const;

/** Runs the whole hunt in the warehouse and returns its verdicts (writing files is the caller's job). */
export async function hunt(wh: Warehouse, config: HuntConfig, opts: HuntOptions = {}): Promise<HuntResult> {
  const signals = opts.signals ?? SIGNALS;
  const ctx = makeContext(wh, config, opts.log);
  const timings: Record<string, number> = {};
  const step = async <R>(name: (typeof STEPS)[number], fn: () => Promise<R>): Promise<R> => {
    opts.onStep?.(name, STEPS.indexOf(name) / STEPS.length);
    const t0 = Date.now();
    const r = await fn();
    timings[name] = (Date.now() - t0) / 1000;
    return r;
  };

  await step('ip', () => buildIpInfo(ctx));
  await step('exchanges', () => buildExchangeFeatures(ctx));
  await step('accounts', () => buildAccountFeatures(ctx));
  const [win] = await wh.query<{ accounts: string; exchanges: string; first: string | null; last: string | null }>(
    `SELECT count() AS accounts, sum(exchanges) AS exchanges, toString(min(first_ts)) AS first, toString(max(last_ts)) AS last FROM ${T.acct}`,
  );
  const window = {
    accounts: Number(win?.accounts ?? 0),
    exchanges: Number(win?.exchanges ?? 0),
    first: Number(win?.accounts ?? 0) > 0 ? (win?.first ?? null) : null,
    last: Number(win?.accounts ?? 0) > 0 ? (win?.last ?? null) : null,
  };

  await step('signals', () => scoreSignals(ctx, signals));
  await step('links', () => buildLinkKeys(ctx));
  const clustering = await step('clusters', () => clusterAccounts(ctx));
  const { population, hitsByAccount, evidence } = await step('pool', () => poolClusters(ctx, signals, clustering.clusterOf, window.accounts));
  const verdicts = await step('decide', async () =>
    decide({ population, hitsByAccount, clusters: evidence, clusterOf: clustering.clusterOf, accounts: window.accounts }),
  );
  const campaigns = await step('describe', () => describeCampaigns(ctx, verdicts.campaigns));
  if (!opts.keepTables) await dropWorkingTables(ctx);
  return {
    config,
    generatedAt: new Date().toISOString(),
    window,
    accounts: verdicts.accounts,
    campaigns,
    signals,
    timings,
    graph: { edges: clustering.edges, clusters: clustering.members.size, modularity: clustering.modularity },
  };
}

/**
 * Loads the per-account signal scores, writes the cluster assignment to the warehouse, and computes each
 * cluster's pooled signal values there (sums of counts for shares, medians for values) and the keys that
 * link it.
 */
async function poolClusters(ctx: HuntContext, signals: Signal[], clusterOf: Map<string, number>, accounts: number) {
  const { wh } = ctx;
  const byId = new Map(signals.map((s) => [s.id, s]));
  const rows = await wh.query<{ account_id: string; signal: string; raw: number; value: number; n: number; p: number; bits: number }>(
    `SELECT account_id, signal, raw, value, n, p, bits FROM ${T.scores}`,
  );
  const values = new Map<string, number[]>();
  const hitsByAccount = new Map<string, SignalHit[]>();
  for (const r of rows) {
    const s = byId.get(r.signal);
    if (!s) continue;
    let vs = values.get(r.signal);
    if (!vs) values.set(r.signal, (vs = []));
    vs.push(r.value);
    let hits = hitsByAccount.get(r.account_id);
    if (!hits) hitsByAccount.set(r.account_id, (hits = []));
    hits.push({ signal: r.signal, group: s.group, value: r.raw, support: r.n, p: r.p, bits: r.bits });
  }
  const population = new Population(signals, values, accounts);

  await wh.command(`DROP TABLE IF EXISTS _hunt_clusters`);
  await wh.command(`CREATE TABLE _hunt_clusters (account_id String, cluster UInt32) ENGINE = MergeTree ORDER BY account_id`);
  await wh.insertRows('_hunt_clusters', [...clusterOf].map(([account_id, cluster]) => ({ account_id, cluster })));

  const pooled = await wh.query<{ cluster: number; signal: string; k: number; n: number; median: number; members: string }>(
    `SELECT c.cluster AS cluster, s.signal AS signal, sum(s.raw * s.n) AS k, sum(s.n) AS n, median(s.value) AS median, count() AS members
     FROM ${T.scores} AS s INNER JOIN _hunt_clusters AS c ON c.account_id = s.account_id
     WHERE c.cluster IN (SELECT cluster FROM _hunt_clusters GROUP BY cluster HAVING count() >= 2)
     GROUP BY cluster, signal`,
  );
  const links = await wh.query<{ cluster: number; kind: string; keys: string; linked: string; weight: number }>(
    `SELECT c.cluster AS cluster, k.kind AS kind, uniqExact(k.key) AS keys, uniqExact(k.account_id) AS linked,
            max(k.weight) AS weight
     FROM ${T.keys} AS k INNER JOIN _hunt_clusters AS c ON c.account_id = k.account_id
     GROUP BY cluster, kind`,
  );
  const evidence = new Map<number, ClusterEvidence>();
  const get = (cluster: number) => {
    let e = evidence.get(cluster);
    if (!e) evidence.set(cluster, (e = { cluster, members: 0, pooled: [], links: [] }));
    return e;
  };
  for (const r of pooled) {
    const s = byId.get(r.signal);
    if (!s) continue;
    const value = s.kind === 'share' ? r.k / Math.max(1, r.n) : r.median;
    const p = population.tail(r.signal, value);
    const e = get(r.cluster);
    e.members = Math.max(e.members, Number(r.members));
    e.pooled.push({ signal: r.signal, group: s.group, value, support: Number(r.members), p, bits: -Math.log2(p) });
  }
  for (const r of links) {
    if (!evidence.has(r.cluster)) continue;
    get(r.cluster).links.push({ kind: r.kind, keys: Number(r.keys), linked: Number(r.linked), weight: r.weight });
  }
  return { population, hitsByAccount, evidence };
}

async function dropWorkingTables(ctx: HuntContext): Promise<void> {
  for (const t of [...Object.values(T), '_hunt_clusters']) await ctx.wh.command(`DROP TABLE IF EXISTS ${t}`);
}
