import { capabilitySql, hasFamilySql, lineKeysSql, openingKeySql, phraseHitsSql, promptShapeSql, simhashSql, systemKeySql } from '../hunt/text.js';

/**
 * Features computed once, when an exchange is ingested: every per-exchange key and measure the hunt derives
 * from text or from a single row, a few dozen bytes instead of the kilobytes of prompt, system prompt and
 * answer. The hunt reads these (and never the text again); the ingest computes them in the engine, in the
 * same pass that stores the exchange (a materialized view on the load table), and `distillwatch migrate`
 * backfills a warehouse written before they existed.
 *
 * Only what is a function of the exchange alone is stored: what depends on the hunt's settings (which
 * output and reasoning levels count as the maximum, which IP ranges are whose) is joined at hunt time from
 * the stored numbers and the client IP.
 *
 * The phrase lists and key definitions of hunt/text.ts are part of these features: a release that changes
 * them adds a migration that re-derives the table (FEATURES_VERSION says which definition a row was made by).
 */
export const FEATURES_TABLE = 'exchange_features';
/** Distinct system prompts: whether each asks for reasoning (judged once per prompt, not per request). */
export const SYSTEM_PROMPTS_TABLE = 'system_prompts';
export const FEATURES_VERSION = 2;
/** The backfill that derives the features of exchanges stored under version 1 again (migration 6). */
export const FEATURES_V2 = `${FEATURES_TABLE}:v2`;

/**
 * SQL: the features of the exchanges in `from` (a table or subquery with the exchange schema's columns and
 * the provenance columns `_batch`, `_source_line`), one row per exchange.
 */
export function exchangeFeaturesSelect(from: string, where = '1'): string {
  return `SELECT
    account_id,
    ts,
    ip,
    toLowCardinality(ifNull(user_agent, '')) AS ua,
    toLowCardinality(ifNull(client_fingerprint, '')) AS client_fp,
    model,
    status,
    input_tokens AS in_tok,
    output_tokens AS out_tok,
    cache_read_tokens AS cache_read,
    toUInt32(ifNull(max_tokens, 0)) AS max_tokens,
    toUInt32(ifNull(reasoning_budget, 0)) AS reasoning_budget,
    logit_bias_size,
    toUInt16(ifNull(top_logprobs, 0)) AS top_logprobs,
    toUInt16(ifNull(n, 1)) AS n,
    toUInt16(length(tool_names)) AS tool_count,
    if(empty(tool_names), 0, cityHash64(arraySort(tool_names))) AS tools_key,
    turn,
    cityHash64(ifNull(system, '')) AS system_hash,
    -- Only long system prompts identify an application or a campaign; short ones are generic.
    ${systemKeySql('system', 'system_hash')} AS system_key,
    toUInt32(length(ifNull(prompt, ''))) AS prompt_len,
    ${phraseHitsSql("ifNull(prompt, '')")} AS _hits,
    toUInt8(${hasFamilySql('_hits', 'cot')}) AS prompt_cot,
    toUInt8(${hasFamilySql('_hits', 'rubric')}) AS rubric,
    toUInt8(${hasFamilySql('_hits', 'synthesis')}) AS synthesis,
    toUInt8(${capabilitySql('_hits', 'length(tool_names)')}) AS capability,
    ${simhashSql('prompt')} AS simhash,
    ${promptShapeSql('prompt')} AS prompt_shape,
    ${openingKeySql('prompt')} AS opening_key,
    ${lineKeysSql('prompt')} AS line_keys,
    -- (version 2) the conversation, by a hash of its id, and the time to the whole answer: how long after an answer
    -- the next turn came (unread_answers)
    if(conversation_id IS NULL, 0, cityHash64(assumeNotNull(conversation_id))) AS conv_key,
    toUInt32(ifNull(latency_ms, 0)) AS latency_ms,
    toUInt8(${FEATURES_VERSION}) AS features_version,
    _batch,
    _source_line
  FROM ${from}
  WHERE ${where}`;
}

/** SQL: the distinct system prompts of `from`, and whether each asks for reasoning (from its first 512 characters). */
export function systemPromptsSelect(from: string, where = '1'): string {
  return `SELECT system_hash, toUInt8(${hasFamilySql(phraseHitsSql('head'), 'cot')}) AS cot
  FROM (
    SELECT cityHash64(ifNull(system, '')) AS system_hash, any(substring(ifNull(system, ''), 1, 512)) AS head
    FROM ${from} WHERE ${where} GROUP BY system_hash
  )`;
}

/** The view that derives each loaded exchange's features (from the load table's accepted rows). */
export function featuresViewDdl(loadTable: string, accepted: string): string {
  return `CREATE MATERIALIZED VIEW IF NOT EXISTS ${loadTable}_features TO ${FEATURES_TABLE} AS
     SELECT * EXCEPT (_hits) FROM (${exchangeFeaturesSelect(loadTable, accepted)})`;
}

/** The statements that create the feature tables and the views that fill them at ingest (from the load table). */
export function featureTablesDdl(loadTable: string, accepted: string): string[] {
  return [
    // Ordered like the exchanges (account, time) so a hunt of a window or of some accounts reads ranges.
    `CREATE TABLE IF NOT EXISTS ${FEATURES_TABLE}
     ENGINE = MergeTree PARTITION BY toYYYYMM(ts) ORDER BY (account_id, ts)
     EMPTY AS SELECT * EXCEPT (_hits) FROM (${exchangeFeaturesSelect('exchanges')})`,
    featuresViewDdl(loadTable, accepted),
    `CREATE TABLE IF NOT EXISTS ${SYSTEM_PROMPTS_TABLE} (system_hash UInt64, cot UInt8)
     ENGINE = ReplacingMergeTree ORDER BY system_hash`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${loadTable}_system_prompts TO ${SYSTEM_PROMPTS_TABLE} AS
     ${systemPromptsSelect(loadTable, accepted)}`,
  ];
}
