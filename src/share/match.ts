import { T, type HuntContext } from '../hunt/context.js';
import { riskOf, type AccountVerdict } from '../hunt/decide.js';
import { MIN_TEMPLATE_PROMPT_CHARS } from '../hunt/signals/template-sharing.js';
import { groupKeyFrom, hmacSql, hmacSqlParams, simhashMask, type GroupKey } from './keys.js';
import { KEYED_KINDS, type IndicatorKind } from './policy.js';

/**
 * Matching the hunt's window against peers' indicators (peer_indicators, from `share import`). Exact for
 * keyed fingerprints (the warehouse keys its own 64-bit text keys with the group's key, in the engine),
 * user agents and TLS fingerprints; by network for CIDRs and autonomous systems; by Hamming distance for
 * prompt-template SimHash signatures.
 *
 * Poisoning resistance. A match raises an account's score (the peer_indicator signal, in the coordination
 * family: it adds to the score, never makes a campaign) and puts it on the watch queue; it flags an account
 * alone only for a producer the operator trusts (hunt --peer-trust). An indicator that matches a large share
 * of this warehouse's traffic that looks established (accounts months older than their first request here:
 * real customers, not the fresh accounts campaigns run on), or a large share of all accounts, is muted and
 * reported, whoever sent it.
 */

export const PEER_TABLES = { ind: '_hunt_peer_ind', x: '_hunt_peer_x', hits: '_hunt_peer_hits', muted: '_hunt_peer_muted' } as const;

/** An indicator matching at least this many accounts is weighed for muting. */
export const MUTE_MIN_ACCOUNTS = 10;
/** ...and muted when at least this share of them are established accounts. */
export const MUTE_ESTABLISHED_SHARE = 0.5;
/** An account this many days older than its first request in the window is established. */
export const ESTABLISHED_AGE_DAYS = 30;
/** Muted whatever the accounts: an indicator matching more than this share of all accounts describes the population. */
export const MUTE_POPULATION_SHARE = 0.2;
/** Exchanges matching a peer's live indicators that put an account on the watch queue, or (trusted producer) flag it. */
export const PEER_MIN_EXCHANGES = 5;

/** Kinds that describe what the traffic says (not where it comes from): only they let a trusted producer flag. */
const CONTENT_KINDS: readonly IndicatorKind[] = ['system_prompt', 'tool_list', 'prompt_opening', 'prompt_line', 'prompt_simhash'];

async function tableExists(ctx: HuntContext, name: string): Promise<boolean> {
  const [r] = await ctx.wh.query<{ n: string }>(`SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = {name:String}`, { name });
  return Number(r?.n ?? 0) > 0;
}

/**
 * Builds `_hunt_peer_x` (per exchange of the window, the live indicators it matches), `_hunt_peer_hits` (per
 * account and indicator, matching exchanges) and `_hunt_peer_muted`. Empty when nothing was imported.
 */
export async function buildPeerMatches(ctx: HuntContext): Promise<void> {
  const { wh } = ctx;
  for (const t of Object.values(PEER_TABLES)) await wh.command(`DROP TABLE IF EXISTS ${t}`);
  await wh.command(`CREATE TABLE ${PEER_TABLES.ind} (uid UInt32, producer_id String, producer String, indicator_id String, kind String, value String, sig UInt64, max_distance UInt8, key_id String) ENGINE = MergeTree ORDER BY uid`);
  await wh.command(`CREATE TABLE ${PEER_TABLES.x} (account_id String, xid UInt64, uids Array(UInt32)) ENGINE = MergeTree ORDER BY account_id`);
  await wh.command(`CREATE TABLE ${PEER_TABLES.hits} (account_id String, uid UInt32, exchanges UInt64) ENGINE = MergeTree ORDER BY (account_id, uid)`);
  await wh.command(`CREATE TABLE ${PEER_TABLES.muted} (uid UInt32, accounts UInt64, established UInt64, reason String) ENGINE = MergeTree ORDER BY uid`);
  if (!(await tableExists(ctx, 'peer_indicators'))) return;
  // Live indicators: valid at the window's end (an expired one matches nothing).
  const indicators = await wh.query<{ producer_id: string; producer: string; indicator_id: string; kind: string; value: string; max_distance: number; key_id: string }>(
    `SELECT producer_id, producer, indicator_id, kind, value, max_distance, key_id FROM peer_indicators FINAL
     WHERE valid_from <= parseDateTime64BestEffort({until:String}, 3, 'UTC')
       AND (valid_until IS NULL OR valid_until >= parseDateTime64BestEffort({since:String}, 3, 'UTC'))
     ORDER BY producer_id, indicator_id, kind, value`,
    ctx.params,
  );
  if (indicators.length === 0) return;
  const keys = new Map<string, GroupKey>();
  for (const k of await wh.query<{ key_id: string; key_hex: string }>(`SELECT key_id, any(key_hex) AS key_hex FROM peer_keys GROUP BY key_id`)) {
    const key = groupKeyFrom(k.key_hex, 'peer_keys');
    if (key.id === k.key_id) keys.set(k.key_id, key);
  }
  const rows = indicators.map((r, uid) => {
    // A SimHash signature is unmasked with its group's key here, so the engine compares raw sketches.
    const key = keys.get(r.key_id);
    const sig = r.kind === 'prompt_simhash' && key ? (BigInt('0x' + r.value) ^ simhashMask(key)).toString() : '0';
    return { uid, ...r, sig, max_distance: r.max_distance };
  });
  await wh.insertRows(PEER_TABLES.ind, rows);
  ctx.log(`peer indicators: ${rows.length} live, from ${new Set(rows.map((r) => r.producer_id)).size} producer(s)`);

  // One lookup per exchange property: value -> the indicators it matches.
  const lookups: { name: string; column: string; type: string; sql: string; params?: Record<string, unknown>; onlyLong?: boolean }[] = [
    {
      name: 'ip',
      column: 'ip',
      type: 'String',
      sql: `SELECT d.ip AS v, groupArray(i.uid) AS uids
            FROM (SELECT DISTINCT ip, asn FROM ${T.x}) AS d
            CROSS JOIN (SELECT uid, kind, value FROM ${PEER_TABLES.ind} WHERE kind IN ('ipv4_network', 'ipv6_network', 'asn')) AS i
            WHERE if(i.kind = 'asn', toString(d.asn) = i.value, isIPAddressInRange(d.ip, i.value))
            GROUP BY d.ip`,
    },
    { name: 'ua', column: 'ua', type: 'String', sql: exactSql('ua', 'user_agent') },
    { name: 'fp', column: 'client_fp', type: 'String', sql: exactSql('client_fp', 'tls_fingerprint') },
  ];
  const keyed: [IndicatorKind, string, string][] = [
    ['system_prompt', 'system_key', 'system_key'],
    ['tool_list', 'tools_key', 'tools_key'],
    ['prompt_opening', 'opening_key', 'opening_key'],
    ['prompt_line', 'line_keys[1]', 'line_key'],
  ];
  for (const [kind, expr, name] of keyed) {
    const parts = [...keys.values()].map((key, i) => {
      const p = `k${i}`;
      return {
        sql: `SELECT d.v AS v, i.uid AS uid
              FROM (SELECT DISTINCT ${expr} AS v FROM ${T.x} WHERE ${expr} != 0${kind.startsWith('prompt_') ? ` AND prompt_len >= ${MIN_TEMPLATE_PROMPT_CHARS}` : ''}) AS d
              INNER JOIN (SELECT uid, value FROM ${PEER_TABLES.ind} WHERE kind = '${kind}' AND key_id = '${key.id}') AS i
              ON ${hmacSql(`concat('${kind}:', toString(d.v))`, p)} = i.value`,
        params: hmacSqlParams(key, p),
      };
    });
    if (parts.length === 0) continue;
    lookups.push({
      name,
      column: expr,
      type: 'UInt64',
      sql: `SELECT v, groupArray(uid) AS uids FROM (${parts.map((x) => x.sql).join(' UNION ALL ')}) GROUP BY v`,
      params: Object.assign({}, ...parts.map((x) => x.params)),
      onlyLong: kind.startsWith('prompt_'),
    });
  }
  lookups.push({
    name: 'sim',
    column: 'simhash',
    type: 'UInt64',
    sql: `SELECT d.v AS v, groupArray(i.uid) AS uids
          FROM (SELECT DISTINCT simhash AS v FROM ${T.x} WHERE prompt_len >= ${MIN_TEMPLATE_PROMPT_CHARS}) AS d
          CROSS JOIN (SELECT uid, sig, max_distance FROM ${PEER_TABLES.ind} WHERE kind = 'prompt_simhash' AND sig != 0) AS i
          WHERE bitCount(bitXor(d.v, i.sig)) <= i.max_distance
          GROUP BY d.v`,
    onlyLong: true,
  });
  for (const l of lookups) {
    await wh.command(`DROP TABLE IF EXISTS _hunt_peer_l_${l.name}`);
    await wh.command(`CREATE TABLE _hunt_peer_l_${l.name} (v ${l.type}, uids Array(UInt32)) ENGINE = MergeTree ORDER BY v AS ${l.sql}`, { ...ctx.params, ...l.params });
  }
  const joins = lookups.map((l) => `LEFT JOIN _hunt_peer_l_${l.name} AS l_${l.name} ON l_${l.name}.v = x.${l.column}`);
  const arrays = lookups.map((l) => (l.onlyLong ? `if(x.prompt_len >= ${MIN_TEMPLATE_PROMPT_CHARS}, l_${l.name}.uids, [])` : `l_${l.name}.uids`));
  await wh.command(
    `INSERT INTO ${PEER_TABLES.x}
     SELECT x.account_id, rowNumberInAllBlocks() AS xid, arrayDistinct(arrayConcat(${arrays.join(', ')})) AS uids
     FROM ${T.x} AS x ${joins.join(' ')}`,
  );
  for (const l of lookups) await wh.command(`DROP TABLE IF EXISTS _hunt_peer_l_${l.name}`);
  await wh.command(
    `INSERT INTO ${PEER_TABLES.hits} SELECT account_id, uid, count() FROM ${PEER_TABLES.x} ARRAY JOIN uids AS uid GROUP BY account_id, uid`,
  );
  // Muting: an indicator that matches mostly established accounts, or a large share of all of them.
  await wh.command(
    `INSERT INTO ${PEER_TABLES.muted}
     SELECT h.uid, count() AS accounts, countIf(ifNull(a.age_at_first_days, 0) >= {old:Float64}) AS established,
            if(accounts > {pop_share:Float64} * (SELECT count() FROM ${T.acct}),
               concat('matches ', toString(accounts), ' accounts, over ', toString(round(100 * {pop_share:Float64})), '% of all accounts'),
               concat('matches ', toString(accounts), ' accounts, ', toString(established), ' of them established customers')) AS reason
     FROM ${PEER_TABLES.hits} AS h LEFT JOIN ${T.acct} AS a ON a.account_id = h.account_id
     GROUP BY h.uid
     HAVING accounts > {pop_share:Float64} * (SELECT count() FROM ${T.acct})
         OR (accounts >= {min_accounts:UInt32} AND established >= {est_share:Float64} * accounts)`,
    { old: ESTABLISHED_AGE_DAYS, pop_share: MUTE_POPULATION_SHARE, min_accounts: MUTE_MIN_ACCOUNTS, est_share: MUTE_ESTABLISHED_SHARE },
  );
}

function exactSql(column: string, kind: IndicatorKind): string {
  return `SELECT d.v AS v, groupArray(i.uid) AS uids
          FROM (SELECT DISTINCT toString(${column}) AS v FROM ${T.x} WHERE ${column} != '') AS d
          INNER JOIN (SELECT uid, value FROM ${PEER_TABLES.ind} WHERE kind = '${kind}') AS i ON i.value = d.v
          GROUP BY d.v`;
}

/** SQL for the peer_indicator signal: per account, exchanges matching a live, unmuted indicator, of all its exchanges. */
export const PEER_SIGNAL_SQL = `
    SELECT account_id, countIf(arrayExists(u -> u NOT IN (SELECT uid FROM ${PEER_TABLES.muted}), uids)) AS k, count() AS n
    FROM ${PEER_TABLES.x} GROUP BY account_id`;

/** What one account's traffic matched, per producer. */
export interface PeerMatch {
  producer: string;
  producer_id: string;
  trusted: boolean;
  exchanges: number;
  /** Of them, exchanges matching what the traffic says (system prompt, tools, templates), and anything but an AS. */
  content_exchanges: number;
  specific_exchanges: number;
  /** Distinct content indicators matched (one generic instruction line is not an operation's set of templates). */
  content_indicators: number;
  /** The account's exchanges in the window. */
  account_exchanges: number;
  kinds: string[];
  indicators: number;
  campaigns: string[];
}

export interface PeerSummary {
  producers: { producer: string; producer_id: string; trusted: boolean; indicators: number; accounts_matched: number; accounts_flagged: number }[];
  muted: { producer: string; indicator_id: string; kind: string; value: string; accounts: number; established: number; reason: string }[];
}

/**
 * What a trusted producer's matches must reach to flag an account: PEER_MIN_EXCHANGES requests (and
 * PEER_MIN_CONTENT_SHARE of its requests) matching what the operation sends (its system prompt, tools,
 * templates), through at least PEER_MIN_CONTENT_INDICATORS of them (an evaluation lab can send one instruction line a campaign also used; an operation sends its set).
 * Networks and clients alone never flag: a proxy exit or a cloud is shared with customers at any peer.
 */
export const PEER_MIN_CONTENT_INDICATORS = 2;
/**
 * ...and on at least this share of the account's requests: an operation's accounts send its templates all day;
 * an evaluation harness or a pipeline that shares a few instruction lines with it sends mostly its own.
 */
export const PEER_MIN_CONTENT_SHARE = 0.2;
export const peerCanFlag = (m: Pick<PeerMatch, 'content_exchanges' | 'content_indicators' | 'account_exchanges'>) =>
  m.content_exchanges >= PEER_MIN_EXCHANGES &&
  m.content_indicators >= PEER_MIN_CONTENT_INDICATORS &&
  m.content_exchanges >= PEER_MIN_CONTENT_SHARE * m.account_exchanges;
/** ...and to put an account on the watch queue: as many requests matching anything more specific than an AS. */
export const peerCanWatch = (m: Pick<PeerMatch, 'specific_exchanges'>) => m.specific_exchanges >= PEER_MIN_EXCHANGES;

/** Which producers the operator lets flag an account on their indicators alone (names or identity ids). */
export type PeerTrust = readonly string[];

/**
 * After the decision: names the peer in the reasons of every account its live indicators match, puts an
 * unflagged account with enough matches on the watch queue, and flags it (tier `account`) only when the
 * producer is trusted. Returns what matched and what was muted, for the findings.
 */
export async function applyPeerMatches(ctx: HuntContext, accounts: AccountVerdict[], trust: PeerTrust): Promise<PeerSummary | undefined> {
  const [any] = await ctx.wh.query<{ n: string }>(`SELECT count() AS n FROM ${PEER_TABLES.ind}`);
  if (Number(any?.n ?? 0) === 0) return undefined;
  const muted = await ctx.wh.query<PeerSummary['muted'][number]>(
    `SELECT i.producer AS producer, i.indicator_id AS indicator_id, i.kind AS kind, i.value AS value, m.accounts AS accounts, m.established AS established, m.reason AS reason
     FROM ${PEER_TABLES.muted} AS m INNER JOIN ${PEER_TABLES.ind} AS i ON i.uid = m.uid ORDER BY producer, kind, value`,
  );
  const rows = await ctx.wh.query<{ account_id: string; producer: string; producer_id: string; exchanges: string; content_exchanges: string; specific_exchanges: string; content_indicators: string; kinds: string[]; indicators: string; campaigns: string[] }>(
    `WITH live AS (SELECT uid FROM ${PEER_TABLES.ind} WHERE uid NOT IN (SELECT uid FROM ${PEER_TABLES.muted}))
     SELECT x.account_id AS account_id, i.producer AS producer, i.producer_id AS producer_id,
            uniqExact(x.xid) AS exchanges, uniqExactIf(x.xid, i.kind IN {content:Array(String)}) AS content_exchanges,
            uniqExactIf(x.xid, i.kind != 'asn') AS specific_exchanges, uniqExactIf(i.indicator_id, i.kind IN {content:Array(String)}) AS content_indicators, arraySort(groupUniqArray(i.kind)) AS kinds, uniqExact(i.indicator_id) AS indicators,
            arraySort(groupUniqArray(p.campaign_name)) AS campaigns
     FROM (SELECT account_id, xid, arrayJoin(arrayFilter(u -> u IN live, uids)) AS uid FROM ${PEER_TABLES.x}) AS x
     INNER JOIN ${PEER_TABLES.ind} AS i ON i.uid = x.uid
     LEFT JOIN (SELECT DISTINCT indicator_id, campaign_name FROM peer_indicators FINAL) AS p ON p.indicator_id = i.indicator_id
     GROUP BY account_id, producer, producer_id
     ORDER BY account_id, producer`,
    { content: [...CONTENT_KINDS] },
  );
  const totals = new Map(
    (await ctx.wh.queryArrays<[string, string]>(`SELECT account_id, count() FROM ${PEER_TABLES.x} WHERE account_id IN (SELECT account_id FROM ${PEER_TABLES.hits}) GROUP BY account_id`)).map(
      ([a, k]) => [a, Number(k)],
    ),
  );
  const trusted = (name: string, id: string) => trust.includes(name) || trust.includes(id);
  const byAccount = new Map<string, PeerMatch[]>();
  for (const r of rows) {
    const list = byAccount.get(r.account_id) ?? [];
    list.push({ producer: r.producer, producer_id: r.producer_id, trusted: trusted(r.producer, r.producer_id), exchanges: Number(r.exchanges), content_exchanges: Number(r.content_exchanges), specific_exchanges: Number(r.specific_exchanges), content_indicators: Number(r.content_indicators), account_exchanges: totals.get(r.account_id) ?? 0, kinds: r.kinds, indicators: Number(r.indicators), campaigns: r.campaigns.filter(Boolean) });
    byAccount.set(r.account_id, list);
  }
  const flaggedBy = new Map<string, number>();
  const matchedBy = new Map<string, number>();
  for (const a of accounts) {
    const matches = byAccount.get(a.account_id);
    if (!matches) continue;
    a.peer = matches;
    const names = matches.map((m) => `peer:${m.producer}`);
    for (const m of matches) matchedBy.set(m.producer_id, (matchedBy.get(m.producer_id) ?? 0) + 1);
    const flagging = matches.filter((m) => m.trusted && peerCanFlag(m));
    if (!a.flagged && flagging.length > 0) {
      a.tier = 'account';
      a.flagged = true;
      a.reasons = [...new Set(['peer_indicator', ...flagging.map((m) => `peer:${m.producer}`), ...names, ...a.reasons])];
      a.risk = riskOf('account', Math.max(0.5, a.own.confidence));
      for (const m of flagging) flaggedBy.set(m.producer_id, (flaggedBy.get(m.producer_id) ?? 0) + 1);
      continue;
    }
    // Untrusted, or not enough: the peer is named and the account watched, never acted on for it.
    if (a.tier === null && matches.some(peerCanWatch)) {
      a.tier = 'watch';
      a.risk = riskOf('watch', a.own.confidence);
    }
    a.reasons = [...new Set([...a.reasons, ...names])];
  }
  const producers = await ctx.wh.query<{ producer: string; producer_id: string; indicators: string }>(
    `SELECT producer, producer_id, uniqExact(indicator_id) AS indicators FROM ${PEER_TABLES.ind} GROUP BY producer, producer_id ORDER BY producer`,
  );
  if (muted.length > 0) ctx.log(`peer indicators muted: ${muted.map((m) => `${m.producer} ${m.kind} (${m.reason})`).join('; ')}`);
  return {
    producers: producers.map((p) => ({
      producer: p.producer,
      producer_id: p.producer_id,
      trusted: trusted(p.producer, p.producer_id),
      indicators: Number(p.indicators),
      accounts_matched: matchedBy.get(p.producer_id) ?? 0,
      accounts_flagged: flaggedBy.get(p.producer_id) ?? 0,
    })),
    muted: muted.map((m) => ({ ...m, accounts: Number(m.accounts), established: Number(m.established) })),
  };
}

export { KEYED_KINDS };
