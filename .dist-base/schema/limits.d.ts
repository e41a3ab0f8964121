import type { AccountTier } from './account.js';
/**
 * Default rate limits per plan, as a provider publishes them. The simulator shapes traffic against them
 * and the hunt measures how close accounts run to them; operators override them with their own.
 */
export interface TierLimits {
    /** Requests per minute. */
    rpm: number;
    /** Output tokens per minute. */
    otpm: number;
}
export declare const DEFAULT_TIER_LIMITS: Record<AccountTier, TierLimits>;
/** The largest output a request can ask for, and the largest reasoning budget, per the provider's models. */
export declare const DEFAULT_MAX_OUTPUT_TOKENS = 32000;
export declare const DEFAULT_MAX_REASONING_BUDGET = 32000;
