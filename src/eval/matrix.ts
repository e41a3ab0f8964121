/**
 * The red-team matrix (`distillwatch redteam`): many random worlds, each scored by `evaluate`, summed up per
 * attack family and campaign size, per world, and against the hunt's targets, judged on the worst world (or
 * the worst campaign, cohort or group), never the mean. Pure functions over eval's reports: the harness that
 * simulates and hunts the worlds lives in the CLI command.
 */
import { pct } from './metrics.js';
import { RELAY_BANDS, type DetectorScore } from './score.js';
import { TARGETS } from './targets.js';
import type { EvalReport } from './evaluate.js';

/** What the world generator says about a campaign (eval's truth says the rest). */
export interface MatrixCampaignInfo {
  id: string;
  family: string;
  components?: string[];
}

/** Size bins of campaigns by accounts (as the world generator draws them). */
export const MATRIX_SIZE_BINS = [
  { id: '1', max: 1 },
  { id: '2', max: 2 },
  { id: '3-9', max: 9 },
  { id: '10-99', max: 99 },
  { id: '100-999', max: 999 },
  { id: '1000+', max: Infinity },
] as const;
export const matrixSizeBin = (accounts: number): string => MATRIX_SIZE_BINS.find((b) => accounts <= b.max)!.id;

/** A benign cohort of at least this many accounts is a group (a class, a lab, a startup, ...). */
export const GROUP_MIN_ACCOUNTS = 3;
/** A group with at least this share flagged counts as flagged "mostly". */
export const GROUP_MOSTLY = 0.5;
/** Relays whose attack share is at most this are the target's (the research figure is at 5%). */
export const RELAY_TARGET_SHARE = 0.05;

export interface WorldDetectorResult {
  recall: number | null;
  tp: number;
  attack: number;
  fpr: number | null;
  fp: number;
  benign: number;
  auc: number | null;
  /** ROC AUC over the accounts that sent at least one exchange (eval's ranking.aucActive). */
  aucActive: number | null;
  worstCohort: { cohort: string; rate: number; flagged: number; accounts: number } | null;
  /** Benign cohorts over the per-cohort bound (1%). */
  cohortsOver: number;
  /** Benign groups (cohorts of 3+ accounts) flagged whole, and flagged mostly (>= 50%, not whole). */
  groupsWhole: string[];
  groupsMostly: string[];
  /** Relays (attack share <= 10%), and those at <= 5%. */
  relays: { accounts: number; flagged: number };
  relays5: { accounts: number; flagged: number };
  relayBands: { band: string; accounts: number; flagged: number }[];
}

export interface WorldCampaignResult {
  id: string;
  family: string;
  components?: string[];
  sizeBin: string;
  accounts: number;
  /** Its accounts that sent nothing in the window (stock, or banned before use): only provenance can tie them. */
  dormant: number;
  flagged: Record<string, number>;
}

export interface WorldResult {
  index: number;
  seed: number;
  realPrompts: boolean;
  /** Where the world's files are kept (null when cleaned up). */
  dir: string | null;
  accounts: number;
  benignAccounts: number;
  attackAccounts: number;
  exchanges: number;
  days: number;
  seconds: Record<string, number>;
  campaigns: WorldCampaignResult[];
  detectors: Record<string, WorldDetectorResult>;
}

/** A detector's column name: `hunt` for distillwatch's hunt, the baseline's name for a baseline. */
export const detectorLabel = (name: string): string => (name === 'distillwatch-hunt' ? 'hunt' : name.replace(/^baseline-/, ''));

function detectorResult(d: DetectorScore): WorldDetectorResult {
  const cohorts = d.benignCohorts.filter((c) => c.rate !== null);
  const worst = cohorts.reduce<(typeof cohorts)[number] | null>((w, c) => (!w || c.rate! > w.rate! || (c.rate === w.rate && c.flagged > w.flagged) ? c : w), null);
  const groups = cohorts.filter((c) => c.accounts >= GROUP_MIN_ACCOUNTS);
  const low5 = d.relays.bands.filter((b) => b.max <= RELAY_TARGET_SHARE);
  return {
    recall: d.overall.recall,
    tp: d.overall.tp,
    attack: d.overall.tp + d.overall.fn,
    fpr: d.overall.falsePositiveRate,
    fp: d.overall.fp,
    benign: d.overall.fp + d.overall.tn,
    auc: d.ranking.auc,
    aucActive: d.ranking.aucActive,
    worstCohort: worst && worst.rate! > 0 ? { cohort: worst.cohort, rate: worst.rate!, flagged: worst.flagged, accounts: worst.accounts } : null,
    cohortsOver: cohorts.filter((c) => c.rate! > TARGETS.cohortFpr).length,
    groupsWhole: groups.filter((c) => c.flagged === c.accounts).map((c) => c.cohort),
    groupsMostly: groups.filter((c) => c.flagged < c.accounts && c.rate! >= GROUP_MOSTLY).map((c) => c.cohort),
    relays: { accounts: d.relays.lowShare.accounts, flagged: d.relays.lowShare.flagged },
    relays5: { accounts: low5.reduce((a, b) => a + b.accounts, 0), flagged: low5.reduce((a, b) => a + b.flagged, 0) },
    relayBands: d.relays.bands.map((b) => ({ band: b.band, accounts: b.accounts, flagged: b.flagged })),
  };
}

/** One world's results from eval's report and the generator's campaign list. */
export function worldResult(
  report: EvalReport,
  world: {
    index: number;
    seed: number;
    realPrompts: boolean;
    dir: string | null;
    exchanges: number;
    days: number;
    seconds: Record<string, number>;
    campaigns: MatrixCampaignInfo[];
    /** Accounts per campaign that sent nothing (when the harness counted them). */
    dormant?: Record<string, number>;
  },
): WorldResult {
  const info = new Map(world.campaigns.map((c) => [c.id, c]));
  const first = report.detectors[0];
  const campaigns: WorldCampaignResult[] = (first?.campaigns ?? []).map((c) => {
    const meta = info.get(c.campaignId);
    const flagged: Record<string, number> = {};
    for (const d of report.detectors) flagged[detectorLabel(d.name)] = d.campaigns.find((x) => x.campaignId === c.campaignId)?.flagged ?? 0;
    return {
      id: c.campaignId,
      family: meta?.family ?? 'unknown',
      ...(meta?.components ? { components: meta.components } : {}),
      sizeBin: matrixSizeBin(c.accounts),
      accounts: c.accounts,
      dormant: world.dormant?.[c.campaignId] ?? 0,
      flagged,
    };
  });
  return {
    index: world.index,
    seed: world.seed,
    realPrompts: world.realPrompts,
    dir: world.dir,
    accounts: report.truth.accounts,
    benignAccounts: report.truth.benignAccounts,
    attackAccounts: report.truth.attackAccounts,
    exchanges: world.exchanges,
    days: world.days,
    seconds: world.seconds,
    campaigns,
    detectors: Object.fromEntries(report.detectors.map((d) => [detectorLabel(d.name), detectorResult(d)])),
  };
}

// ---- the matrix ----------------------------------------------------------------------------------------

export interface MatrixCell {
  family: string;
  sizeBin: string;
  campaigns: number;
  attackAccounts: number;
  /** Attack accounts that sent nothing. */
  dormant: number;
  flagged: Record<string, number>;
  /** Pooled over the cell's campaigns. */
  recall: Record<string, number | null>;
  /** The cell's worst campaign per detector (its recall, id and world seed). */
  worst: Record<string, { campaign: string; seed: number; recall: number; accounts: number }>;
}

export interface TargetCell {
  value: number | null;
  measured: string;
  /** Where the worst value was measured (world seed, cohort, cell). */
  where: string;
  /** The world it was measured in, when one world is to blame. */
  seed?: number;
  pass: boolean | null;
}

export interface MatrixTarget {
  id: string;
  target: string;
  /** How it is judged (worst world, worst campaign, ...). */
  judged: string;
  detectors: Record<string, TargetCell>;
}

export interface Matrix {
  detectors: string[];
  worlds: WorldResult[];
  cells: MatrixCell[];
  families: MatrixCell[];
  sizes: MatrixCell[];
  relayBands: { band: string; accounts: number; flagged: Record<string, number> }[];
  worst: Record<string, { lowestRecall: { seed: number; value: number } | null; highestFpr: { seed: number; value: number } | null; lowestAuc: { seed: number; value: number } | null; worstCohort: { seed: number; cohort: string; rate: number; flagged: number; accounts: number } | null }>;
  /** The worlds named worst for any detector, measure or target (seeds), the hunt's first. */
  worstSeeds: number[];
  targets: MatrixTarget[];
  totals: {
    worlds: number;
    campaigns: number;
    attackAccounts: number;
    benignAccounts: number;
    exchanges: number;
    seconds: number;
    secondsPerWorld: number;
    /** Mean seconds a world per step (simulate, ingest, hunt, baselines, eval), and the slowest world's total. */
    stepSeconds: Record<string, number>;
    slowestWorld: { seed: number; seconds: number } | null;
  };
}

const FAMILY_ORDER = ['hydra_agentic', 'low_and_slow', 'cot_harvest', 'logit_extraction', 'logprob_extraction', 'self_instruct', 'multiturn_chat', 'relay_hidden', 'combo'];
const familyRank = (f: string) => (FAMILY_ORDER.indexOf(f) < 0 ? FAMILY_ORDER.length : FAMILY_ORDER.indexOf(f));
const binRank = (b: string) => MATRIX_SIZE_BINS.findIndex((x) => x.id === b);
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function cellsBy(worlds: WorldResult[], detectors: string[], key: (c: WorldCampaignResult) => { family: string; sizeBin: string }): MatrixCell[] {
  const cells = new Map<string, MatrixCell>();
  for (const w of worlds) {
    for (const c of w.campaigns) {
      const k = key(c);
      const id = `${k.family}\u0000${k.sizeBin}`;
      let cell = cells.get(id);
      if (!cell) {
        cell = { family: k.family, sizeBin: k.sizeBin, campaigns: 0, attackAccounts: 0, dormant: 0, flagged: {}, recall: {}, worst: {} };
        cells.set(id, cell);
      }
      cell.campaigns++;
      cell.attackAccounts += c.accounts;
      cell.dormant += c.dormant ?? 0;
      for (const d of detectors) {
        cell.flagged[d] = (cell.flagged[d] ?? 0) + (c.flagged[d] ?? 0);
        const r = c.accounts > 0 ? (c.flagged[d] ?? 0) / c.accounts : 1;
        const prev = cell.worst[d];
        if (!prev || r < prev.recall || (r === prev.recall && c.accounts > prev.accounts)) cell.worst[d] = { campaign: c.id, seed: w.seed, recall: r, accounts: c.accounts };
      }
    }
  }
  for (const cell of cells.values()) for (const d of detectors) cell.recall[d] = ratio(cell.flagged[d] ?? 0, cell.attackAccounts);
  return [...cells.values()].sort((a, b) => familyRank(a.family) - familyRank(b.family) || a.family.localeCompare(b.family) || binRank(a.sizeBin) - binRank(b.sizeBin));
}

/** The item with the lowest (or highest) value; among equal values, the one with the largest `worse` (e.g. accounts missed). */
function extreme<T>(items: T[], value: (t: T) => number | null, lowest: boolean, worse: (t: T) => number = () => 0): { item: T; value: number } | null {
  let best: { item: T; value: number } | null = null;
  for (const it of items) {
    const v = value(it);
    if (v === null || Number.isNaN(v)) continue;
    if (!best || (lowest ? v < best.value : v > best.value) || (v === best.value && worse(it) > worse(best.item))) best = { item: it, value: v };
  }
  return best;
}

const seedName = (seed: number) => `seed ${seed}`;
const some = (xs: string[], max = 3) => (xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`);

/** Sums the worlds up: per family and size, per world, the worst world, and the targets. */
export function buildMatrix(worlds: WorldResult[]): Matrix {
  const detectors = worlds.length > 0 ? Object.keys(worlds[0]!.detectors) : [];
  const cells = cellsBy(worlds, detectors, (c) => ({ family: c.family, sizeBin: c.sizeBin }));
  const families = cellsBy(worlds, detectors, (c) => ({ family: c.family, sizeBin: 'all' }));
  const sizes = cellsBy(worlds, detectors, (c) => ({ family: 'all', sizeBin: c.sizeBin }));
  const relayBands = RELAY_BANDS.map((b) => ({
    band: b.band,
    accounts: worlds.reduce((a, w) => a + (Object.values(w.detectors)[0]?.relayBands.find((x) => x.band === b.band)?.accounts ?? 0), 0),
    flagged: Object.fromEntries(detectors.map((d) => [d, worlds.reduce((a, w) => a + (w.detectors[d]?.relayBands.find((x) => x.band === b.band)?.flagged ?? 0), 0)])),
  }));

  const worst: Matrix['worst'] = {};
  for (const d of detectors) {
    const r = (w: WorldResult) => w.detectors[d]!;
    const lowRecall = extreme(worlds, (w) => r(w).recall, true, (w) => r(w).attack - r(w).tp);
    const highFpr = extreme(worlds, (w) => r(w).fpr, false, (w) => r(w).fp);
    const lowAuc = extreme(worlds, (w) => r(w).auc, true);
    const cohort = extreme(
      worlds.filter((w) => r(w).worstCohort),
      (w) => r(w).worstCohort!.rate + r(w).worstCohort!.flagged * 1e-9,
      false,
    );
    worst[d] = {
      lowestRecall: lowRecall ? { seed: lowRecall.item.seed, value: lowRecall.value } : null,
      highestFpr: highFpr ? { seed: highFpr.item.seed, value: highFpr.value } : null,
      lowestAuc: lowAuc ? { seed: lowAuc.item.seed, value: lowAuc.value } : null,
      worstCohort: cohort ? { seed: cohort.item.seed, ...r(cohort.item).worstCohort! } : null,
    };
  }
  const worstSeeds: number[] = [];
  for (const d of detectors) {
    for (const x of [worst[d]!.lowestRecall, worst[d]!.highestFpr, worst[d]!.lowestAuc, worst[d]!.worstCohort]) {
      if (x && !worstSeeds.includes(x.seed)) worstSeeds.push(x.seed);
    }
  }

  const targets = judgeMatrix(worlds, detectors, cells);
  // ... and the worlds each target's worst value was measured in.
  for (const d of detectors) for (const t of targets) {
    const seed = t.detectors[d]?.seed;
    if (seed !== undefined && !worstSeeds.includes(seed)) worstSeeds.push(seed);
  }
  const seconds = worlds.reduce((a, w) => a + (w.seconds.total ?? 0), 0);
  const stepSeconds: Record<string, number> = {};
  for (const w of worlds) for (const [k, v] of Object.entries(w.seconds)) if (k !== 'total') stepSeconds[k] = (stepSeconds[k] ?? 0) + v / worlds.length;
  const slowest = extreme(worlds, (w) => w.seconds.total ?? 0, false);
  return {
    detectors,
    worlds,
    cells,
    families,
    sizes,
    relayBands,
    worst,
    worstSeeds,
    targets,
    totals: {
      worlds: worlds.length,
      campaigns: worlds.reduce((a, w) => a + w.campaigns.length, 0),
      attackAccounts: worlds.reduce((a, w) => a + w.attackAccounts, 0),
      benignAccounts: worlds.reduce((a, w) => a + w.benignAccounts, 0),
      exchanges: worlds.reduce((a, w) => a + w.exchanges, 0),
      seconds,
      secondsPerWorld: worlds.length ? seconds / worlds.length : 0,
      stepSeconds: Object.fromEntries(Object.entries(stepSeconds).map(([k, v]) => [k, Math.round(v * 10) / 10])),
      slowestWorld: slowest ? { seed: slowest.item.seed, seconds: Math.round(slowest.value * 10) / 10 } : null,
    },
  };
}

function judgeMatrix(worlds: WorldResult[], detectors: string[], cells: MatrixCell[]): MatrixTarget[] {
  const per = (f: (d: string) => TargetCell) => Object.fromEntries(detectors.map((d) => [d, f(d)]));
  const r = (w: WorldResult, d: string) => w.detectors[d]!;
  return [
    {
      id: 'family_size_recall',
      target: `attack-account recall >= ${TARGETS.attackRecall * 100}% for every family and size`,
      judged: 'the worst campaign of any family and size bin',
      detectors: per((d) => {
        const w = extreme(cells, (c) => c.worst[d]?.recall ?? null, true, (c) => c.worst[d]?.accounts ?? 0);
        if (!w) return { value: null, measured: 'n/a', where: 'no campaigns', pass: null };
        const below = cells.filter((c) => (c.worst[d]?.recall ?? 1) < TARGETS.attackRecall);
        return {
          value: w.value,
          measured: pct(w.value),
          where: `${w.item.family} ${w.item.sizeBin}: ${w.item.worst[d]!.campaign}, ${w.item.worst[d]!.accounts} accounts (${seedName(w.item.worst[d]!.seed)}); ${below.length} of ${cells.length} cells below`,
          seed: w.item.worst[d]!.seed,
          pass: below.length === 0,
        };
      }),
    },
    {
      id: 'benign_fpr',
      target: `benign false-positive rate <= ${TARGETS.benignFpr * 100}% overall`,
      judged: 'the worst world',
      detectors: per((d) => {
        const w = extreme(worlds, (x) => r(x, d).fpr, false, (x) => r(x, d).fp);
        if (!w) return { value: null, measured: 'n/a', where: 'no benign accounts', pass: null };
        return { value: w.value, measured: pct(w.value), where: `${seedName(w.item.seed)}: ${r(w.item, d).fp} of ${r(w.item, d).benign}`, seed: w.item.seed, pass: w.value <= TARGETS.benignFpr };
      }),
    },
    {
      id: 'cohort_fpr',
      target: `benign false-positive rate <= ${TARGETS.cohortFpr * 100}% in every benign cohort`,
      judged: 'the worst cohort of any world',
      detectors: per((d) => {
        const w = extreme(worlds, (x) => r(x, d).worstCohort?.rate ?? 0, false, (x) => r(x, d).worstCohort?.flagged ?? 0);
        if (!w) return { value: null, measured: 'n/a', where: '', pass: null };
        const c = r(w.item, d).worstCohort;
        const over = worlds.reduce((a, x) => a + r(x, d).cohortsOver, 0);
        return { value: w.value, measured: pct(w.value), where: c ? `${c.cohort} ${c.flagged} of ${c.accounts} (${seedName(w.item.seed)}); ${over} cohorts over` : 'none flagged', ...(c ? { seed: w.item.seed } : {}), pass: over === 0 };
      }),
    },
    {
      id: 'groups_whole',
      target: `no benign group (cohort of ${GROUP_MIN_ACCOUNTS}+ accounts) flagged whole`,
      judged: 'every group of every world',
      detectors: per((d) => {
        const whole = worlds.flatMap((w) => r(w, d).groupsWhole.map((g) => `${g} (${seedName(w.seed)})`));
        const mostly = worlds.flatMap((w) => r(w, d).groupsMostly.map((g) => `${g} (${seedName(w.seed)})`));
        const first = worlds.find((w) => r(w, d).groupsWhole.length > 0) ?? worlds.find((w) => r(w, d).groupsMostly.length > 0);
        return {
          value: whole.length,
          measured: `${whole.length} whole, ${mostly.length} mostly`,
          ...(first ? { seed: first.seed } : {}),
          where: whole.length ? some(whole) : mostly.length ? `mostly: ${some(mostly)}` : 'none',
          pass: whole.length === 0,
        };
      }),
    },
    {
      id: 'risk_auc',
      target: 'risk ROC AUC >= 0.999',
      judged: 'the worst world',
      detectors: per((d) => {
        const w = extreme(worlds, (x) => r(x, d).auc, true);
        if (!w) return { value: null, measured: 'n/a', where: '', pass: null };
        return { value: w.value, measured: w.value.toFixed(4), where: seedName(w.item.seed), seed: w.item.seed, pass: w.value >= 0.999 };
      }),
    },
    {
      // Not the issue's target, beside it: an account opened and never used that shares nothing with its
      // operation is ranked with the silent benign accounts by any detector, and one such account of a
      // handful sets a world's AUC (0.94 for one of fourteen).
      id: 'risk_auc_active',
      target: 'the same over the accounts that sent a request',
      judged: 'the worst world',
      detectors: per((d) => {
        const w = extreme(worlds, (x) => r(x, d).aucActive ?? null, true);
        if (!w) return { value: null, measured: 'n/a', where: '', pass: null };
        return { value: w.value, measured: w.value.toFixed(4), where: seedName(w.item.seed), seed: w.item.seed, pass: w.value >= 0.999 };
      }),
    },
    {
      id: 'relay_recall',
      target: `relays at <= ${RELAY_TARGET_SHARE * 100}% attack share >= ${TARGETS.relayRecall * 100}% flagged`,
      judged: 'the worst world with such relays (all worlds pooled in brackets)',
      detectors: per((d) => {
        const withRelays = worlds.filter((w) => r(w, d).relays5.accounts > 0);
        const w = extreme(withRelays, (x) => r(x, d).relays5.flagged / r(x, d).relays5.accounts, true, (x) => r(x, d).relays5.accounts - r(x, d).relays5.flagged);
        if (!w) return { value: null, measured: 'n/a', where: 'no relays at that share', pass: null };
        const acc = withRelays.reduce((a, x) => a + r(x, d).relays5.accounts, 0);
        const fl = withRelays.reduce((a, x) => a + r(x, d).relays5.flagged, 0);
        const x = r(w.item, d).relays5;
        return { value: w.value, measured: pct(w.value), where: `${x.flagged} of ${x.accounts} (${seedName(w.item.seed)}); [pooled ${fl} of ${acc}]`, seed: w.item.seed, pass: w.value >= TARGETS.relayRecall };
      }),
    },
  ];
}

// ---- rendering -----------------------------------------------------------------------------------------

const num = (n: number) => n.toLocaleString('en-US');
const rate = (flagged: number, total: number) => (total > 0 ? `${pct(flagged / total)}` : 'n/a');

interface Table {
  title: string;
  note?: string;
  head: string[];
  rows: string[][];
  /** Columns aligned right (numbers). */
  right: boolean[];
}

function tables(m: Matrix): Table[] {
  const D = m.detectors;
  const out: Table[] = [];
  out.push({
    title: 'Attack-account recall per family and size',
    note: 'Campaigns and their accounts in each family and size bin (accounts, cover relays included) over all worlds, and how many of those accounts sent nothing (dormant: only provenance can tie them); recall pooled over the cell, and in brackets the worst single campaign of the cell.',
    head: ['family', 'size', 'campaigns', 'attack accounts', 'dormant', ...D],
    right: [false, false, true, true, true, ...D.map(() => true)],
    rows: [...m.cells, ...m.families, ...m.sizes].map((c) => [
      c.family,
      c.sizeBin,
      num(c.campaigns),
      num(c.attackAccounts),
      num(c.dormant),
      ...D.map((d) => `${rate(c.flagged[d] ?? 0, c.attackAccounts)}${c.campaigns > 1 && c.worst[d] && c.worst[d]!.recall < (c.recall[d] ?? 0) ? ` (${pct(c.worst[d]!.recall)})` : ''}`),
    ]),
  });
  const h = D[0]!;
  out.push({
    title: `Per world (${h})`,
    note: 'Benign false positives overall, the worst benign cohort, benign groups (cohorts of 3+ accounts) flagged whole or mostly (>= 50%), relays at <= 10% attack share, and the ROC AUC of risk.',
    head: ['world', 'seed', 'prompts', 'days', 'accounts', 'exchanges', 'campaigns', 'attack recall', 'benign FPR', 'worst benign cohort', 'groups whole / mostly', 'relays <= 10%', 'AUC', 'seconds'],
    right: [true, true, false, true, true, true, false, true, true, false, false, true, true, true],
    rows: m.worlds.map((w) => {
      const x = w.detectors[h]!;
      return [
        String(w.index + 1),
        String(w.seed),
        w.realPrompts ? 'corpus' : 'built-in',
        String(w.days),
        num(w.accounts),
        num(w.exchanges),
        w.campaigns.map((c) => `${c.id} (${c.accounts}): ${rate(c.flagged[h] ?? 0, c.accounts)}`).join('; '),
        x.recall === null ? 'n/a' : `${pct(x.recall)} (${x.tp} of ${x.attack})`,
        x.fpr === null ? 'n/a' : `${pct(x.fpr)} (${x.fp})`,
        x.worstCohort ? `${x.worstCohort.cohort} ${pct(x.worstCohort.rate)} (${x.worstCohort.flagged} of ${x.worstCohort.accounts})` : '0%',
        `${x.groupsWhole.length} / ${x.groupsMostly.length}${x.groupsWhole.length + x.groupsMostly.length ? `: ${some([...x.groupsWhole, ...x.groupsMostly], 2)}` : ''}`,
        x.relays.accounts ? `${x.relays.flagged} of ${x.relays.accounts}` : 'n/a',
        x.auc === null ? 'n/a' : x.auc.toFixed(4),
        (w.seconds.total ?? 0).toFixed(0),
      ];
    }),
  });
  if (D.length > 1) {
    out.push({
      title: 'Per world, every detector',
      note: 'Attack recall / benign false-positive rate / worst benign cohort rate.',
      head: ['world', 'seed', ...D],
      right: [true, true, ...D.map(() => true)],
      rows: m.worlds.map((w) => [String(w.index + 1), String(w.seed), ...D.map((d) => {
        const x = w.detectors[d]!;
        return `${pct(x.recall)} / ${pct(x.fpr)} / ${x.worstCohort ? pct(x.worstCohort.rate) : '0%'}`;
      })]),
    });
  }
  out.push({
    title: 'Relays by attack share',
    note: "Attack accounts that mix a campaign's requests into real customers' traffic, all worlds pooled.",
    head: ['attack share', 'relays', ...D],
    right: [false, true, ...D.map(() => true)],
    rows: m.relayBands.filter((b) => b.accounts > 0).map((b) => [b.band, num(b.accounts), ...D.map((d) => `${rate(b.flagged[d] ?? 0, b.accounts)} (${b.flagged[d] ?? 0})`)]),
  });
  out.push({
    title: 'The worst world',
    note: 'Per detector: the world with the lowest attack recall, the highest benign false-positive rate, the lowest ROC AUC, and the worst benign cohort of any world.',
    head: ['detector', 'lowest recall', 'highest benign FPR', 'lowest AUC', 'worst benign cohort'],
    right: [false, false, false, false, false],
    rows: D.map((d) => {
      const x = m.worst[d]!;
      return [
        d,
        x.lowestRecall ? `${pct(x.lowestRecall.value)} (seed ${x.lowestRecall.seed})` : 'n/a',
        x.highestFpr ? `${pct(x.highestFpr.value)} (seed ${x.highestFpr.seed})` : 'n/a',
        x.lowestAuc ? `${x.lowestAuc.value.toFixed(4)} (seed ${x.lowestAuc.seed})` : 'n/a',
        x.worstCohort ? `${x.worstCohort.cohort} ${pct(x.worstCohort.rate)}, ${x.worstCohort.flagged} of ${x.worstCohort.accounts} (seed ${x.worstCohort.seed})` : 'none flagged',
      ];
    }),
  });
  out.push({
    title: 'Targets',
    note: 'Judged on the worst world, campaign, cohort or group, never the mean.',
    head: ['target', 'judged on', ...D],
    right: [false, false, ...D.map(() => false)],
    rows: m.targets.map((t) => [t.target, t.judged, ...D.map((d) => {
      const c = t.detectors[d]!;
      return `${c.pass === null ? 'n/a' : c.pass ? 'pass' : 'FAIL'} ${c.measured}${c.where ? ` (${c.where})` : ''}`;
    })]),
  });
  return out;
}

const stepsText = (t: Matrix['totals']) =>
  `${Object.entries(t.stepSeconds ?? {}).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}${t.slowestWorld ? `; slowest ${t.slowestWorld.seconds.toFixed(0)} s, seed ${t.slowestWorld.seed}` : ''}`;

/** The matrix for a terminal. */
export function renderMatrixText(m: Matrix): string {
  const lines: string[] = [];
  const t = m.totals;
  lines.push(
    `red-team matrix: ${t.worlds} worlds, ${num(t.campaigns)} campaigns, ${num(t.attackAccounts)} attack and ${num(t.benignAccounts)} benign accounts, ` +
      `${num(t.exchanges)} exchanges; ${t.seconds.toFixed(0)} s (${t.secondsPerWorld.toFixed(1)} s a world: ${stepsText(t)})`,
  );
  for (const tb of tables(m)) {
    lines.push('', tb.title, '');
    const cells = [tb.head, ...tb.rows];
    const widths = tb.head.map((_, i) => Math.min(90, Math.max(...cells.map((r) => (r[i] ?? '').length))));
    for (const r of cells) {
      lines.push(
        r
          .map((c, i) => {
            const s = c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c;
            return tb.right[i] ? s.padStart(widths[i]!) : s.padEnd(widths[i]!);
          })
          .join('  ')
          .trimEnd(),
      );
    }
  }
  return lines.join('\n');
}

/** The matrix as Markdown (for docs/detection.md). */
export function renderMatrixMarkdown(m: Matrix, opts: { command?: string } = {}): string {
  const t = m.totals;
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out: string[] = [
    '## Red-team matrix',
    '',
    `${opts.command ? `Every number below comes from \`${opts.command}\`: ` : ''}${t.worlds} random worlds (\`src/simulate/redteam.ts\`), ` +
      `${num(t.campaigns)} campaigns with ${num(t.attackAccounts)} attack accounts among ${num(t.benignAccounts)} benign ones, ${num(t.exchanges)} exchanges; ` +
      `${t.secondsPerWorld.toFixed(0)} s a world on average (${stepsText(t)}).`,
  ];
  for (const tb of tables(m)) {
    out.push('', `### ${tb.title}`, '');
    if (tb.note) out.push(tb.note, '');
    out.push(`| ${tb.head.map(esc).join(' | ')} |`, `|${tb.right.map((r) => (r ? '---:' : '---')).join('|')}|`);
    for (const r of tb.rows) out.push(`| ${r.map(esc).join(' | ')} |`);
  }
  return out.join('\n') + '\n';
}
