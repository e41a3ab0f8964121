import { accountFields } from '../schema/account.js';
import { columnsDdl } from '../schema/ddl.js';
import { exchangeFields } from '../schema/exchange.js';
/** Where each stored row came from: which load (batch) and which record of which file. */
const PROVENANCE = ['_batch UInt32', '_source_file LowCardinality(String)', '_source_line UInt64'];
const PROVENANCE_NAMES = ['_batch', '_source_file', '_source_line'];
/**
 * Ingest writes every record once, into a Null table; materialized views route valid records to the
 * target table and rejected ones to the quarantine, and count what passed through. One read and one
 * parse of the input, and the counts reconcile by construction of the routing, checked after each load.
 */
function loadPipeline(kind, target, fields) {
    const load = `_load_${target}`;
    const names = [...Object.keys(fields), ...PROVENANCE_NAMES].join(', ');
    return [
        `CREATE TABLE IF NOT EXISTS ${load} (
      ${[...columnsDdl(fields), ...PROVENANCE, '_errors Array(Tuple(field String, reason String))', '_raw String', '_blank UInt8'].join(',\n      ')}
    ) ENGINE = Null`,
        `CREATE MATERIALIZED VIEW IF NOT EXISTS ${load}_accepted TO ${target} AS
      SELECT ${names} FROM ${load} WHERE NOT _blank AND empty(_errors)`,
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
export const MIGRATIONS = [
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
];
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
export async function migrate(wh) {
    await wh.command(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version UInt32,
    description String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = MergeTree ORDER BY version`);
    const rows = await wh.query('SELECT toUInt32(max(version)) AS v FROM schema_migrations');
    const current = rows[0]?.v ?? 0;
    if (current > SCHEMA_VERSION) {
        throw new Error(`the warehouse at ${wh.location} has schema version ${current}, newer than this distillwatch knows (${SCHEMA_VERSION}); upgrade distillwatch`);
    }
    for (const m of MIGRATIONS.filter((m) => m.version > current)) {
        for (const statement of m.statements)
            await wh.command(statement);
        await wh.command('INSERT INTO schema_migrations (version, description) VALUES ({v:UInt32}, {d:String})', {
            v: m.version,
            d: m.description,
        });
    }
}
//# sourceMappingURL=migrations.js.map