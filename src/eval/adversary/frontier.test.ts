import { describe, expect, it } from 'vitest';
import type { Tactics } from '../../simulate/adversary.js';
import { bestOf, frontierRow, renderFrontierMarkdown, renderFrontierText, tacticProfile, type FrontierReport } from './frontier.js';
import type { HarvestResult } from './harvest.js';
import type { EvaluationRecord } from './search.js';

const DAYS = 14;
const T: Tactics = {
  rate: 20,
  rhythm: 'evening',
  infra: 'residential_sticky',
  signup: 'aged',
  cards: 1,
  content: 'free_form',
  source: 'builtin',
  system: 'none',
  focus: 'mixed',
  output: 'varied',
  cot: 0,
  reasoning: 'off',
  n: 1,
  client: 'sdk',
};

function rec(index: number, accounts: number, t: Partial<Tactics>, h: { served: number; harvested: number; flaggedShare: number; detectedAt?: number } | null, extra: Partial<EvaluationRecord> = {}): EvaluationRecord {
  const harvest: HarvestResult | null = h && {
    accounts,
    activeAccounts: accounts,
    served: h.served,
    harvested: h.harvested,
    harvestedPerDay: h.harvested / DAYS,
    ratePerDayUndetected: h.detectedAt ? h.harvested / (h.detectedAt / 24) : h.harvested / DAYS,
    hoursToFirstFlag: h.flaggedShare > 0 ? (h.detectedAt ?? 24) : null,
    hoursToDetection: h.detectedAt ?? null,
    detected: h.detectedAt !== undefined,
    flaggedShare: h.flaggedShare,
    watchShare: 0,
    benignFlaggedMax: 0,
    cutoffsRun: 14,
    cutoffsPlanned: 14,
    stopped: h.detectedAt !== undefined ? 'detected' : 'end',
    reasons: h.flaggedShare > 0 ? { template_shared: 3 } : {},
    timeline: [],
  };
  const tactics = { ...T, ...t };
  return { index, accounts, phase: 'random', moved: null, tactics, key: JSON.stringify(tactics), planned: h?.served ?? 1000, cost: 10, harvest, pruned: h ? null : 'before', seconds: { total: 10 }, simSeed: 7, ...extra };
}

describe('the evasion frontier', () => {
  // Size 10: a loud one caught after 2 days, a quiet one never flagged, a bigger one stopped on the bound, one pruned.
  const ten = [
    rec(0, 10, { rate: 500, infra: 'datacenter' }, { served: 70_000, harvested: 9_000, flaggedShare: 1, detectedAt: 48 }),
    rec(1, 10, { rate: 100 }, { served: 14_000, harvested: 14_000, flaggedShare: 0 }),
    rec(2, 10, { rate: 200, infra: 'datacenter' }, { served: 28_000, harvested: 20_000, flaggedShare: 0.2 }, { pruned: 'bound' }),
    rec(3, 10, { rate: 1 }, null),
    rec(4, 10, { rate: 100, signup: 'drip' }, { served: 14_000, harvested: 14_000, flaggedShare: 0 }, { cost: 5 }),
    // The best's configuration at higher rates: caught.
    rec(5, 10, { rate: 400, signup: 'drip' }, { served: 56_000, harvested: 2_000, flaggedShare: 1, detectedAt: 24 }, { phase: 'ladder' }),
    rec(6, 10, { rate: 200, signup: 'drip' }, { served: 28_000, harvested: 8_000, flaggedShare: 0.6, detectedAt: 72 }, { phase: 'ladder' }),
  ];
  const one = [rec(0, 1, { rate: 5000 }, { served: 70_000, harvested: 70_000, flaggedShare: 0 })];

  it('picks per size the most harvested, the cheaper on a tie, never a pruned run', () => {
    expect(bestOf(ten)!.index).toBe(4);
    const row = frontierRow({ accounts: 10, runs: 6, proposals: 7, records: ten }, DAYS);
    expect(row.best!.index).toBe(4);
    expect(row.best!.harvested).toBe(14_000);
    expect(row.best!.harvestedPerDay).toBe(1000);
    expect(row.best!.perAccountPerDay).toBe(100);
    expect(row.best!.hoursToDetection).toBeNull();
    // The same configuration at the next rate up (200 a day, not 400, nor the other configurations at 200 and 500).
    expect(row.best!.nextUp).toMatchObject({ rate: 200, harvested: 8_000, flaggedShare: 0.6, hoursToDetection: 72 });
    expect(row.best!.lowerBound).toBe(false);
    expect(row.unflagged).toBe(2);
    const capped = frontierRow({ accounts: 1, runs: 1, proposals: 1, records: one }, DAYS);
    expect(capped.best!.lowerBound).toBe(true);
    expect(capped.best!.nextUp).toBeNull();
    expect(capped.best!.harvestedPerDay).toBeCloseTo(5000);
    expect(frontierRow({ accounts: 3, runs: 0, proposals: 0, records: [] }, DAYS).best).toBeNull();
  });

  it('profiles which tactic values went unflagged, over complete runs only', () => {
    const p = tacticProfile([...ten, ...one]);
    const infra = p.filter((x) => x.dimension === 'infra');
    expect(infra.map((x) => x.value)).toEqual(['residential_sticky', 'datacenter']);
    expect(infra.find((x) => x.value === 'datacenter')!.all).toEqual({ runs: 1, unflagged: 0, meanFlaggedShare: 1 });
    // Complete runs only: 1 and 4-6 of size 10 (2 stopped on the bound, 3 pruned), and the one of size 1.
    expect(infra.find((x) => x.value === 'residential_sticky')!.all).toMatchObject({ runs: 5, unflagged: 3 });
    expect(infra.find((x) => x.value === 'residential_sticky')!.bySize).toEqual({
      '1': { runs: 1, unflagged: 1, meanFlaggedShare: 0 },
      '10': { runs: 4, unflagged: 2, meanFlaggedShare: 0.4 },
    });
    expect(p.find((x) => x.dimension === 'signup' && x.value === 'drip')!.all).toEqual({ runs: 3, unflagged: 1, meanFlaggedShare: 1.6 / 3 });
    expect(p.filter((x) => x.dimension === 'rate').reduce((a, x) => a + x.all.runs, 0)).toBe(6);
  });

  it('renders the table as text and Markdown', () => {
    const rows = [frontierRow({ accounts: 1, runs: 1, proposals: 1, records: one }, DAYS), frontierRow({ accounts: 10, runs: 6, proposals: 7, records: ten }, DAYS)];
    const text = renderFrontierText(rows);
    expect(text).toContain('5,000+');
    expect(text).toContain('not run');
    expect(text).toContain('200/acct/day: detected after 72 h, 8,000 harvested');
    const report: FrontierReport = {
      command: 'distillwatch adversary --sizes 1,10',
      seed: 1,
      background: { seed: 27, days: DAYS, benignAccounts: 2967, exchanges: 295_966, prompts: null, reused: false },
      replayHours: 24,
      maxExchanges: 150_000,
      budget: 4,
      rows,
      profile: tacticProfile([...ten, ...one]),
      seconds: 600,
      evaluationSeconds: { mean: 20, max: 41, simulate: 2, ingest: 1, hunt: 15, cutoffs: 8 },
    };
    const md = renderFrontierMarkdown(report);
    expect(md).toContain('`distillwatch adversary --sizes 1,10`');
    expect(md).toMatch(/\| 10 \| 1,000 \| 100\.0 \| 14,000 \| 14,000 \| never \| never \| 0% \| 200\/acct\/day: detected after 72 h, 8,000 harvested \| 6 \(2 unflagged\) \| 100\/acct\/day, evening, residential_sticky, drip/);
    expect(md).toContain('| dimension | value | 1 accounts | 10 accounts | all |');
    expect(md).toContain('| infra | datacenter | - | 0 of 1 (100%) | 0 of 1 (100%) |');
    expect(md).toContain('| signup | drip | - | 1 of 3 (53%) | 1 of 3 (53%) |');
  });
});
