import { T, type HuntContext } from './context.js';
import { ALONE_Z, confidence, REASON_BITS, RobustBar, topReasons } from './decide.js';
import type { Population, SignalHit } from './population.js';
import { combinedBits } from './population.js';
import type { Signal } from './signal.js';
import { MAX_OUTSIDERS, SCAFFOLD_KEYS } from './sweep.js';

/**
 * A harvest hidden in resellers' relays: each relay carries it as a few percent of its traffic among its real
 * customers', so every relay, judged whole, behaves like its customers. What gives it away is the stream of
 * the harvest's own requests, pooled over the relays it goes through: they are wrapped in the same scaffolding
 * (an instruction line, an opening, a system prompt), thousands of different requests, and, measured request
 * by request, they ask for what a harvest asks for (reasoning written out, the maximum output, one turn,
 * several samples of each answer).
 *
 * A scaffolding key is judged as a stream when it has the shape of one end customer reaching the API through
 * several relays: every holder is busy around the clock (RELAY_HOUR_BITS, RELAY_MIN_REQUESTS), the key is at
 * most MAX_STREAM_SHARE_OF_HOLDER of its traffic and, apart from it, none of its scaffoldings is more than
 * MAX_OTHER_SHARE (a relay's customers are many; an enterprise pipeline's or a synthetic-data team's own
 * templates are a large part of its traffic), at least MIN_HOLDERS such accounts carry it, its requests are of
 * different shapes, and almost no one else writes it (a popular product's system prompt, sent through relays
 * by some of its users, is sent directly by many more). A key of a linked group's own accounts (a campaign's
 * templates, a class's course prompt, a lab's evaluation template) is most of their traffic and is judged with
 * them, not here.
 *
 * The stream is scored on the signals that measure requests one by one (`perRequest`: shares of requests with
 * a property, which any subset of an account's requests has too; the turn of a conversation, for a stream picked by
 * its prompts' opening or first line, only beside another of them that is a reason: see Signal.turnOfConversation),
 * placed among the population's accounts, and
 * must clear the ALONE_Z robust bar of the population's accounts and the other customer streams inside busy
 * accounts on the same signals, this stream left out: the bar an account's behaviour must clear to stand
 * alone, because a stream, like such an account, comes with no provenance evidence (its holders are
 * established resellers). The same calibration, on the only evidence a stream can carry: its timing and volume
 * are its relays'.
 */

/** The key is at most this share of each holder's requests: a stream inside the account's traffic, not its own. */
export const MAX_STREAM_SHARE_OF_HOLDER = 0.5;
/**
 * A holder serves many customers around the clock: 4 of the log2(24) = 4.58 bits of hour-of-day entropy (the
 * reseller_relay look-alike's hours; people keep hours), measured on at least RELAY_MIN_REQUESTS requests (fewer
 * cannot show it: n requests carry at most log2(n) bits).
 */
export const RELAY_MIN_REQUESTS = 100;
export const RELAY_HOUR_BITS = 4;
/** A holder carries at least this many of the stream's requests; the stream at least MIN_STREAM_REQUESTS. */
const MIN_HOLDER_REQUESTS = 2;
const MIN_STREAM_REQUESTS = 100;
/** The reference: every customer stream inside a relay with at least this many requests. */
const MIN_REFERENCE_REQUESTS = 30;
/**
 * A relay's customers are many: apart from the stream judged, none of its scaffoldings is more than this share
 * of its traffic. (Relays measured at 1-3%; an enterprise pipeline's or a synthetic-data team's own templates are
 * a quarter of its traffic and more.)
 */
export const MAX_OTHER_SHARE = 0.1;
/** Scaffolding, not one repeated request: at least this share of its requests are of different shapes. */
const MIN_VARIANT_SHARE = 0.5;
/** Streams held by at least this many accounts (one relay's customer is one of its many). */
const MIN_HOLDERS = 2;
/**
 * ...and sent mostly through relays: at most one account sending it directly (an outsider: not a holder) for
 * every this many relays carrying it, and never more than MAX_OUTSIDERS when there are few holders. A product's
 * system prompt or a public template is sent directly by at least as many accounts as the relays forwarding it
 * (its users are customers of their own); a harvest routed through dozens of relays can share public scaffolding
 * with a few customers who write it directly and still be one end customer's stream. (The sweep's fingerprints
 * are stricter, MAX_OUTSIDER_SHARE: there a key pulls accounts into a campaign; here it only picks the requests
 * judged, and the stream must still clear the ALONE_Z bar on its own requests.)
 */
export const RELAYS_PER_DIRECT_SENDER = 4;

export interface StreamHolder {
  account_id: string;
  /** Requests of the holder carrying the key, and the holder's requests in the window. */
  requests: number;
  exchanges: number;
}

export interface SharedStream {
  /** The scaffolding key (`opening`, `line` or `system_prompt` and its hash). */
  key: string;
  holders: StreamHolder[];
  requests: number;
  variants: number;
  hits: SignalHit[];
  /** Behaviour of the stream's requests, bits, and the bar (the population's, on the same signals). */
  bits: number;
  bar: number;
  confidence: number;
  reasons: string[];
}

const STREAM_KEYS = '_hunt_stream_keys';
const STREAM_ACCT = '_hunt_stream_acct';
const STREAM_TAKEN = '_hunt_stream_taken';
const STREAM_PER_KEY = '_hunt_stream_per_key';

/** The streams of shared scaffolding that clear the bar, most holders first. */
export async function sharedStreams(
  ctx: HuntContext,
  signals: Signal[],
  population: Population,
  hitsByAccount: Map<string, SignalHit[]>,
  /** Accounts already in a campaign: neither holders nor reference (a campaign's own accounts can be busy too). */
  taken: string[] = [],
): Promise<SharedStream[]> {
  const perRequest = signals.filter((s) => s.perRequest && s.kind === 'share');
  if (perRequest.length === 0) return [];
  const { wh } = ctx;
  await wh.command(`DROP TABLE IF EXISTS ${STREAM_TAKEN}`);
  await wh.command(`CREATE TABLE ${STREAM_TAKEN} (account_id String) ENGINE = MergeTree ORDER BY account_id`);
  await wh.insertRows(STREAM_TAKEN, taken.map((account_id) => ({ account_id })));
  // Each busy account's requests per scaffolding key, once (read twice below).
  await wh.command(`DROP TABLE IF EXISTS ${STREAM_PER_KEY}`);
  await wh.command(
    `CREATE TABLE ${STREAM_PER_KEY} ENGINE = MergeTree ORDER BY acct AS
     WITH busy AS (
       SELECT acct FROM ${T.acct}
       WHERE exchanges >= {relay_requests:UInt32} AND ifNull(hour_entropy, 0) >= {relay_hours:Float64}
         AND account_id NOT IN (SELECT account_id FROM ${STREAM_TAKEN})
     )
     SELECT key_no, key, x.acct AS acct, count() AS requests, uniqExactState(x.prompt_shape) AS shapes
     -- (the busy accounts' rows first: the keys of theirs only are taken apart)
     FROM (SELECT acct, opening_key, line_keys, system_key, prompt_shape FROM ${T.x} PREWHERE acct IN (SELECT acct FROM busy)) AS x
     ARRAY JOIN [${SCAFFOLD_KEYS.join(', ')}] AS key, [1, 2, 3] AS key_no
     WHERE key != 0
     GROUP BY key_no, key, acct`,
    { relay_requests: RELAY_MIN_REQUESTS, relay_hours: RELAY_HOUR_BITS },
  );
  await wh.command(`DROP TABLE IF EXISTS ${STREAM_KEYS}`);
  await wh.command(
    // Every scaffolding stream inside relays: the shared ones are judged, all of them are the reference.
    `CREATE TABLE ${STREAM_KEYS} ENGINE = MergeTree ORDER BY (key_no, key) AS
     WITH
     spread AS (
       -- Each busy account's two largest scaffoldings: a relay's customers are many, none most of its traffic.
       SELECT acct, groupArraySorted(2)((-toInt64(requests), key_no, key)) AS top FROM ${STREAM_PER_KEY} GROUP BY acct
     ),
     holders AS (
       SELECT p.key_no AS key_no, p.key AS key, b.account_id AS account_id, p.requests AS requests, p.shapes AS shapes, b.exchanges AS exchanges
       FROM ${STREAM_PER_KEY} AS p
       INNER JOIN ${T.acct} AS b ON b.acct = p.acct
       INNER JOIN spread AS s ON s.acct = p.acct
       WHERE p.requests >= {min_holder:UInt32} AND p.requests <= {max_share:Float64} * b.exchanges
         -- apart from this stream, no scaffolding is more than MAX_OTHER_SHARE of the account's traffic
         AND -tupleElement(if((tupleElement(s.top[1], 2), tupleElement(s.top[1], 3)) = (p.key_no, p.key), s.top[2], s.top[1]), 1)
             <= {max_other:Float64} * b.exchanges
     )
     SELECT key_no, key, count() AS holders, sum(h.requests) AS requests, uniqExactMerge(h.shapes) AS variants,
            groupArray((h.account_id, h.requests, h.exchanges)) AS members
     FROM holders AS h
     GROUP BY key_no, key
     HAVING requests >= {min_reference:UInt32} AND variants >= {variant_share:Float64} * requests`,
    {
      min_holder: MIN_HOLDER_REQUESTS,
      max_share: MAX_STREAM_SHARE_OF_HOLDER,
      max_other: MAX_OTHER_SHARE,
      min_reference: MIN_REFERENCE_REQUESTS,
      variant_share: MIN_VARIANT_SHARE,
    },
  );
  const [row] = await wh.query<{ n: string }>(`SELECT count() AS n FROM ${STREAM_KEYS}`);
  ctx.log(`streams: ${row?.n ?? 0} scaffolding streams inside busy accounts (the shared ones are judged, all are the reference)`);
  if (Number(row?.n ?? 0) === 0) return [];

  // Each stream measured as if it were an account, on the per-request shares the signals read.
  await wh.command(`DROP TABLE IF EXISTS ${STREAM_ACCT}`);
  await wh.command(
    `CREATE TABLE ${STREAM_ACCT} ENGINE = MergeTree ORDER BY account_id AS
     SELECT concat(toString(key_no), ':', toString(key)) AS account_id, ${REQUEST_SHARES_SQL}
     FROM ${T.x} AS x
     ARRAY JOIN [${SCAFFOLD_KEYS.join(', ')}] AS key, [1, 2, 3] AS key_no
     -- (each stream's requests from its holders only; their accounts first, a cheap test that rules out most rows)
     WHERE x.account_id IN (SELECT tupleElement(m, 1) FROM ${STREAM_KEYS} ARRAY JOIN members AS m)
       AND (key_no, key, x.account_id) IN (SELECT key_no, key, tupleElement(m, 1) FROM ${STREAM_KEYS} ARRAY JOIN members AS m)
     GROUP BY key_no, key`,
    ctx.params,
  );
  const accountTable = new RegExp(`\\b${T.acct}\\b`, 'g');
  const values = new Map<string, { signal: Signal; k: number; n: number }[]>();
  for (const s of perRequest) {
    const sql = s.sql(ctx).replace(accountTable, STREAM_ACCT);
    const rows = await wh.query<{ account_id: string; k: number; n: number }>(
      `SELECT account_id, toFloat64(k) AS k, toFloat64(n) AS n FROM (${sql}) WHERE n >= ${s.minSupport}`,
      ctx.params,
    );
    for (const r of rows) {
      const list = values.get(r.account_id) ?? [];
      list.push({ signal: s, k: Number(r.k), n: Number(r.n) });
      values.set(r.account_id, list);
    }
  }

  // The population's accounts on the same signals (the bar a linked group's typical member clears).
  const ids = new Set(perRequest.map((s) => s.id));
  const accountScores: number[] = [];
  for (const hits of hitsByAccount.values()) accountScores.push(combinedBits(hits.filter((h) => ids.has(h.signal))));

  const keys = await wh.query<{ id: string; key_no: number; key: string; requests: number; variants: number; holders: number; members: [string, number, number][] }>(
    `SELECT concat(toString(key_no), ':', toString(key)) AS id, key_no, toString(key) AS key, requests, variants, holders, members FROM ${STREAM_KEYS} ORDER BY id`,
  );
  const KIND = ['', 'opening', 'line', 'system_prompt'];
  // A stream of an opening or a first line is mostly conversations' first requests by the way it was picked,
  // whoever sends it: on its own, its turn says only that it is a template. It counts beside what the requests ask
  // for (another of its signals a reason, REASON_BITS: reasoning written out, the maximum output, samples), where
  // answers taken and never followed up are the harvest's way. Relays' customers' templates, single-turn like any
  // templated requests, cleared the bar on the turn alone: six relays of random world 161234986, seed 11's matrix,
  // taken whole. (Measured against the other streams picked the same way instead, a harvest of many templates, most
  // of a world's streams, set their median itself and went unseen: 1300419696, 720476005.)
  const turn = new Set(perRequest.filter((s) => s.turnOfConversation).map((s) => s.id));
  const scored = keys.map((k) => {
    const picked = Number(k.key_no) === 1 || Number(k.key_no) === 2;
    const measured: SignalHit[] = (values.get(k.id) ?? []).map(({ signal, k: hitsK, n }) => {
      const raw = hitsK / n;
      const { count, scored } = population.atLeast(signal.id, raw);
      // (Placed among the accounts as an account with this share would be: at least as extreme as itself.)
      const p = scored > 0 ? Math.max(1, count) / (scored + 1) : 1;
      return { signal: signal.id, group: signal.group, value: raw, ranked: raw, support: n, p, bits: -Math.log2(p) };
    });
    const asksForMore = measured.some((h) => !turn.has(h.signal) && h.bits >= REASON_BITS);
    const hits = picked && !asksForMore ? measured.filter((h) => !turn.has(h.signal)) : measured;
    return { k, hits, bits: combinedBits(hits) };
  });
  // Who else writes each shared stream's scaffolding: a harvest's is written inside relays only; a popular
  // product's system prompt, sent through relays by some of its users, is sent directly by many more. The
  // accounts of a campaign found already do not count: scaffolding shared by an operation and a few relays is
  // not a product's (a self-instruct harvest in 9 relays wrapped its requests in the public self-instruct
  // prompts a 98-account campaign sent too, random world 1997132460).
  const users = new Map(
    (
      await wh.query<{ id: string; users: number }>(
        `SELECT concat(toString(key_no), ':', toString(key)) AS id, uniqExact(x.acct) AS users
         FROM ${T.x} AS x
         ARRAY JOIN [${SCAFFOLD_KEYS.join(', ')}] AS key, [1, 2, 3] AS key_no
         WHERE key != 0 AND (key_no, key) IN (SELECT key_no, key FROM ${STREAM_KEYS} WHERE holders >= {min_holders:UInt32})
           AND x.account_id NOT IN (SELECT account_id FROM ${STREAM_TAKEN})
         GROUP BY key_no, key`,
        { min_holders: MIN_HOLDERS },
      )
    ).map((r) => [r.id, Number(r.users)]),
  );
  // One reference population: the accounts and the customer streams inside busy accounts, each a unit of
  // traffic judged on the same per-request signals (streams are few next to accounts: a bar of the streams alone
  // would rest on a handful of values).
  const reference = new RobustBar([...accountScores, ...scored.map((s) => s.bits)]);
  const out: SharedStream[] = [];
  for (const { k, hits, bits } of scored) {
    if (Number(k.holders) < MIN_HOLDERS || Number(k.requests) < MIN_STREAM_REQUESTS) continue;
    const outsiders = (users.get(k.id) ?? 0) - Number(k.holders);
    if (outsiders > Math.max(MAX_OUTSIDERS, Number(k.holders) / RELAYS_PER_DIRECT_SENDER)) {
      ctx.log(`stream ${KIND[Number(k.key_no)]}:${k.key}: ${k.members.length} holders, ${bits.toFixed(1)} bits, written by ${outsiders} other accounts too: not judged`);
      continue;
    }
    const bar = reference.without([bits], ALONE_Z);
    ctx.log(`stream ${KIND[Number(k.key_no)]}:${k.key}: ${k.members.length} holders, ${k.requests} requests, ${bits.toFixed(1)} bits (bar ${bar.toFixed(1)} over ${accountScores.length} accounts and ${scored.length - 1} other streams)`);
    if (!(bits >= bar)) continue;
    out.push({
      key: `${KIND[Number(k.key_no)]}:${k.key}`,
      holders: k.members.map(([account_id, requests, exchanges]) => ({ account_id, requests: Number(requests), exchanges: Number(exchanges) })).sort((a, b) => a.account_id.localeCompare(b.account_id)),
      requests: Number(k.requests),
      variants: Number(k.variants),
      hits,
      bits,
      bar,
      confidence: confidence(bits, bar),
      reasons: ['shared_stream', ...topReasons(hits)],
    });
  }
  return out.sort((a, b) => b.holders.length - a.holders.length || b.bits - a.bits || a.key.localeCompare(b.key));
}

/**
 * SQL: the per-request shares a stream is measured on, the columns of `_hunt_acct` the `perRequest` signals
 * read, computed over the rows in scope (features.ts computes them per account from the rollups, to the same values).
 */
export const REQUEST_SHARES_SQL = `
  count() AS exchanges,
  countIf(x.max_tokens >= 0.9 * {max_output:UInt32}) / count() AS max_output_share,
  countIf(x.reasoning_budget >= 0.9 * {max_reasoning:UInt32}) / count() AS max_reasoning_share,
  countIf(x.cot = 1) / count() AS cot_share,
  countIf(x.rubric = 1) / count() AS rubric_share,
  countIf(x.synthesis = 1) / count() AS synthesis_share,
  -- repeated sampling: requests asking for several completions of one prompt (n >= 2)
  countIf(x.n >= 2) / count() AS multi_n_share,
  countIf(x.turn = 1) / count() AS first_turn_share`;

/**
 * Records the stream campaigns' keys with the sweep's fingerprints (`_hunt_campaign_keys`), so the report
 * counts only a relay's requests that carry the harvest, not its customers'.
 */
export async function recordStreamKeys(ctx: HuntContext, campaigns: { campaign_id: string; basis: string; key?: string }[]): Promise<void> {
  const rows = campaigns
    .filter((c) => c.basis === 'shared_stream' && c.key)
    .map((c) => ({ key: c.key!.slice(c.key!.indexOf(':') + 1), campaign_id: c.campaign_id }));
  if (rows.length === 0) return;
  await ctx.wh.command(`CREATE TABLE IF NOT EXISTS _hunt_campaign_keys (key UInt64, campaign_id String) ENGINE = MergeTree ORDER BY key`);
  await ctx.wh.insertRows('_hunt_campaign_keys', rows);
}
