import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'new_account',
    title: 'New, unverified account straight to work',
    group: 'account',
    measures: 'Days between account creation and its first request in the window; unverified accounts count as created a day later than they were, verified ones a week earlier.',
    why: 'Hydra clusters open accounts to use them at once, and replace banned ones with fresh ones; verification is what they avoid.',
    confounders: 'Every genuine new customer; university classes and hackathons (accounts created the same day).',
    kind: 'value',
    direction: 'low',
    minSupport: 1,
    sql: () => `
    SELECT account_id,
           greatest(0, age_at_first_days) + multiIf(verified = 1, 7, verified = 0, -1, 0) AS value,
           exchanges AS n
    FROM _hunt_acct WHERE has_record`,
});
//# sourceMappingURL=account-newness.js.map