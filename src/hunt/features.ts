import { acctSql, T, type HuntContext } from './context.js';
import { findCrowdedStarts, ONSET_BUCKET_MS, ONSET_QUIET_MS } from './synchrony.js';
import { FEATURES_TABLE, SYSTEM_PROMPTS_TABLE } from '../ingest/features.js';
import { requireFeatures } from '../warehouse/backfill.js';
import { REQUEST_SHARES_SQL } from './streams.js';

/**
 * The two tables every signal reads. `_hunt_x` is the window's exchanges as the features computed at ingest
 * (hashes, flags, numbers: ingest/features.ts) with this hunt's settings applied; `_hunt_acct` aggregates it
 * per account and joins the account record (as known at `until`).
 */
export async function buildExchangeFeatures(ctx: HuntContext): Promise<void> {
  const { wh } = ctx;
  await requireFeatures(wh);
  await wh.command(`DROP TABLE IF EXISTS ${T.x}`);
  await wh.command(
    // Unsorted: sorting it cost a sixth of this pass, and every reader scans and groups it (nothing reads a
    // range of it by key). Nothing computed from it depends on the order its rows are read in.
    // Read from the features computed at ingest (never from the text): only what depends on this hunt's
    // settings (the maximum output and reasoning levels, whose IP ranges are whose) is added here.
    `CREATE TABLE ${T.x} ENGINE = MergeTree ORDER BY tuple() AS
     SELECT
       f.account_id AS account_id,
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
       f.line_keys AS line_keys
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

/** The most frequent value of a column in the group, ties to the smallest (sumMap sorts its keys). */
const mostFrequentSql = (col: string) =>
  `arrayElement(tupleElement(sumMap([${col}], [toUInt64(1)]) AS ${col}_counts, 1), indexOf(tupleElement(${col}_counts, 2), arrayMax(tupleElement(${col}_counts, 2))))`;

export async function buildAccountFeatures(ctx: HuntContext): Promise<void> {
  const { wh } = ctx;
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
       per_account AS (
         SELECT
           account_id,
           -- the shares of requests a stream inside a relay is measured on too (streams.ts)
           ${REQUEST_SHARES_SQL},
           min(ts) AS first_ts,
           max(ts) AS last_ts,
           uniq(day) AS active_days,
           ${stableSql('entropy(hour)')} AS hour_entropy,
           avg(turn) AS mean_turn,
           sum(cache_read) / nullIf(sum(cache_read + in_tok), 0) AS cache_read_ratio,
           countIf(tool_count > 0) / count() AS tool_share,
           [countIf(capability = 0), countIf(capability = 1), countIf(capability = 2),
            countIf(capability = 3), countIf(capability = 4), countIf(capability = 5)] AS capability_counts,
           sum(out_tok) AS output_tokens,
           -- The main client: the most frequent value, ties to the smallest (exact, so two runs agree;
           -- anyHeavy's pick depended on the order rows were read in).
           ${mostFrequentSql('ua')} AS main_ua,
           uniq(ua) AS user_agents,
           ${mostFrequentSql('client_fp')} AS main_client_fp,
           uniq(client_fp) AS client_fps,
           uniq(ip) AS ips,
           uniq(subnet) AS subnets,
           uniq(asn) AS asns,
           countIf(hosting = 1) / count() AS hosting_share,
           countIf(logit_bias_size > 0) / count() AS logit_bias_share,
           max(logit_bias_size) AS max_logit_bias_size,
           countIf(top_logprobs > 0) / count() AS logprobs_share,
           max(top_logprobs) AS max_top_logprobs,
           countIf(max_tokens BETWEEN 1 AND 4) / count() AS tiny_output_share,
           uniq(model) AS models,
           uniq(system_key) - (countIf(system_key = 0) > 0) AS long_system_prompts,
           avg(prompt_len) AS mean_prompt_len
         FROM ${T.x} AS x
         GROUP BY account_id
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
