import { Command } from 'commander';
import { warehouseOptions, withWarehouse, type WarehouseOptions } from '../common.js';

export function queryCommand(): Command {
  return warehouseOptions(
    new Command('query')
      .description(
        'Run read-only ClickHouse SQL over the warehouse (tables: exchanges, accounts, quarantine, loads) and print ' +
          'the result as a table, or as JSON with --json.',
      )
      .argument('<sql>', 'the SQL; bind values with {name:Type} and --param name=value')
      .option('--param <name=value...>', 'query parameter, for {name:Type} placeholders in the SQL')
      .option('--format <format>', 'any ClickHouse output format (CSV, TSV, Markdown, ...)')
      .option('--json', 'print rows as a JSON array'),
  )
    .addHelpText(
      'after',
      `
Examples:
  distillwatch query "SELECT account_id, count() AS n FROM exchanges GROUP BY account_id ORDER BY n DESC LIMIT 10"
  distillwatch query --json "SELECT count() FROM exchanges WHERE account_id = {a:String}" --param a=acct_42`,
    )
    .action(async (sql: string, opts: WarehouseOptions & { param?: string[]; format?: string; json?: boolean }) => {
      const params: Record<string, string> = {};
      for (const p of opts.param ?? []) {
        const eq = p.indexOf('=');
        if (eq <= 0) throw new Error(`--param ${p}: expected name=value`);
        params[p.slice(0, eq)] = p.slice(eq + 1);
      }
      // A FORMAT clause written into the SQL is honoured like --format (the client adds its own).
      const inline = /\sFORMAT\s+(\w+)\s*;?\s*$/i.exec(sql);
      const body = inline ? sql.slice(0, inline.index) : sql.replace(/;\s*$/, '');
      const format = opts.json
        ? 'JSONEachRow'
        : (opts.format ?? inline?.[1] ?? (process.stdout.isTTY ? 'PrettyCompactMonoBlock' : 'TSVWithNames'));
      const text = await withWarehouse(opts, (wh) => wh.queryText(body, format, params, { readonly: true }), { shared: true });
      if (opts.json) {
        const rows = text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as unknown);
        process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      } else process.stdout.write(text.endsWith('\n') || text === '' ? text : text + '\n');
    });
}
