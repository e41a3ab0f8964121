import { acctSql, T, type HuntContext } from './context.js';
import { findCrowdedStarts, ONSET_BUCKET_MS, ONSET_QUIET_MS } from './synchrony.js';
import { FEATURES_TABLE, SYSTEM_PROMPTS_TABLE } from '../ingest/features.js';
import { requireBackfilled } from '../warehouse/backfill.js';
import { ACCOUNT_DAYS_COLUMNS, ACCOUNT_DAYS_TABLE, accountDaysSelect, sumTalliesSql, tallyCountsSql, tallyValuesSql } from '../ingest/rollups.js';

/**
 * The two tables every signal reads. `_hunt_x` is the window's exchanges as the features computed at ingest
 * (hashes, flags, numbers: ingest/features.ts) with this hunt's settings applied; `_hunt_acct` aggregates it
 * per account and joins the account record (as known at `until`).
 */
export async function buildExchangeFeatures(ctx: HuntContext): Promise<void> {
  const { wh } = ctx;
  await requireBackfilled(wh);
  await wh.command(`DROP TABLE IF EXISTS ${T.x}`);
  await wh.command(
    // Unsorted: sorting it cost a sixth of this pass, and every reader scans and groups it (nothing reads a
    // range of it by key). Nothing computed from it depends on the order its rows are read in.
    // Read from the features computed at ingest (never from the text): only what depends on this hunt's
    // settings (the maximum output and reasoning levels, whose IP ranges are whose) is added here.
    `CREATE TABLE ${T.x} ENGINE = MergeTree ORDER BY tuple() AS
     SELECT
       f.account_id AS account_id,
       -- the account's hash (acctSql): grouping and joining on it is cheaper than on the id string
       ${acctSql('f.account_id')} AS acct,
       f.ts AS ts,
       toDate(f.ts) AS day,
       toHour(f.ts) AS hour,
       toStartOfMinute(f.ts) AS minute,
       f.ip AS ip,
       i.subnet AS subnet,
       i.asn AS asn,
       toLowCardinality(i.country) AS ip_country,
       i.hosting AS hosting,
       f.ua AS ua,
       f.client_fp AS client_fp,
       f.model AS model,
       f.status AS status,
       f.in_tok AS in_tok,
       f.out_tok AS out_tok,
       f.cache_read AS cache_read,
       f.max_tokens AS max_tokens,
       f.reasoning_budget AS reasoning_budget,
       f.logit_bias_size AS logit_bias_size,
       f.top_logprobs AS top_logprobs,
       f.n AS n,
       f.tool_count AS tool_count,
       f.tools_key AS tools_key,
       f.turn AS turn,
       ${requestProfileSql()} AS profile,
       f.system_key AS system_key,
       f.prompt_len AS prompt_len,
       -- System prompts that ask for reasoning were judged once each, at ingest.
       toUInt8(f.prompt_cot = 1 OR f.system_hash IN (SELECT system_hash FROM ${SYSTEM_PROMPTS_TABLE} WHERE cot = 1)) AS cot,
       f.rubric AS rubric,
       f.synthesis AS synthesis,
       f.capability AS capability,
       f.simhash AS simhash,
       f.prompt_shape AS prompt_shape,
       f.opening_key AS opening_key,
       f.line_keys AS line_keys,
       f.conv_key AS conv_key,
       f.latency_ms AS latency_ms
     FROM ${FEATURES_TABLE} AS f
     LEFT JOIN ${T.ip} AS i ON i.ip = f.ip
     WHERE ${ctx.windowWhere('f.ts')}`,
    ctx.params,
  );
}

/**
 * SQL: the request's shape in one byte: how much output it asks for (none set, some, the maximum: 2 bits),
 * its reasoning budget (off, some, the maximum: 2 bits), whether it samples several answers, asks for
 * log-probabilities, biases logits, declares tools. A relay forwarding a campaign's requests forwards their
 * shape; an account that merely shares a campaign's wording sends its own (see sweep.ts).
 */
function requestProfileSql(): string {
  const level = (col: string, max: string) => `multiIf(${col} >= 0.9 * ${max}, 2, ${col} > 0, 1, 0)`;
  return `toUInt8(${level('f.max_tokens', '{max_output:UInt32}')}
    + 4 * ${level('f.reasoning_budget', '{max_reasoning:UInt32}')}
    + 16 * (f.n >= 2) + 32 * (f.top_logprobs > 0) + 64 * (f.logit_bias_size > 0) + 128 * (f.tool_count > 0))`;
}

/**
 * A floating-point aggregate (entropies and coefficients of variation: small numbers) rounded to 9
 * decimals: the engine sums in parallel, so the last bits depend on the order threads finish in; rounded,
 * two runs over the same data give the same value.
 */
const stableSql = (expr: string) => `round(${expr}, 9)`;

/**
 * SQL: the lengths of the runs of equal values in a sorted array ([5, 5, 7, 9, 9, 9] -> [2, 1, 3]): the
 * positions where the value changes, differenced.
 */
const runLengthsSql = (sorted: string) =>
  `arrayPopFront(arrayDifference(arrayPushBack(arrayFilter((i, d) -> i = 1 OR d != 0, arrayEnumerate(${sorted}), arrayDifference(${sorted})), length(${sorted}) + 1)))`;

/** SQL: how many requests of a (values, counts) map asked for at least `min`. */
const countAtLeastSql = (map: string, min: string) =>
  `arraySum((v, c) -> if(v >= ${min}, c, 0), tupleElement(${map}, 1), tupleElement(${map}, 2))`;
/** SQL: how many requests of a (values, counts) map asked for `lo` to `hi`. */
const countBetweenSql = (map: string, lo: number, hi: number) =>
  `arraySum((v, c) -> if(v BETWEEN ${lo} AND ${hi}, c, 0), tupleElement(${map}, 1), tupleElement(${map}, 2))`;
/**
 * SQL: the most frequent value of a (sorted values, counts) map, ties to the smallest (exact, so two runs agree;
 * anyHeavy's pick depended on the order rows were read in).
 */
const mostFrequentOfSql = (map: string) =>
  `arrayElement(tupleElement(${map}, 1), indexOf(tupleElement(${map}, 2), arrayMax(tupleElement(${map}, 2))))`;

/**
 * The first and last whole days of the window (Date32: the default window reaches past Date's range): the
 * days the rollups answer for. A day the window cuts is aggregated from its features instead.
 */
const WHOLE_FROM = `toDate32(parseDateTime64BestEffort({since:String}, 3, 'UTC')) + if(toUnixTimestamp64Milli(parseDateTime64BestEffort({since:String}, 3, 'UTC')) % 86400000 = 0, 0, 1)`;
const WHOLE_TO = `toDate32(parseDateTime64BestEffort({until:String}, 3, 'UTC')) - if((toUnixTimestamp64Milli(parseDateTime64BestEffort({until:String}, 3, 'UTC')) + 1) % 86400000 = 0, 0, 1)`;

/**
 * Each account's aggregates over the window, from the rollups maintained at ingest (ingest/rollups.ts): its
 * whole days' rows merged, plus the days the window cuts rolled up from their features in the same shape.
 * What depends on this hunt's settings (output levels, networks) is still in per-value counts here;
 * buildAccountFeatures finishes it.
 */
async function buildAccountRollup(ctx: HuntContext): Promise<void> {
  const { wh } = ctx;
  await wh.command(`DROP TABLE IF EXISTS ${T.acctRollup}`);
  await wh.command(
    `CREATE TABLE ${T.acctRollup} ENGINE = MergeTree ORDER BY account_id AS
     SELECT
       account_id, n, first_ts, last_ts, active_days,
       -- Shannon entropy of the hours, as the engine's entropy() computes it from the same counts
       ${stableSql(`-arraySum(c -> (c / n) * log2(c / n), ${tallyCountsSql('all_tallies', 'hour')})`)} AS hour_entropy,
       turns, first_turns, cache_read_tokens, input_tokens, output_tokens, tool_request_count,
       arrayMap(level -> arraySum(arrayFilter((c, v) -> v = toString(level), ${tallyCountsSql('all_tallies', 'capability')}, ${tallyValuesSql('all_tallies', 'capability')})),
                range(6)) AS capability_counts,
       (${tallyValuesSql('all_tallies', 'user_agent')}, ${tallyCountsSql('all_tallies', 'user_agent')}) AS ua_counts,
       (${tallyValuesSql('all_tallies', 'client_fingerprint')}, ${tallyCountsSql('all_tallies', 'client_fingerprint')}) AS client_fp_counts,
       (${tallyValuesSql('all_tallies', 'ip')}, ${tallyCountsSql('all_tallies', 'ip')}) AS ip_counts,
       length(${tallyValuesSql('all_tallies', 'model')}) AS models,
       (arrayMap(v -> toUInt32(v), ${tallyValuesSql('all_tallies', 'max_tokens')}), ${tallyCountsSql('all_tallies', 'max_tokens')}) AS max_tokens_counts,
       (arrayMap(v -> toUInt32(v), ${tallyValuesSql('all_tallies', 'reasoning_budget')}), ${tallyCountsSql('all_tallies', 'reasoning_budget')}) AS reasoning_counts,
       logit_bias_request_count, max_logit_bias, logprobs_request_count, max_logprobs, multi_n, prompt_chars,
       cot_request_count, rubric_request_count, synthesis_request_count,
       -- distinct long system prompts (the key 0 stands for none)
       length(${tallyValuesSql('all_tallies', 'system_key')}) - has(${tallyValuesSql('all_tallies', 'system_key')}, '0') AS long_system_prompt_count
     FROM (
       SELECT
         account_id,
         sum(exchanges) AS n,
         -- (min and max keep the stored SimpleAggregateFunction type: cast to the plain one)
         CAST(min(first_at) AS DateTime64(3, 'UTC')) AS first_ts,
         CAST(max(last_at) AS DateTime64(3, 'UTC')) AS last_ts,
         uniqExact(day) AS active_days,
         ${sumTalliesSql('tupleElement(tallies, 1)', 'tupleElement(tallies, 2)')} AS all_tallies,
         sum(turn_sum) AS turns,
         sum(first_turn_requests) AS first_turns,
         sum(cache_read_sum) AS cache_read_tokens,
         sum(input_sum) AS input_tokens,
         sum(output_sum) AS output_tokens,
         sum(tool_requests) AS tool_request_count,
         sum(logit_bias_requests) AS logit_bias_request_count,
         CAST(max(logit_bias_max) AS UInt32) AS max_logit_bias,
         sum(logprobs_requests) AS logprobs_request_count,
         CAST(max(top_logprobs_max) AS UInt16) AS max_logprobs,
         sum(multi_n_requests) AS multi_n,
         sum(prompt_char_sum) AS prompt_chars,
         sum(cot_requests) AS cot_request_count,
         sum(rubric_requests) AS rubric_request_count,
         sum(synthesis_requests) AS synthesis_request_count
       FROM (
         SELECT ${ACCOUNT_DAYS_COLUMNS.join(', ')} FROM ${ACCOUNT_DAYS_TABLE}
         WHERE day BETWEEN ${WHOLE_FROM} AND ${WHOLE_TO}
         UNION ALL
         ${accountDaysSelect(FEATURES_TABLE, `${ctx.windowWhere('ts')} AND NOT (toDate32(ts) BETWEEN ${WHOLE_FROM} AND ${WHOLE_TO})`)}
       )
       GROUP BY account_id
     )`,
    ctx.params,
  );
}

export async function buildAccountFeatures(ctx: HuntContext): Promise<void> {
  const { wh } = ctx;
  await buildAccountRollup(ctx);
  await wh.command(`DROP TABLE IF EXISTS ${T.acct}`);
  await wh.command(
    `CREATE TABLE ${T.acct} ENGINE = MergeTree ORDER BY account_id AS
     WITH
       (SELECT toUnixTimestamp64Milli(min(ts)) FROM ${T.x}) AS window_start_ms,
       limits AS (
         -- Each account's requests-per-minute limit, from its tier as known at the cut-off (0 when unknown).
         SELECT account_id, {tier_rpm:Array(UInt32)}[indexOf({tiers:Array(String)}, ifNull(tier, ''))] AS rpm
         FROM accounts
         WHERE created_at <= parseDateTime64BestEffort({until:String}, 3, 'UTC') AND indexOf({tiers:Array(String)}, ifNull(tier, '')) > 0
       ),
       activity AS (
         -- From each account's own sorted timestamps: the gaps between its requests, and its requests per
         -- minute and per day as the run lengths of its sorted minute and day numbers. Sorting each
         -- account's short list is far cheaper than a window over the whole table, or grouping it by
         -- (account, minute) and (account, day).
         SELECT account_id,
                arraySort(groupArray(toUnixTimestamp64Milli(ts))) AS ms,
                arrayMap(d -> d / 1000.0, arrayPopFront(arrayDifference(ms))) AS gap_list,
                length(gap_list) AS gaps,
                if(gaps > 0, arrayReduce('quantileExact(0.5)', gap_list), NULL) AS median_gap_s,
                -- Regularity within activity (gaps under an hour): cron-like traffic has a small spread.
                arrayFilter(g -> g < 3600, gap_list) AS active_gaps,
                if(gaps > 0, ${stableSql("arrayReduce('stddevPop', active_gaps) / nullIf(arrayReduce('avg', active_gaps), 0)")}, NULL) AS gap_cv,
                ${runLengthsSql('arrayMap(t -> intDiv(t, 60000), ms)')} AS per_minute,
                arrayMax(per_minute) AS peak_rpm,
                arrayReduce('quantileExact(0.5)', per_minute) AS median_rpm,
                length(per_minute) AS active_minutes,
                ${runLengthsSql('arrayMap(t -> intDiv(t, 86400000), ms)')} AS per_day,
                ${stableSql("arrayReduce('stddevPop', per_day) / nullIf(arrayReduce('avg', per_day), 0)")} AS daily_cv,
                countIf(status = 429) AS limited,
                -- Session starts (synchrony.ts): requests after an hour or more of quiet, as 10-minute bucket
                -- numbers; the first request only when the window gave the account that hour to be quiet in.
                arrayMap(t -> toUInt32(intDiv(t, ${ONSET_BUCKET_MS})), arrayFilter((t, g, i) -> if(i = 1, t >= window_start_ms + ${ONSET_QUIET_MS}, g >= ${ONSET_QUIET_MS}),
                  ms, arrayDifference(ms), arrayEnumerate(ms))) AS onset_buckets
         FROM ${T.x} GROUP BY account_id
       ),
       networks AS (
         -- The account's client IPs with their networks as this hunt's ASN data places them.
         SELECT r.account_id AS account_id, uniq(ip) AS ips, uniq(i.subnet) AS subnets, uniq(i.asn) AS asns,
                sumIf(c, i.hosting = 1) AS hosting_requests
         FROM ${T.acctRollup} AS r ARRAY JOIN tupleElement(r.ip_counts, 1) AS ip, tupleElement(r.ip_counts, 2) AS c
         INNER JOIN ${T.ip} AS i ON i.ip = ip
         GROUP BY account_id
       ),
       per_account AS (
         SELECT
           r.account_id AS account_id,
           r.n AS exchanges,
           -- the shares of requests a stream inside a relay is measured on too (streams.ts: REQUEST_SHARES_SQL)
           ${countAtLeastSql('r.max_tokens_counts', '0.9 * {max_output:UInt32}')} / r.n AS max_output_share,
           ${countAtLeastSql('r.reasoning_counts', '0.9 * {max_reasoning:UInt32}')} / r.n AS max_reasoning_share,
           r.cot_request_count / r.n AS cot_share,
           r.rubric_request_count / r.n AS rubric_share,
           r.synthesis_request_count / r.n AS synthesis_share,
           r.multi_n / r.n AS multi_n_share,
           r.first_turns / r.n AS first_turn_share,
           r.first_ts AS first_ts,
           r.last_ts AS last_ts,
           r.active_days AS active_days,
           r.hour_entropy AS hour_entropy,
           r.turns / r.n AS mean_turn,
           r.cache_read_tokens / nullIf(r.cache_read_tokens + r.input_tokens, 0) AS cache_read_ratio,
           r.tool_request_count / r.n AS tool_share,
           r.capability_counts AS capability_counts,
           r.output_tokens AS output_tokens,
           ${mostFrequentOfSql('r.ua_counts')} AS main_ua,
           length(tupleElement(r.ua_counts, 1)) AS user_agents,
           ${mostFrequentOfSql('r.client_fp_counts')} AS main_client_fp,
           length(tupleElement(r.client_fp_counts, 1)) AS client_fps,
           nw.ips AS ips,
           nw.subnets AS subnets,
           nw.asns AS asns,
           nw.hosting_requests / r.n AS hosting_share,
           r.logit_bias_request_count / r.n AS logit_bias_share,
           r.max_logit_bias AS max_logit_bias_size,
           r.logprobs_request_count / r.n AS logprobs_share,
           r.max_logprobs AS max_top_logprobs,
           ${countBetweenSql('r.max_tokens_counts', 1, 4)} / r.n AS tiny_output_share,
           r.models AS models,
           r.long_system_prompt_count AS long_system_prompts,
           r.prompt_chars / r.n AS mean_prompt_len
         FROM ${T.acctRollup} AS r
         INNER JOIN networks AS nw ON nw.account_id = r.account_id
       )
     SELECT
       p.* EXCEPT (account_id),
       p.account_id AS account_id,
       ${acctSql('p.account_id')} AS acct,
       act.peak_rpm AS peak_rpm, act.median_rpm AS median_rpm, act.active_minutes AS active_minutes,
       -- minutes spent at 50-100% of the limit without going over it
       if(ifNull(l.rpm, 0) > 0, arrayCount(c -> c >= 0.5 * l.rpm AND c <= l.rpm, act.per_minute), 0) AS pressure_minutes,
       act.limited / p.exchanges AS rate_limited_share,
       act.median_gap_s AS median_gap_s, ifNull(act.gap_cv, 0) AS gap_cv, act.onset_buckets AS onset_buckets,
       ifNull(act.daily_cv, 0) AS daily_cv,
       p.exchanges / greatest(1, dateDiff('second', p.first_ts, p.last_ts) / 86400.0) AS exchanges_per_day,
       a.account_id IS NOT NULL AS has_record,
       a.created_at AS created_at,
       a.tier AS tier,
       a.verified AS verified,
       a.email_domain AS email_domain,
       a.payment_fingerprint AS payment_fingerprint,
       a.billing_country AS billing_country,
       a.signup_ip AS signup_ip,
       a.org_id AS org_id,
       dateDiff('second', a.created_at, p.first_ts) / 86400.0 AS age_at_first_days,
       indexOf({tiers:Array(String)}, ifNull(a.tier, '')) AS tier_index,
       if(tier_index > 0, {tier_rpm:Array(UInt32)}[tier_index], 0) AS tier_rpm
     FROM per_account AS p
     LEFT JOIN activity AS act ON act.account_id = p.account_id
     LEFT JOIN limits AS l ON l.account_id = p.account_id
     LEFT JOIN (
       SELECT * FROM accounts WHERE created_at <= parseDateTime64BestEffort({until:String}, 3, 'UTC')
     ) AS a ON a.account_id = p.account_id
     SETTINGS join_use_nulls = 1`,
    ctx.params,
  );
  // Accounts opened by the cut-off that sent nothing in the window are judged too: a campaign's dormant
  // accounts (stock for replacing banned ones) share its cards and sign-up bursts.
  await wh.command(
    `INSERT INTO ${T.acct} (account_id, acct, exchanges, has_record, created_at, tier, verified, email_domain, payment_fingerprint,
                            billing_country, signup_ip, org_id)
     SELECT account_id, ${acctSql()}, 0, 1, created_at, tier, verified, email_domain, payment_fingerprint, billing_country, signup_ip, org_id
     FROM accounts
     WHERE created_at <= parseDateTime64BestEffort({until:String}, 3, 'UTC')
       AND account_id NOT IN (SELECT account_id FROM ${T.acct})`,
    ctx.params,
  );
  await findCrowdedStarts(ctx);
}
