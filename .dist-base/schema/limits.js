export const DEFAULT_TIER_LIMITS = {
    free: { rpm: 5, otpm: 8_000 },
    build: { rpm: 50, otpm: 80_000 },
    scale: { rpm: 1_000, otpm: 400_000 },
    enterprise: { rpm: 4_000, otpm: 2_000_000 },
    edu: { rpm: 50, otpm: 80_000 },
    startup: { rpm: 50, otpm: 80_000 },
    research: { rpm: 50, otpm: 80_000 },
};
/** The largest output a request can ask for, and the largest reasoning budget, per the provider's models. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 32_000;
export const DEFAULT_MAX_REASONING_BUDGET = 32_000;
//# sourceMappingURL=limits.js.map