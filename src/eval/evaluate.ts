import { resolve } from 'node:path';
import { readFindings } from './findings.js';
import { dirName, EvalInputError, expandFindingsDirs, type ProgressHooks } from './read.js';
import { scoreFindings, type DetectorScore } from './score.js';
import { judgeTargets, type TargetResult } from './targets.js';
import { buildTimeline, readSnapshot, type DetectorTimeline, type Snapshot } from './timeline.js';
import { readTruth, type Truth } from './truth.js';

export interface EvalOptions extends ProgressHooks {
  /** The simulator's truth directory (labels.jsonl.gz, campaigns.json). */
  truth: string;
  /** Findings directories, one column each. */
  findings?: string[];
  /**
   * Findings of hunts at several cut-offs (or parents of such directories), for time to detection; grouped by
   * detector. A detector with no --findings column gets one, scored on its latest cut-off.
   */
  timeline?: string[];
}

export interface DetectorReport extends DetectorScore {
  /** Column header: the detector's name, made unique with its directory when two columns share it. */
  name: string;
  timeline: DetectorTimeline | null;
  targets: TargetResult[];
  /** No target failed (targets that cannot be judged here do not count). */
  targetsMet: boolean;
}

export interface EvalReport {
  truth: {
    dir: string;
    scenario: string;
    seed: number;
    scale: number;
    start: string;
    end: string;
    accounts: number;
    attackAccounts: number;
    benignAccounts: number;
    campaigns: number;
  };
  detectors: DetectorReport[];
  /** Things about the input that did not stop the scoring (per detector ones are in each detector). */
  warnings: string[];
  targetsMet: boolean;
}

function columnNames(scores: { detector: string; findings: string }[]): string[] {
  const names = scores.map((s) => s.detector);
  const clash = (name: string) => names.filter((n) => n === name).length > 1;
  const named = names.map((n, i) => (clash(n) ? `${n} (${dirName(scores[i]!.findings)})` : n));
  return named.map((n, i) => (named.indexOf(n) === i ? n : `${n} #${i + 1}`));
}

async function timelines(truth: Truth, dirs: string[], hooks: ProgressHooks): Promise<Map<string, DetectorTimeline>> {
  const seen = new Set<string>();
  const snapshots = new Map<string, Snapshot[]>();
  for (const dir of dirs.flatMap(expandFindingsDirs)) {
    if (seen.has(resolve(dir))) continue;
    seen.add(resolve(dir));
    const s = await readSnapshot(dir, truth, hooks);
    snapshots.set(s.detector, [...(snapshots.get(s.detector) ?? []), s]);
  }
  return new Map([...snapshots].map(([detector, list]) => [detector, buildTimeline(truth, list)]));
}

export async function evaluate(opts: EvalOptions): Promise<EvalReport> {
  const findingsDirs = opts.findings ?? [];
  const timelineDirs = opts.timeline ?? [];
  if (findingsDirs.length === 0 && timelineDirs.length === 0) throw new EvalInputError('nothing to score: give --findings DIR or --timeline DIR');
  const truth = await readTruth(opts.truth, opts);

  const scores: DetectorScore[] = [];
  for (const dir of findingsDirs) scores.push(scoreFindings(truth, await readFindings(dir, truth, opts)));

  const byDetector = await timelines(truth, timelineDirs, opts);
  for (const [detector, t] of byDetector) {
    if (scores.some((s) => s.detector === detector)) continue;
    scores.push(scoreFindings(truth, await readFindings(t.snapshots.at(-1)!.dir, truth, opts)));
  }

  const names = columnNames(scores);
  const detectors = scores.map((s, i): DetectorReport => {
    const timeline = byDetector.get(s.detector) ?? null;
    const targets = judgeTargets(s, timeline);
    return {
      name: names[i]!,
      ...s,
      timeline,
      targets,
      targetsMet: targets.every((t) => t.pass !== false),
      warnings: [...s.warnings, ...(timeline?.warnings ?? [])],
    };
  });
  const attackAccounts = truth.attack.reduce((a, b) => a + b, 0);
  return {
    truth: {
      dir: opts.truth,
      scenario: truth.meta.scenario,
      seed: truth.meta.seed,
      scale: truth.meta.scale,
      start: truth.meta.start,
      end: truth.meta.end,
      accounts: truth.ids.length,
      attackAccounts,
      benignAccounts: truth.ids.length - attackAccounts,
      campaigns: truth.campaigns.length,
    },
    detectors,
    warnings: truth.warnings,
    targetsMet: detectors.every((d) => d.targetsMet),
  };
}
