import type { Warehouse } from '../warehouse/warehouse.js';
import { FEATURES_TABLE, SYSTEM_PROMPTS_TABLE } from './features.js';

/**
 * Rollups maintained at ingest: per account and day, every aggregate the hunt's per-account step reads, so
 * that step costs accounts x days rather than exchanges. Each load, once its duplicates are dropped (an
 * aggregate cannot be un-counted), rolls up its exchanges' features in one INSERT ... SELECT in the engine.
 * (A materialized view on the features aggregated each block of a load on its own: blocks hold most of a
 * load's accounts, so it wrote nearly a row per account per block and cost more than the grouping it saved.)
 *
 * Each row also carries its load batch, part of the sorting key so that merges never fold two loads into
 * one row: a load rolled back deletes exactly its own rows. Readers aggregate over day and batch.
 *
 * Only what is a function of the exchanges alone is stored. What depends on a hunt's settings is kept as
 * counts per value and finished at hunt time: the requested output and reasoning levels (what counts as the
 * maximum is a setting), the client IPs (their networks come from the operator's ASN file).
 */
export const ACCOUNT_DAYS_TABLE = 'account_days';

/**
 * The per-value tallies of an account's day, all in one map keyed by a letter naming the tally and the value
 * ('u' + a user agent, 'h' + an hour): requests per hour, per capability level, per client, IP, model,
 * requested output and reasoning level, and long system prompt. One map per row rather than one per tally:
 * the engine's cost per group of a map state was most of the rollup's cost on light accounts (a day or two
 * of requests each), and nine maps were 4 s of the 10 s a 2-million-exchange load took to roll up.
 */
export const TALLIES = {
  hour: { letter: 'h', sql: 'toHour(ts)' },
  capability: { letter: 'k', sql: 'capability' },
  user_agent: { letter: 'u', sql: 'ua' },
  client_fingerprint: { letter: 'c', sql: 'client_fp' },
  ip: { letter: 'i', sql: 'ip' },
  model: { letter: 'o', sql: 'model' },
  max_tokens: { letter: 'm', sql: 'max_tokens' },
  reasoning_budget: { letter: 'r', sql: 'reasoning_budget' },
  // 0 (no long system prompt) included: whether an account also sends none is part of the count
  system_key: { letter: 's', sql: 'system_key' },
} as const;
export type Tally = keyof typeof TALLIES;

/** SQL: the values of one tally in a (keys, counts) map of tallies, as strings, in their sorted order. */
export const tallyValuesSql = (map: string, tally: Tally) =>
  `arrayMap(k -> substring(k, 2), arrayFilter(k -> startsWith(k, '${TALLIES[tally].letter}'), tupleElement(${map}, 1)))`;
/** SQL: the request counts of one tally's values, in the order of tallyValuesSql. */
export const tallyCountsSql = (map: string, tally: Tally) =>
  `arrayFilter((c, k) -> startsWith(k, '${TALLIES[tally].letter}'), tupleElement(${map}, 2), tupleElement(${map}, 1))`;

/**
 * SQL, an aggregate: the (sorted keys, counts) map that `sumMap(keys, counts)` gives over a group's rows, from
 * each row's parallel arrays of keys and counts. It collects the group's arrays, sorts them by key and sums the
 * runs of equal keys. sumMap keeps an ordered map of generic values per group, whose upkeep is most of the cost
 * where groups hold a few rows each (a light account's day: 3.7-4.4 s of a 2-million-exchange load's rollup
 * query, at 1.5 exchanges a group, against 1.4-2.0 s this way). Where groups are large, holding every key until
 * the group ends costs more than the map (29 exchanges a group: 3.3-5.1 s against 2.9-3.2 s, at twice the
 * memory): see DENSE_GROUP_EXCHANGES. The result is the same, byte for byte.
 */
export function sumTalliesSql(keys: string, counts: string): string {
  const allKeys = `arrayFlatten(groupArray(${keys}))`;
  const allCounts = `arrayFlatten(groupArray(${counts}))`;
  // (each alias is named for this use, apart from the statement's columns)
  const sorted = `(arraySort(${allKeys}) AS _tally_keys)`;
  const differs = `arrayMap((a, b) -> a != b, arrayPopBack(_tally_keys), arrayPopFront(_tally_keys))`;
  const runKeys = `(arrayFilter((k, start) -> start, ${sorted}, arrayPushFront(${differs}, 1)) AS _tally_run_keys)`;
  const cumulative = `arrayCumSum(arraySort((c, k) -> k, ${allCounts}, ${allKeys}))`;
  const runSums = `(arrayMap(x -> toUInt64(x), arrayPopFront(arrayDifference(arrayPushFront(arrayFilter((c, last) -> last, ${cumulative}, arrayPushBack(${differs}, 1)), toUInt64(0))))) AS _tally_run_sums)`;
  // (a key whose counts sum to 0 is left out, as sumMap leaves it out)
  return `(arrayFilter((k, c) -> c > 0, ${runKeys}, ${runSums}), arrayFilter(c -> c > 0, _tally_run_sums))`;
}

/** How a rollup sums its tallies: sorting each group's keys (few rows a group) or the engine's sumMap (many). */
export type TallySum = 'sorted' | 'sumMap';

const talliesSql = (how: TallySum) => {
  const tallies = Object.values(TALLIES);
  const keys = `[${tallies.map((t) => `concat('${t.letter}', toString(${t.sql}))`).join(', ')}]`;
  const ones = `[${tallies.map(() => 'toUInt64(1)').join(', ')}]`;
  return how === 'sorted' ? sumTalliesSql(keys, ones) : `sumMap(${keys}, ${ones})`;
};

/**
 * Above this many exchanges per account and day on average, a run of days is rolled up with sumMap; at or under
 * it, by sorting (sumTalliesSql). Measured on a loaded machine, the rollup's INSERT of 2 million exchanges took
 * 6.5-7.8 s sorted against 10.9-11.7 s with sumMap at 1.5 exchanges a group (2.5 against 4.1 GiB), and 3.9-4.9 s
 * against 3.1-3.9 s at 29 (the same CPU time, 1.45 against 0.86 GiB); on one simulated world's features thinned
 * to each density, the two queries took about as long at 11 exchanges a group, and sorting was faster at 6.
 */
export const DENSE_GROUP_EXCHANGES = 10;

/** Column, stored type, and the aggregate over feature rows that makes it. */
const COLUMNS: [name: string, type: string, sql: string | ((how: TallySum) => string)][] = [
  // (No column is named after a feature it aggregates: the engine would read the name as the aggregate.)
  ['exchanges', 'SimpleAggregateFunction(sum, UInt64)', 'count()'],
  ['first_at', "SimpleAggregateFunction(min, DateTime64(3, 'UTC'))", 'min(ts)'],
  ['last_at', "SimpleAggregateFunction(max, DateTime64(3, 'UTC'))", 'max(ts)'],
  ['tallies', 'SimpleAggregateFunction(sumMap, Tuple(Array(String), Array(UInt64)))', talliesSql],
  ['turn_sum', 'SimpleAggregateFunction(sum, UInt64)', 'sum(turn)'],
  ['first_turn_requests', 'SimpleAggregateFunction(sum, UInt64)', 'countIf(turn = 1)'],
  ['cache_read_sum', 'SimpleAggregateFunction(sum, UInt64)', 'sum(cache_read)'],
  ['input_sum', 'SimpleAggregateFunction(sum, UInt64)', 'sum(in_tok)'],
  ['output_sum', 'SimpleAggregateFunction(sum, UInt64)', 'sum(out_tok)'],
  ['tool_requests', 'SimpleAggregateFunction(sum, UInt64)', 'countIf(tool_count > 0)'],
  ['logit_bias_requests', 'SimpleAggregateFunction(sum, UInt64)', 'countIf(logit_bias_size > 0)'],
  ['logit_bias_max', 'SimpleAggregateFunction(max, UInt32)', 'max(logit_bias_size)'],
  ['logprobs_requests', 'SimpleAggregateFunction(sum, UInt64)', 'countIf(top_logprobs > 0)'],
  ['top_logprobs_max', 'SimpleAggregateFunction(max, UInt16)', 'max(top_logprobs)'],
  ['multi_n_requests', 'SimpleAggregateFunction(sum, UInt64)', 'countIf(n >= 2)'],
  ['prompt_char_sum', 'SimpleAggregateFunction(sum, UInt64)', 'sum(prompt_len)'],
  // Requests asking for reasoning in the prompt or the system prompt (each system prompt judged once, when
  // first stored: `system_prompts` holds every prompt of a load before the load is rolled up).
  ['cot_requests', 'SimpleAggregateFunction(sum, UInt64)', `countIf(prompt_cot = 1 OR system_hash IN (SELECT system_hash FROM ${SYSTEM_PROMPTS_TABLE} WHERE cot = 1))`],
  ['rubric_requests', 'SimpleAggregateFunction(sum, UInt64)', 'countIf(rubric = 1)'],
  ['synthesis_requests', 'SimpleAggregateFunction(sum, UInt64)', 'countIf(synthesis = 1)'],
];

/** The rollup's columns in table order (for a UNION with rows aggregated on the fly). */
export const ACCOUNT_DAYS_COLUMNS = ['account_id', 'day', '_batch', ...COLUMNS.map(([name]) => name)];

/**
 * SQL: the rollup rows of the feature rows in `from` (a table with the features' columns) that satisfy
 * `where`: one per account, day and batch.
 */
export function accountDaysSelect(from: string, where = '1', how: TallySum = 'sorted'): string {
  return `SELECT account_id, toDate(ts) AS day, _batch,
    ${COLUMNS.map(([name, , sql]) => `${typeof sql === 'string' ? sql : sql(how)} AS ${name}`).join(',\n    ')}
  FROM ${from}
  WHERE ${where}
  GROUP BY account_id, day, _batch`;
}

/** A rollup, and the statement that adds its rows for the exchanges whose features satisfy `where`. */
export interface Rollup {
  table: string;
  insert: (where: string, how?: TallySum) => string;
}

export const ACCOUNT_DAYS: Rollup = {
  table: ACCOUNT_DAYS_TABLE,
  // The rows come grouped by the whole key: the engine's merge of equal keys within the insert (on by
  // default for this engine) finds nothing to fold, and took as long as the grouping.
  insert: (where, how) => `INSERT INTO ${ACCOUNT_DAYS_TABLE} ${accountDaysSelect(FEATURES_TABLE, where, how)} SETTINGS optimize_on_insert = 0`,
};

/**
 * At most this many exchanges are rolled up in one statement. The tallies hold a group's keys until the group
 * is finished (sumTalliesSql), about 600 bytes an exchange: a simulated world's 6.2 million exchanges in one
 * statement peaked at 3.7 GiB. A load is rolled up in runs of whole days (a group is one day, so none is split)
 * of about this many exchanges; a single day beyond it is one run.
 */
export const ROLLUP_SLICE_EXCHANGES = 2_000_000;

/**
 * Rolls up one load batch's stored exchanges, in runs of whole days of about `max` exchanges (daySlices), each
 * run's tallies summed the way its density calls for (DENSE_GROUP_EXCHANGES).
 */
export async function rollUpBatch(wh: Warehouse, rollup: Rollup, batch: number, max = ROLLUP_SLICE_EXCHANGES): Promise<void> {
  const days = await wh.query<{ day: string; n: string; groups: string }>(
    `SELECT toString(toDate(ts)) AS day, count() AS n, uniqExact(account_id) AS groups
     FROM ${FEATURES_TABLE} WHERE _batch = {batch:UInt32} GROUP BY day ORDER BY day`,
    { batch },
  );
  for (const run of daySlices(days.map((d) => ({ day: d.day, n: Number(d.n), groups: Number(d.groups) })), max)) {
    await wh.command(
      rollup.insert('_batch = {batch:UInt32} AND toDate(ts) BETWEEN toDate({first:String}) AND toDate({last:String})', run.exchanges > DENSE_GROUP_EXCHANGES * run.groups ? 'sumMap' : 'sorted'),
      { batch, first: run.first, last: run.last },
    );
  }
}

/** A run of consecutive days: its first and last day, its exchanges and its groups (accounts per day, summed). */
export interface DayRun {
  first: string;
  last: string;
  exchanges: number;
  groups: number;
}

/** Consecutive days packed into runs of at most `max` exchanges each (a day over it alone). */
export function daySlices(days: { day: string; n: number; groups: number }[], max = ROLLUP_SLICE_EXCHANGES): DayRun[] {
  const runs: DayRun[] = [];
  let run: DayRun | null = null;
  for (const { day, n, groups } of days) {
    if (run && run.exchanges + n > max) {
      runs.push(run);
      run = null;
    }
    run ??= { first: day, last: day, exchanges: 0, groups: 0 };
    run.last = day;
    run.exchanges += n;
    run.groups += groups;
  }
  if (run) runs.push(run);
  return runs;
}

/** The statements that create the rollup tables. */
export function rollupTablesDdl(): string[] {
  return [
    `CREATE TABLE IF NOT EXISTS ${ACCOUNT_DAYS_TABLE} (
      account_id String,
      day Date,
      _batch UInt32,
      ${COLUMNS.map(([name, type]) => `${name} ${type}`).join(',\n      ')}
    ) ENGINE = AggregatingMergeTree
    PARTITION BY toYYYYMM(day)
    ORDER BY (account_id, day, _batch)`,
  ];
}
