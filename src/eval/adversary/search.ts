/**
 * The adversary's search over its tactic space at one operation size: seeded random search, then
 * coordinate-descent refinement from the best configuration found, within a budget of evaluations. It knows
 * nothing of simulation or hunting: `evaluate` does that (the harness, or a stand-in in tests), so the search
 * is deterministic for a seed whenever its evaluations are.
 *
 * Two shortcuts keep the budget for configurations that can win, and never change which one wins:
 * - a configuration whose whole planned volume is below the best harvest so far is not run (recorded as
 *   pruned, not counted against the budget);
 * - a run is told the best harvest so far and may stop its replay once it can no longer reach it (its
 *   harvest is then an upper bound, marked so).
 */
import { Random } from '../../simulate/rng.js';
import { DIMENSION_NAMES, neighbours, plannedExchanges, randomTactics, tacticsKey, type Dimension, type TacticSpace, type Tactics } from '../../simulate/adversary.js';
import type { HarvestResult } from './harvest.js';

export interface EvaluationRecord {
  /** Order of the configuration within the size's search (pruned ones included). */
  index: number;
  accounts: number;
  /** ladder: the best configuration again at a higher volume than the budget's cap (see SearchOptions.ladder). */
  phase: 'random' | 'refine' | 'ladder';
  /** For refinement: the dimension changed from the incumbent. */
  moved: Dimension | null;
  tactics: Tactics;
  key: string;
  planned: number;
  /** Nominal cost units (a tie-break only; see costOf). */
  cost: number;
  /** null when pruned before running. */
  harvest: HarvestResult | null;
  /** before: not run (its planned volume could not beat the best); bound: replay stopped early (harvest is an upper bound). */
  pruned: 'before' | 'bound' | null;
  seconds: Record<string, number>;
  /** Seed of the campaign's simulation (to rebuild its traffic). */
  simSeed: number | null;
}

export interface EvaluateContext {
  accounts: number;
  index: number;
  /** The best harvest so far (the run may stop its replay once it cannot reach it), or null. */
  stopBelow: number | null;
}

export type Evaluate = (t: Tactics, ctx: EvaluateContext) => Promise<Omit<EvaluationRecord, 'index' | 'accounts' | 'phase' | 'moved' | 'key' | 'planned' | 'cost' | 'tactics' | 'pruned'> & { pruned?: 'bound' | null }>;

export interface SearchOptions {
  seed: number;
  accounts: number;
  days: number;
  space: TacticSpace;
  /** Evaluations run (pruned proposals are free). */
  budget: number;
  /** Share of the budget spent on random search before refinement (default 0.5). */
  randomShare?: number;
  /**
   * When the best goes unflagged at the highest rate the space allows, run it again at twice the rate, then
   * four times, ..., up to this many rungs (beyond the budget), stopping at the first rung flagged: where the
   * frontier really lies, instead of a lower bound at the cap. Default 0.
   */
  ladder?: number;
  evaluate: Evaluate;
  onRecord?: (r: EvaluationRecord, best: EvaluationRecord | null) => void;
}

export interface SearchResult {
  accounts: number;
  budget: number;
  runs: number;
  proposals: number;
  best: EvaluationRecord | null;
  records: EvaluationRecord[];
}

/**
 * Nominal cost units of an operation, to break ties between configurations harvesting alike (not prices):
 * an account 1 (5 if bought aged and verified), a card 2, per account a datacenter address 0.5, a residential
 * proxy share 1, a sticky residential line 2, a mobile proxy share 3.
 */
export function costOf(t: Tactics, accounts: number): number {
  const account = t.signup === 'aged' ? 5 : 1;
  const cards = Math.ceil(accounts / t.cards);
  const proxy = { datacenter: 0.5, residential_pool: 1, residential_sticky: 2, mobile_pool: 3 }[t.infra];
  return Math.round((accounts * (account + proxy) + 2 * cards) * 10) / 10;
}

/** Run to the end with no account flagged at any cut-off. */
export const unflagged = (r: EvaluationRecord | null): boolean => r !== null && r.harvest !== null && r.pruned === null && r.harvest.stopped === 'end' && r.harvest.flaggedShare === 0;

/** The harvest a record counts as (0 when not run). */
export const harvestOf = (r: EvaluationRecord | null): number => r?.harvest?.harvested ?? 0;

/** a beats b: more harvested; on a tie, cheaper; then the earlier proposal. Pruned-before records never win. */
export function better(a: EvaluationRecord, b: EvaluationRecord | null): boolean {
  if (a.harvest === null || a.pruned !== null) return false;
  if (b === null) return true;
  const d = harvestOf(a) - harvestOf(b);
  if (d !== 0) return d > 0;
  if (a.cost !== b.cost) return a.cost < b.cost;
  return a.index < b.index;
}

export async function searchSize(o: SearchOptions): Promise<SearchResult> {
  if (!(Number.isInteger(o.budget) && o.budget >= 1)) throw new Error(`budget must be a positive integer, got ${o.budget}`);
  const rng = new Random(o.seed, 'adversary-search', o.accounts);
  const randomRuns = Math.max(1, Math.min(o.budget, Math.round(o.budget * (o.randomShare ?? 0.5))));
  const maxProposals = o.budget * 50;
  const records: EvaluationRecord[] = [];
  const seen = new Map<string, EvaluationRecord>();
  let best: EvaluationRecord | null = null;
  let runs = 0;
  let proposals = 0;

  const consider = async (t: Tactics, phase: EvaluationRecord['phase'], moved: Dimension | null): Promise<EvaluationRecord> => {
    proposals++;
    const key = tacticsKey(t);
    const known = seen.get(key);
    if (known) return known;
    const planned = plannedExchanges(t, o.accounts, o.days);
    const base = { index: records.length, accounts: o.accounts, phase, moved, tactics: t, key, planned, cost: costOf(t, o.accounts) };
    let rec: EvaluationRecord;
    // The simulation may serve a few percent more than planned: prune only what is clearly short.
    if (best && planned * 1.05 < harvestOf(best)) {
      rec = { ...base, harvest: null, pruned: 'before', seconds: {}, simSeed: null };
    } else {
      runs++;
      const r = await o.evaluate(t, { accounts: o.accounts, index: base.index, stopBelow: best ? harvestOf(best) : null });
      rec = { ...base, ...r, pruned: r.pruned ?? null };
      if (better(rec, best)) best = rec;
    }
    records.push(rec);
    seen.set(key, rec);
    o.onRecord?.(rec, best);
    return rec;
  };

  const maxRate = Math.max(...o.space.rate);
  // Unflagged at the highest rate the exchange budget allows: nothing left to gain at this size within it.
  const capped = () => unflagged(best) && best!.tactics.rate >= maxRate;

  // Random search.
  while (runs < randomRuns && proposals < maxProposals && !capped()) await consider(randomTactics(rng, o.space), 'random', null);

  // Coordinate descent from the best. While nothing of the best is flagged, a move at the same volume can at
  // most tie, so each move raises the volume one step: alone first, then with one other dimension changed
  // (does that change let the operation send more unseen?). Once flagged, volume steps down every other move,
  // and the others change one dimension at the same volume, to shed the flags. Dimensions come in a seeded
  // order, each to a random untried value.
  const order = [...DIMENSION_NAMES].filter((d) => d !== 'rate' && o.space[d].length > 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const rates = o.space.rate;
  const rateStep = (t: Tactics, by: number) => rates[rates.indexOf(t.rate) + by];
  let cursor = 0;
  let step = 0;
  let stale = 0;
  while (runs < o.budget && proposals < maxProposals && best !== null) {
    const inc: EvaluationRecord = best;
    const clean = unflagged(inc);
    const up = rateStep(inc.tactics, 1);
    if (capped()) break;
    const volume = clean ? up! : inc.tactics.rate;
    let candidate: Tactics | null = null;
    let dim: Dimension | null = null;
    const fresh = (t: Tactics) => !seen.has(tacticsKey(t));
    if (clean && fresh({ ...inc.tactics, rate: up! })) {
      candidate = { ...inc.tactics, rate: up! };
      dim = 'rate';
    } else if (!clean && step++ % 2 === 0) {
      const down = rateStep(inc.tactics, -1);
      if (down !== undefined && fresh({ ...inc.tactics, rate: down })) {
        candidate = { ...inc.tactics, rate: down };
        dim = 'rate';
      }
    }
    // The next dimension with an untried alternative (at the move's volume).
    for (let tries = 0; candidate === null && tries < order.length; tries++) {
      const d = order[cursor++ % order.length]!;
      const open = neighbours(inc.tactics, d, o.space)
        .map((t) => ({ ...t, rate: volume }))
        .filter(fresh);
      if (open.length > 0) {
        candidate = open[rng.int(open.length)]!;
        dim = d;
      }
    }
    if (candidate === null) {
      // Every neighbour of the best is known: back to random proposals for the rest of the budget.
      if (++stale > 3) break;
      await consider(randomTactics(rng, o.space), 'random', null);
      continue;
    }
    stale = 0;
    await consider(candidate, 'refine', dim);
  }

  // The volume ladder beyond the cap.
  if (capped() && (o.ladder ?? 0) > 0) {
    const top: EvaluationRecord = best!;
    let rate = top.tactics.rate;
    for (let i = 0; i < o.ladder!; i++) {
      rate *= 2;
      const rung = await consider({ ...top.tactics, rate }, 'ladder', 'rate');
      if (!unflagged(rung)) break;
    }
  }
  return { accounts: o.accounts, budget: o.budget, runs, proposals, best, records };
}
