import { defineSignal } from '../signal.js';

/**
 * SQL over `_hunt_x`: the network of a request's IP, the AS announcing it, or its /16 (IPv6: its /48) when no AS is
 * known for it, as without an IP-to-ASN table (exit_spread counts networks the same way).
 */
export const NETWORK_SQL = `if(asn != 0, toUInt64(asn), if(isIPv4String(ip), cityHash64(bitAnd(toUInt32(toIPv4OrZero(ip)), 0xFFFF0000)), cityHash64(subnet)))`;

export default defineSignal({
  id: 'proxy_rotation',
  title: 'A new consumer network day after day',
  group: 'origin',
  measures:
    'Of the days after its first that an account sent requests, the share on which it connected from a consumer network (an ISP or mobile carrier: hosting networks are not counted) it had not used before. A network is the AS announcing the IP, or its /16 (IPv6: /48) without an IP-to-ASN table. An account that only ever works from the cloud scores 0.',
  why:
    'Residential and mobile proxy pools rent exits on thousands of ISPs and hand out a new one per session or per day, so nearly every working day of a proxied account starts on an ISP it never used before. A person connects from the same few: a home ISP, a mobile carrier, an office. An operation buys such exits to hide where it is and to spread one fleet over "many households": this is what its accounts are, not what their traffic asks for, so it counts with provenance (a group of evaluation runners, researchers or pipelines works from its own cloud or office networks and stays at 0; every account with three active days is measured, so a linked group of them is not judged by the one proxied account among them).',
  confounders:
    'Travellers (a new hotel or cafe network each day), people who work from many places, residential VPN services; alone each is one account, and its other evidence decides.',
  kind: 'share',
  direction: 'high',
  // three days on consumer networks at least: two chances to change
  minSupport: 2,
  sql: () => `
    WITH per_network AS (
      -- (the account by its hash, acctSql: cheaper to group on than its id)
      SELECT acct,
             hosting = 0 AS consumer,
             if(hosting = 1, 0, ${NETWORK_SQL}) AS network,
             min(day) AS first_day,
             groupUniqArray(day) AS days
      FROM _hunt_x
      GROUP BY acct, consumer, network
    ),
    per_account AS (
      SELECT acct,
             min(first_day) AS first_active_day,
             -- the days a consumer network was first used, after the account's first day
             length(arrayFilter(d -> d > first_active_day, groupUniqArrayIf(first_day, consumer))) AS k,
             length(groupUniqArrayArray(days)) - 1 AS n
      FROM per_network
      GROUP BY acct
    )
    SELECT a.account_id AS account_id, p.k AS k, p.n AS n
    FROM per_account AS p INNER JOIN _hunt_acct AS a ON a.acct = p.acct`,
});
