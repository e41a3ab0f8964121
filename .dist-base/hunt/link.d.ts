import { type HuntContext } from './context.js';
import type { Warehouse } from '../warehouse/warehouse.js';
/**
 * Linking: which accounts are operated together. Accounts are linked through shared evidence keys
 * (a prompt template, an identical long system prompt, a subnet on the same day, a payment method, a
 * creation burst, ...). The graph is bipartite (account - key), so a key shared by 25,000 accounts costs
 * 25,000 edges, not 312 million pairs. Each key is weighted by how rare it is in the population: the
 * surprise, in bits, of two random accounts sharing it, 2*log2(N/df). A popular SDK's user agent or a big
 * ISP's NAT is shared by so many accounts that it carries almost nothing (and past a ceiling is dropped),
 * while an exact template shared by a few hundred accounts carries a lot.
 */
export declare const LINK_KINDS: readonly ["template", "system_prompt", "tool_list", "subnet_day", "payment", "creation_burst", "signup_subnet", "client_fingerprint", "user_agent", "sync_start"];
export type LinkKind = (typeof LINK_KINDS)[number];
/** Keys shared by more than this share of accounts are hubs: they would glue strangers together. */
export declare const HUB_SHARE = 0.2;
/**
 * Creates the empty `_hunt_keys` table: one row per (kind, key, account), the account by its hash
 * (acctSql), with the key's document frequency df and weight.
 */
export declare function createKeysTable(wh: Warehouse): Promise<void>;
/**
 * Builds `_hunt_keys`: one row per (kind, key, account) for keys shared by 2+ accounts (and not hubs),
 * with the key's document frequency df and weight. One scan of the per-exchange table: every exchange
 * contributes its keys as (kind, hash) pairs, every account record its own; the engine groups them once,
 * keeping at most hub-ceiling + 1 accounts per key.
 */
export declare function buildLinkKeys(ctx: HuntContext): Promise<void>;
/**
 * Louvain's resolution: below 1 it prefers fewer, larger communities. A campaign is one operation seen
 * through many weak keys; at 1 it tends to come out cut by card or sign-up wave.
 */
export declare const LOUVAIN_RESOLUTION = 0.5;
export declare const KEYS_PER_KIND = 6;
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
export declare const SOFTWARE_KINDS: LinkKind[];
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
export declare function clusterAccounts(ctx: HuntContext, minKeyWeight?: number, resolution?: number): Promise<Clustering>;
/** One edge of the account-key graph: the key's kind and value, the account, the key's weight. */
export type GraphRow = [kind: string, key: string, account_id: string, weight: number];
/** The graph's edges (SQL), grouped by key. */
export declare function graphRows(ctx: HuntContext, minKeyWeight?: number): Promise<GraphRow[]>;
/** Community detection over the graph's edges (JavaScript, synchronous: it holds the main thread). */
export declare function communities(ctx: HuntContext, rows: GraphRow[], resolution?: number): Clustering;
/** Kinds of keys that are an operation's own scaffolding: what it sends and how it pays. */
export declare const KIN_KINDS: LinkKind[];
/** Two communities are kin when at least this share of each one's accounts holds a key the other holds too. */
export declare const KIN_SHARE = 0.5;
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
export declare function kinOf(ctx: HuntContext, minKeyWeight?: number, minAccounts?: number): Promise<Map<number, number[]>>;
