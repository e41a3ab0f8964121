import { defineSignal } from '../signal.js';

/**
 * A harvest day: a UTC day on which the account asked for maximal reasoning sampled n >= 2 times in this many
 * distinct hours (around the clock: no person works so), and for maximal reasoning on at least
 * HARVEST_DAY_SHARE of its requests.
 */
export const HARVEST_DAY_HOURS = 12;
/**
 * The share keeps aggregators out: a relay or gateway serving thousands of users carries a few such requests
 * every hour (some of its users do this, or a campaign hides a few percent of its traffic there); an account
 * whose day is this is doing it itself. (A relay carrying a campaign is the membership sweep's to find.)
 */
export const HARVEST_DAY_SHARE = 0.5;

export default defineSignal({
  id: 'reasoning_harvest',
  title: 'Sustained maximal reasoning, sampled many times, around the clock',
  group: 'sampling',
  measures: `Harvest hours: the hours with requests from a hosting network for an extended-reasoning budget at 90% or more of the provider's maximum AND n >= 2 completions, counted on harvest days (${HARVEST_DAY_HOURS}+ distinct such hours in the UTC day, and maximal reasoning on at least half of the day's requests).`,
  why: 'A reasoning harvest (the three-lab disclosure of February 2026; rejection-sampling distillation) buys the longest reasoning traces the API sells, several per prompt, around the clock from servers, day after day: every request is priced at the maximum and none is read by a person. Only requests from hosting networks count: a machine runs there, and a lab studying sampling from its own campus or office network is not one (a harvest that rents consumer exits instead shows them: proxy_rotation, exit_spread).',
  confounders: 'A research lab running a best-of-n or self-consistency study at maximum reasoning around the clock from cloud machines for a day and a half or more; a synthetic-data customer doing the same under a policy that allows it (the detector says what it saw; the policy decides).',
  kind: 'value',
  direction: 'high',
  minSupport: 20,
  floor: {
    value: 36,
    why: `Each harvest request buys n times the largest reasoning budget; ${HARVEST_DAY_HOURS}+ hours of them in a day from servers is a machine, not a person, and 36 such hours (a day and a half around the clock) is a standing operation rather than one experiment: evaluation runs and studies come in bursts of hours, or keep office hours. What still reaches it: a lab or customer running best-of-n at maximum reasoning from cloud machines around the clock for a day and a half or more.`,
  },
  sql: () => `
    WITH days AS (
      SELECT account_id, day, uniqExact(hour) AS hours
      FROM _hunt_x
      WHERE reasoning_budget >= 0.9 * {max_reasoning:UInt32} AND n >= 2 AND hosting = 1
      GROUP BY account_id, day
      HAVING hours >= ${HARVEST_DAY_HOURS}
    ),
    -- (the day's whole traffic, only for the few accounts with such days)
    totals AS (
      SELECT account_id, day, count() AS sent, countIf(reasoning_budget >= 0.9 * {max_reasoning:UInt32}) AS maximal FROM _hunt_x
      WHERE account_id IN (SELECT account_id FROM days) GROUP BY account_id, day
    ),
    harvest AS (
      SELECT d.account_id AS account_id, sumIf(d.hours, t.maximal >= ${HARVEST_DAY_SHARE} * t.sent) AS harvest_hours
      FROM days AS d INNER JOIN totals AS t ON t.account_id = d.account_id AND t.day = d.day
      GROUP BY d.account_id
    )
    SELECT a.account_id AS account_id, ifNull(h.harvest_hours, 0) AS value, a.exchanges AS n
    FROM _hunt_acct AS a LEFT JOIN harvest AS h ON h.account_id = a.account_id
    WHERE a.exchanges > 0
    SETTINGS join_use_nulls = 1`,
});
