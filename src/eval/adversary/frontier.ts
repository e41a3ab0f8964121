/**
 * The evasion frontier: per operation size, the best configuration the search found and what it harvests
 * before detection; and which tactics the configurations that went unflagged have in common. Pure: records
 * in, tables out.
 */
import { formatTable } from '../../cli/common.js';
import { DIMENSION_NAMES, DIMENSIONS, type Dimension, type Tactics } from '../../simulate/adversary.js';
import type { HarvestResult } from './harvest.js';
import { better, unflagged, type EvaluationRecord, type SearchResult } from './search.js';

export interface FrontierRow {
  accounts: number;
  /** Evaluations run, and configurations proposed (pruned ones included). */
  runs: number;
  proposals: number;
  /** Configurations run that no cut-off flagged a single account of (complete replays only). */
  unflagged: number;
  best: (Pick<HarvestResult, HarvestFigure> & {
    index: number;
    tactics: Tactics;
    key: string;
    cost: number;
    planned: number;
    perAccountPerDay: number;
    /**
     * Unflagged, and nothing of the same configuration was run at a higher rate: the operation could harvest
     * more, the frontier is a lower bound.
     */
    lowerBound: boolean;
    /** The same configuration at the next higher rate run (the volume ladder, or a refinement step), if any. */
    nextUp: { rate: number; served: number; harvested: number; flaggedShare: number; hoursToDetection: number | null; hoursToFirstFlag: number | null; stopped: string } | null;
    reasons: Record<string, number>;
    simSeed: number | null;
  }) | null;
}

/** The figures of a harvest (harvest.ts) the frontier row carries as they are. */
type HarvestFigure = 'served' | 'harvested' | 'harvestedPerDay' | 'ratePerDayUndetected' | 'hoursToFirstFlag' | 'hoursToDetection' | 'detected' | 'flaggedShare' | 'watchShare' | 'benignFlaggedMax';

/** The best of a size's records (the same rule the search uses). */
export function bestOf(records: readonly EvaluationRecord[]): EvaluationRecord | null {
  let best: EvaluationRecord | null = null;
  for (const r of records) if (better(r, best)) best = r;
  return best;
}

/** The same configuration as `b` but for its rate, at the lowest higher rate that was run. */
function nextUpOf(b: EvaluationRecord, records: readonly EvaluationRecord[]): EvaluationRecord | null {
  const rest = (r: EvaluationRecord) => JSON.stringify({ ...r.tactics, rate: 0 });
  const same = rest(b);
  let up: EvaluationRecord | null = null;
  for (const r of records) if (r.harvest !== null && r.tactics.rate > b.tactics.rate && rest(r) === same && (up === null || r.tactics.rate < up.tactics.rate)) up = r;
  return up;
}

export function frontierRow(result: Pick<SearchResult, 'accounts' | 'runs' | 'proposals' | 'records'>, days: number): FrontierRow {
  const b = bestOf(result.records);
  const up = b ? nextUpOf(b, result.records) : null;
  const clean = result.records.filter(unflagged).length;
  return {
    accounts: result.accounts,
    runs: result.runs,
    proposals: result.proposals,
    unflagged: clean,
    best:
      b && b.harvest
        ? {
            index: b.index,
            tactics: b.tactics,
            key: b.key,
            cost: b.cost,
            planned: b.planned,
            served: b.harvest.served,
            harvested: b.harvest.harvested,
            harvestedPerDay: b.harvest.harvestedPerDay,
            perAccountPerDay: days > 0 && result.accounts > 0 ? b.harvest.harvested / days / result.accounts : 0,
            ratePerDayUndetected: b.harvest.ratePerDayUndetected,
            hoursToFirstFlag: b.harvest.hoursToFirstFlag,
            hoursToDetection: b.harvest.hoursToDetection,
            detected: b.harvest.detected,
            flaggedShare: b.harvest.flaggedShare,
            watchShare: b.harvest.watchShare,
            benignFlaggedMax: b.harvest.benignFlaggedMax,
            lowerBound: unflagged(b) && up === null,
            nextUp: up
              ? { rate: up.tactics.rate, served: up.harvest!.served, harvested: up.harvest!.harvested, flaggedShare: up.harvest!.flaggedShare, hoursToDetection: up.harvest!.hoursToDetection, hoursToFirstFlag: up.harvest!.hoursToFirstFlag, stopped: up.harvest!.stopped }
              : null,
            reasons: b.harvest.reasons,
            simSeed: b.simSeed,
          }
        : null,
  };
}

export interface TacticCount {
  /** Complete runs with this value, and of them those no cut-off flagged an account of. */
  runs: number;
  unflagged: number;
  /** Mean share of their accounts flagged. */
  meanFlaggedShare: number;
}

export interface TacticProfile {
  dimension: Dimension;
  value: string;
  all: TacticCount;
  /** The same per operation size (accounts, as a string key). */
  bySize: Record<string, TacticCount>;
}

function count(rs: readonly EvaluationRecord[]): TacticCount {
  return {
    runs: rs.length,
    unflagged: rs.filter((r) => r.harvest!.flaggedShare === 0).length,
    meanFlaggedShare: rs.reduce((a, r) => a + r.harvest!.flaggedShare, 0) / Math.max(1, rs.length),
  };
}

/**
 * Per dimension and value, over every complete run (replays run to the end or to detection), overall and per
 * size: how often configurations with that value went wholly unflagged. A value the unflagged ones share and
 * the flagged ones lack is a tactic the hunt misses.
 */
export function tacticProfile(records: readonly EvaluationRecord[]): TacticProfile[] {
  const complete = records.filter((r) => r.harvest !== null && r.pruned === null);
  const sizes = [...new Set(complete.map((r) => r.accounts))].sort((a, b) => a - b);
  const out: TacticProfile[] = [];
  for (const d of DIMENSION_NAMES) {
    // In the dimension's order; rates past the grid (the ladder's) after it, ascending.
    const grid = (DIMENSIONS[d] as readonly unknown[]).map(String);
    const rank = (v: string) => (grid.includes(v) ? grid.indexOf(v) : grid.length + Number(v));
    const values = [...new Set(complete.map((r) => String(r.tactics[d])))].sort((a, b) => rank(a) - rank(b));
    for (const v of values) {
      const rs = complete.filter((r) => String(r.tactics[d]) === v);
      out.push({ dimension: d, value: v, all: count(rs), bySize: Object.fromEntries(sizes.map((n) => [String(n), count(rs.filter((r) => r.accounts === n))])) });
    }
  }
  return out;
}

// ---- rendering ---------------------------------------------------------------------------------------------

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0)}%`;
const hours = (h: number | null) => (h === null ? 'never' : `${Math.round(h)} h`);

/** A configuration in a few words, dimension by dimension. */
export function describeTactics(t: Tactics): string {
  return `${t.rate}/acct/day, ${t.rhythm}, ${t.infra}, ${t.signup}${t.cards > 1 ? ` ${t.cards}/card` : ''}, ${t.content}${t.source === 'corpus' ? ' (corpus)' : ''}, system ${t.system}, ${t.focus}, out ${t.output}, cot ${t.cot}, reasoning ${t.reasoning}, n ${t.n}, ${t.client}`;
}

function nextUpText(b: NonNullable<FrontierRow['best']>): string {
  const u = b.nextUp;
  if (!u) return b.lowerBound ? 'not run' : '-';
  const what = u.hoursToDetection !== null ? `detected after ${hours(u.hoursToDetection)}` : u.flaggedShare > 0 ? `${pct(u.flaggedShare)} flagged` : u.stopped === 'end' ? 'unflagged' : 'no gain';
  return `${u.rate}/acct/day: ${what}, ${int(u.harvested)} harvested`;
}

function rowCells(r: FrontierRow): (string | number)[] {
  const b = r.best;
  if (!b) return [r.accounts, '-', '-', '-', '-', '-', '-', '-', '-', `${r.runs}`, 'none'];
  return [
    r.accounts,
    int(b.harvestedPerDay) + (b.lowerBound ? '+' : ''),
    b.perAccountPerDay.toFixed(1),
    int(b.harvested),
    int(b.served),
    hours(b.hoursToDetection),
    hours(b.hoursToFirstFlag),
    pct(b.flaggedShare),
    nextUpText(b),
    `${r.runs} (${r.unflagged} unflagged)`,
    describeTactics(b.tactics),
  ];
}

const HEADER = ['accounts', 'harvested/day', 'per acct/day', 'harvested', 'served', 'detected after', 'first flag after', 'accounts flagged', 'same at the next rate up', 'runs', 'best configuration'];

export function renderFrontierText(rows: readonly FrontierRow[]): string {
  const lines = ['Evasion frontier (exchanges harvested before detection, per operation size; + = unflagged at the highest rate run, a lower bound):', '', formatTable(HEADER, rows.map(rowCells))];
  return lines.join('\n');
}

export interface FrontierReport {
  command: string;
  seed: number;
  background: { seed: number; days: number; benignAccounts: number; exchanges: number | null; prompts: string | null; reused: boolean };
  replayHours: number;
  maxExchanges: number;
  budget: number;
  rows: FrontierRow[];
  profile: TacticProfile[];
  seconds: number;
  /** Mean seconds of one evaluation that ran (simulate, load, hunts), and of its parts. */
  evaluationSeconds: { mean: number; max: number; simulate: number; ingest: number; hunt: number; cutoffs: number };
}

export function renderFrontierMarkdown(r: FrontierReport): string {
  const out: string[] = [];
  out.push(`Every number below comes from \`${r.command}\` (${Math.round(r.seconds / 60)} min; an evaluation ran in ${r.evaluationSeconds.mean.toFixed(0)} s on average, at most ${r.evaluationSeconds.max.toFixed(0)} s, with ${r.evaluationSeconds.cutoffs.toFixed(1)} cut-offs hunted on average). Background: the benign population of red-team world ${r.background.seed} (${int(r.background.benignAccounts)} accounts${r.background.exchanges !== null ? `, ${int(r.background.exchanges)} exchanges` : ''}, ${r.background.days} days${r.background.prompts ? ', corpus prompts' : ''}); the hunt replayed every ${r.replayHours} h; at most ${int(r.maxExchanges)} campaign exchanges per evaluation.`);
  out.push('');
  out.push('| ' + HEADER.join(' | ') + ' |');
  out.push('|' + HEADER.map((_, i) => (i === HEADER.length - 1 ? '---' : '---:')).join('|') + '|');
  for (const row of r.rows) out.push('| ' + rowCells(row).map((c) => String(c)).join(' | ') + ' |');
  out.push('');
  out.push('`+`: the best configuration went unflagged and was not run at a higher rate, so the operation could harvest more (a lower bound). "Same at the next rate up": the best configuration at the next higher rate run (the volume ladder doubles the rate past the exchange budget of the search), where the frontier lies.');
  const caught = r.rows.filter((x) => x.best && Object.keys(x.best.reasons).length > 0);
  if (caught.length) {
    out.push('');
    out.push('Reasons the hunt gave when it flagged the best configuration\'s accounts: ' + caught.map((x) => `${x.accounts} accounts: ${Object.entries(x.best!.reasons).slice(0, 5).map(([k, n]) => `${k} (${n})`).join(', ')}`).join('; ') + '.');
  }
  out.push('');
  out.push('#### Which tactics go unflagged');
  out.push('');
  out.push('Over every evaluation run to its end or its detection, per tactic value and operation size: runs with no account flagged at any cut-off, of the runs with that value (and the mean share of accounts flagged).');
  out.push('');
  const sizes = r.rows.map((x) => String(x.accounts));
  out.push(`| dimension | value | ${sizes.map((n) => `${n} accounts`).join(' | ')} | all |`);
  out.push(`|---|---|${sizes.map(() => '---:').join('|')}|---:|`);
  const cell = (c: TacticCount | undefined) => (c && c.runs > 0 ? `${c.unflagged} of ${c.runs} (${pct(c.meanFlaggedShare)})` : '-');
  for (const p of r.profile) out.push(`| ${p.dimension} | ${p.value} | ${sizes.map((n) => cell(p.bySize[n])).join(' | ')} | ${cell(p.all)} |`);
  return out.join('\n') + '\n';
}
