/**
 * One evaluation's warehouse work, in a child process of its own (the embedded engine opens one warehouse per
 * process): load the campaign's traffic into a copy of the background's warehouse, count each campaign
 * account's served exchanges per replay interval, then hunt at each cut-off in time order, stopping once the
 * campaign is detected or can no longer beat the best configuration found so far.
 *
 * Usage: node worker.js <job.json>; the result is printed as JSON on stdout, progress as JSON lines on stderr.
 * The job names the campaign's accounts (from the simulation's truth: the adversary scores itself, as eval
 * does); the hunt itself never sees them.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_HUNT_CONFIG } from '../../hunt/context.js';
import { hunt } from '../../hunt/hunt.js';
import { ingest } from '../../ingest/ingest.js';
import { openWarehouse } from '../../warehouse/warehouse.js';
import { HarvestTally, type HarvestResult } from './harvest.js';

export interface WorkerJob {
  /** The warehouse (a copy of the background's) and the operator's IP-to-ASN table. */
  data: string;
  asnDb: string | null;
  /** The campaign's traffic and account records, to load. */
  exchanges: string[];
  accountFiles: string[];
  campaignAccounts: string[];
  /** Replay cut-offs (ms, ascending; the last is the window's end) and the window's start. */
  cutoffs: number[];
  start: number;
  /** Stop once the campaign's harvest cannot reach this (the best so far); null: never on the bound. */
  stopBelow: number | null;
}

export interface WorkerResult {
  harvest: HarvestResult;
  inserted: number;
  seconds: { ingest: number; hunt: number };
}

async function run(job: WorkerJob): Promise<WorkerResult> {
  const wh = await openWarehouse({ data: job.data });
  try {
    const t0 = Date.now();
    const loaded = await ingest(wh, { exchanges: job.exchanges, accounts: job.accountFiles });
    if (loaded.totals.quarantined > 0) throw new Error(`${loaded.totals.quarantined} simulated records were rejected on load (${loaded.quarantineFile})`);
    // Served exchanges per replay interval: the first cut-off at or after each exchange (ts <= until, as the hunt reads).
    const rows = await wh.query<{ account_id: string; k: number; n: string }>(
      `SELECT account_id, if(i = 0, length({cutoffs:Array(Int64)}), i) - 1 AS k, count() AS n
       FROM (SELECT account_id, arrayFirstIndex(c -> toUnixTimestamp64Milli(ts) <= c, {cutoffs:Array(Int64)}) AS i
             FROM exchanges WHERE account_id IN {ids:Array(String)} AND status = 200)
       GROUP BY account_id, k`,
      { cutoffs: job.cutoffs, ids: job.campaignAccounts },
    );
    const served = new Map<string, number[]>();
    for (const r of rows) {
      const xs = served.get(r.account_id) ?? job.cutoffs.map(() => 0);
      // Past the last cut-off (none matches) counts in the last interval.
      xs[Math.min(Number(r.k), job.cutoffs.length - 1)]! += Number(r.n);
      served.set(r.account_id, xs);
    }
    const ingestSeconds = (Date.now() - t0) / 1000;

    const campaign = new Set(job.campaignAccounts);
    const tally = new HarvestTally(job.campaignAccounts, served, job.cutoffs, job.start);
    const t1 = Date.now();
    let stopped: HarvestResult['stopped'] | undefined;
    while (tally.next !== null) {
      const cutoff = tally.next;
      const h0 = Date.now();
      const r = await hunt(wh, { ...DEFAULT_HUNT_CONFIG, until: new Date(cutoff).toISOString(), asnFile: job.asnDb });
      const flagged = new Map<string, string[]>();
      const watch = new Set<string>();
      let benign = 0;
      for (const a of r.accounts) {
        if (a.flagged) {
          if (campaign.has(a.account_id)) flagged.set(a.account_id, a.reasons);
          else benign++;
        } else if (a.tier === 'watch' && campaign.has(a.account_id)) watch.add(a.account_id);
      }
      const obs = tally.observe(flagged, watch, benign, (Date.now() - h0) / 1000);
      process.stderr.write(JSON.stringify({ progress: obs.index + 1, of: job.cutoffs.length, flagged: obs.everFlagged }) + '\n');
      if (!tally.detected && tally.next !== null && job.stopBelow !== null && tally.upperBound() < job.stopBelow) {
        stopped = 'bound';
        break;
      }
    }
    return { harvest: tally.result(stopped), inserted: loaded.totals.inserted, seconds: { ingest: ingestSeconds, hunt: (Date.now() - t1) / 1000 } };
  } finally {
    await wh.close();
  }
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: worker.js <job.json>\n');
  process.exit(2);
}
try {
  const result = await run(JSON.parse(readFileSync(file, 'utf8')) as WorkerJob);
  process.stdout.write(JSON.stringify(result) + '\n');
} catch (e) {
  process.stderr.write(`adversary worker: ${(e as Error).stack ?? (e as Error).message}\n`);
  process.exitCode = 1;
}
