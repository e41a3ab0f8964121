import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_HUNT_CONFIG, type HuntConfig } from '../hunt/context.js';
import { writeFindings } from '../hunt/findings.js';
import { hunt, type HuntResult } from '../hunt/hunt.js';
import { ingest, rollbackUnfinishedLoads, type LoadSummary } from '../ingest/ingest.js';
import { writeReport } from '../report/report.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { dropUnrecordedVerdicts, recordHunt } from './verdicts.js';
import { failpoint } from '../util/failpoint.js';

/**
 * Continuous operation: ingest the files that have landed since the last look, each once (the `loads` log
 * says which were loaded, so this holds across restarts), re-hunt, and record what changed. Every step is
 * safe to kill: a load stopped mid-file is rolled back and loaded again whole, a hunt stopped before it was
 * recorded is hunted again, so on restart nothing is lost or counted twice.
 */
export interface WatchOptions {
  /** Exchange files: directories (every data file in them) or one-level globs (`dir/*.jsonl.gz`). */
  exchanges: string[];
  /** Account snapshot files, the same way (loaded before the exchanges of a cycle). */
  accounts?: string[];
  /** Where each hunt's findings and report go (overwritten by the next). */
  out: string;
  hunt?: Partial<HuntConfig>;
  /** A file is taken only once it has not changed for this long (one still being written is left for later). */
  settleMs?: number;
  /** Hunt even when no new file landed (the first cycle of a run always hunts when nothing was ever hunted). */
  alwaysHunt?: boolean;
  redact?: boolean;
  onStep?: (what: string, fraction: number) => void;
  now?: () => number;
}

export interface CycleResult {
  rolledBack: number[];
  droppedVerdicts: number;
  loaded: LoadSummary[];
  /** The hunt of this cycle, or null when nothing new landed. */
  hunt: { huntId: string; accounts: number; flagged: number; campaigns: number; changed: number; seconds: number } | null;
  result: HuntResult | null;
}

const DATA_FILE = /\.(jsonl|ndjson|json|csv|tsv|parquet)(\.gz|\.gzip)?$/i;

/** A one-level glob (`*` and `?` in the file name only) as a regular expression. */
function globRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** The files a list of directories and one-level globs names now, absolute, sorted by name. */
export function listInputs(specs: string[]): string[] {
  const out = new Set<string>();
  for (const spec of specs) {
    const abs = resolve(spec);
    if (/[*?]/.test(basename(abs))) {
      const dir = dirname(abs);
      if (/[*?]/.test(dir)) throw new Error(`${spec}: only the file name may hold wildcards (dir/*.jsonl.gz)`);
      const re = globRegExp(basename(abs));
      let names: string[] = [];
      try {
        names = readdirSync(dir);
      } catch {
        continue; // the directory does not exist yet: nothing has landed
      }
      for (const n of names) if (re.test(n)) out.add(join(dir, n));
    } else {
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        for (const n of readdirSync(abs)) if (DATA_FILE.test(n) && statSync(join(abs, n)).isFile()) out.add(join(abs, n));
      } else out.add(abs);
    }
  }
  return [...out].sort();
}

/** Of the files named now, those not loaded yet and settled (unchanged for settleMs). */
export async function newInputs(wh: Warehouse, specs: string[], kind: 'exchange' | 'account', settleMs: number, now: number): Promise<string[]> {
  const files = listInputs(specs);
  if (files.length === 0) return [];
  const loaded = new Set(
    (
      await wh.query<{ f: string }>(`SELECT DISTINCT source_file AS f FROM loads WHERE record_kind = {kind:String} AND source_file IN {files:Array(String)}`, {
        kind,
        files,
      })
    ).map((r) => r.f),
  );
  return files.filter((f) => !loaded.has(f) && now - statSync(f).mtimeMs >= settleMs);
}

/** One cycle: recover from a kill, load what landed, hunt if anything did, record the verdicts. */
export async function watchCycle(wh: Warehouse, opts: WatchOptions): Promise<CycleResult> {
  const now = (opts.now ?? Date.now)();
  const step = opts.onStep ?? (() => {});
  // (Only where this process is the one writer: on a server, another process's load in flight would look unfinished.)
  const rolledBack = wh.kind === 'embedded' ? await rollbackUnfinishedLoads(wh) : [];
  const droppedVerdicts = await dropUnrecordedVerdicts(wh);
  const settle = opts.settleMs ?? 5_000;
  const accounts = await newInputs(wh, opts.accounts ?? [], 'account', settle, now);
  const exchanges = await newInputs(wh, opts.exchanges, 'exchange', settle, now);
  const loaded: LoadSummary[] = [];
  if (accounts.length + exchanges.length > 0) {
    // One file at a time, so a kill loses at most the file in flight (rolled back on restart).
    for (const [i, f] of [...accounts.map((f) => ['account', f] as const), ...exchanges.map((f) => ['exchange', f] as const)].entries()) {
      step(`ingest ${i + 1}/${accounts.length + exchanges.length} ${basename(f[1])}`, 0);
      const s = await ingest(wh, { exchanges: f[0] === 'exchange' ? [f[1]] : [], accounts: f[0] === 'account' ? [f[1]] : [], rolledBack: true });
      loaded.push(...s.files);
    }
  }
  const [hunted] = await wh.query<{ n: string; last: string }>(`SELECT count() AS n, toString(max(finished_at)) AS last FROM hunts`);
  // A hunt is owed when data landed, when none was ever recorded, or when the last one was killed before it was
  // recorded (data it should have covered arrived after the last recorded hunt started).
  const [owed] = await wh.query<{ n: string }>(
    `SELECT count() AS n FROM loads WHERE finished_at > (SELECT ifNull(max(started_at), toDateTime64(0, 3, 'UTC')) FROM hunts)`,
  );
  const due = opts.alwaysHunt || Number(hunted?.n ?? 0) === 0 || Number(owed?.n ?? 0) > 0;
  if (!due) return { rolledBack, droppedVerdicts, loaded, hunt: null, result: null };

  const started = new Date((opts.now ?? Date.now)()).toISOString();
  const t0 = Date.now();
  const huntId = randomUUID();
  step('hunt', 0);
  const result = await hunt(wh, { ...DEFAULT_HUNT_CONFIG, ...opts.hunt }, { onStep: (_s, f) => step('hunt', f) });
  // Written aside and swapped in, so a reader (or a kill) never sees half of one hunt's findings and half of another's.
  const out = resolve(opts.out);
  const fresh = `${out}.partial`;
  rmSync(fresh, { recursive: true, force: true });
  await writeFindings(result, fresh, { redact: opts.redact });
  writeReport(result, fresh, { redact: opts.redact });
  rmSync(`${out}.previous`, { recursive: true, force: true });
  if (existsSync(out)) renameSync(out, `${out}.previous`);
  failpoint('watch.findings');
  renameSync(fresh, out);
  rmSync(`${out}.previous`, { recursive: true, force: true });
  const recorded = await recordHunt(wh, result, { huntId, startedAt: started, findingsDir: out });
  return {
    rolledBack,
    droppedVerdicts,
    loaded,
    hunt: {
      huntId,
      accounts: result.window.accounts,
      flagged: result.accounts.filter((a) => a.flagged).length,
      campaigns: result.campaigns.length,
      changed: recorded.changed,
      seconds: (Date.now() - t0) / 1000,
    },
    result,
  };
}
