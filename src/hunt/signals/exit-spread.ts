import { defineSignal } from '../signal.js';
import { NETWORK_SQL } from './proxy-rotation.js';

/**
 * Networks a person works from in one day: home, a phone carrier, an office (a developer's cloud machines are
 * one more AS). Only what an account's typical day holds beyond these counts.
 */
export const PERSON_NETWORKS_A_DAY = 3;

export default defineSignal({
  id: 'exit_spread',
  title: 'Many networks in one day',
  group: 'exits',
  measures: `On the account's median active day, the number of distinct networks it connected from beyond ${PERSON_NETWORKS_A_DAY} (a network: the AS announcing the IP, hosting and consumer alike; its /16, IPv6 /48, when no AS is known for it, as without an IP-to-ASN table). 0 for an account whose typical day holds ${PERSON_NETWORKS_A_DAY} or fewer.`,
  why:
    'A proxy pool rotated per request or per session hands an account exits on many unrelated networks every day: a dozen residential ISPs, or a dozen small hosting companies for a datacenter pool. A pool of a few dozen ASes is used up on the first days, so "a new network day after day" (proxy_rotation) stops counting while the account still leaves through a dozen networks a day; this measures that. A person works from home, a phone and an office; a deployment from its cloud (one AS, two for some providers). Like proxy_rotation it says what the account is (one hiding where it is), not what its traffic asks for, so it counts with provenance.',
  confounders:
    'A consumer app that calls the API from its users\' devices with one key (every user\'s network is the account\'s), a VPN service hopping servers on every connection, a mobile user roaming across carriers on a trip; alone each is one account whose behaviour decides.',
  kind: 'value',
  direction: 'high',
  minSupport: 10,
  // Grouped by (account, network) first, as proxy_rotation does: far fewer rows than requests to count per day.
  sql: () => `
    WITH per_network AS (
      SELECT acct, ${NETWORK_SQL} AS network, groupUniqArray(day) AS days
      FROM _hunt_x
      GROUP BY acct, network
    ),
    per_day AS (
      SELECT acct, day, count() AS networks
      FROM per_network
      ARRAY JOIN days AS day
      GROUP BY acct, day
    ),
    per_account AS (
      SELECT acct, toUInt32(quantileExactLow(0.5)(networks)) AS typical_day_networks
      FROM per_day
      GROUP BY acct
    )
    SELECT a.account_id AS account_id,
           greatest(0, toInt64(p.typical_day_networks) - ${PERSON_NETWORKS_A_DAY}) AS value,
           a.exchanges AS n
    FROM per_account AS p INNER JOIN _hunt_acct AS a ON a.acct = p.acct`,
});
