import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { seededRandom } from '../util/rng.js';
import { acctSql, T, type HuntContext } from './context.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { MIN_TEMPLATE_PROMPT_CHARS } from './signals/template-sharing.js';
import { PROBE_BIAS_ENTRIES, PROBE_MAX_TOKENS } from './signals/logit-sweep.js';
import { LOGPROB_PROBE_MAX_TOKENS, LOGPROB_PROBE_TOP } from './signals/logprob-sweep.js';

/**
 * Linking: which accounts are operated together. Accounts are linked through shared evidence keys
 * (a prompt template, an identical long system prompt, a subnet on the same day, a payment method, a
 * creation burst, ...). The graph is bipartite (account - key), so a key shared by 25,000 accounts costs
 * 25,000 edges, not 312 million pairs. Each key is weighted by how rare it is in the population: the
 * surprise, in bits, of two random accounts sharing it, 2*log2(N/df). A popular SDK's user agent or a big
 * ISP's NAT is shared by so many accounts that it carries almost nothing (and past a ceiling is dropped),
 * while an exact template shared by a few hundred accounts carries a lot.
 */

export const LINK_KINDS = [
  'template',
  'system_prompt',
  'tool_list',
  'subnet_day',
  'payment',
  'creation_burst',
  'signup_subnet',
  'client_fingerprint',
  'user_agent',
  'sync_start',
  'probe',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
/**
 * Kinds of keys that define a key group (and a pair, pairs.ts): what an operator sends (its templates, its long
 * system prompt) and how it pays and signs up. (A big campaign's near-duplicate prompts are shared by countless
 * small subsets of its accounts, each a key group of its own: they are pooled only when decide comes to them,
 * and a group mostly inside a campaign found already is skipped unpooled.)
 */
export const KEY_GROUP_KINDS: LinkKind[] = ['template', 'system_prompt', 'payment', 'creation_burst', 'signup_subnet'];

/** Keys shared by more than this share of accounts are hubs: they would glue strangers together. */
export const HUB_SHARE = 0.2;

/** Kind numbers in the keys table, in LINK_KINDS order (1-based). */
const kindNo = (k: LinkKind) => LINK_KINDS.indexOf(k) + 1;

/** The type of the keys table's kind column: one byte per incidence, compared and printed by name. */
const KIND_TYPE = `Enum8(${LINK_KINDS.map((k) => `'${k}' = ${kindNo(k)}`).join(', ')})`;

/**
 * Creates the empty `_hunt_keys` table: one row per (kind, key, account), the account by its hash
 * (acctSql), with the key's document frequency df and weight.
 */
export async function createKeysTable(wh: Warehouse): Promise<void> {
  await wh.command(`DROP TABLE IF EXISTS ${T.keys}`);
  await wh.command(
    `CREATE TABLE ${T.keys} (kind ${KIND_TYPE}, key UInt64, acct UInt64, df UInt32, weight Float64) ENGINE = MergeTree ORDER BY (kind, key, acct)`,
  );
}

/**
 * Builds `_hunt_keys`: one row per (kind, key, account) for keys shared by 2+ accounts (and not hubs),
 * with the key's document frequency df and weight. One scan of the per-exchange table: every exchange
 * contributes its keys as (kind, hash) pairs, every account record its own; the engine groups them once,
 * keeping at most hub-ceiling + 1 accounts per key.
 */
export async function buildLinkKeys(ctx: HuntContext): Promise<void> {
  const { wh } = ctx;
  const long = `prompt_len >= ${MIN_TEMPLATE_PROMPT_CHARS}`;
  // A short prompt (too short for a template key) sent as a measurement probe: its answer capped at a few tokens
  // and read for its numbers, a large logit-bias map or top log-probabilities (the probes of logit_sweep and
  // logprob_sweep). "Reply with a single token." says nothing about who wrote it; the same words sent by forty
  // accounts as the probe of a log-probability sweep are the sweep's fixed prompt, split over accounts that each
  // stay under the per-account floor (random world 1821777012: 58 accounts, 18 of them under it). Longer probes
  // (benchmark questions scored by their answer letter's log-probability) are template keys already.
  const probe = `NOT ${long} AND ((logit_bias_size >= ${PROBE_BIAS_ENTRIES} AND (max_tokens BETWEEN 1 AND ${PROBE_MAX_TOKENS} OR out_tok <= 2))
    OR (top_logprobs >= ${LOGPROB_PROBE_TOP} AND (max_tokens BETWEEN 1 AND ${LOGPROB_PROBE_MAX_TOKENS} OR out_tok <= 2)))`;
  // Keys are grouped by a 64-bit hash of the account id (acctSql: hashing integers is about twice as fast
  // as hashing strings over tens of millions of rows), which the incidences keep; a collision among the
  // window's accounts would merge two of them, so it is ruled out first.
  const [row] = await wh.query<{ n: string; distinct: string }>(`SELECT count() AS n, uniqExact(acct) AS distinct FROM ${T.acct}`);
  const accounts = Number(row?.n ?? 0);
  if (Number(row?.distinct ?? 0) !== accounts) throw new Error('two account ids of this window share a 64-bit hash: linking cannot tell them apart');
  const ceiling = Math.max(2, Math.floor(accounts * HUB_SHARE));
  await createKeysTable(wh);
  await wh.command(
    `INSERT INTO ${T.keys} (kind, key, acct, df, weight)
     WITH hub_subnets AS (
       -- A network shared by too many accounts over the window (a carrier-grade NAT, a big office egress)
       -- is a hub even if each single day stays under the ceiling.
       SELECT subnet FROM ${T.x} GROUP BY subnet HAVING uniq(account_id) > {ceiling:UInt32}
     ),
     shared AS (
       -- Each key's accounts, collected from each account's distinct keys (a small set per account: a set per key,
       -- millions of them held by one account only, cost more than the grouping). Keys as one 128-bit number
       -- (kind, key): grouped on a fixed width, not a tuple.
       SELECT toUInt8(bitShiftRight(kk, 64)) AS kind_no, toUInt64(bitAnd(kk, 0xFFFFFFFFFFFFFFFF)) AS key,
              groupArray({ceiling:UInt32} + 1)(acct) AS accts, length(accts) AS df
       FROM (
         SELECT acct, groupUniqArray(bitOr(bitShiftLeft(toUInt128(kind_no), 64), toUInt128(key))) AS account_keys
         FROM (
           SELECT acct, tupleElement(t, 1) AS kind_no, assumeNotNull(tupleElement(t, 2)) AS key
           FROM ${T.x}
           ARRAY JOIN arrayFilter(t -> tupleElement(t, 2) != 0, [
             (${kindNo('template')}, if(${long}, opening_key, 0)),
             (${kindNo('template')}, if(${long}, bitOr(simhash, 0x8000000000000000), 0)),
             (${kindNo('template')}, if(${long}, line_keys[1], 0)),
             (${kindNo('system_prompt')}, system_key),
             (${kindNo('tool_list')}, tools_key),
             (${kindNo('subnet_day')}, if(subnet IN hub_subnets, 0, cityHash64(subnet, day))),
             (${kindNo('probe')}, if(${probe}, prompt_shape, 0))
           ]) AS t
           UNION ALL
           SELECT acct, tupleElement(t, 1) AS kind_no, assumeNotNull(tupleElement(t, 2)) AS key
           FROM ${T.acct}
           ARRAY JOIN arrayFilter(t -> tupleElement(t, 2) != 0, [
             (${kindNo('payment')}, if(payment_fingerprint IS NULL, 0, cityHash64(assumeNotNull(payment_fingerprint)))),
             -- An account's client is its main user agent and TLS fingerprint: one key each per account.
             (${kindNo('client_fingerprint')}, if(main_client_fp != '', cityHash64(main_client_fp), 0)),
             (${kindNo('user_agent')}, if(main_ua != '', cityHash64(main_ua), 0)),
             (${kindNo('creation_burst')}, if(created_at IS NULL, 0, cityHash64(toStartOfTenMinutes(assumeNotNull(created_at)), ifNull(email_domain, '')))),
             (${kindNo('signup_subnet')}, if(signup_ip IS NULL OR created_at IS NULL, 0, cityHash64(
                 if(isIPv4String(assumeNotNull(signup_ip)), toString(bitAnd(toUInt32(toIPv4OrZero(assumeNotNull(signup_ip))), 0xFFFFFF00)), assumeNotNull(signup_ip)),
                 toDate(assumeNotNull(created_at)))))
           ]) AS t
           UNION ALL
           -- Synchronised starts (synchrony.ts): a session started in a crowded 10-minute bucket.
           SELECT acct, toUInt8(${kindNo('sync_start')}) AS kind_no, cityHash64(bucket) AS key
           FROM ${T.acct}
           ARRAY JOIN onset_buckets AS bucket
           WHERE bucket IN (SELECT bucket FROM ${T.crowded})
         )
         GROUP BY acct
       )
       ARRAY JOIN account_keys AS kk
       GROUP BY kk
       HAVING df >= 2 AND df <= {ceiling:UInt32}
     )
     SELECT CAST(kind_no AS ${KIND_TYPE}) AS kind, key, acct, df, 2 * log2({accounts:Float64} / df) AS weight
     FROM shared ARRAY JOIN accts AS acct`,
    { accounts, ceiling },
  );
}

// graphology-communities-louvain is CommonJS whose typings declare an ES default export.
const louvain = louvainModule as unknown as (typeof louvainModule)['default'];

/**
 * Louvain's resolution: below 1 it prefers fewer, larger communities. A campaign is one operation seen
 * through many weak keys; at 1 it tends to come out cut by card or sign-up wave.
 */
export const LOUVAIN_RESOLUTION = 0.5;
export const KEYS_PER_KIND = 6;

/**
 * Keys that name software stay out of the graph: the client's user agent and TLS fingerprint, and the tool
 * list an agent declares. They say which product sent the traffic, not who operates the account, and a
 * campaign that imitates a popular product (a coding agent) shares them with that product's real users:
 * through them Louvain put the campaign and the customers it imitates into one community, whose pooled
 * evidence (half of it theirs) then fell short, or cut the campaign in two, depending on its seed (3 of the
 * 19 test worlds over seeds 1-4 through the client keys, 1 through the tool list; none without them). The
 * keys stay in `_hunt_keys`: a campaign's report names the software its accounts share, and load_spread
 * reads them.
 */
export const SOFTWARE_KINDS: LinkKind[] = ['client_fingerprint', 'user_agent', 'tool_list'];

export interface Clustering {
  /** account_id -> cluster number (accounts linked to nobody are absent). */
  clusterOf: Map<string, number>;
  /** cluster number -> its accounts. */
  members: Map<number, string[]>;
  modularity: number;
  edges: number;
}

/**
 * Louvain community detection on the account-key graph (seeded, so deterministic). Only keys with
 * enough weight to matter enter the graph; each account-key edge carries the key's weight.
 */
export async function clusterAccounts(ctx: HuntContext, minKeyWeight = 2, resolution = LOUVAIN_RESOLUTION): Promise<Clustering> {
  return communities(ctx, await graphRows(ctx, minKeyWeight), resolution);
}

/** One edge of the account-key graph: the key's kind and value, the account, the key's weight. */
export type GraphRow = [kind: string, key: string, account_id: string, weight: number];

/** The graph's edges (SQL), grouped by key. */
export async function graphRows(ctx: HuntContext, minKeyWeight = 2): Promise<GraphRow[]> {
  // Each account enters the graph through at most KEYS_PER_KIND keys of each kind, those shared with the
  // fewest accounts (the most specific evidence): enough to place it in its community, and the graph stays
  // linear in accounts however many templates a campaign cycles through. (A top-k per group by aggregation,
  // keeping only k per group: cheaper than collecting and sorting every incidence.)
  return ctx.wh.queryArrays<GraphRow>(
    `WITH top AS (
       -- (df, key, weight) as one 256-bit number, which sorts as they do (a weight here is positive: its bits sort
       -- as its value), and several times faster than a tuple
       SELECT acct, kind,
              groupArraySorted({per_kind:UInt32})(
                bitOr(bitShiftLeft(toUInt256(df), 128), bitOr(bitShiftLeft(toUInt256(key), 64), toUInt256(reinterpretAsUInt64(weight))))) AS picked
       FROM ${T.keys}
       WHERE weight >= {min_weight:Float64} AND kind NOT IN {software:Array(String)}
       GROUP BY acct, kind
     )
     SELECT toString(top.kind) AS kind, toString(toUInt64(bitAnd(bitShiftRight(p, 64), 0xFFFFFFFFFFFFFFFF))) AS key, a.account_id AS account_id,
            reinterpretAsFloat64(toUInt64(bitAnd(p, 0xFFFFFFFFFFFFFFFF))) AS weight
     FROM top ARRAY JOIN picked AS p
     INNER JOIN (SELECT acct, account_id FROM ${T.acct}) AS a ON a.acct = top.acct
     ORDER BY kind, key, account_id`,
    { min_weight: minKeyWeight, per_kind: KEYS_PER_KIND, software: SOFTWARE_KINDS },
  );
}

/** Community detection over the graph's edges (JavaScript, synchronous: it holds the main thread). */
export function communities(ctx: HuntContext, rows: GraphRow[], resolution = LOUVAIN_RESOLUTION): Clustering {
  // Rows come grouped by key. A key that only one account brought into the graph links nobody: it is left
  // out (about half the key nodes at --scale 0.1, which only slowed community detection down).
  const graph = new UndirectedGraph();
  for (let i = 0; i < rows.length; ) {
    const [kind, key] = rows[i]!;
    let j = i + 1;
    while (j < rows.length && rows[j]![1] === key && rows[j]![0] === kind) j++;
    if (j - i >= 2) {
      const k = `k\u0000${kind}\u0000${key}`;
      graph.addNode(k);
      for (let r = i; r < j; r++) {
        const [, , account, weight] = rows[r]!;
        const a = `a\u0000${account}`;
        if (!graph.hasNode(a)) graph.addNode(a);
        graph.addEdge(a, k, { weight });
      }
    }
    i = j;
  }
  const clusterOf = new Map<string, number>();
  const members = new Map<number, string[]>();
  if (graph.order === 0) return { clusterOf, members, modularity: 0, edges: 0 };
  const result = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: seededRandom(ctx.config.seed), resolution });
  graph.forEachNode((node: string) => {
    if (!node.startsWith('a\u0000')) return;
    const account = node.slice(2);
    const c = result.communities[node]!;
    clusterOf.set(account, c);
    const list = members.get(c);
    if (list) list.push(account);
    else members.set(c, [account]);
  });
  return { clusterOf, members, modularity: result.modularity, edges: graph.size };
}

/** Kinds of keys that are an operation's own scaffolding: what it sends and how it pays. */
export const KIN_KINDS: LinkKind[] = ['template', 'system_prompt', 'payment'];
/** Two communities are kin when at least this share of each one's accounts holds a key the other holds too. */
export const KIN_SHARE = 0.5;

/**
 * Kin communities: pairs of communities (of minAccounts+ accounts) where most accounts of *each* hold a rare
 * scaffold key (template, system prompt, card) also held in the other. Louvain cuts one operation into
 * several communities where its strongest keys (cards, sign-up waves) split it, while its scaffolding runs
 * through all of them; and a community is also kin to look-alikes that share its material (coding agents
 * and a campaign sending the same kind of coding prompts). Kin are not a fair reference for each other:
 * each community is weighed against the population without its kin (see poolClusters), and kin are not
 * merged (a campaign joined to the customers it imitates would be judged by their median).
 * Reads `_hunt_clusters`. Returns community -> its kin.
 */
export async function kinOf(ctx: HuntContext, minKeyWeight = 2, minAccounts = 3): Promise<Map<number, number[]>> {
  // The keys the clustered accounts hold, once (read twice below).
  await ctx.wh.command(`DROP TABLE IF EXISTS _hunt_kin_held`);
  await ctx.wh.command(
    `CREATE TABLE _hunt_kin_held ENGINE = MergeTree ORDER BY (kind, key) AS
     WITH sizes AS (SELECT cluster, count() AS size FROM _hunt_clusters GROUP BY cluster HAVING size >= {min_accounts:UInt32})
     SELECT k.kind AS kind, k.key AS key, k.acct AS acct, c.cluster AS cluster
     FROM ${T.keys} AS k INNER JOIN _hunt_clusters AS c ON c.acct = k.acct
     WHERE k.kind IN {kinds:Array(String)} AND k.weight >= {min_weight:Float64}
       AND c.cluster IN (SELECT cluster FROM sizes)`,
    { kinds: KIN_KINDS, min_weight: minKeyWeight, min_accounts: minAccounts },
  );
  const rows = await ctx.wh.query<{ a: number; b: number; holders: string; size_a: string }>(
    `WITH
       sizes AS (SELECT cluster, count() AS size FROM _hunt_clusters GROUP BY cluster HAVING size >= {min_accounts:UInt32}),
       held AS (SELECT kind, key, acct, cluster FROM _hunt_kin_held),
       key_clusters AS (
         SELECT kind, key, groupUniqArray(cluster) AS clusters FROM held GROUP BY kind, key HAVING length(clusters) >= 2
       ),
       pairs AS (
         SELECT h.cluster AS a, b, uniqExact(h.acct) AS holders
         FROM held AS h INNER JOIN key_clusters AS kc ON kc.kind = h.kind AND kc.key = h.key
         ARRAY JOIN kc.clusters AS b
         WHERE b != h.cluster
         GROUP BY a, b
       )
     SELECT a, b, holders, sa.size AS size_a
     FROM pairs INNER JOIN sizes AS sa ON sa.cluster = pairs.a
     ORDER BY a, b`,
    { min_accounts: minAccounts },
  );
  // share of a's accounts holding a key b holds too
  const share = new Map<string, number>();
  for (const r of rows) share.set(`${r.a}:${r.b}`, Number(r.holders) / Number(r.size_a));
  const kin = new Map<number, number[]>();
  for (const r of rows) {
    if ((share.get(`${r.a}:${r.b}`) ?? 0) < KIN_SHARE || (share.get(`${r.b}:${r.a}`) ?? 0) < KIN_SHARE) continue;
    const list = kin.get(r.a);
    if (list) list.push(r.b);
    else kin.set(r.a, [r.b]);
  }
  return kin;
}
