import { DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MAX_REASONING_BUDGET, DEFAULT_TIER_LIMITS, type TierLimits } from '../schema/limits.js';
import type { AccountTier } from '../schema/account.js';
import type { QueryParams, Warehouse } from '../warehouse/warehouse.js';

/** What a hunt runs over and with which provider settings. */
export interface HuntConfig {
  /** Only exchanges with ts >= since. ISO-8601 or null. */
  since: string | null;
  /** Only exchanges with ts <= until and accounts created by then: no look-ahead. ISO-8601 or null. */
  until: string | null;
  tierLimits: Record<AccountTier, TierLimits>;
  maxOutputTokens: number;
  maxReasoningBudget: number;
  /** Operator IP-to-ASN file (iptoasn.com TSV format), or null for the built-in cloud ranges only. */
  asnFile: string | null;
  /** Seed for everything randomised (community detection). */
  seed: number;
  /** Producers of imported indicators (names or STIX identity ids) allowed to flag an account on their own (share/match.ts). */
  peerTrust?: readonly string[];
}

export const DEFAULT_HUNT_CONFIG: HuntConfig = {
  since: null,
  until: null,
  tierLimits: DEFAULT_TIER_LIMITS,
  maxOutputTokens: DEFAULT_MAX_OUTPUT_TOKENS,
  maxReasoningBudget: DEFAULT_MAX_REASONING_BUDGET,
  asnFile: null,
  seed: 1,
};

/**
 * The names of a hunt's working tables. Every intermediate result lives in the warehouse, so the heavy
 * work stays in the engine and the same SQL runs on a server.
 */
export const T = {
  /** One row per exchange in the window: the features computed at ingest, with this hunt's settings applied. */
  x: '_hunt_x',
  /** One row per distinct client IP: ASN, country, hosting. */
  ip: '_hunt_ip',
  ipRanges: '_hunt_ip_ranges',
  /** One row per account: its rollups over the window, merged (values still counted per setting-dependent value). */
  acctRollup: '_hunt_acct_rollup',
  /** One row per account: behaviour aggregated over its exchanges, joined with its account record. */
  acct: '_hunt_acct',
  /** One row per (account, signal): the signal's value and calibrated score. */
  scores: '_hunt_signal_scores',
  /** Linking evidence: (kind, key, account) incidences, the account by its hash (acctSql). */
  keys: '_hunt_keys',
  /** 10-minute buckets where improbably many accounts started a session (synchrony.ts). */
  crowded: '_hunt_crowded',
} as const;

/**
 * SQL: an account id's 64-bit hash. The link-key incidences (tens of millions of rows at full scale) name
 * accounts by it: joining and grouping on an integer is several times faster than on the id string. The
 * hunt checks that no two accounts of a window share one (buildLinkKeys). `_hunt_acct`, `_hunt_clusters`
 * and `_hunt_members` carry it as `acct`.
 */
export const acctSql = (accountId = 'account_id') => `cityHash64(${accountId})`;

export interface HuntContext {
  wh: Warehouse;
  config: HuntConfig;
  /** Query parameters every hunt query may use: {since}, {until}, limits. */
  params: QueryParams;
  /** SQL condition selecting the window's exchanges by their timestamp column (uses {since} and {until}). */
  windowWhere: (tsColumn?: string) => string;
  log: (msg: string) => void;
}

export function makeContext(wh: Warehouse, config: HuntConfig, log: (msg: string) => void = () => {}): HuntContext {
  const params: QueryParams = {
    since: config.since ?? '1970-01-01T00:00:00Z',
    until: config.until ?? '2299-12-31T23:59:59Z',
    max_output: config.maxOutputTokens,
    max_reasoning: config.maxReasoningBudget,
    tiers: Object.keys(config.tierLimits),
    tier_rpm: Object.values(config.tierLimits).map((l) => l.rpm),
  };
  return {
    wh,
    config,
    params,
    windowWhere: (ts = 'ts') =>
      `${ts} >= parseDateTime64BestEffort({since:String}, 3, 'UTC') AND ${ts} <= parseDateTime64BestEffort({until:String}, 3, 'UTC')`,
    log,
  };
}
