import { Command, Option } from 'commander';
import { resolve } from 'node:path';
import { progressBar, warehouseOptions, withWarehouse, type WarehouseOptions } from '../common.js';
import { watchCycle, type CycleResult } from '../../watch/watch.js';
import { findServer, serveWarehouse } from '../../warehouse/serve.js';
import { loadPeerTrust } from '../../share/trust.js';

interface WatchCliOptions extends WarehouseOptions {
  in: string[];
  accounts?: string[];
  out: string;
  every: string;
  settle: string;
  once?: boolean;
  cycles?: string;
  asnDb?: string;
  seed: string;
  redact?: boolean;
  peerTrust?: string;
  json?: boolean;
}

/** `15m`, `30s`, `1h`, `500ms`, or a number of seconds. */
export function parseDuration(name: string, v: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) throw new Error(`--${name} ${v}: expected a duration such as 30s, 15m or 1h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * unit;
}

export function watchCommand(): Command {
  return warehouseOptions(
    new Command('watch')
      .description(
        'Run continuously: every interval, ingest the exchange (and account) files that landed since the last look, each ' +
          'once even across restarts, re-hunt, write the findings and report to --out, and record each account\'s verdict ' +
          'history (tables hunts, verdicts, current_verdicts). Stop it at any moment: on restart a half-loaded file is ' +
          'rolled back and loaded again whole, a hunt that was not recorded is run again. Files must be complete when ' +
          'they appear (write, then rename into place); one that changed within --settle is left for the next cycle.',
      )
      .requiredOption('--in <paths...>', 'exchange files to watch: directories or one-level globs (quote them: "logs/*.jsonl.gz")')
      .option('--accounts <paths...>', 'account snapshot files to watch, the same way')
      .requiredOption('--out <dir>', 'where the latest findings and report are written')
      .addOption(new Option('--every <duration>', 'how often to look: 30s, 15m, 1h').default('15m'))
      .addOption(new Option('--settle <duration>', 'a file must be unchanged this long before it is loaded').default('5s'))
      .option('--once', 'one cycle, then exit (for cron or a scheduler)')
      .option('--cycles <n>', 'stop after this many cycles')
      .option('--asn-db <file>', 'IP-to-ASN table (iptoasn.com TSV)')
      .addOption(new Option('--seed <n>', 'seed for community detection').default('1'))
      .option('--redact', 'replace example prompts in the findings and report by their SHA-256')
      .addOption(
        new Option('--peer-trust <file>', "producers of imported indicators (share import) allowed to flag an account on their own, as hunt's").env(
          'DISTILLWATCH_PEER_TRUST',
        ),
      )
      .option('--json', 'print one JSON line per cycle'),
  )
    .addHelpText(
      'after',
      `
Examples:
  distillwatch watch --data ./dw --in ./landing --out ./findings --every 15m
  distillwatch watch --data ./dw --in "./landing/*.jsonl.gz" --accounts ./accounts --out ./findings --once --json`,
    )
    .action(async (opts: WatchCliOptions) => {
      const every = parseDuration('every', opts.every);
      const settleMs = parseDuration('settle', opts.settle);
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new Error(`--seed ${opts.seed}: expected an integer`);
      const peerTrust = loadPeerTrust(opts.peerTrust);
      const cycles = opts.once ? 1 : opts.cycles !== undefined ? Number(opts.cycles) : Infinity;
      if (!(cycles >= 1)) throw new Error(`--cycles ${opts.cycles}: expected a positive integer`);
      const bar = progressBar(!opts.json);
      let stopping = false;
      let wake: (() => void) | null = null;
      const stop = () => {
        stopping = true;
        wake?.();
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      if (!opts.clickhouseUrl) {
        const other = await findServer(resolve(opts.data));
        if (other) throw new Error(`${resolve(opts.data)} is held by another running process (pid ${other.pid}, started ${other.started_at}); stop it first`);
      }
      await withWarehouse(opts, async (wh) => {
        // The embedded engine is this process's alone: the other commands (query, hunt, ingest, migrate, baseline) reach it
        // through this one while it runs (warehouse/serve.ts).
        const served = wh.kind === 'embedded' ? await serveWarehouse(wh, wh.location) : null;
        try {
          for (let i = 0; i < cycles && !stopping; i++) {
            const t0 = Date.now();
            let label = '';
            const cycle = () => watchCycle(wh, {
              exchanges: opts.in,
              accounts: opts.accounts,
              out: opts.out,
              settleMs,
              redact: opts.redact,
              hunt: { asnFile: opts.asnDb ? resolve(opts.asnDb) : null, seed, peerTrust },
              onStep: (what, f) => {
                if (what !== label) bar.start(what);
                label = what;
                bar.update(f);
              },
            });
            const r = await (served ? served.exclusive(cycle) : cycle()).finally(() => bar.stop());
            report(r, opts.json === true);
            if (i + 1 >= cycles || stopping) break;
            const wait = Math.max(0, every - (Date.now() - t0));
            await new Promise<void>((res) => {
              const t = setTimeout(res, wait);
              wake = () => {
                clearTimeout(t);
                res();
              };
            });
            wake = null;
          }
        } finally {
          await served?.close();
        }
      });
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    });
}

function report(r: CycleResult, json: boolean): void {
  const at = new Date().toISOString();
  const loaded = r.loaded.reduce((s, f) => s + f.inserted, 0);
  const quarantined = r.loaded.reduce((s, f) => s + f.quarantined, 0);
  if (json) {
    process.stdout.write(
      JSON.stringify({
        at,
        rolled_back_batches: r.rolledBack,
        dropped_unrecorded_verdicts: r.droppedVerdicts,
        files: r.loaded.map((f) => ({ file: f.file, kind: f.kind, read: f.read, inserted: f.inserted, duplicates: f.duplicates, quarantined: f.quarantined })),
        hunt: r.hunt,
      }) + '\n',
    );
    return;
  }
  const parts = [`${at}: ${r.loaded.length} file(s) loaded (${loaded.toLocaleString('en-US')} records new, ${quarantined.toLocaleString('en-US')} quarantined)`];
  if (r.rolledBack.length) parts.push(`rolled back ${r.rolledBack.length} unfinished load(s)`);
  if (r.hunt) parts.push(`hunted ${r.hunt.accounts.toLocaleString('en-US')} accounts in ${r.hunt.seconds.toFixed(1)} s: ${r.hunt.campaigns} campaign(s), ${r.hunt.flagged} flagged, ${r.hunt.changed} verdict(s) changed`);
  else parts.push('nothing new, no hunt');
  process.stdout.write(parts.join('; ') + '\n');
}
