import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'capability_targeting',
    title: 'Narrow capability focus',
    group: 'capability',
    measures: 'Jensen-Shannon divergence (bits) between the account\'s mix of capabilities asked for (software engineering, agentic tool use, reasoning, long-horizon planning, rubric grading, other) and the whole traffic\'s mix.',
    why: 'Campaigns pour huge volume into a few high-value areas (coding, agentic tool use, reasoning) that map onto training data; a typical customer\'s traffic looks like everyone else\'s.',
    confounders: 'Coding-agent users (all software engineering), tutoring apps (all reasoning), single-purpose products.',
    kind: 'value',
    direction: 'high',
    minSupport: 10,
    sql: () => `
    WITH
      (SELECT sumForEach(capability_counts) FROM _hunt_acct) AS total,
      arrayMap(c -> c / arraySum(total), total) AS p
    SELECT account_id,
           arrayMap(c -> (c + 0.5) / (exchanges + 3), capability_counts) AS q,
           arrayMap((a, b) -> (a + b) / 2, q, p) AS m,
           0.5 * arraySum(arrayMap((a, b) -> a * log2(a / b), q, m))
             + 0.5 * arraySum(arrayMap((a, b) -> if(a > 0, a * log2(a / b), 0), p, m)) AS value,
           exchanges AS n
    FROM _hunt_acct WHERE exchanges > 0`,
});
//# sourceMappingURL=capability-divergence.js.map