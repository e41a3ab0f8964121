/**
 * The harness of `distillwatch adversary`: the background simulated and loaded once, then per operation size
 * a search whose every evaluation simulates the campaign alone (its own seed), loads it into a copy of the
 * background's warehouse and replays the hunt at cut-offs in a child process (worker.ts), scoring the
 * harvest before detection (harvest.ts).
 *
 * Simulating the campaign apart from the background is what keeps an evaluation cheap (the background's
 * ~300,000 exchanges are generated and loaded once). It is sound because the simulator's accounts and
 * requests only interact through the shared world tables (ASNs, clients), which are fixed: ids are random
 * tokens of separate seeds, and the traffic of an account depends on its own actor only.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TRUTH_DIR } from '../../eval/contracts.js';
import { readTruth } from '../../eval/truth.js';
import { background, campaignScenario, tacticSpace, tacticsKey, type Background, type TacticSpace, type Tactics } from '../../simulate/adversary.js';
import { hash32 } from '../../simulate/rng.js';
import { simulate } from '../../simulate/simulate.js';
import { replayCutoffs } from './harvest.js';
import { frontierRow, tacticProfile, type FrontierReport } from './frontier.js';
import { searchSize, type EvaluationRecord, type SearchResult } from './search.js';
import type { WorkerJob, WorkerResult } from './worker.js';

const CLI = fileURLToPath(new URL('../../cli/main.js', import.meta.url));
const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

export interface Progress {
  start(label: string): void;
  update(fraction: number): void;
  stop(): void;
}

export interface AdversaryOptions {
  sizes: number[];
  budget: number;
  seed: number;
  /** The red-team world whose benign population is the background, its length and scale. */
  worldSeed: number;
  days: number;
  worldScale: number;
  prompts: string | null;
  replayHours: number;
  maxExchanges: number;
  randomShare: number;
  /** Rungs of the volume ladder past the exchange budget (see SearchOptions.ladder). */
  ladder: number;
  out: string;
  /** Keep each evaluation's directory (simulation, warehouse, job). */
  keep: boolean;
  say: (msg: string) => void;
  bar: Progress;
}

export interface AdversaryRun {
  report: FrontierReport;
  searches: SearchResult[];
}

function spawnNode(args: string[], onStderrLine?: (line: string) => void): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    let pending = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      const text = pending + b.toString('utf8');
      const lines = text.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) {
        if (onStderrLine && l.startsWith('{"progress"')) onStderrLine(l);
        else err += l + '\n';
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      err += pending;
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`${args[0]} ${args[1] ?? ''} exited with ${code}: ${err.trim().split('\n').slice(-6).join('\n')}`));
    });
  });
}

interface BackgroundBuild {
  bg: Background;
  warehouse: string;
  asnDb: string;
  exchanges: number;
  /** Accounts the simulation built (classes and groups vary around the plan). */
  accounts: number;
  seconds: number;
  reused: boolean;
}

/** The background simulated and loaded once into a warehouse kept as the master copy (reused when it matches). */
async function prepareBackground(o: AdversaryOptions): Promise<BackgroundBuild> {
  const dir = join(o.out, 'background');
  const bg = background(o.worldSeed, { days: o.days, scale: o.worldScale });
  const meta = { worldSeed: o.worldSeed, days: o.days, scale: o.worldScale, prompts: o.prompts };
  const metaFile = join(dir, 'background.json');
  const warehouse = join(dir, 'warehouse');
  const asnDb = join(dir, 'sim', 'ip2asn.tsv');
  if (existsSync(metaFile) && existsSync(warehouse) && existsSync(asnDb)) {
    const held = JSON.parse(readFileSync(metaFile, 'utf8')) as typeof meta & { exchanges: number; accounts: number };
    if (held.worldSeed === meta.worldSeed && held.days === meta.days && held.scale === meta.scale && held.prompts === meta.prompts) {
      return { bg, warehouse, asnDb, exchanges: held.exchanges, accounts: held.accounts, seconds: 0, reused: true };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  o.bar.start('background: simulate');
  const sim = await simulate({ scenario: bg.scenario, scale: 1, seed: o.worldSeed, out: join(dir, 'sim'), prompts: o.prompts ?? undefined, onProgress: (d, n) => o.bar.update(d / n) }).finally(() => o.bar.stop());
  o.bar.start('background: load');
  await spawnNode([CLI, 'ingest', '--data', warehouse, join(dir, 'sim', 'exchanges.jsonl.gz'), '--accounts', join(dir, 'sim', 'accounts.jsonl.gz'), '--json']).finally(() => o.bar.stop());
  // The exchanges file is no longer needed (the warehouse holds it); the ASN table is.
  rmSync(join(dir, 'sim', 'exchanges.jsonl.gz'), { force: true });
  writeFileSync(metaFile, JSON.stringify({ ...meta, exchanges: sim.exchanges, accounts: sim.accounts }, null, 2) + '\n');
  return { bg, warehouse, asnDb, exchanges: sim.exchanges, accounts: sim.accounts, seconds: (Date.now() - t0) / 1000, reused: false };
}

/** The seed of a configuration's simulation: same run seed, size and configuration, same traffic. */
export function simSeedOf(seed: number, accounts: number, key: string): number {
  return (hash32(seed, 'adversary-sim', accounts, key) % 2_147_483_646) + 1;
}

export async function runAdversary(o: AdversaryOptions): Promise<AdversaryRun> {
  const started = Date.now();
  mkdirSync(o.out, { recursive: true });
  const base = await prepareBackground(o);
  o.say(`background: red-team world ${o.worldSeed}, ${base.accounts.toLocaleString('en-US')} benign accounts, ${base.exchanges.toLocaleString('en-US')} exchanges, ${o.days} days${base.reused ? ' (reused)' : ` (${base.seconds.toFixed(0)} s)`}`);
  const cutoffs = replayCutoffs(base.bg.start, base.bg.end, o.replayHours);
  const searches: SearchResult[] = [];

  for (const accounts of o.sizes) {
    const space: TacticSpace = tacticSpace({ accounts, days: o.days, maxExchanges: o.maxExchanges, corpus: o.prompts !== null });
    let n = 0;
    const evaluate = async (t: Tactics, ctx: { index: number; stopBelow: number | null }) => {
      n++;
      const label = `${accounts} accounts, run ${n}/${o.budget}${n > o.budget ? ' (ladder)' : ''}`;
      const key = tacticsKey(t);
      const simSeed = simSeedOf(o.seed, accounts, key);
      const dir = join(o.out, 'evals', `size-${accounts}`, String(ctx.index + 1).padStart(3, '0'));
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const seconds: Record<string, number> = {};
      const t0 = Date.now();
      try {
        o.bar.start(`${label}: simulate`);
        const scenario = campaignScenario(base.bg, t, accounts);
        await simulate({ scenario, scale: 1, seed: simSeed, out: join(dir, 'sim'), prompts: t.source === 'corpus' && o.prompts ? o.prompts : undefined, onProgress: (d, m) => o.bar.update(d / m) });
        const truth = await readTruth(join(dir, 'sim', TRUTH_DIR));
        seconds.simulate = (Date.now() - t0) / 1000;
        const t1 = Date.now();
        cpSync(base.warehouse, join(dir, 'warehouse'), { recursive: true, verbatimSymlinks: true });
        seconds.copy = (Date.now() - t1) / 1000;
        const job: WorkerJob = {
          data: join(dir, 'warehouse'),
          asnDb: base.asnDb,
          exchanges: [join(dir, 'sim', 'exchanges.jsonl.gz')],
          accountFiles: [join(dir, 'sim', 'accounts.jsonl.gz')],
          campaignAccounts: truth.ids.filter((_, i) => truth.attack[i] === 1),
          cutoffs,
          start: base.bg.start,
          stopBelow: ctx.stopBelow,
        };
        writeFileSync(join(dir, 'job.json'), JSON.stringify(job) + '\n');
        o.bar.start(`${label}: load and hunt`);
        const text = await spawnNode([WORKER, join(dir, 'job.json')], (line) => {
          const p = JSON.parse(line) as { progress: number; of: number };
          o.bar.update(p.progress / p.of);
        }).finally(() => o.bar.stop());
        const r = JSON.parse(text) as WorkerResult;
        seconds.ingest = r.seconds.ingest;
        seconds.hunt = r.seconds.hunt;
        seconds.total = (Date.now() - t0) / 1000;
        writeFileSync(join(dir, 'result.json'), JSON.stringify({ tactics: t, simSeed, ...r }, null, 2) + '\n');
        return { harvest: r.harvest, seconds, simSeed, pruned: r.harvest.stopped === 'bound' ? ('bound' as const) : null };
      } catch (e) {
        throw new Error(`${accounts} accounts, configuration ${ctx.index + 1} (${key}) failed; its files are in ${dir}: ${(e as Error).message}`);
      } finally {
        o.bar.stop();
        if (!o.keep) rmSync(dir, { recursive: true, force: true });
      }
    };
    const result = await searchSize({
      seed: o.seed,
      accounts,
      days: o.days,
      space,
      budget: o.budget,
      randomShare: o.randomShare,
      ladder: o.ladder,
      evaluate,
      onRecord: (r, best) => {
        if (r.pruned === 'before') return;
        const h = r.harvest!;
        o.say(
          `  ${accounts} accounts #${r.index + 1} ${r.phase}${r.moved ? ` (${r.moved})` : ''}: harvested ${Math.round(h.harvested).toLocaleString('en-US')} of ${h.served.toLocaleString('en-US')} served, ` +
            `${(h.flaggedShare * 100).toFixed(0)}% flagged, ${h.detected ? `detected after ${Math.round(h.hoursToDetection!)} h` : h.stopped === 'bound' ? 'stopped (cannot beat the best)' : 'not detected'}` +
            ` [${(r.seconds.total ?? 0).toFixed(0)} s]; best ${Math.round(best?.harvest?.harvested ?? 0).toLocaleString('en-US')}`,
        );
      },
    });
    searches.push(result);
    const row = frontierRow(result, o.days);
    o.say(`${accounts} accounts: best harvests ${Math.round(row.best?.harvestedPerDay ?? 0).toLocaleString('en-US')} exchanges a day unflagged (${result.runs} runs, ${result.proposals - result.runs} pruned)`);
  }

  if (!o.keep) rmSync(join(o.out, 'evals'), { recursive: true, force: true });
  const report = buildReport(
    { seed: o.seed, worldSeed: o.worldSeed, days: o.days, benignAccounts: base.accounts, exchanges: base.exchanges, prompts: o.prompts, reused: base.reused, replayHours: o.replayHours, maxExchanges: o.maxExchanges, budget: o.budget, seconds: (Date.now() - started) / 1000 },
    searches,
  );
  return { report, searches };
}

export interface ReportParams {
  seed: number;
  worldSeed: number;
  days: number;
  benignAccounts: number;
  exchanges: number | null;
  prompts: string | null;
  reused: boolean;
  replayHours: number;
  maxExchanges: number;
  budget: number;
  seconds: number;
}

/** The frontier, the tactic profile and the timings of searches (a run's, or read back from adversary.json). */
export function buildReport(p: ReportParams, searches: readonly Pick<SearchResult, 'accounts' | 'runs' | 'proposals' | 'records'>[]): FrontierReport {
  const rows = searches.map((s) => frontierRow(s, p.days));
  const all = searches.flatMap((s) => s.records);
  const ran = all.filter((r) => r.pruned !== 'before' && r.seconds.total !== undefined);
  const mean = (f: (r: EvaluationRecord) => number) => (ran.length ? ran.reduce((a, r) => a + f(r), 0) / ran.length : 0);
  return {
    command: '',
    seed: p.seed,
    background: { seed: p.worldSeed, days: p.days, benignAccounts: p.benignAccounts, exchanges: p.exchanges, prompts: p.prompts, reused: p.reused },
    replayHours: p.replayHours,
    maxExchanges: p.maxExchanges,
    budget: p.budget,
    rows,
    profile: tacticProfile(all),
    seconds: p.seconds,
    evaluationSeconds: {
      mean: mean((r) => r.seconds.total ?? 0),
      max: ran.reduce((a, r) => Math.max(a, r.seconds.total ?? 0), 0),
      simulate: mean((r) => r.seconds.simulate ?? 0),
      ingest: mean((r) => r.seconds.ingest ?? 0),
      hunt: mean((r) => r.seconds.hunt ?? 0),
      cutoffs: mean((r) => r.harvest?.cutoffsRun ?? 0),
    },
  };
}

/** A recorded run (adversary.json) read back: its searches, for re-rendering with buildReport. */
export function reportFromRecord(record: FrontierReport & { evaluations: EvaluationRecord[] }): FrontierReport {
  const searches = record.rows.map((row) => {
    const records = record.evaluations.filter((e) => e.accounts === row.accounts);
    return { accounts: row.accounts, runs: records.filter((e) => e.pruned !== 'before').length, proposals: row.proposals, records };
  });
  const b = record.background;
  const report = buildReport(
    { seed: record.seed, worldSeed: b.seed, days: b.days, benignAccounts: b.benignAccounts, exchanges: b.exchanges, prompts: b.prompts, reused: b.reused, replayHours: record.replayHours, maxExchanges: record.maxExchanges, budget: record.budget, seconds: record.seconds },
    searches,
  );
  return { ...report, command: record.command };
}
