import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'volume_intensity',
    title: 'Volume against account age and tier',
    group: 'volume',
    measures: 'Exchanges per day of the account\'s life so far (from creation, or from first sight when the account record is missing), per request-per-minute its tier allows: how much of its plan\'s capacity a young account uses (accounts without a known tier are measured against the median tier\'s limit).',
    why: 'Harvesting accounts are opened to be used: they send hundreds of requests a day from their first day, where a real new customer ramps up.',
    confounders: 'Enterprise batch pipelines and relays (huge volume, but old accounts on high tiers); a team moving an existing workload to a new account.',
    kind: 'value',
    direction: 'high',
    minSupport: 5,
    sql: () => `
    WITH (SELECT median(tier_rpm) FROM _hunt_acct WHERE tier_rpm > 0) AS typical_rpm
    SELECT account_id,
           exchanges / greatest(1.0, dateDiff('second', ifNull(created_at, first_ts), last_ts) / 86400.0)
             / if(tier_rpm > 0, tier_rpm, greatest(1, ifNull(typical_rpm, 1))) AS value,
           exchanges AS n
    FROM _hunt_acct WHERE exchanges > 0`,
});
//# sourceMappingURL=volume-intensity.js.map