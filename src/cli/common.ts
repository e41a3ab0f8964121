import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { DEFAULT_DATA_DIR, openWarehouse, type Warehouse } from '../warehouse/warehouse.js';

export interface WarehouseOptions {
  data: string;
  clickhouseUrl?: string;
}

/** The options every command that touches the warehouse takes. */
export function warehouseOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--data <dir>', 'data directory of the embedded engine').default(DEFAULT_DATA_DIR))
    .addOption(
      new Option('--clickhouse-url <url>', 'use a ClickHouse server instead, e.g. http://user:pass@host:8123/db').env(
        'DISTILLWATCH_CLICKHOUSE_URL',
      ),
    );
}

export async function withWarehouse<T>(opts: WarehouseOptions, fn: (wh: Warehouse) => Promise<T>, open: { shared?: boolean } = {}): Promise<T> {
  const wh = await openWarehouse({ data: opts.data, clickhouseUrl: opts.clickhouseUrl, shared: open.shared });
  try {
    return await fn(wh);
  } finally {
    await wh.close();
  }
}

/** A progress bar on an interactive terminal, silent otherwise (pipes, CI, --json). */
export function progressBar(enabled: boolean) {
  const on = enabled && process.stderr.isTTY === true;
  const bar = on
    ? new cliProgress.SingleBar(
        { format: '{label} [{bar}] {percentage}% | {duration_formatted}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  let running = false;
  return {
    start(label: string) {
      if (!bar) return;
      if (running) bar.stop();
      bar.start(100, 0, { label });
      running = true;
    },
    update(fraction: number) {
      bar?.update(Math.round(fraction * 100));
    },
    stop() {
      if (bar && running) bar.stop();
      running = false;
    },
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Right-aligned numeric table for terminal summaries. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((r, ri) =>
      r
        .map((c, i) => (i === 0 || typeof [header, ...rows][ri]?.[i] === 'string' ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
