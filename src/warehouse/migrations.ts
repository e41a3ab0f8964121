import { accountFields } from '../schema/account.js';
import { columnsDdl } from '../schema/ddl.js';
import type { Fields } from '../schema/fields.js';
import { exchangeFields } from '../schema/exchange.js';
import { FEATURES_TABLE, FEATURES_V2, featuresViewDdl, featureTablesDdl } from '../ingest/features.js';
import { ACCOUNT_DAYS_TABLE, rollupTablesDdl } from '../ingest/rollups.js';
import type { Warehouse } from './warehouse.js';

export interface Migration {
  version: number;
  description: string;
  statements: string[];
}

/** Where each stored row came from: which load (batch) and which record of which file. */
const PROVENANCE = ['_batch UInt32', '_source_file LowCardinality(String)', '_source_line UInt64'];
const PROVENANCE_NAMES = ['_batch', '_source_file', '_source_line'];
/** The rows of a load table that are stored (not blank, no errors). */
const ACCEPTED = 'NOT _blank AND empty(_errors)';

/**
 * Ingest writes every record once, into a Null table; materialized views route valid records to the
 * target table and rejected ones to the quarantine, and count what passed through. One read and one
 * parse of the input, and the counts reconcile by construction of the routing, checked after each load.
 */
function loadPipeline(kind: 'exchange' | 'account', target: string, fields: Fields): string[] {
  const load = `_load_${target}`;
  const names = [...Object.keys(fields), ...PROVENANCE_NAMES].join(', ');
  return [
    `CREATE TABLE IF NOT EXISTS ${load} (
      ${[...columnsDdl(fields), ...PROVENANCE, '_errors Array(Tuple(field String, reason String))', '_raw String', '_blank UInt8'].join(',\n      ')}
    ) ENGINE = Null`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${load}_accepted TO ${target} AS
      SELECT ${names} FROM ${load} WHERE ${ACCEPTED}`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${load}_rejected TO quarantine AS
      SELECT _batch, '${kind}' AS record_kind, _source_file AS source_file, _source_line AS line, _errors AS errors, _raw AS raw
      FROM ${load} WHERE NOT _blank AND notEmpty(_errors)`,
    `CREATE MATERIALIZED VIEW IF NOT EXISTS ${load}_counted TO load_counts AS
      SELECT _batch AS batch, count() AS records, countIf(_blank) AS blank FROM ${load} GROUP BY _batch`,
  ];
}

/**
 * The warehouse schema, as an append-only list. A data directory records the versions applied to it, so
 * one written by an older release opens after an upgrade: only the missing steps run. Never edit a
 * released step; add one.
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'exchanges, accounts, quarantine and the load log',
    statements: [
      `CREATE TABLE IF NOT EXISTS exchanges (
        ${[...columnsDdl(exchangeFields), ...PROVENANCE].join(',\n        ')}
      ) ENGINE = MergeTree
      PARTITION BY toYYYYMM(ts)
      ORDER BY (account_id, ts)`,
      `CREATE TABLE IF NOT EXISTS accounts (
        ${[...columnsDdl(accountFields), ...PROVENANCE].join(',\n        ')}
      ) ENGINE = MergeTree
      ORDER BY account_id`,
      `CREATE TABLE IF NOT EXISTS quarantine (
        _batch UInt32,
        record_kind LowCardinality(String),
        source_file LowCardinality(String),
        line UInt64,
        errors Array(Tuple(field String, reason String)),
        raw String
      ) ENGINE = MergeTree
      ORDER BY (_batch, source_file, line)`,
      `CREATE TABLE IF NOT EXISTS load_counts (
        batch UInt32,
        records UInt64,
        blank UInt64
      ) ENGINE = SummingMergeTree
      ORDER BY batch`,
      ...loadPipeline('exchange', 'exchanges', exchangeFields),
      ...loadPipeline('account', 'accounts', accountFields),
      `CREATE TABLE IF NOT EXISTS loads (
        batch UInt32,
        run_id String,
        record_kind LowCardinality(String),
        source_file String,
        shape LowCardinality(String),
        started_at DateTime64(3, 'UTC'),
        finished_at DateTime64(3, 'UTC'),
        records UInt64,
        accepted UInt64,
        inserted UInt64,
        duplicates UInt64,
        quarantined UInt64
      ) ENGINE = MergeTree
      ORDER BY batch`,
    ],
  },
  {
    version: 2,
    description: 'features computed at ingest (exchange_features, system_prompts); earlier exchanges backfilled by `distillwatch migrate`',
    statements: [
      ...featureTablesDdl('_load_exchanges', ACCEPTED),
      // Backfills: what was ingested before a derived table existed, re-derived in resumable units.
      `CREATE TABLE IF NOT EXISTS backfill_plans (
        name LowCardinality(String),
        through_batch UInt32,
        completed UInt8,
        at DateTime64(3, 'UTC') DEFAULT now64(3)
      ) ENGINE = MergeTree ORDER BY name`,
      `CREATE TABLE IF NOT EXISTS backfill_units (
        name LowCardinality(String),
        batch UInt32,
        day Date,
        rows UInt64,
        at DateTime64(3, 'UTC') DEFAULT now64(3)
      ) ENGINE = MergeTree ORDER BY (name, batch, day)`,
      // Every batch stored before this step needs its features; later ones get them from the view.
      `INSERT INTO backfill_plans (name, through_batch, completed)
       SELECT '${FEATURES_TABLE}', toUInt32(ifNull(max(_batch), 0)), 0 FROM exchanges`,
    ],
  },
  {
    version: 3,
    description: 'verdict history of continuous hunts (hunts, verdicts, current_verdicts)',
    statements: [
      `CREATE TABLE IF NOT EXISTS hunts (
        hunt_id String,
        started_at DateTime64(3, 'UTC'),
        finished_at DateTime64(3, 'UTC'),
        data_through Nullable(DateTime64(3, 'UTC')),
        exchanges UInt64,
        accounts UInt64,
        flagged UInt64,
        campaigns UInt32,
        findings_dir String
      ) ENGINE = MergeTree ORDER BY finished_at`,
      `CREATE TABLE IF NOT EXISTS verdicts (
        account_id String,
        at DateTime64(3, 'UTC'),
        hunt_id String,
        tier LowCardinality(String),
        flagged UInt8,
        risk Float64,
        campaign_id String,
        campaign_key String,
        reasons Array(String)
      ) ENGINE = MergeTree ORDER BY (account_id, at)`,
      `CREATE VIEW IF NOT EXISTS current_verdicts AS
       SELECT account_id, max(at) AS since, argMax(tier, at) AS tier, argMax(flagged, at) AS flagged, argMax(risk, at) AS risk,
              argMax(campaign_key, at) AS campaign_key, argMax(reasons, at) AS reasons, argMax(hunt_id, at) AS hunt_id
       FROM verdicts GROUP BY account_id`,
    ],
  },
  {
    version: 4,
    description: "peers' shared indicators (peer_indicators) and sharing-group keys (peer_keys), from `distillwatch share import`",
    statements: [
      // One row per value of a peer's indicator: re-importing a bundle replaces its rows (by the indicator's modified time).
      `CREATE TABLE IF NOT EXISTS peer_indicators (
        producer_id String,
        producer String,
        bundle_id String,
        indicator_id String,
        campaign_id String,
        campaign_name String,
        tlp LowCardinality(String),
        kind LowCardinality(String),
        value String,
        match_rule LowCardinality(String),
        max_distance UInt8,
        key_id String,
        peer_campaign_accounts UInt32,
        peer_outside_accounts UInt32,
        valid_from DateTime64(3, 'UTC'),
        valid_until Nullable(DateTime64(3, 'UTC')),
        modified DateTime64(3, 'UTC'),
        pattern String,
        source_file String,
        imported_at DateTime64(3, 'UTC') DEFAULT now64(3)
      ) ENGINE = ReplacingMergeTree(modified) ORDER BY (producer_id, indicator_id, kind, value)`,
      `CREATE TABLE IF NOT EXISTS peer_keys (
        key_id String,
        key_hex String,
        imported_at DateTime64(3, 'UTC') DEFAULT now64(3)
      ) ENGINE = ReplacingMergeTree ORDER BY key_id`,
    ],
  },
  {
    version: 5,
    description: 'per-account-day rollups maintained at ingest (account_days); earlier exchanges rolled up by `distillwatch migrate`',
    statements: [
      ...rollupTablesDdl(),
      // Each load rolls up its own batch's features (and a backfill unit its batch and day): the newest
      // batch is the highest, so an index of each granule's batch range skips all data loaded before it,
      // instead of scanning the batch column of the whole table on every load.
      `ALTER TABLE ${FEATURES_TABLE} ADD INDEX IF NOT EXISTS batch_minmax _batch TYPE minmax GRANULARITY 1`,
      `ALTER TABLE ${FEATURES_TABLE} MATERIALIZE INDEX batch_minmax SETTINGS mutations_sync = 1`,
      // Every batch stored before this step needs rolling up (after its features, where those are pending too).
      `INSERT INTO backfill_plans (name, through_batch, completed)
       SELECT '${ACCOUNT_DAYS_TABLE}', toUInt32(ifNull(max(_batch), 0)), 0 FROM exchanges`,
    ],
  },
  {
    version: 6,
    description: "features version 2: each exchange's conversation and answer time (exchange_features); earlier exchanges re-derived by `distillwatch migrate`",
    statements: [
      // (In the select's order: rows are inserted by position. A warehouse made by this release has them already.)
      `ALTER TABLE ${FEATURES_TABLE} ADD COLUMN IF NOT EXISTS conv_key UInt64 AFTER line_keys`,
      `ALTER TABLE ${FEATURES_TABLE} ADD COLUMN IF NOT EXISTS latency_ms UInt32 AFTER conv_key`,
      `DROP VIEW IF EXISTS _load_exchanges_features`,
      featuresViewDdl('_load_exchanges', ACCEPTED),
      // Every batch whose features were derived before this step is derived again (its rows replaced unit by unit);
      // those still waiting for their first derivation (migration 2's backfill) get version 2 from it.
      `INSERT INTO backfill_plans (name, through_batch, completed)
       SELECT '${FEATURES_V2}', toUInt32(ifNull(max(_batch), 0)), 0 FROM ${FEATURES_TABLE}`,
    ],
  },
];

export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

export async function migrate(wh: Warehouse): Promise<void> {
  await wh.command(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version UInt32,
    description String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = MergeTree ORDER BY version`);
  const rows = await wh.query<{ v: number }>('SELECT toUInt32(max(version)) AS v FROM schema_migrations');
  const current = rows[0]?.v ?? 0;
  if (current > SCHEMA_VERSION) {
    throw new Error(
      `the warehouse at ${wh.location} has schema version ${current}, newer than this distillwatch knows (${SCHEMA_VERSION}); upgrade distillwatch`,
    );
  }
  for (const m of MIGRATIONS.filter((m) => m.version > current)) {
    for (const statement of m.statements) await wh.command(statement);
    await wh.command('INSERT INTO schema_migrations (version, description) VALUES ({v:UInt32}, {d:String})', {
      v: m.version,
      d: m.description,
    });
  }
}
