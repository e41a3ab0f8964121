import { FEATURES_TABLE } from '../ingest/features.js';
import { MIN_TEMPLATE_PROMPT_CHARS } from '../hunt/signals/template-sharing.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { AsnTable, inCidr } from './asn.js';
import type { IndicatorKind, RedactionPolicy } from './policy.js';

/**
 * What a campaign's traffic shows that could identify the same operation elsewhere: every candidate value
 * of every indicator kind, with how many of the campaign's accounts and exchanges show it, when, and how
 * many accounts *outside* the campaign show it in our own traffic (the share a peer would wrongly touch).
 * Read from the features computed at ingest, never from the text.
 */
export interface Candidate {
  kind: IndicatorKind;
  /** Raw value: a CIDR, an ASN, a user agent, a TLS fingerprint, or a 64-bit text key (decimal). */
  value: string;
  campaign_accounts: number;
  exchanges: number;
  first_seen: string;
  last_seen: string;
  outside_accounts: number;
  /** For an ASN: its name and country. */
  org?: string;
  country?: string;
}

export interface CampaignWindow {
  accounts: string[];
  since: string | null;
  until: string | null;
}

const windowSql = `ts >= parseDateTime64BestEffort({since:String}, 3, 'UTC') AND ts <= parseDateTime64BestEffort({until:String}, 3, 'UTC')`;
const windowParams = (c: CampaignWindow) => ({ since: c.since ?? '1970-01-01T00:00:00Z', until: c.until ?? '2299-12-31T23:59:59Z' });

/** SQL: the per-exchange (kind, value) pairs an export considers, from the features table. */
function pairsSql(): string {
  const long = `prompt_len >= ${MIN_TEMPLATE_PROMPT_CHARS}`;
  return `arrayFilter(t -> t.2 != '', [
      ('ipv4_network', if(isIPv4String(ip), concat(IPv4NumToString(toIPv4(bitAnd(toUInt32(toIPv4(ip)), bitNot(toUInt32(pow(2, 32 - {p4:UInt8}) - 1))))), '/', toString({p4:UInt8})), '')),
      ('ipv6_network', if(isIPv6String(ip) AND NOT isIPv4String(ip), concat(IPv6NumToString(IPv6CIDRToRange(toIPv6(ip), {p6:UInt8}).1), '/', toString({p6:UInt8})), '')),
      ('user_agent', toString(ua)),
      ('tls_fingerprint', toString(client_fp)),
      ('system_prompt', if(system_key = 0, '', toString(system_key))),
      ('tool_list', if(tools_key = 0, '', toString(tools_key))),
      ('prompt_opening', if(${long}, toString(opening_key), '')),
      ('prompt_line', if(${long} AND notEmpty(line_keys), toString(line_keys[1]), '')),
      ('prompt_simhash', if(${long}, toString(simhash), ''))
    ])`;
}

export async function collectCandidates(wh: Warehouse, c: CampaignWindow, policy: RedactionPolicy, asn: AsnTable): Promise<Candidate[]> {
  const params = { ...windowParams(c), accounts: c.accounts, p4: policy.ipv4_prefix, p6: policy.ipv6_prefix };
  // One pass: every value the campaign shows, with its reach inside and outside the campaign.
  const rows = await wh.query<{ kind: string; value: string; campaign_accounts: string; exchanges: string; first_seen: string; last_seen: string; outside_accounts: string }>(
    `SELECT tupleElement(t, 1) AS kind, tupleElement(t, 2) AS value,
            uniqExactIf(account_id, in_c) AS campaign_accounts, countIf(in_c) AS exchanges,
            toString(minIf(ts, in_c)) AS first_seen, toString(maxIf(ts, in_c)) AS last_seen,
            uniqExactIf(account_id, NOT in_c) AS outside_accounts
     FROM (SELECT account_id, ts, account_id IN {accounts:Array(String)} AS in_c, ${pairsSql()} AS pairs
           FROM ${FEATURES_TABLE} WHERE ${windowSql})
     ARRAY JOIN pairs AS t
     GROUP BY kind, value
     HAVING campaign_accounts > 0
     ORDER BY kind, exchanges DESC, value`,
    params,
  );
  const out: Candidate[] = rows.map((r) => ({
    kind: r.kind as IndicatorKind,
    value: r.value,
    campaign_accounts: Number(r.campaign_accounts),
    exchanges: Number(r.exchanges),
    first_seen: r.first_seen,
    last_seen: r.last_seen,
    outside_accounts: Number(r.outside_accounts),
  }));
  // A customer who signed up from a network counts as its user too, even if it sent nothing from it.
  const nets = out.filter((x) => x.kind === 'ipv4_network' || x.kind === 'ipv6_network');
  if (nets.length > 0) {
    const signups = await wh.query<{ ip: string }>(
      `SELECT DISTINCT assumeNotNull(signup_ip) AS ip FROM accounts
       WHERE signup_ip IS NOT NULL AND NOT account_id IN {accounts:Array(String)}`,
      { accounts: c.accounts },
    );
    const byNet = new Map(nets.map((n) => [n.value, n]));
    for (const { ip } of signups) {
      for (const n of byNet.values()) if (inCidr(ip, n.value)) n.outside_accounts += 1;
    }
  }
  out.push(...(await asnCandidates(wh, c, policy, asn)));
  return out;
}

/**
 * The campaign's autonomous systems. An AS is mapped from each /24 (an AS announces whole /24s at least), and
 * its outside accounts are summed over its /24s: an upper bound (an account on two of its networks counts
 * twice), which errs toward withholding.
 */
async function asnCandidates(wh: Warehouse, c: CampaignWindow, _policy: RedactionPolicy, asn: AsnTable): Promise<Candidate[]> {
  const rows = await wh.query<{ net: string; inside: string; exchanges: string; outside: string; first_seen: string; last_seen: string }>(
    `SELECT IPv4NumToString(toIPv4(bitAnd(toUInt32(toIPv4(ip)), 0xFFFFFF00))) AS net,
            uniqExactIf(account_id, in_c) AS inside, countIf(in_c) AS exchanges, uniqExactIf(account_id, NOT in_c) AS outside,
            toString(minIf(ts, in_c)) AS first_seen, toString(maxIf(ts, in_c)) AS last_seen
     FROM (SELECT account_id, ts, ip, account_id IN {accounts:Array(String)} AS in_c FROM ${FEATURES_TABLE} WHERE ${windowSql} AND isIPv4String(ip))
     GROUP BY net`,
    { ...windowParams(c), accounts: c.accounts },
  );
  const byAsn = new Map<number, Candidate & { _accounts: number }>();
  for (const r of rows) {
    const info = asn.lookup(r.net);
    if (!info) continue;
    let a = byAsn.get(info.asn);
    if (!a) {
      a = { kind: 'asn', value: String(info.asn), campaign_accounts: 0, exchanges: 0, first_seen: '', last_seen: '', outside_accounts: 0, org: info.org, country: info.country, _accounts: 0 };
      byAsn.set(info.asn, a);
    }
    a.outside_accounts += Number(r.outside);
    a._accounts += Number(r.inside);
    a.exchanges += Number(r.exchanges);
    if (Number(r.inside) > 0) {
      if (!a.first_seen || r.first_seen < a.first_seen) a.first_seen = r.first_seen;
      if (!a.last_seen || r.last_seen > a.last_seen) a.last_seen = r.last_seen;
    }
  }
  // Campaign accounts per AS exactly (not summed over its networks).
  const members = await wh.query<{ net: string; accounts: string[] }>(
    `SELECT IPv4NumToString(toIPv4(bitAnd(toUInt32(toIPv4(ip)), 0xFFFFFF00))) AS net, groupUniqArray(account_id) AS accounts
     FROM ${FEATURES_TABLE} WHERE ${windowSql} AND isIPv4String(ip) AND account_id IN {accounts:Array(String)} GROUP BY net`,
    { ...windowParams(c), accounts: c.accounts },
  );
  const sets = new Map<number, Set<string>>();
  for (const m of members) {
    const info = asn.lookup(m.net);
    if (!info) continue;
    const s = sets.get(info.asn) ?? new Set<string>();
    for (const a of m.accounts) s.add(a);
    sets.set(info.asn, s);
  }
  return [...byAsn.values()]
    .filter((a) => a.exchanges > 0)
    .map(({ _accounts, ...a }) => ({ ...a, campaign_accounts: sets.get(Number(a.value))?.size ?? 0 }))
    .sort((x, y) => y.exchanges - x.exchanges || Number(x.value) - Number(y.value));
}

/** The campaign's exchanges per day (for the brief and the volume property). */
export async function campaignDaily(wh: Warehouse, c: CampaignWindow): Promise<{ day: string; exchanges: number; accounts: number }[]> {
  const rows = await wh.query<{ day: string; exchanges: string; accounts: string }>(
    `SELECT toString(toDate(ts)) AS day, count() AS exchanges, uniqExact(account_id) AS accounts
     FROM ${FEATURES_TABLE} WHERE ${windowSql} AND account_id IN {accounts:Array(String)} GROUP BY day ORDER BY day`,
    { ...windowParams(c), accounts: c.accounts },
  );
  return rows.map((r) => ({ day: r.day, exchanges: Number(r.exchanges), accounts: Number(r.accounts) }));
}
