import { defineSignal } from '../signal.js';

/** A harvest day: requests for maximal reasoning sampled n >= 2 times, from hosting networks, in this many distinct hours of one UTC day. */
export const HARVEST_DAY_HOURS = 12;

export default defineSignal({
  id: 'reasoning_harvest',
  title: 'Sustained maximal reasoning, sampled many times, from hosting networks',
  group: 'sampling',
  measures: `Harvest days: UTC days on which the account sent requests with an extended-reasoning budget at 90% or more of the provider's maximum AND n >= 2 completions, from a hosting network, in ${HARVEST_DAY_HOURS} or more distinct hours of the day.`,
  why: 'A reasoning harvest (the three-lab disclosure of February 2026; rejection-sampling distillation) buys the longest reasoning traces the API sells, several per prompt, around the clock from servers, day after day: every request is priced at the maximum and none is read by a person.',
  confounders: 'A research lab running a best-of-n or self-consistency study at maximum reasoning from cloud machines around the clock for several days; a synthetic-data customer doing the same under a policy that allows it (the detector says what it saw; the policy decides).',
  kind: 'value',
  direction: 'high',
  minSupport: 20,
  floor: {
    value: 3,
    why: `Each harvest request buys n times the largest reasoning budget; ${HARVEST_DAY_HOURS}+ hours of them in a day is a machine, not a person, and 3 such days is a standing operation rather than one experiment (evaluation runs and studies come in bursts of hours). What still reaches it: a lab or customer running best-of-n at maximum reasoning, from servers, around the clock for 3+ days.`,
  },
  sql: () => `
    WITH days AS (
      SELECT account_id, day, uniqExact(hour) AS hours
      FROM _hunt_x
      WHERE reasoning_budget >= 0.9 * {max_reasoning:UInt32} AND n >= 2 AND hosting = 1
      GROUP BY account_id, day
    ),
    harvest AS (SELECT account_id, countIf(hours >= ${HARVEST_DAY_HOURS}) AS harvest_days FROM days GROUP BY account_id)
    SELECT a.account_id AS account_id, ifNull(h.harvest_days, 0) AS value, a.exchanges AS n
    FROM _hunt_acct AS a LEFT JOIN harvest AS h ON h.account_id = a.account_id
    WHERE a.exchanges > 0
    SETTINGS join_use_nulls = 1`,
});
