import { Command } from 'commander';
import { progressBar, printJson, warehouseOptions, withWarehouse, type WarehouseOptions } from '../common.js';
import { backfillState, runBackfill } from '../../warehouse/backfill.js';
import { SCHEMA_VERSION } from '../../warehouse/migrations.js';

export function migrateCommand(): Command {
  return warehouseOptions(
    new Command('migrate')
      .description(
        'Bring a warehouse to this release\'s schema: apply the missing schema steps (every command does that when it ' +
          'opens one), then backfill what they derive over data ingested before them: the features computed at ' +
          'ingest (keys, phrase matches, SimHashes) of older exchanges, and their per-account-day rollups. Shows ' +
          'progress; stop it at any moment and ' +
          'run it again: it resumes where it was, deriving nothing twice.',
      )
      .option('--json', 'print the summary as JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  distillwatch migrate --data ./distillwatch-data
  distillwatch migrate --clickhouse-url http://default:@localhost:8123/default --json`,
    )
    .action(async (opts: WarehouseOptions & { json?: boolean }) => {
      const bar = progressBar(!opts.json);
      const summary = await withWarehouse(opts, async (wh) => {
        const before = await backfillState(wh);
        const pendingRows = before.pending.reduce((s, u) => s + u.rows, 0);
        bar.start('backfilling features and rollups');
        const done = await runBackfill(wh, (p) => bar.update(p.rows > 0 ? p.rowsDone / p.rows : 1));
        bar.stop();
        // An exchange derived for several tables is counted once in `exchanges`, once per table in `tables`.
        const exchanges = Math.max(0, ...Object.values(done.tables));
        return { warehouse: wh.location, schema_version: SCHEMA_VERSION, backfilled: { units: done.units, exchanges, tables: done.tables }, was_pending: pendingRows };
      });
      if (opts.json) printJson(summary);
      else {
        process.stdout.write(
          summary.backfilled.units === 0
            ? `${summary.warehouse}: schema version ${summary.schema_version}, nothing to backfill\n`
            : `${summary.warehouse}: schema version ${summary.schema_version}; ${Object.entries(summary.backfilled.tables).map(([t, n]) => `${t} derived for ${n.toLocaleString('en-US')} exchanges`).join(', ')} (${summary.backfilled.units} parts)\n`,
        );
      }
    });
}
