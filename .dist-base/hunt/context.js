import { DEFAULT_MAX_OUTPUT_TOKENS, DEFAULT_MAX_REASONING_BUDGET, DEFAULT_TIER_LIMITS } from '../schema/limits.js';
export const DEFAULT_HUNT_CONFIG = {
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
    /** One row per exchange in the window: compact features, the only pass that reads prompt text. */
    x: '_hunt_x',
    /** One row per distinct client IP: ASN, country, hosting. */
    ip: '_hunt_ip',
    ipRanges: '_hunt_ip_ranges',
    /** One row per account: behaviour aggregated over its exchanges, joined with its account record. */
    acct: '_hunt_acct',
    /** One row per (account, signal): the signal's value and calibrated score. */
    scores: '_hunt_signal_scores',
    /** Linking evidence: (kind, key, account) incidences, the account by its hash (acctSql). */
    keys: '_hunt_keys',
    /** 10-minute buckets where improbably many accounts started a session (synchrony.ts). */
    crowded: '_hunt_crowded',
};
/**
 * SQL: an account id's 64-bit hash. The link-key incidences (tens of millions of rows at full scale) name
 * accounts by it: joining and grouping on an integer is several times faster than on the id string. The
 * hunt checks that no two accounts of a window share one (buildLinkKeys). `_hunt_acct`, `_hunt_clusters`
 * and `_hunt_members` carry it as `acct`.
 */
export const acctSql = (accountId = 'account_id') => `cityHash64(${accountId})`;
export function makeContext(wh, config, log = () => { }) {
    const params = {
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
        windowWhere: (ts = 'ts') => `${ts} >= parseDateTime64BestEffort({since:String}, 3, 'UTC') AND ${ts} <= parseDateTime64BestEffort({until:String}, 3, 'UTC')`,
        log,
    };
}
//# sourceMappingURL=context.js.map