import { Command, Option } from 'commander';
import { join, resolve } from 'node:path';
import { DEFAULT_HUNT_CONFIG } from '../../hunt/context.js';
import { writeFindings } from '../../hunt/findings.js';
import { hunt, type HuntResult } from '../../hunt/hunt.js';
import { writeReport } from '../../report/report.js';
import { loadPeerTrust } from '../../share/trust.js';
import { formatTable, printJson, progressBar, warehouseOptions, withWarehouse, type WarehouseOptions } from '../common.js';

interface HuntCliOptions extends WarehouseOptions {
  out: string;
  since?: string;
  until?: string;
  asnDb?: string;
  seed: string;
  redact?: boolean;
  keepTables?: boolean;
  verbose?: boolean;
  json?: boolean;
  replayEvery?: string;
  replayFrom?: string;
  replayTo?: string;
  peerTrust?: string;
}

function isoOrThrow(name: string, v: string | undefined): string | null {
  if (v === undefined) return null;
  const t = Date.parse(/^\d+$/.test(v) ? new Date(Number(v)).toISOString() : v);
  if (Number.isNaN(t)) throw new Error(`--${name} ${v}: not a timestamp (use ISO-8601, e.g. 2026-05-01T00:00:00Z)`);
  return new Date(t).toISOString();
}

export function huntCommand(): Command {
  return warehouseOptions(
    new Command('hunt')
      .description(
        'Hunt the warehouse for distillation campaigns: score every account on each signal against the population, link ' +
          'accounts through shared rare evidence, cluster them, and report the campaigns with their evidence. Writes ' +
          'accounts.jsonl and campaigns.json (the findings contract that `distillwatch eval` scores) and report.md/.html.',
      )
      .requiredOption('--out <dir>', 'where to write the findings and the report')
      .option('--since <time>', 'only exchanges at or after this time (ISO-8601)')
      .option('--until <time>', 'only exchanges at or before this time, and accounts created by then: replays the hunt at that moment')
      .option('--asn-db <file>', 'IP-to-ASN table (iptoasn.com TSV: range_start, range_end, AS_number, country_code, AS_description)')
      .addOption(new Option('--seed <n>', 'seed for community detection').default('1'))
      .option('--redact', 'replace example prompts in the findings and report by their SHA-256')
      .option('--keep-tables', 'keep the working tables (_hunt_*) for inspection with `distillwatch query`')
      .option('--verbose', 'log each step on stderr, with every linked group of 3+ accounts weighed against the campaign bars')
      .option('--replay-every <hours>', 'also replay the hunt at cut-offs this many hours apart, each into <out>/replay/<cut-off>/ (for eval --timeline)')
      .option('--replay-from <time>', 'first replay cut-off (default: first exchange + the interval)')
      .option('--replay-to <time>', 'last replay cut-off (default: the last exchange)')
      .addOption(new Option('--peer-trust <file>', "producers of imported indicators (share import) allowed to flag an account on their own (YAML/JSON: producers: [name or identity id]); others' only raise scores").env('DISTILLWATCH_PEER_TRUST'))
      .option('--json', 'print the summary as JSON'),
  )
    .addHelpText(
      'after',
      `
Examples:
  distillwatch hunt --data ./dw --out ./findings
  distillwatch hunt --data ./dw --out ./findings-day3 --until 2026-04-25T00:00:00Z --asn-db ip2asn.tsv
Then: distillwatch eval --findings ./findings --truth <simulation>/truth`,
    )
    .action(async (opts: HuntCliOptions) => {
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new Error(`--seed ${opts.seed}: expected an integer`);
      const config = {
        ...DEFAULT_HUNT_CONFIG,
        since: isoOrThrow('since', opts.since),
        until: isoOrThrow('until', opts.until),
        asnFile: opts.asnDb ? resolve(opts.asnDb) : null,
        seed,
        peerTrust: loadPeerTrust(opts.peerTrust),
      };
      const bar = progressBar(!opts.json);
      const replays: { until: string; dir: string; campaigns: number; flagged: number }[] = [];
      const result = await withWarehouse(opts, async (wh) => {
        if (opts.replayEvery !== undefined) {
          const hours = Number(opts.replayEvery);
          if (!(hours > 0)) throw new Error(`--replay-every ${opts.replayEvery}: expected a positive number of hours`);
          const [span] = await wh.query<{ first: number; last: number }>(
            `SELECT toUnixTimestamp64Milli(min(ts)) AS first, toUnixTimestamp64Milli(max(ts)) AS last FROM exchanges
             WHERE ts >= parseDateTime64BestEffort({since:String}, 3, 'UTC') AND ts <= parseDateTime64BestEffort({until:String}, 3, 'UTC')`,
            { since: config.since ?? '1970-01-01T00:00:00Z', until: config.until ?? '2299-12-31T23:59:59Z' },
          );
          const step = hours * 3_600_000;
          const from = opts.replayFrom ? Date.parse(isoOrThrow('replay-from', opts.replayFrom)!) : Number(span?.first ?? 0) + step;
          const to = opts.replayTo ? Date.parse(isoOrThrow('replay-to', opts.replayTo)!) : Number(span?.last ?? 0);
          const cutoffs: number[] = [];
          for (let t = from; t <= to; t += step) cutoffs.push(t);
          for (const [i, t] of cutoffs.entries()) {
            const until = new Date(t).toISOString();
            bar.start(`replay ${i + 1}/${cutoffs.length} ${until.slice(0, 16)}`);
            const r = await hunt(wh, { ...config, until }, { onStep: (_s, f) => bar.update(f) }).finally(() => bar.stop());
            const dir = join(opts.out, 'replay', until.replace(/[:.]/g, '-'));
            await writeFindings(r, dir, { redact: opts.redact });
            replays.push({ until, dir, campaigns: r.campaigns.length, flagged: r.accounts.filter((a) => a.flagged).length });
          }
        }
        bar.start('hunt');
        const log = opts.verbose ? (msg: string) => process.stderr.write(`${msg}\n`) : undefined;
        return hunt(wh, config, { keepTables: opts.keepTables, log, onStep: (_s, f) => bar.update(f) }).finally(() => bar.stop());
      });
      await writeFindings(result, opts.out, { redact: opts.redact });
      const report = writeReport(result, opts.out, { redact: opts.redact });
      if (opts.json) printJson({ ...summary(result, opts.out, report.html), replays });
      else {
        process.stdout.write(renderHuntSummary(result, opts.out, report.html) + '\n');
        if (replays.length) process.stdout.write(`replays: ${replays.length} hunts at cut-offs ${replays[0]!.until} .. ${replays.at(-1)!.until} in ${resolve(opts.out, 'replay')}\n`);
      }
    });
}

function summary(r: HuntResult, out: string, html: string) {
  return {
    out: resolve(out),
    report: html,
    window: r.window,
    until: r.config.until,
    flagged_accounts: r.accounts.filter((a) => a.flagged).length,
    campaigns: r.campaigns.map((c) => ({
      campaign_id: c.campaign_id,
      accounts: c.accounts.length,
      exchanges: c.exchanges,
      first_seen: c.first_seen,
      last_seen: c.last_seen,
      confidence: c.confidence,
      reasons: c.reasons,
    })),
    timings_s: r.timings,
  };
}

export function renderHuntSummary(r: HuntResult, out: string, html: string): string {
  const flagged = r.accounts.filter((a) => a.flagged).length;
  const lines = [
    `hunted ${r.window.accounts.toLocaleString('en-US')} accounts, ${r.window.exchanges.toLocaleString('en-US')} exchanges` +
      (r.config.until ? ` up to ${r.config.until}` : '') +
      ` in ${Object.values(r.timings).reduce((a, b) => a + b, 0).toFixed(1)} s`,
    `${r.campaigns.length} campaign(s), ${flagged.toLocaleString('en-US')} account(s) flagged`,
  ];
  if (r.campaigns.length) {
    lines.push(
      '',
      formatTable(
        ['campaign', 'accounts', 'exchanges', 'first seen', 'confidence', 'top reasons'],
        r.campaigns.map((c) => [c.campaign_id, c.accounts.length, c.exchanges, c.first_seen ?? '', c.confidence.toFixed(2), c.reasons.slice(0, 3).join(', ')]),
      ),
    );
  }
  lines.push('', `findings: ${resolve(out)}/accounts.jsonl, campaigns.json`, `report:   ${html}`);
  return lines.join('\n');
}
