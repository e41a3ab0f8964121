import { acctSql, T, makeContext, type HuntConfig, type HuntContext } from './context.js';
import { buildAccountFeatures, buildExchangeFeatures } from './features.js';
import { buildIpInfo } from './ipinfo.js';
import { buildLinkKeys, communities, graphRows, KEY_GROUP_KINDS, kinOf } from './link.js';
import { combinedBits, familyBits, Population, type SignalHit } from './population.js';
import { scoreSignals } from './score.js';
import { familyOf, GROUP_LEVEL, type Signal, type SignalFamily, type SignalGroup } from './signal.js';
import { loadOpenings, openedTogether, openingsOf, returnsOf, wakesOf, WOKE_TOGETHER, wokeTogether, type Openings } from './opened-together.js';
import { SIGNALS } from './signals/index.js';
import { mergeSorted } from '../util/sorted.js';
import { applyGroupWatch, applyMembership, applyOpenedWith, applyStreams, campaignBehaviour, confidence, decide, releaseExplainedCampaigns, floorsOf, MADE_ON_PROVENANCE, MIN_CAMPAIGN_ACCOUNTS, REASON_BITS, rankWithinPatterns, robustThreshold, type NearMiss, type AccountVerdict, type BehavingGroup, type OpenedWith, type CampaignVerdict, type ClusterEvidence, type KeyGroup, type Thresholds } from './decide.js';
import { describeCampaigns, type CampaignDescription } from './describe.js';
import { confirmMembership, openedFromCampaignNetworks, type ProfileProvenance, type SweepHit, type UnlikeCarrier } from './sweep.js';
import { recordStreamKeys, sharedStreams } from './streams.js';
import { applyPairs, linkedPairs } from './pairs.js';
import { explainAccounts, explainGroup, GROUP_PATTERN_SHARE, type GroupResemblance } from './explain.js';
import { LOOKALIKES } from './lookalikes/index.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { applyPeerMatches, buildPeerMatches, type PeerSummary } from '../share/match.js';

export interface HuntResult {
  config: HuntConfig;
  generatedAt: string;
  window: { accounts: number; exchanges: number; first: string | null; last: string | null };
  accounts: AccountVerdict[];
  /** Each campaign, described, with the legitimate pattern most of its accounts show if any (the report says so). */
  campaigns: (CampaignVerdict & CampaignDescription & { resembles: GroupResemblance | null })[];
  signals: Signal[];
  timings: Record<string, number>;
  graph: { edges: number; clusters: number; modularity: number };
  /** The bars a linked group's median member had to clear, in bits, per family of evidence. */
  thresholds: Thresholds;
  /** Linked groups that cleared one family's bar but are not campaigns, with the legitimate pattern most of them show. */
  linkedGroups: (NearMiss & { resembles: GroupResemblance | null })[];
  /** Peers' imported indicators: what they matched, and which were muted (share/match.ts); absent when none were imported. */
  peer?: PeerSummary;
}

export interface HuntOptions {
  signals?: Signal[];
  /** Keep the working tables (_hunt_*) for inspection with `distillwatch query`. */
  keepTables?: boolean;
  log?: (msg: string) => void;
  /** Called with the step about to run and the fraction of the hunt done. */
  onStep?: (step: string, fraction: number) => void;
  /** Turn cross-account linking off: every account judged alone (the signals-only baseline). */
  linking?: boolean;
  /**
   * For tests of the membership sweep: change the campaigns' cores (account -> campaign id) before the sweep,
   * as community detection might have cut them (a look-alike merged into a campaign).
   */
  adjustCore?: (core: Map<string, string>) => Map<string, string>;
}

const STEPS = ['ip', 'exchanges', 'accounts', 'links', 'clusters', 'signals', 'pool', 'decide', 'sweep', 'describe'] as const;

/** Runs the whole hunt in the warehouse and returns its verdicts (writing files is the caller's job). */
export async function hunt(wh: Warehouse, config: HuntConfig, opts: HuntOptions = {}): Promise<HuntResult> {
  const signals = opts.signals ?? SIGNALS;
  const ctx = makeContext(wh, config, opts.log);
  const timings: Record<string, number> = {};
  // A step may run in parts (community detection's SQL, then its JavaScript): its time is their sum.
  const step = async <R>(name: (typeof STEPS)[number], fn: () => Promise<R>): Promise<R> => {
    if (!(name in timings)) opts.onStep?.(name, STEPS.indexOf(name) / STEPS.length);
    timings[name] ??= 0;
    const t0 = Date.now();
    const r = await fn();
    timings[name] += (Date.now() - t0) / 1000;
    return r;
  };

  await step('ip', () => buildIpInfo(ctx));
  await step('exchanges', () => buildExchangeFeatures(ctx));
  await step('accounts', () => buildAccountFeatures(ctx));
  // Peers' imported indicators matched against the window (read by the peer_indicator signal).
  await step('accounts', () => buildPeerMatches(ctx));
  const [win] = await wh.query<{ accounts: string; total: string; first: string | null; last: string | null }>(
    `SELECT count() AS accounts, sum(exchanges) AS total, toString(minIf(first_ts, exchanges > 0)) AS first,
            toString(maxIf(last_ts, exchanges > 0)) AS last FROM ${T.acct}`,
  );
  const window = {
    accounts: Number(win?.accounts ?? 0),
    exchanges: Number(win?.total ?? 0),
    first: Number(win?.accounts ?? 0) > 0 ? (win?.first ?? null) : null,
    last: Number(win?.accounts ?? 0) > 0 ? (win?.last ?? null) : null,
  };

  // The linking keys come first: the template signal reads which templates are shared.
  const linking = opts.linking !== false;
  await step('links', () => buildLinkKeys(ctx));
  // The signals are SQL and community detection is mostly JavaScript (building the graph and Louvain hold
  // the main thread for a minute at full scale), so they run side by side: the graph's edges are asked
  // for first, then every signal's query is handed to the engine, which scores while Louvain runs here.
  // (Their step times overlap.)
  const edges = linking ? step('clusters', () => graphRows(ctx)) : Promise.resolve([]);
  const scoring = step('signals', () => scoreSignals(ctx, signals));
  scoring.catch(() => {}); // (awaited below; a failure of the edges' query first must not leave it unhandled)
  const rows = await edges;
  const clustering = linking
    ? await step('clusters', async () => communities(ctx, rows))
    : { clusterOf: new Map<string, number>(), members: new Map<number, string[]>(), modularity: 0, edges: 0 };
  await scoring;
  const accountIds = (await wh.queryArrays<[string]>(`SELECT account_id FROM ${T.acct} ORDER BY account_id`)).map((r) => r[0]);
  const { population, hitsByAccount } = await step('pool', () => loadScores(ctx, signals, accountIds));
  const verdicts = await step('decide', async () => {
    // Louvain may cut one campaign into several communities (by card, by sign-up wave); communities
    // that pass on their own and share the campaign's fingerprints are one campaign.
    let clusterOf = clustering.clusterOf;
    let kin = new Map<number, number[]>();
    const t0 = Date.now();
    const lap = (what: string) => ctx.log(`decide: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    if (linking) {
      // (mergeByFingerprints and addLinks read it too)
      await writeClusters(ctx, clusterOf);
      lap('communities written');
      kin = await kinOf(ctx);
      if (kin.size > 0) ctx.log(`kin communities: ${[...kin].map(([c, k]) => `${c}~${k.join('/')}`).join(', ')}`);
      lap('kin found');
    }
    // Each account's own evidence against the accounts not linked to it: members of one operation would
    // otherwise set each other's scale (two extraction accounts each the other's typical user).
    const ownHits = unmaskedHits(signals, population, clusterOf, hitsByAccount, kin);
    lap('own evidence unmasked');
    const openings = await loadOpenings(ctx);
    let evidence = poolClusters(signals, population, clusterOf, hitsByAccount, kin, openings);
    let barCache = new Map<number, Thresholds>();
    let v = decide({ population, hitsByAccount, ownHits, clusters: evidence, clusterOf, accounts: window.accounts, signals, accountIds, perAccount: !linking, barCache });
    if (!linking) return { ...v, clusterOf, kin, fragments: new Map<string, CampaignVerdict>(), openings };
    lap('communities decided');
    // Then the groups holding one strong key, leaving out those mostly inside a campaign found already (a big
    // campaign's near-duplicate prompts are held by countless subsets of its accounts).
    const keyGroups = poolKeyGroups(signals, population, hitsByAccount, await strongKeyGroups(ctx, signals, ownHits, new Set(v.campaigns.flatMap((c) => c.accounts))), clusterOf, kin);
    lap(`${keyGroups.size} key groups found`);
    if (keyGroups.size > 0) v = decide({ population, hitsByAccount, ownHits, clusters: evidence, clusterOf, keyGroups, accounts: window.accounts, signals, accountIds, barCache });
    // Each linked group is measured against the accounts outside it and its kin only. (Measuring the
    // remaining groups again against the population without the campaigns found so far made the next most
    // unusual group, a class among ordinary users, look as extreme as the campaign it had been ranked under.)
    lap('pooled and decided');
    const roots = await mergeByFingerprints(ctx, v.campaigns.map((c) => c.cluster));
    const beforeMerging = v.campaigns;
    let fragments = new Map<string, CampaignVerdict>();
    if (roots.size > 0) {
      clusterOf = new Map([...clusterOf].map(([a, c]) => [a, roots.get(c) ?? c]));
      await writeClusters(ctx, clusterOf);
      kin = remapKin(kin, roots);
      barCache = new Map();
      evidence = poolClusters(signals, population, clusterOf, hitsByAccount, kin, openings);
      v = decide({ population, hitsByAccount, ownHits, clusters: evidence, clusterOf, keyGroups, accounts: window.accounts, signals, accountIds, barCache });
      fragments = fragmentsOf(v.campaigns, beforeMerging, roots);
    }
    lap('fragments merged');
    await addLinks(ctx, v.campaigns);
    logClusters(ctx, evidence, v);
    return { ...v, clusterOf, kin, fragments, openings };
  });
  if (linking) {
    await step('sweep', async () => {
      const judge = coreJudge(signals, population, verdicts.clusterOf, hitsByAccount, verdicts.kin, verdicts.campaigns);
      const core = coreOf(verdicts);
      const unlike = new Map<string, UnlikeCarrier>();
      const confirmed = await confirmMembership(ctx, opts.adjustCore?.(core) ?? core, judge, (u) => unlike.set(u.account_id, u), unmeasuredLinked(verdicts, verdicts.openings?.wokeAt));
      for (const a of verdicts.accounts) {
        const u = unlike.get(a.account_id);
        if (u) a.unlike = { campaign_id: u.campaign_id, hits: u.hits, exchanges: u.exchanges, best_z: u.best_z, compared: u.compared };
      }
      const floorGroups = new Map(signals.filter((s) => s.floor).map((s) => [s.id, s.group]));
      const tooling = await toolingOf(ctx, signals);
      const profiled = profileHits(verdicts, confirmed, judge, floorsOf(signals), floorGroups, verdicts.openings?.wokeAt, tooling);
      ctx.log(`sweep: ${confirmed.length} accounts confirmed by a test, ${profiled.length} by the profile test`);
      applyMembership(verdicts, [...confirmed, ...profiled]);
      // Then the harvests that only relays carry: no core to test them against, a stream of requests inside each.
      const streams = await sharedStreams(ctx, signals, population, hitsByAccount, verdicts.accounts.filter((a) => a.tier === 'campaign').map((a) => a.account_id));
      applyStreams(verdicts, streams);
      if (streams.length > 0) await recordStreamKeys(ctx, verdicts.campaigns);
      // And the operations of two accounts, which no linked group of three holds.
      const pairs = await linkedPairs(ctx, verdicts.accounts);
      if (pairs.length > 0) ctx.log(`pairs: ${pairs.map((p) => `${p.accounts.join('+')} (${p.key})`).join(', ')}`);
      applyPairs(verdicts, pairs, verdicts.thresholds.alone!);
    });
  }
  // Peers' indicators name the peer in the reasons; only a trusted producer's flag an account alone.
  const peer = await applyPeerMatches(ctx, verdicts.accounts, config.peerTrust ?? []);
  // The legitimate patterns shown by the accounts an analyst will see: acted on, on the watch queue, or in a
  // linked group that cleared one bar.
  // (The accounts of linked groups that behave like a campaign too: whether a pattern explains them decides
  // whether they go on the watch queue.)
  const untiered = new Set(verdicts.accounts.filter((a) => a.tier === null).map((a) => a.account_id));
  // A campaign's linked group behaves like one too: the accounts community detection put in it that no membership
  // test took (too few days, traffic, or provenance of their own to tell) are where a group that fell short
  // would have left them, on the watch queue, unless a legitimate pattern explains them. (Only the queue: a
  // campaign's group is not ranked within a pattern that explains it, below; a harvest imitates one.)
  const campaignGroups = campaignLinkedGroups(verdicts.campaigns, verdicts.clusterOf);
  const behaving = verdicts.behaving.filter((g) => g.accounts.some((a) => untiered.has(a)));
  const unconfirmed = campaignGroups.filter((g) => g.accounts.some((a) => untiered.has(a)));
  const seen = [
    ...new Set([
      ...verdicts.accounts.filter((a) => a.tier !== null).map((a) => a.account_id),
      ...verdicts.nearMisses.flatMap((g) => g.accounts),
      ...[...behaving, ...unconfirmed].flatMap((g) => g.accounts),
    ]),
  ];
  ctx.log(`describe: ${seen.length} accounts an analyst will see (${verdicts.nearMisses.length} linked groups)`);
  const [resemblances, described] = await step('describe', async () => {
    const resemblances = await explainAccounts(ctx, seen);
    for (const a of verdicts.accounts) {
      const r = resemblances.get(a.account_id);
      if (r) a.resembles = r;
    }
    // A campaign a pattern of people explains, whose accounts are one institution's, is its setting, not an
    // operation (releaseExplainedCampaigns).
    const institutional = new Set<string>();
    for (const c of verdicts.campaigns) {
      if (!MADE_ON_PROVENANCE.has(c.basis) || !PEOPLE.has(explainGroup(c.accounts, resemblances)?.pattern ?? '')) continue;
      if (await oneInstitution(ctx, c.accounts, linkedAccounts(c.accounts, verdicts.clusterOf, verdicts.kin))) institutional.add(c.campaign_id);
    }
    const released = releaseExplainedCampaigns(verdicts, (c) => (institutional.has(c.campaign_id) ? explainGroup(c.accounts, resemblances) : null), PEOPLE);
    if (released.length > 0) {
      ctx.log(`explained: ${released.map((g) => `${g.accounts.length} accounts`).join(', ')} released from campaigns a pattern of people explains`);
      verdicts.nearMisses.push(...released);
    }
    return [resemblances, await describeCampaigns(ctx, verdicts.campaigns, verdicts.accounts)] as const;
  });
  // Each behaving group's explanation, once: the watch queue skips explained groups, the ranking below uses them.
  const behavingExplained = new Map([...behaving, ...unconfirmed].map((b) => [b, explainGroup(b.accounts, resemblances)]));
  const watched = applyGroupWatch(verdicts.accounts, [...behaving, ...unconfirmed], (g) => behavingExplained.get(g) != null);
  if (watched > 0) ctx.log(`watch: ${watched} accounts of linked groups that behave like a campaign, no legitimate pattern explaining them`);
  // The accounts that sent nothing, ranked by when and where they were opened (openedWithCampaigns, openedFromCampaignNetworks).
  if (linking && verdicts.openings && verdicts.campaigns.length > 0) {
    const unused = new Set((await ctx.wh.queryArrays<[string]>(`SELECT account_id FROM ${T.acct} WHERE has_record AND exchanges = 0`)).map((r) => r[0]));
    const openedWith = openedWithCampaigns(verdicts.campaigns, verdicts.openings, unused, (c) => linkedAccounts(c.accounts, verdicts.clusterOf, verdicts.kin));
    // (or from the hosting network the campaign's accounts were opened from: openedFromCampaignNetworks)
    for (const o of await openedFromCampaignNetworks(ctx, verdicts.campaigns.flatMap((c) => c.accounts.map((account_id) => ({ account_id, campaign_id: c.campaign_id }))))) {
      const before = openedWith.get(o.account_id);
      if (!before || o.bits > before.bits) openedWith.set(o.account_id, { campaign_id: o.campaign_id, opened: o.opened, bits: o.bits, by: 'signup_network' });
    }
    const stock = applyOpenedWith(verdicts.accounts, openedWith, verdicts.thresholds.alone?.provenance ?? verdicts.thresholds.provenance);
    if (stock > 0) ctx.log(`risk: ${stock} accounts that sent nothing ranked by their opening with a campaign's accounts (in their span or from their network)`);
  }
  const linkedGroups = verdicts.nearMisses.map((g) => ({ ...g, resembles: explainGroup(g.accounts, resemblances) }));
  // Each account of a linked group a legitimate pattern explains (the largest such group holding it first).
  const groupPattern = new Map<string, string>();
  for (const g of [...linkedGroups, ...behaving.map((b) => ({ accounts: b.accounts, resembles: behavingExplained.get(b) ?? null }))]
    .filter((g) => g.resembles !== null)
    .sort((x, y) => y.accounts.length - x.accounts.length)) {
    for (const a of g.accounts) if (!groupPattern.has(a)) groupPattern.set(a, g.resembles!.pattern);
  }
  const reranked = rankWithinPatterns(verdicts.accounts, groupPattern, PEOPLE);
  if (reranked > 0) ctx.log(`risk: ${reranked} accounts of explained linked groups ranked among the accounts showing their pattern`);
  const campaigns = described.map((c) => ({ ...c, resembles: explainGroup(c.accounts, resemblances) }));
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
    thresholds: verdicts.thresholds,
    linkedGroups,
    ...(peer ? { peer } : {}),
  };
}

/**
 * Loads the per-account signal scores: the population's distributions and each account's hits. One row
 * per (account, signal) is millions at full scale, so each signal comes as one row of columns (arrays),
 * its accounts as positions in `accountIds` (one string per account, not one per score), in account
 * order: each account's hits, and the reasons that tie on bits, come out the same on every run.
 */
async function loadScores(ctx: HuntContext, signals: Signal[], accountIds: string[]) {
  const byId = new Map(signals.map((s) => [s.id, s]));
  type Columns = [signal: string, idx: number[], raw: number[], value: number[], n: number[], p: number[], bits: number[]];
  const rows = await ctx.wh.queryArrays<Columns>(
    `WITH
       ids AS (SELECT account_id, toUInt32(row_number() OVER (ORDER BY account_id) - 1) AS idx FROM ${T.acct}),
       per_signal AS (
         SELECT s.signal AS signal, arraySort(groupArray((ids.idx, s.raw, s.value, s.n, s.p, s.bits))) AS scored
         FROM ${T.scores} AS s INNER JOIN ids ON ids.account_id = s.account_id
         GROUP BY s.signal
       )
     SELECT signal, arrayMap(t -> t.1, scored), arrayMap(t -> t.2, scored), arrayMap(t -> t.3, scored),
            arrayMap(t -> t.4, scored), arrayMap(t -> t.5, scored), arrayMap(t -> t.6, scored)
     FROM per_signal ORDER BY signal`,
  );
  const values = new Map<string, number[]>();
  const hitsByAccount = new Map<string, SignalHit[]>();
  for (const [signal, idx, raw, value, n, p, bits] of rows) {
    const s = byId.get(signal);
    if (!s) continue;
    values.set(signal, value);
    for (let i = 0; i < idx.length; i++) {
      const account_id = accountIds[idx[i]!]!;
      let hits = hitsByAccount.get(account_id);
      if (!hits) hitsByAccount.set(account_id, (hits = []));
      hits.push({ signal, group: s.group, value: raw[i]!, ranked: value[i]!, support: n[i]!, p: p[i]!, bits: bits[i]! });
    }
  }
  return { population: new Population(signals, values, accountIds.length), hitsByAccount };
}

/**
 * Pools each cluster of 2+ accounts: per signal, the median member's value (robust to one whale, such as
 * a relay, in the cluster), placed among the accounts outside the cluster (see Population.tailExcluding),
 * its kin communities (see kinOf) left out too. Everything left out is a whole community, so it is counted
 * from each community's sorted values by binary search.
 */
function poolClusters(
  signals: Signal[],
  population: Population,
  clusterOf: Map<string, number>,
  hitsByAccount: Map<string, SignalHit[]>,
  /** Kin communities of each community: left out of its reference population. */
  kin: Map<number, number[]> = new Map(),
  /** When the accounts were opened: a group's accounts opened together (opened-together.ts). */
  openings?: Openings,
) {
  const { members, sortedOf } = communityValues(signals, clusterOf, hitsByAccount);
  const timesOf = (of: (o: Openings, accounts: string[]) => Float64Array) => {
    const cache = new Map<number, Float64Array>();
    return (c: number) => {
      let t = cache.get(c);
      if (!t) cache.set(c, (t = of(openings!, members.get(c) ?? [])));
      return t;
    };
  };
  const openedOf = timesOf(openingsOf);
  const wokeOf = timesOf(wakesOf);
  const returnedOf = timesOf(returnsOf);
  const evidence = new Map<number, ClusterEvidence>();
  for (const [cluster, accounts] of members) {
    if (accounts.length < 2) continue;
    const kinOfCluster = (kin.get(cluster) ?? []).filter((k) => k !== cluster && members.has(k));
    const e: ClusterEvidence = { cluster, members: accounts.length, pooled: [], links: [], kin: kinOfCluster };
    for (const s of signals) {
      const bySignal = sortedOf.get(s.id)!;
      const values = bySignal.get(cluster);
      if (!values || values.length === 0) continue;
      e.pooled.push(pooledHit(population, s, values, [cluster, ...kinOfCluster].map((k) => bySignal.get(k))));
    }
    // (opened together or woken together: how the group's accounts came to the job, one group of evidence; the stronger)
    const linked = [cluster, ...kinOfCluster];
    const opened = openings ? openedTogether(openings, openedOf(cluster), linked.map(openedOf)) : null;
    const woke = openings ? wokeTogether(openings, wokeOf(cluster), accounts.length, linked.map(returnedOf), REASON_BITS) : null;
    const together = (woke?.bits ?? 0) > (opened?.bits ?? 0) ? woke : opened;
    if (together && together.bits > 0) e.pooled.push(together);
    evidence.set(cluster, e);
  }
  return evidence;
}

/**
 * Each clustered account's hits placed among the accounts not linked to it: its community and that
 * community's kin are left out of the population, as a linked group's pooled value is (poolClusters). An
 * account linked to nobody keeps its hits.
 */
function unmaskedHits(
  signals: Signal[],
  population: Population,
  clusterOf: Map<string, number>,
  hitsByAccount: Map<string, SignalHit[]>,
  kin: Map<number, number[]>,
): Map<string, SignalHit[]> {
  const { members, sortedOf } = communityValues(signals, clusterOf, hitsByAccount);
  const out = new Map(hitsByAccount);
  // Per linked set (a community and its kin) and signal, their values as one sorted array: the communities of one
  // operation are each other's kin and share one set, so each account's value takes one binary search, not one per
  // community (the hydra of seed-2026 at --scale 0.5 is dozens of kin communities).
  const mergedOf = new Map<string, Map<string, Float64Array[]>>();
  for (const [cluster, accounts] of members) {
    if (accounts.length < 2) continue;
    const linked = [cluster, ...(kin.get(cluster) ?? []).filter((k) => k !== cluster && members.has(k))];
    const setKey = [...linked].sort((x, y) => x - y).join(',');
    let leftOutOf = mergedOf.get(setKey);
    if (!leftOutOf) mergedOf.set(setKey, (leftOutOf = new Map()));
    for (const a of accounts) {
      const hits = hitsByAccount.get(a);
      if (!hits) continue;
      out.set(
        a,
        hits.map((h) => {
          let leftOut = leftOutOf.get(h.signal);
          if (!leftOut) leftOutOf.set(h.signal, (leftOut = [mergeSorted(linked.map((k) => sortedOf.get(h.signal)!.get(k)))]));
          const p = tailOutside(population, h.signal, h.ranked ?? h.value, leftOut);
          return { ...h, p, bits: -Math.log2(p) };
        }),
      );
    }
  }
  return out;
}

/**
 * A group's typical value on a signal (values sorted): the one at least half its members reach in the signal's
 * direction, the middle value, or of the middle two the less extreme. The mean of the middle two would let half a
 * group stand for all of it: two proxied accounts and two of a synthetic-data customer's, holding one public
 * template, pooled as if all four rotated through a dozen networks a day (random world 174734392).
 */
export function typicalValue(values: ArrayLike<number>, direction: 'high' | 'low'): number {
  const n = values.length;
  if (n === 0) return 0;
  if (n % 2) return values[(n - 1) / 2]!;
  return direction === 'high' ? values[n / 2 - 1]! : values[n / 2]!;
}

/**
 * One signal pooled over a group: its median member's value (values sorted), placed among the accounts
 * outside the left-out communities (each given by its sorted values; the group's own among them).
 */
function pooledHit(population: Population, s: Signal, values: Float64Array, leftOutSorted: (Float64Array | undefined)[]): SignalHit {
  const median = typicalValue(values, s.direction);
  const p = tailOutside(population, s.id, median, leftOutSorted);
  return { signal: s.id, group: s.group, value: median, support: values.length, p, bits: -Math.log2(p) };
}

/** The tail probability of `value` on a signal among the population without the left-out accounts (each group's values sorted). */
function tailOutside(population: Population, signal: string, value: number, leftOutSorted: (Float64Array | undefined)[]): number {
  let atLeast = 0;
  let leftOut = 0;
  for (const other of leftOutSorted) {
    if (!other) continue;
    atLeast += population.countAtLeast(signal, other, value);
    leftOut += other.length;
  }
  return population.tailExcluding(signal, value, atLeast, leftOut);
}

/**
 * The sweep's judge (see CoreJudge): the accounts sharing a piece of a campaign's evidence, pooled like a
 * linked group against the accounts outside the campaign and its kin, must show at least PROFILE_MATCH of
 * the campaign's behavioural evidence on the campaign's own behaviours (its groups of REASON_BITS or more):
 * a class is unusual on a few counts (homework asks for steps; new accounts), a campaign's part on most of
 * the campaign's. (Not the campaign's behaviour bar as well: the accounts on one of a hydra's cards that send
 * a few requests each fall short of it, and their card was then not the campaign's.) `assess` also says
 * whether they clear that bar, which a single account must (profileHits).
 */
export function coreJudge(
  signals: Signal[],
  population: Population,
  clusterOf: Map<string, number>,
  hitsByAccount: Map<string, SignalHit[]>,
  kin: Map<number, number[]>,
  campaigns: CampaignVerdict[],
) {
  const { sortedOf } = communityValues(signals, clusterOf, hitsByAccount);
  const byId = new Map(campaigns.map((c) => [c.campaign_id, c]));
  // Each floored signal's kin of the same kind of work (floorsOfKind).
  const floorGroups = new Map(signals.filter((s) => s.floor).map((s) => [s.id, s.group]));
  const alike = new Map([...floorGroups.keys()].map((id) => [id, floorsOfKind([id], floorGroups).filter((k) => k !== id)]));
  // Per campaign, per signal: the sorted values of its accounts and of its community's kin, left out of the
  // population the sharing accounts are weighed against.
  const leftOutOf = new Map<string, Map<string, Float64Array[]>>();
  const leftOut = (c: CampaignVerdict) => {
    let m = leftOutOf.get(c.campaign_id);
    if (m) return m;
    m = new Map();
    const kinOf = (kin.get(c.cluster) ?? []).filter((k) => k !== c.cluster);
    for (const s of signals) {
      const vs: number[] = [];
      for (const a of c.accounts) for (const h of hitsByAccount.get(a) ?? []) if (h.signal === s.id) vs.push(h.ranked ?? h.value);
      const bySignal = sortedOf.get(s.id)!;
      // (as one sorted array: one binary search per account and signal, however many kin communities)
      m.set(s.id, [mergeSorted([Float64Array.from(vs).sort(), ...kinOf.map((k) => bySignal.get(k))])]);
    }
    leftOutOf.set(c.campaign_id, m);
    return m;
  };
  // Per campaign: its accounts and its kin communities' (left out above).
  const insideOf = new Map<string, (a: string) => boolean>();
  const inside = (c: CampaignVerdict) => {
    let f = insideOf.get(c.campaign_id);
    if (f) return f;
    const accounts = new Set(c.accounts);
    const kinOf = new Set((kin.get(c.cluster) ?? []).filter((k) => k !== c.cluster));
    f = (a: string) => {
      const k = clusterOf.get(a);
      return accounts.has(a) || (k !== undefined && kinOf.has(k));
    };
    insideOf.set(c.campaign_id, f);
    return f;
  };
  /**
   * Whether an account's value on a signal is a reason (REASON_BITS) against the accounts outside the campaign and
   * its kin: at most 1 in 2^REASON_BITS of them is as extreme (the tail of a pooled value, tailExcluding).
   */
  const reasonOutside = (c: CampaignVerdict, account: string, h: SignalHit): boolean => {
    const value = h.ranked ?? h.value;
    // (the account itself is left out too, when it is not among them already)
    const left = [...(leftOut(c).get(h.signal) ?? []), ...(inside(c)(account) ? [] : [Float64Array.of(value)])];
    return tailOutside(population, h.signal, value, left) <= 2 ** -REASON_BITS;
  };
  const assess = (c: CampaignVerdict, accounts: string[], sameSignals = false) => {
    const pooled = poolAccounts(signals, population, hitsByAccount, accounts, (s) => leftOut(c).get(s.id) ?? []);
    const behaviour = familyBits(pooled, 'behaviour');
    const { shown, own } = behaviourShown(c.pooled, pooled, sameSignals, alike);
    return { shown, own, matches: shown >= PROFILE_MATCH * own, clearsBar: behaviour >= c.bars.behaviour };
  };
  return Object.assign(
    (campaignId: string, accounts: string[]) => {
      const c = byId.get(campaignId);
      return c ? assess(c, accounts).matches : true;
    },
    { assess, reasonOutside },
  );
}

/**
 * The accounts community detection put with a campaign that none of the sweep's tests confirmed, confirmed
 * by their own evidence: their behaviour judged alone like a set sharing the campaign's evidence (the
 * campaign's behaviour bar and half its behavioural evidence on its own behaviours, each shown by the same signal:
 * behaviourShown), and what made the
 * campaign one: its provenance bar and half the campaign's provenance evidence, in all or in one of its groups
 * (showsProvenance: an operation can hide in more than one way; a group shown alone must then be a reason of its
 * own, REASON_BITS: an evaluation lab's accounts opened twelve days before, 3 bits of `new_account`, linked to a
 * hydra by the public benchmark questions both send, showed half of the hydra's new accounts and its behaviour,
 * random world 1539198878), or for a campaign whose old accounts woke together, a wake of its own among theirs
 * (wokeWith), or for a campaign of old accounts carried by a floor, half that floor or a floor of the same kind of
 * work (reachesPartOfFloor, floorsOfKind), or less of it but as a reason against the accounts not linked to the campaign
 * (the judge's reasonOutside: at most 1 in 2^REASON_BITS of them do as much). An operation that spreads its work thin
 * keeps each account under half a floor, not under what the accounts outside it do (seed-7 world 1763570863: of 970
 * accounts reading top log-probabilities, in the community of a campaign carried by logit-bias sweeps, 263 were left
 * out, 216 of them taken this way at 61 to 99 probes each against a floor of 200; of the 444 accounts outside the
 * campaign, 1 sent 89 or more).
 * (Evaluation runners, researchers and headless agents in a campaign's community behave like it, on old
 * accounts and under every floor.) `hits` is what the profile shows and `expected` what the campaign shows,
 * in behaviour bits.
 */
export function profileHits(
  v: { accounts: AccountVerdict[]; campaigns: CampaignVerdict[]; clusterOf: Map<string, number>; kin: Map<number, number[]>; fragments: Map<string, CampaignVerdict> },
  confirmed: SweepHit[],
  judge: ReturnType<typeof coreJudge>,
  floorOf: Map<string, number>,
  /** Each floored signal's group of evidence (floorsOfKind); without it, a floor is only its own signal's kind. */
  floorGroups: Map<string, SignalGroup> = new Map(),
  /** When each old account made its first request of the window (Openings.wokeAt): wokeWith. */
  wokeAt: Map<string, number> = new Map(),
  /** Per signal that names the operator's tooling, each account's tooling (toolingOf): usesToolingOf. */
  tooling: Map<string, Map<string, string>> = new Map(),
): SweepHit[] {
  const done = new Set(confirmed.map((h) => `${h.account_id}\u0000${h.campaign_id}`));
  const own = new Map(v.accounts.map((a) => [a.account_id, a.own]));
  const hitsOf = new Map(v.accounts.map((a) => [a.account_id, a.hits]));
  // The campaign's kin communities (Louvain cut it by card or wave while its scaffolding runs through all), and for a
  // key group's campaign the community it is found in (homeOf) with that community's kin.
  const membersOf = communityMembers(v.clusterOf);
  const out: SweepHit[] = [];
  for (const c of v.campaigns) {
    // (the tooling most of the campaign's accounts run, per tooling signal)
    const campaignTooling = new Map([...tooling].map(([signal, of]) => [signal, mostCommon(c.accounts.map((a) => of.get(a)))]));
    const sameTooling = (a: string) => [...tooling].filter(([signal, of]) => of.has(a) && of.get(a) === campaignTooling.get(signal)).map(([signal]) => signal);
    const home = homeOf(c, v.clusterOf, membersOf);
    const linked = home === undefined ? [] : [...(home === c.cluster ? [] : [home]), ...(v.kin.get(home) ?? [])];
    const linkedMembers = linked.flatMap((k) => membersOf.get(k) ?? []);
    for (const a of new Set([...c.accounts, ...linkedMembers])) {
      if (done.has(`${a}\u0000${c.campaign_id}`)) continue;
      const o = own.get(a);
      if (!o) continue;
      // The campaign, and for a campaign merged from fragments the fragment the account was found in: a merged
      // campaign's typical member is a mix of its fragments' (a hydra and the chat harvest it shares scaffolding
      // with), which each fragment's accounts resemble less than they resemble their own.
      const fragment = v.fragments.get(a);
      for (const judged of fragment?.campaign_id.startsWith(`${c.campaign_id}/`) ? [c, fragment] : [c]) {
        // (A campaign made on both families whose typical member does half a floor's work, or more, counts that work
        // like a floor: a log-probability sweep of 49 accounts opened in waves, its typical member at 169 probes
        // against a floor of 200, left 6 linked accounts at 108 to 143 probes whose accounts were opened a day later
        // than the typical member's, under its provenance bar; random world 1648613194.)
        // (An old account that woke in the days the campaign's old accounts woke came to the job with it: wokeWith.)
        const woke = wokeWith(judged.pooled, wokeAt.get(a));
        // (The floored work: half a floor, or as much as few accounts outside the campaign do: reasonOutside.)
        const hits = hitsOf.get(a) ?? [];
        const doesFloorWork = (floors: string[]) =>
          reachesPartOfFloor(hits, floors, floorOf) || hits.some((h) => floors.includes(h.signal) && judge.reasonOutside(judged, a, h));
        // (which way the account met the provenance part, the first that holds)
        const provenance: ProfileProvenance | null =
          judged.basis === 'overwhelming_behaviour'
            ? doesFloorWork(floorsOfKind(judged.floors, floorGroups))
              ? 'floor_work'
              : null
            : doesFloorWork(halfFloorsShown(judged.pooled, floorOf))
              ? 'floor_work'
              : woke > 0
                ? 'woke_with_campaign'
                : usesToolingOf(judged.pooled, hits, sameTooling(a), (h) => judge.reasonOutside(judged, a, h))
                  ? 'same_tooling'
                  : !wokeCarries(judged.pooled) &&
                      o.provenance >= judged.bars.provenance &&
                      (o.provenance >= PROFILE_MATCH * familyBits(judged.pooled.filter((h) => !GROUP_LEVEL.includes(h.group)), 'provenance') ||
                        showsProvenance(campaignProvenance(groupBits(judged.pooled, 'provenance')), hitsOf.get(a) ?? [], PROFILE_MATCH, REASON_BITS))
                    ? 'own_provenance'
                    : null;
        if (!provenance) continue;
        const r = judge.assess(judged, [a], true);
        if (r.matches && r.clearsBar) {
          out.push({ account_id: a, campaign_id: c.campaign_id, test: 'profile', exchanges: 0, hits: r.shown, expected: r.own, bits: r.shown, provenance, ...(woke > 0 ? { woke: { at: wokeAt.get(a)!, bits: woke } } : {}) });
          break;
        }
      }
    }
  }
  return out;
}

/**
 * Per signal that names the operator's tooling (Signal.tooling, its suspicious end its high one), each account's
 * tooling: its `key` over `_hunt_acct`, for the accounts that have one.
 */
export async function toolingOf(ctx: HuntContext, signals: Signal[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const s of signals) {
    if (!s.tooling || s.direction !== 'high') continue;
    const rows = await ctx.wh.queryArrays<[string, string]>(`SELECT account_id, toString(key) FROM (SELECT account_id, ${s.tooling.key} AS key FROM ${T.acct}) WHERE key != 0`);
    out.set(s.id, new Map(rows));
  }
  return out;
}

/** The most common defined value (the least, as a string, among ties), or undefined. */
function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)! || (n === counts.get(best)! && v < best)) best = v;
  return best;
}

/**
 * Whether an account shows the tooling a campaign's typical account shows (a signal that names the operator's
 * software, Signal.tooling: a forged client), on `signals`, those of them on which the account runs the tooling most
 * of the campaign's accounts run (the same claimed client on the same TLS stack, toolingOf): the campaign's pooled
 * value a reason (REASON_BITS), the account's at least PROFILE_MATCH of it and a reason of its own against the
 * accounts outside the campaign and its kin (`isReasonOutside`: at most 1 in 2^REASON_BITS of them do as much). For
 * an account community detection put with the campaign, in place of the campaign's provenance: an operation of old,
 * verified accounts on residential
 * exits, each with a card of its own, shares what it runs and nothing in its record (seed-7 world 132749928: a
 * low-and-slow harvest of 1,320 such accounts claiming to be a coding agent from Python's TLS stack, one community
 * of 1,350 accounts, 780 of them confirmed by fingerprints, wakes or exits; the other 540 showed the forged client
 * on every request, the campaign's behaviour and 0.5 bits of provenance each, against its bar of 4.9).
 */
export function usesToolingOf(pooled: SignalHit[], hits: SignalHit[], signals: string[], isReasonOutside: (h: SignalHit) => boolean): boolean {
  return signals.some((signal) => {
    const c = pooled.find((h) => h.signal === signal);
    if (!c || c.bits < REASON_BITS) return false;
    const h = hits.find((x) => x.signal === signal);
    return h !== undefined && h.value >= PROFILE_MATCH * c.value && isReasonOutside(h);
  });
}

/**
 * The floored signals doing the same kind of work as a campaign's floors: those in the same group of evidence.
 * Output-layer extraction reads the model's next-token distribution through logit biases (`logit_sweep`) or through
 * top log-probabilities (`logprob_sweep`); one operation may use both, on different accounts: a combined operation
 * of 2,224 established accounts, 1,254 carrying a campaign by logit-bias sweeps, 970 in the same community sending
 * 180 top-logprob probes each against a floor of 200, none of them half the logit floor (random world 1763570863 of
 * the seed-7 matrix: 819 of the 970 left out).
 */
export function floorsOfKind(floors: string[], floorGroups: Map<string, SignalGroup>): string[] {
  const groups = new Set(floors.flatMap((f) => (floorGroups.has(f) ? [floorGroups.get(f)!] : [])));
  return [...new Set([...floors, ...[...floorGroups].filter(([, g]) => groups.has(g)).map(([s]) => s)])];
}

/**
 * Whether an account reaches PROFILE_MATCH of the floor on one of the signals that carry a campaign of old accounts
 * (its typical member reaches their floors): evidence enough for an account community detection put with it. A
 * floor is what one account must do to be acted on alone; an operation splits its work over accounts that each
 * stay under it (a log-probability sweep over 58 accounts, 18 of them with 66 to 186 probes against a floor of
 * 200, random world 1821777012), and each of them still does half of what an account acted on alone does, the same
 * thing, linked to the others.
 */
export function reachesPartOfFloor(hits: SignalHit[], floors: string[], floorOf: Map<string, number>): boolean {
  return hits.some((h) => floors.includes(h.signal) && floorOf.has(h.signal) && h.value >= PROFILE_MATCH * floorOf.get(h.signal)!);
}

/**
 * Whether an account came to the job with a campaign whose old accounts woke together (woke_together): the bits of
 * one account in the span most of them made their first requests of the window in, when the account's own first
 * request falls there, else 0. Only for a campaign whose wakes are a reason of their own (REASON_BITS), and a span
 * that still says at least half of that: most of a campaign spread over the window says nothing of any one account.
 * A bought operation's accounts are old, each on a card of its own, with nothing in its record; what each shares
 * with the others is when it started. Linked to the campaign, behaving like it (the profile test asks that of every
 * account) and woken with it, an account is its own; an established evaluation lab in the campaign's community was at
 * work when the window began. (Seed-7 world 1842675825: a chat harvest of 797 old accounts was found as a campaign
 * by its wakes, and its accounts had 0.4 to 2 bits of provenance of their own against its bar of 4.4.)
 */
export function wokeWith(pooled: SignalHit[], woke: number | undefined): number {
  const h = pooled.find((x) => x.signal === WOKE_TOGETHER);
  if (!h?.span || woke === undefined || h.bits < REASON_BITS || h.span.bits < Math.max(REASON_BITS, PROFILE_MATCH * h.bits)) return 0;
  return woke >= h.span.from && woke <= h.span.to ? h.span.bits : 0;
}

/**
 * The accounts that sent nothing in the window (`unused`), opened in the span a campaign's accounts were opened in: for
 * a campaign whose accounts were opened together (opened_together over its accounts, against the accounts not linked
 * to it, a reason of REASON_BITS), the span where one opening still says a reason and half the campaign's bits (the
 * rule of wokeWith's span). An operation opens more accounts than it uses at once (the stock it moves to when accounts
 * are banned); with nothing sent, what ties one to the operation is when it was opened. (Seed-7 world 1704079582: a
 * chat harvest of 19 new accounts opened over three evenings, 18 acted on; its 19th, opened among them and never used,
 * had nothing to rank it by and sat with the 1,412 accounts with no evidence at all, the world's ROC AUC 0.957.)
 * A customer who signed up in those days and has not started is in the span too: hence a rank, not the watch queue
 * (applyOpenedWith).
 * For an account in the spans of several campaigns, the one whose span says most.
 */
export function openedWithCampaigns(campaigns: CampaignVerdict[], openings: Pick<Openings, 'at' | 'sorted' | 'horizon'>, unused: Set<string>, linked: (c: CampaignVerdict) => string[]): Map<string, OpenedWith> {
  const out = new Map<string, OpenedWith>();
  if (unused.size === 0) return out;
  const unusedOpenings = [...unused].flatMap((a) => (openings.at.has(a) ? [[a, openings.at.get(a)!] as const] : []));
  for (const c of campaigns) {
    const hit = openedTogether(openings, openingsOf(openings, c.accounts), [openingsOf(openings, [...new Set([...c.accounts, ...linked(c)])])], REASON_BITS);
    const span = hit?.span;
    if (!hit || !span || hit.bits < REASON_BITS || span.bits < Math.max(REASON_BITS, PROFILE_MATCH * hit.bits)) continue;
    const members = new Set(c.accounts);
    for (const [a, t] of unusedOpenings) {
      if (members.has(a) || t < span.from || t > span.to) continue;
      const before = out.get(a);
      if (!before || span.bits > before.bits) out.set(a, { campaign_id: c.campaign_id, opened: t, bits: span.bits, by: 'span' });
    }
  }
  return out;
}

/**
 * Whether a campaign's provenance is mostly its old accounts woken together: woke_together its strongest group of
 * provenance. Its accounts are then old, and a linked account shows its provenance by a wake among theirs (wokeWith),
 * not by a record of its own: a new account is not what such a campaign is. (Seed-1 world 1000931858: 52 accounts of
 * a chat harvest and 29 of evaluation labs in one community, a campaign by the harvest's wakes with 0.9 bits of
 * anything else; an evaluation runner's account opened days before, 4.3 bits of new account, then showed "half the
 * campaign's provenance" of the kind an account can show, and behaved like that mixed community.)
 */
export function wokeCarries(pooled: SignalHit[]): boolean {
  const woke = pooled.find((h) => h.signal === WOKE_TOGETHER)?.bits ?? 0;
  return woke > 0 && [...groupBits(pooled, 'provenance').values()].every((bits) => bits < woke);
}

/**
 * The floored signals a campaign's typical member does at least PROFILE_MATCH of the floor's work on, as a reason
 * (REASON_BITS or more): the work an operation splits over its accounts, each under the floor one account must reach.
 */
export function halfFloorsShown(pooled: SignalHit[], floorOf: Map<string, number>): string[] {
  return pooled.filter((h) => floorOf.has(h.signal) && h.bits >= REASON_BITS && h.value >= PROFILE_MATCH * floorOf.get(h.signal)!).map((h) => h.signal);
}

/** A set of accounts pooled like a linked group: per signal, its median member placed among the accounts outside `leftOut`. */
function poolAccounts(
  signals: Signal[],
  population: Population,
  hitsByAccount: Map<string, SignalHit[]>,
  accounts: string[],
  leftOut: (s: Signal, own: Float64Array) => (Float64Array | undefined)[],
): SignalHit[] {
  const vectors = accountVectors(signals, hitsByAccount);
  const n = signals.length;
  const columns = signals.map(() => new Float64Array(accounts.length));
  const filled = new Uint32Array(n);
  for (const a of accounts) {
    const v = vectors.get(a);
    if (!v) continue;
    for (let i = 0; i < n; i++) {
      const x = v[i]!;
      if (x === x) columns[i]![filled[i]!++] = x; // (NaN: no hit)
    }
  }
  const pooled: SignalHit[] = [];
  for (let i = 0; i < n; i++) {
    if (filled[i] === 0) continue;
    const sorted = columns[i]!.subarray(0, filled[i]).sort();
    pooled.push(pooledHit(population, signals[i]!, sorted, leftOut(signals[i]!, sorted)));
  }
  return pooled;
}

/**
 * Each account's values on the signals (its ranked value, else its raw one), in the signals' order, NaN where it
 * has no hit: poolAccounts reads them for every set of accounts the sweep and the key groups judge, thousands of
 * sets per hunt, and looking each hit up by signal id was most of the hunt's JavaScript time.
 */
const vectorCache = new WeakMap<Map<string, SignalHit[]>, { signals: Signal[]; vectors: Map<string, Float64Array> }>();
function accountVectors(signals: Signal[], hitsByAccount: Map<string, SignalHit[]>): Map<string, Float64Array> {
  const cached = vectorCache.get(hitsByAccount);
  if (cached && cached.signals === signals) return cached.vectors;
  const index = new Map(signals.map((s, i) => [s.id, i]));
  const vectors = new Map<string, Float64Array>();
  for (const [a, hits] of hitsByAccount) {
    const v = new Float64Array(signals.length).fill(NaN);
    for (const h of hits) {
      const i = index.get(h.signal);
      if (i !== undefined) v[i] = h.ranked ?? h.value;
    }
    vectors.set(a, v);
  }
  vectorCache.set(hitsByAccount, { signals, vectors });
  return vectors;
}

/** The patterns of people (Lookalike.people): a linked group they explain is its setting, not an operation. */
const PEOPLE = new Set(LOOKALIKES.filter((l) => l.people).map((l) => l.id));

/**
 * Whether a group's accounts are one institution's: most of them sign up with one e-mail domain, and most of that
 * domain's accounts are in the group or linked to it (`linked`: a university's or a company's domain, its other
 * holders the rest of the class; not a mail provider thousands of strangers use). A class is; a fleet opened in
 * bursts with consumer or throwaway addresses, which shows the class pattern's other numbers (opened together, a
 * few requests a day), is not: releasing those released two hydras and a chat harvest of 706 to 2,241 accounts in a
 * first run over the 50 random worlds.
 */
async function oneInstitution(ctx: HuntContext, accounts: string[], linked: string[]): Promise<boolean> {
  const [row] = await ctx.wh.query<{ in_group: string; holders: string; linked_holders: string }>(
    `WITH main_domain AS (
       SELECT email_domain, count() AS in_group FROM ${T.acct}
       WHERE account_id IN {accounts:Array(String)} AND ifNull(email_domain, '') != ''
       GROUP BY email_domain ORDER BY in_group DESC, email_domain LIMIT 1
     )
     SELECT any(m.in_group) AS in_group, count() AS holders, countIf(a.account_id IN {linked:Array(String)}) AS linked_holders
     FROM ${T.acct} AS a INNER JOIN main_domain AS m ON m.email_domain = a.email_domain`,
    { accounts, linked },
  );
  if (!row || Number(row.holders) === 0) return false;
  return Number(row.in_group) >= GROUP_PATTERN_SHARE * accounts.length && Number(row.linked_holders) >= GROUP_PATTERN_SHARE * Number(row.holders);
}

/** Key groups get ids from here up, out of the communities' range. */
const KEY_GROUP_BASE = 1_000_000_000;
/**
 * A key is strong when at most this share of accounts (and at least MIN_CAMPAIGN_ACCOUNTS) hold it: rare
 * enough that its holders are one operator or one customer. Big campaigns are found as communities; key
 * groups are for the small ones community detection merges with unrelated accounts.
 */
const KEY_GROUP_MAX_SHARE = 0.01;
const KEY_GROUP_MIN_DF = 50;

/**
 * A key group is judged only when it could pass: its median account's own behaviour is at least this share of
 * the population's behaviour bar, and its median account's provenance this share of the provenance bar or half
 * its accounts reach a floor (the pooled median is then at the floor). The share leaves room for a group whose
 * members are unusual on different counts (pooling takes each signal's median). Tens of thousands of keys are
 * shared by 3 accounts or more at --scale 0.1 (the prompts people paste, a household's card), almost all held
 * by ordinary accounts, and pooling them all cost more than the rest of the decision.
 */
const KEY_GROUP_MIN_BAR_SHARE = 0.5;

/** A Float64 query parameter: a bar no account reaches is infinite, which the client sends as the engine's 'inf'. */
const floatParam = (x: number): number | string => (Number.isFinite(x) ? x : x > 0 ? 'inf' : '-inf');

/**
 * The groups of accounts holding one strong key that could be a campaign (holder sets seen once: a campaign's
 * templates are all held by the same accounts), leaving out those mostly `taken` by a campaign already.
 */
async function strongKeyGroups(ctx: HuntContext, signals: Signal[], ownHits: Map<string, SignalHit[]>, taken: Set<string>): Promise<{ key: string; members: string[] }[]> {
  const [row] = await ctx.wh.query<{ n: string }>(`SELECT count() AS n FROM ${T.acct}`);
  const maxDf = Math.max(KEY_GROUP_MIN_DF, Math.floor(Number(row?.n ?? 0) * KEY_GROUP_MAX_SHARE));
  // Each account's own evidence, the population's bars, and whether a campaign holds it already, to leave
  // hopeless groups and a campaign's own subsets out in the engine.
  const floorOf = floorsOf(signals);
  const has = (h: SignalHit[], family: SignalFamily) => h.some((x) => familyOf(x.group) === family);
  const bars = { behaviour: [] as number[], provenance: [] as number[] };
  const own: { account_id: string; behaviour: number; provenance: number; floored: number; taken: number }[] = [];
  for (const [a, h] of ownHits) {
    const behaviour = familyBits(h, 'behaviour');
    const provenance = familyBits(h, 'provenance');
    if (has(h, 'behaviour')) bars.behaviour.push(behaviour);
    if (has(h, 'provenance')) bars.provenance.push(provenance);
    const floored = h.some((x) => floorOf.has(x.signal) && x.value >= floorOf.get(x.signal)!) ? 1 : 0;
    if (behaviour > 0 || provenance > 0 || floored || taken.has(a)) own.push({ account_id: a, behaviour, provenance, floored, taken: taken.has(a) ? 1 : 0 });
  }
  for (const a of taken) if (!ownHits.has(a)) own.push({ account_id: a, behaviour: 0, provenance: 0, floored: 0, taken: 1 });
  await ctx.wh.command(`DROP TABLE IF EXISTS _hunt_own`);
  await ctx.wh.command(
    `CREATE TABLE _hunt_own (account_id String, behaviour Float64, provenance Float64, floored UInt8, taken UInt8, acct UInt64 MATERIALIZED ${acctSql()})
     ENGINE = MergeTree ORDER BY acct`,
  );
  await ctx.wh.insertRows('_hunt_own', own);
  const rows = await ctx.wh.queryArrays<[string, string[]]>(
    `SELECT concat(toString(k.kind), ':', toString(k.key)) AS key, arraySort(groupArray(a.account_id)) AS members
     FROM ${T.keys} AS k
     INNER JOIN (SELECT acct, account_id FROM ${T.acct}) AS a ON a.acct = k.acct
     LEFT JOIN _hunt_own AS o ON o.acct = k.acct
     WHERE k.kind IN {kinds:Array(String)} AND k.df BETWEEN {min_df:UInt32} AND {max_df:UInt32}
     GROUP BY k.kind, k.key
     HAVING quantileExactLow(0.5)(o.behaviour) >= {min_behaviour:Float64}
        AND (quantileExactLow(0.5)(o.provenance) >= {min_provenance:Float64} OR countIf(o.floored = 1) * 2 >= count())
        AND countIf(o.taken = 1) * 2 < count()
     ORDER BY key`,
    {
      kinds: KEY_GROUP_KINDS,
      min_df: MIN_CAMPAIGN_ACCOUNTS,
      max_df: maxDf,
      min_behaviour: floatParam(KEY_GROUP_MIN_BAR_SHARE * robustThreshold(bars.behaviour)),
      min_provenance: floatParam(KEY_GROUP_MIN_BAR_SHARE * robustThreshold(bars.provenance)),
    },
  );
  const seen = new Set<string>();
  const out: { key: string; members: string[] }[] = [];
  for (const [key, members] of rows) {
    const sig = members.join('\u0000');
    if (seen.has(sig)) continue;
    seen.add(sig);
    out.push({ key, members });
  }
  const byKind = new Map<string, number>();
  for (const g of out) byKind.set(g.key.split(':')[0]!, (byKind.get(g.key.split(':')[0]!) ?? 0) + 1);
  ctx.log(`key groups: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'} (of ${rows.length} keys)`);
  return out;
}

/**
 * The accounts linked to a set of accounts: the set itself, the communities holding any of them and those
 * communities' kin. A key group judged unmasked is weighed against the accounts outside these, as a community is
 * against the accounts outside it and its kin: the holders of one of a hydra's cards would otherwise be measured
 * against the holders of its other cards, each masking the others (ten accounts on each of 13 cards looked
 * ordinary among 120 others like them).
 */
export function linkedAccounts(accounts: string[], clusterOf: Map<string, number>, kin: Map<number, number[]>): string[] {
  const { communities, loose } = linkedCommunities(accounts, clusterOf, kin);
  const holding = new Set(communities);
  const out = [...loose];
  for (const [a, c] of clusterOf) if (holding.has(c)) out.push(a);
  return out;
}

/** The communities linked to a set of accounts (those holding any of them, and their kin), and those of its accounts in none. */
function linkedCommunities(accounts: string[], clusterOf: Map<string, number>, kin: Map<number, number[]>): { communities: number[]; loose: string[] } {
  const communities = new Set<number>();
  const loose: string[] = [];
  for (const a of accounts) {
    const c = clusterOf.get(a);
    if (c === undefined) {
      loose.push(a);
      continue;
    }
    communities.add(c);
    for (const k of kin.get(c) ?? []) communities.add(k);
  }
  return { communities: [...communities].sort((x, y) => x - y), loose: loose.sort() };
}

/**
 * Each key group, to be pooled when decide comes to it (most are not: see decide): against everyone but itself,
 * and unmasked, against the accounts not linked to it (KeyGroup.unmasked). Those left out are whole communities,
 * taken as each community's sorted values (as a community's own pooling does), and the group's accounts in no
 * community; the key groups inside the same communities share each community's member list (`linkedParts`), so
 * decide sorts its scores once.
 */
export function poolKeyGroups(
  signals: Signal[],
  population: Population,
  hitsByAccount: Map<string, SignalHit[]>,
  groups: { key: string; members: string[] }[],
  clusterOf: Map<string, number>,
  kin: Map<number, number[]>,
) {
  const { members: communityMembers, sortedOf } = communityValues(signals, clusterOf, hitsByAccount);
  const none: string[] = [];
  const out = new Map<number, KeyGroup>();
  groups.forEach((g, i) => {
    const id = KEY_GROUP_BASE + i;
    // (computed when decide comes to the group: most never are)
    let set: { communities: number[]; loose: string[] } | undefined;
    const setOf = () => (set ??= linkedCommunities(g.members, clusterOf, kin));
    const linkedParts = () => {
      const s = setOf();
      return [...s.communities.map((k) => communityMembers.get(k) ?? none), ...(s.loose.length ? [s.loose] : [])];
    };
    // (the group is left out of the population it is weighed against: its own values)
    const evidence = () => ({ cluster: id, members: g.members.length, pooled: poolAccounts(signals, population, hitsByAccount, g.members, (_s, own) => [own]), links: [] });
    const unmasked = () => {
      const s = setOf();
      const looseValues = (signal: string) =>
        Float64Array.from(s.loose.flatMap((a) => (hitsByAccount.get(a) ?? []).filter((h) => h.signal === signal).map((h) => h.ranked ?? h.value))).sort();
      const pooled = poolAccounts(signals, population, hitsByAccount, g.members, (sig) => [
        ...s.communities.map((k) => sortedOf.get(sig.id)!.get(k)),
        ...(s.loose.length ? [looseValues(sig.id)] : []),
      ]);
      return { cluster: id, members: g.members.length, pooled, links: [] };
    };
    out.set(id, { members: g.members, key: g.key, evidence, unmasked, linkedParts });
  });
  return out;
}

/** Share of a campaign's behavioural evidence that accounts sharing its evidence must show too (coreJudge). */
const PROFILE_MATCH = 0.5;

/**
 * How much of a campaign's behavioural evidence a set of accounts shows (`accounts`: their pooled hits): per
 * behaviour group the campaign shows by REASON_BITS or more (`own`, their sum), the set's bits there up to the
 * campaign's (`shown`). With
 * `sameSignals` a group counts only on the signals the campaign shows it by: the profile test, where nothing but
 * the profile ties an account to the campaign. One group holds behaviours that exclude each other or differ in
 * kind (single requests and quick follow-ups are both `conversation`; a coding agent's answers cut at the limit
 * and a chat harvest's long answers are both `output`): a startup's agents matched a campaign of a chat harvest
 * merged with a hydra on them (random world 1539470753).
 */
export function behaviourShown(
  campaign: SignalHit[],
  accounts: SignalHit[],
  sameSignals: boolean,
  /** Signal -> the signals that show the same work (floorsOfKind): a logit-bias sweep's is shown by a log-probability sweep. */
  alike: Map<string, string[]> = new Map(),
): { shown: number; own: number } {
  const campaignGroups = groupBits(campaign, 'behaviour');
  const mine = groupBits(accounts, 'behaviour');
  const bySignal = new Map(accounts.map((h) => [h.signal, h.bits]));
  const mineBySignal = new Map(bySignal);
  for (const [signal, kin] of alike) mineBySignal.set(signal, Math.max(bySignal.get(signal) ?? 0, ...kin.map((k) => bySignal.get(k) ?? 0)));
  let own = 0;
  let shown = 0;
  for (const [group, bits] of campaignGroups) {
    if (bits < REASON_BITS) continue;
    own += bits;
    if (!sameSignals) shown += Math.min(bits, mine.get(group) ?? 0);
    else {
      let best = 0;
      for (const h of campaign) if (h.group === group) best = Math.max(best, Math.min(h.bits, mineBySignal.get(h.signal) ?? 0));
      shown += best;
    }
  }
  return { shown, own };
}

const communityCache = new WeakMap<Map<string, number>, { members: Map<number, string[]>; sortedOf: Map<string, Map<number, Float64Array>> }>();

/** Each community's accounts, in the order of the assignment. */
function communityMembers(clusterOf: Map<string, number>): Map<number, string[]> {
  const members = new Map<number, string[]>();
  for (const [a, c] of clusterOf) {
    const list = members.get(c);
    if (list) list.push(a);
    else members.set(c, [a]);
  }
  return members;
}

/**
 * The community a campaign's linked group is: its own for a community; for a key group (its holders judged apart
 * because their community as a whole fell short), the community holding at least half of them, or none. The rest of
 * that community is linked to the key group's campaign as a community campaign's accounts are to it: a chat harvest's
 * community of 603 accounts whose typical member fell just short of the behaviour bar, 217 of them a campaign as the
 * holders of its templates, left the other 386 to no test of their own (random world 708602104).
 */
export function homeOf(c: { cluster: number; accounts: string[] }, clusterOf: Map<string, number>, membersOf: Map<number, string[]>): number | undefined {
  if (membersOf.has(c.cluster)) return c.cluster;
  const count = new Map<number, number>();
  for (const a of c.accounts) {
    const k = clusterOf.get(a);
    if (k !== undefined) count.set(k, (count.get(k) ?? 0) + 1);
  }
  let home: number | undefined;
  for (const [k, n] of count) if (2 * n >= c.accounts.length && (home === undefined || n > count.get(home)!)) home = k;
  return home;
}

/** Each community's members and, per signal, their values sorted (once per assignment of communities). */
function communityValues(signals: Signal[], clusterOf: Map<string, number>, hitsByAccount: Map<string, SignalHit[]>) {
  const cached = communityCache.get(clusterOf);
  if (cached) return cached;
  const members = communityMembers(clusterOf);
  // signal -> community -> its members' values, sorted
  const sortedOf = new Map<string, Map<number, Float64Array>>(signals.map((s) => [s.id, new Map()]));
  for (const [c, accounts] of members) {
    const bySignal = new Map<string, number[]>();
    for (const a of accounts) {
      for (const h of hitsByAccount.get(a) ?? []) {
        const list = bySignal.get(h.signal);
        if (list) list.push(h.ranked ?? h.value);
        else bySignal.set(h.signal, [h.ranked ?? h.value]);
      }
    }
    for (const [signal, vs] of bySignal) sortedOf.get(signal)?.set(c, Float64Array.from(vs).sort());
  }
  const result = { members, sortedOf };
  communityCache.set(clusterOf, result);
  return result;
}

/** Kin after clusters were merged: a merged cluster's kin are its parts' kin, outside it. */
function remapKin(kin: Map<number, number[]>, roots: Map<number, number>): Map<number, number[]> {
  const root = (c: number) => roots.get(c) ?? c;
  const out = new Map<number, Set<number>>();
  for (const [c, ks] of kin) {
    const r = root(c);
    const set = out.get(r) ?? new Set<number>();
    for (const k of ks) if (root(k) !== r) set.add(root(k));
    out.set(r, set);
  }
  return new Map([...out].map(([c, set]) => [c, [...set]]));
}

/** For --verbose: every linked group of 3+ accounts, its pooled bits per family against the bars. */
function logClusters(ctx: HuntContext, evidence: Map<number, ClusterEvidence>, v: ReturnType<typeof decide>): void {
  const bar = v.thresholds;
  ctx.log(`campaign bars: behaviour ${bar.behaviour.toFixed(1)} bits, provenance ${bar.provenance.toFixed(1)} bits`);
  const campaignOf = new Map(v.campaigns.map((c) => [c.cluster, c]));
  for (const e of [...evidence.values()].filter((x) => x.members >= MIN_CAMPAIGN_ACCOUNTS).sort((a, b) => b.members - a.members)) {
    const fam = (f: SignalFamily) => familyBits(e.pooled, f).toFixed(1);
    const top = e.pooled
      .filter((h) => h.bits >= 1)
      .sort((a, b) => b.bits - a.bits)
      .slice(0, 6)
      .map((h) => `${h.signal}=${h.value.toPrecision(3)} (${h.bits.toFixed(1)})`)
      .join(', ');
    const c = campaignOf.get(e.cluster);
    const bars = e.bars ? ` (bars ${e.bars.behaviour.toFixed(1)}, ${e.bars.provenance.toFixed(1)})` : '';
    ctx.log(`cluster ${e.cluster}: ${e.members} accounts, behaviour ${fam('behaviour')}, provenance ${fam('provenance')}, coordination ${fam('coordination')} -> ${c?.campaign_id ?? 'no campaign'}${bars}; ${top}`);
  }
}

/** The kinds of keys that link each campaign's accounts (evidence for the report). */
async function addLinks(ctx: HuntContext, campaigns: CampaignVerdict[]): Promise<void> {
  if (campaigns.length === 0) return;
  await ctx.wh.command(`DROP TABLE IF EXISTS _hunt_campaign_groups`);
  await ctx.wh.command(
    `CREATE TABLE _hunt_campaign_groups (account_id String, cluster UInt32, acct UInt64 MATERIALIZED ${acctSql()}) ENGINE = MergeTree ORDER BY acct`,
  );
  await ctx.wh.insertRows('_hunt_campaign_groups', campaigns.flatMap((c) => c.accounts.map((account_id) => ({ account_id, cluster: c.cluster }))));
  const links = await ctx.wh.query<{ cluster: number; kind: string; keys: string; linked: string; weight: number }>(
    `SELECT c.cluster AS cluster, k.kind AS kind, uniqExact(k.key) AS keys, uniqExact(k.acct) AS linked, max(k.weight) AS weight
     FROM ${T.keys} AS k INNER JOIN _hunt_campaign_groups AS c ON c.acct = k.acct
     GROUP BY cluster, kind`,
  );
  for (const c of campaigns) c.links = links.filter((r) => r.cluster === c.cluster).map((r) => ({ kind: r.kind, keys: Number(r.keys), linked: Number(r.linked), weight: r.weight }));
}

async function writeClusters(ctx: HuntContext, clusterOf: Map<string, number>): Promise<void> {
  await ctx.wh.command(`DROP TABLE IF EXISTS _hunt_clusters`);
  await ctx.wh.command(
    `CREATE TABLE _hunt_clusters (account_id String, cluster UInt32, acct UInt64 MATERIALIZED ${acctSql()}) ENGINE = MergeTree ORDER BY acct`,
  );
  await ctx.wh.insertRows('_hunt_clusters', [...clusterOf].map(([account_id, cluster]) => ({ account_id, cluster })));
}

/** Union-find over groups of clusters: cluster -> the smallest cluster of its union (only for merged ones). */
function unionRoots(groups: number[][]): Map<number, number> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const g of groups) {
    const [first, ...rest] = g.map(find).sort((a, b) => a - b);
    for (const c of rest) if (c !== first) parent.set(c, first!);
  }
  const roots = new Map<number, number>();
  for (const c of parent.keys()) if (find(c) !== c) roots.set(c, find(c));
  return roots;
}

/**
 * Clusters that each look like a campaign and share its fingerprints (prompt templates, a long system
 * prompt, a payment method) mostly used by such clusters are one campaign. Returns cluster -> root.
 */
async function mergeByFingerprints(ctx: HuntContext, candidates: number[]): Promise<Map<number, number>> {
  if (candidates.length < 2) return new Map();
  const groups = await ctx.wh.query<{ clusters: number[] }>(
    `SELECT groupUniqArray(c.cluster) AS clusters
     FROM ${T.keys} AS k INNER JOIN _hunt_clusters AS c ON c.acct = k.acct
     WHERE c.cluster IN {candidates:Array(UInt32)} AND k.kind IN ('template', 'system_prompt', 'payment')
     GROUP BY k.kind, k.key
     HAVING uniqExact(k.acct) >= 3 AND uniqExact(k.acct) >= 0.5 * any(k.df) AND length(clusters) >= 2`,
    { candidates },
  );
  return unionRoots(groups.map((g) => g.clusters));
}

/**
 * The fragments of each campaign merged from several (mergeByFingerprints): account -> the campaign it was found
 * in before merging, as judged then (its pooled evidence and bars), named `<merged id>/<fragment id>` and holding
 * the merged campaign's cluster and accounts (so it is weighed against the accounts not linked to the merged one).
 */
export function fragmentsOf(merged: CampaignVerdict[], before: CampaignVerdict[], roots: Map<number, number>): Map<string, CampaignVerdict> {
  const out = new Map<string, CampaignVerdict>();
  for (const c of merged) {
    const parts = before.filter((f) => (roots.get(f.cluster) ?? f.cluster) === c.cluster);
    if (parts.length < 2) continue;
    for (const f of parts) {
      const fragment: CampaignVerdict = { ...f, campaign_id: `${c.campaign_id}/${f.campaign_id}`, cluster: c.cluster, accounts: c.accounts };
      for (const a of f.accounts) if (!out.has(a)) out.set(a, fragment);
    }
  }
  return out;
}

/**
 * Each campaign's linked group as community detection found it (every account of its cluster, whether a
 * membership test took it or not), as a group that behaves beyond the campaign's behaviour bar.
 */
export function campaignLinkedGroups(campaigns: CampaignVerdict[], clusterOf: Map<string, number>): BehavingGroup[] {
  const clusterMembers = communityMembers(clusterOf);
  return campaigns.flatMap((c) => {
    const accounts = clusterMembers.get(c.cluster) ?? [];
    const behaviour = campaignBehaviour(c);
    return accounts.length >= MIN_CAMPAIGN_ACCOUNTS ? [{ accounts, size: accounts.length, behaviour, bar: c.bars.behaviour, confidence: confidence(behaviour, c.bars.behaviour) }] : [];
  });
}

/**
 * The accounts of each campaign's linked group (its community, homeOf, and the kin communities that share its evidence)
 * whose provenance could not be measured in one of the ways the campaign shows (account -> campaign; the first
 * campaign holding an account keeps it): too few active days on consumer networks for rotating exits, say. The
 * core is the accounts that show the campaign's provenance; of the rest, those measured and found without it
 * (a synthetic-data customer's established accounts in a self-instruct fleet's community, sending the public
 * scaffolding the fleet also wraps its requests in) are the campaign's outsiders, and those that could not show
 * it are undecided: the sweep decides on them (confirmMembership's `linked`).
 * For a campaign whose old accounts woke together (woke_together a reason of its own, REASON_BITS), the wake is one of
 * its ways, and an account shows it by a wake of its own: one that woke in the window (quiet for longer than its pace,
 * then at work: `wokeAt`) came to the job the campaign's way, in its days or not (an operation wakes its accounts over
 * days, in waves, and only the densest of them make the span wokeWith asks for), and is undecided; one at work when
 * the window began, or opened in it, showed no wake and is an outsider. (Seed-7 world 1842675825: a chat harvest of
 * 797 old accounts woke over four days; the 108 of its community that woke outside the span held its own system
 * prompts with it, and as its outsiders they made each of those prompts generic.)
 */
export function unmeasuredLinked(
  v: { accounts: AccountVerdict[]; campaigns: CampaignVerdict[]; clusterOf: Map<string, number>; kin: Map<number, number[]> },
  wokeAt: Map<string, number> = new Map(),
): Map<string, string> {
  const membersOf = communityMembers(v.clusterOf);
  const measured = new Map(v.accounts.map((a) => [a.account_id, new Set(a.hits.map((h) => h.group))]));
  const out = new Map<string, string>();
  for (const c of v.campaigns) {
    const ways = [...campaignProvenance(groupBits(c.pooled, 'provenance')).keys()];
    const byWake = (c.pooled.find((h) => h.signal === WOKE_TOGETHER)?.bits ?? 0) >= REASON_BITS;
    const home = homeOf(c, v.clusterOf, membersOf);
    if (home === undefined) continue;
    for (const k of new Set([home, ...(v.kin.get(home) ?? [])])) {
      for (const a of membersOf.get(k) ?? []) {
        if (out.has(a)) continue;
        const groups = measured.get(a);
        if (ways.some((g) => !groups?.has(g)) || (byWake && wokeAt.has(a))) out.set(a, c.campaign_id);
      }
    }
  }
  return out;
}

/** Bits per signal group of one family: the strongest signal of each group. */
function groupBits(hits: SignalHit[], family: SignalFamily): Map<SignalGroup, number> {
  const m = new Map<SignalGroup, number>();
  // (a group's own evidence, GROUP_LEVEL, is not asked of its accounts)
  for (const h of hits) if (familyOf(h.group) === family && !GROUP_LEVEL.includes(h.group)) m.set(h.group, Math.max(m.get(h.group) ?? 0, h.bits));
  return m;
}

/**
 * The provenance that made a campaign one, per group (a new account or a shared card; a new consumer network
 * day after day): its groups of REASON_BITS or more, and its strongest. A group the campaign barely shows is
 * not its provenance: an operation of old accounts behind rotating exits has nothing to ask of an account's
 * record, and an established evaluation lab in its community must not pass for its own on that record.
 */
export function campaignProvenance(typical: Map<SignalGroup, number>): Map<SignalGroup, number> {
  const strongest = Math.max(0, ...typical.values());
  return new Map([...typical].filter(([, bits]) => bits > 0 && bits >= Math.min(REASON_BITS, strongest)));
}

/**
 * Whether an account shows a campaign's provenance: at least `share` of the campaign's evidence in one of its
 * groups. An operation can hide in more than one way (new accounts for some, rotating exits for others, both
 * for many); an account that shares one of them is not asked for the other, and one with too few days on
 * consumer networks to be measured for rotating exits has no evidence either way there.
 */
export function showsProvenance(campaign: Map<SignalGroup, number>, hits: SignalHit[], share: number, atLeast = 0): boolean {
  const mine = groupBits(hits, 'provenance');
  for (const [group, bits] of campaign) if ((mine.get(group) ?? 0) >= Math.max(share * bits, atLeast)) return true;
  return false;
}

/**
 * The core of each campaign, whose fingerprints define it: the clustered accounts that show at least half of
 * the provenance of the campaign's typical member in one of its groups (new and unverified, a card others share;
 * a new consumer network day after day: campaignProvenance, showsProvenance). A well-established account that
 * community detection placed in the cluster (an evaluation lab sending the same public benchmark material) does not get to make that
 * material, or its card, the campaign's. The typical member's is, per group, the stronger of the median
 * member's and the campaign's pooled evidence (what made it a campaign): when such accounts are half the
 * cluster, the median member is one of them. A campaign whose core would be too small to define anything
 * keeps all its clustered accounts.
 */
export function coreOf(v: { accounts: AccountVerdict[]; campaigns: CampaignVerdict[] }): Map<string, string> {
  const byId = new Map(v.accounts.map((a) => [a.account_id, a]));
  const core = new Map<string, string>();
  for (const c of v.campaigns) {
    const members = c.accounts.map((id) => groupBits(byId.get(id)!.hits, 'provenance'));
    const pooled = groupBits(c.pooled, 'provenance');
    const typical = new Map<SignalGroup, number>();
    for (const group of new Set([...pooled.keys(), ...members.flatMap((m) => [...m.keys()])])) {
      const sorted = members.map((m) => m.get(group) ?? 0).sort((a, b) => a - b);
      typical.set(group, Math.max(sorted[Math.floor(sorted.length / 2)] ?? 0, pooled.get(group) ?? 0));
    }
    const theirs = campaignProvenance(typical);
    const fresh = c.accounts.filter((id) => showsProvenance(theirs, byId.get(id)!.hits, 0.5));
    for (const id of fresh.length >= MIN_CAMPAIGN_ACCOUNTS ? fresh : c.accounts) core.set(id, c.campaign_id);
  }
  return core;
}

/** Every working table of the hunt: each step's tables share the `_hunt_` prefix, whichever step made them. */
async function dropWorkingTables(ctx: HuntContext): Promise<void> {
  const tables = await ctx.wh.query<{ name: string }>(
    `SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, '_hunt_') ORDER BY name`,
  );
  for (const { name } of tables) await ctx.wh.command(`DROP TABLE IF EXISTS ${name}`);
}
