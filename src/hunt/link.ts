import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { seededRandom } from '../util/rng.js';
import { T, type HuntContext } from './context.js';
import { MIN_TEMPLATE_PROMPT_CHARS } from './signals/template-sharing.js';

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
  'exact_prompt',
  'system_prompt',
  'tool_list',
  'subnet_day',
  'payment',
  'creation_burst',
  'signup_subnet',
  'client_fingerprint',
  'user_agent',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Keys shared by more than this share of accounts are hubs: they would glue strangers together. */
export const HUB_SHARE = 0.2;

/** Builds `_hunt_keys`: one row per (kind, key, account) for keys shared by 2+ accounts, with df and weight. */
export async function buildLinkKeys(ctx: HuntContext): Promise<void> {
  const { wh } = ctx;
  const long = `prompt_len >= ${MIN_TEMPLATE_PROMPT_CHARS}`;
  await wh.command(`DROP TABLE IF EXISTS ${T.keys}`);
  await wh.command(
    `CREATE TABLE ${T.keys} ENGINE = MergeTree ORDER BY (kind, key, account_id) AS
     WITH
       toFloat64(assumeNotNull((SELECT count() FROM ${T.acct}))) AS accounts,
       incidences AS (
         SELECT DISTINCT kind, ifNull(key, '') AS key, account_id FROM (
           SELECT 'template' AS kind,
                  toString(arrayJoin([opening_key, bitShiftRight(simhash, 32) + 1, bitAnd(simhash, 0xFFFFFFFF) + 4294967297])) AS key,
                  account_id
           FROM ${T.x} WHERE ${long}
           UNION ALL SELECT 'exact_prompt', toString(exact_key), account_id FROM ${T.x} WHERE ${long}
           UNION ALL SELECT 'system_prompt', toString(system_key), account_id FROM ${T.x} WHERE system_key != 0
           UNION ALL SELECT 'tool_list', toString(tools_key), account_id FROM ${T.x} WHERE tools_key != 0
           UNION ALL SELECT 'subnet_day', concat(subnet, ' ', toString(day)), account_id FROM ${T.x}
           UNION ALL SELECT 'client_fingerprint', client_fp, account_id FROM ${T.x} WHERE client_fp != ''
           UNION ALL SELECT 'user_agent', ua, account_id FROM ${T.x} WHERE ua != ''
           UNION ALL SELECT 'payment', assumeNotNull(payment_fingerprint), account_id FROM ${T.acct} WHERE payment_fingerprint IS NOT NULL
           UNION ALL SELECT 'creation_burst', assumeNotNull(concat(toString(toStartOfTenMinutes(created_at)), ' ', ifNull(email_domain, ''))), account_id
             FROM ${T.acct} WHERE created_at IS NOT NULL
           UNION ALL SELECT 'signup_subnet',
                  assumeNotNull(concat(if(isIPv4String(signup_ip), IPv4NumToString(bitAnd(toUInt32(toIPv4OrZero(signup_ip)), 0xFFFFFF00)), signup_ip), ' ', toString(toDate(created_at)))),
                  account_id
             FROM ${T.acct} WHERE signup_ip IS NOT NULL
         )
       ),
       df AS (SELECT kind, key, count() AS df FROM incidences GROUP BY kind, key HAVING df >= 2 AND df <= greatest(2, accounts * ${HUB_SHARE}))
     SELECT i.kind AS kind, i.key AS key, i.account_id AS account_id, d.df AS df,
            2 * log2(accounts / d.df) AS weight
     FROM incidences AS i INNER JOIN df AS d ON d.kind = i.kind AND d.key = i.key`,
    ctx.params,
  );
}

// graphology-communities-louvain is CommonJS whose typings declare an ES default export.
const louvain = louvainModule as unknown as (typeof louvainModule)['default'];

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
export async function clusterAccounts(ctx: HuntContext, minKeyWeight = 2): Promise<Clustering> {
  const rows = await ctx.wh.query<{ kind: string; key: string; account_id: string; weight: number }>(
    `SELECT kind, key, account_id, weight FROM ${T.keys} WHERE weight >= {min_weight:Float64} ORDER BY kind, key, account_id`,
    { min_weight: minKeyWeight },
  );
  const graph = new UndirectedGraph();
  for (const r of rows) {
    const a = `a\u0000${r.account_id}`;
    const k = `k\u0000${r.kind}\u0000${r.key}`;
    if (!graph.hasNode(a)) graph.addNode(a);
    if (!graph.hasNode(k)) graph.addNode(k);
    graph.mergeEdge(a, k, { weight: r.weight });
  }
  const clusterOf = new Map<string, number>();
  const members = new Map<number, string[]>();
  if (graph.order === 0) return { clusterOf, members, modularity: 0, edges: 0 };
  const result = louvain.detailed(graph, { getEdgeWeight: 'weight', rng: seededRandom(ctx.config.seed), resolution: 1 });
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
