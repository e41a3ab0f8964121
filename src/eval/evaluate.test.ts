import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import {
  finding,
  HUNT_ACCOUNTS,
  HUNT_CAMPAIGNS,
  LABELS,
  perfectAccounts,
  writeFindings,
  writeTruth,
} from '../../test/eval-fixtures.js';
import { evaluate, type DetectorReport } from './evaluate.js';
import { renderEvalReport } from './render.js';

// Every expected number below is worked out by hand from the world in test/eval-fixtures.ts.
const tmp = tempDir('dw-eval-');
afterAll(() => tmp.cleanup());
const truth = writeTruth(join(tmp.dir, 'truth'));
const hunt = writeFindings(join(tmp.dir, 'hunt'), HUNT_ACCOUNTS, HUNT_CAMPAIGNS);
const perfect = writeFindings(join(tmp.dir, 'perfect'), perfectAccounts(), {
  detector: 'perfect',
  generated_at: '2026-04-25T00:00:00Z',
  until: null,
  campaigns: [],
});
const target = (d: DetectorReport, id: string) => d.targets.find((t) => t.id === id)!;

describe('eval of one detector on a hand-made world', async () => {
  const report = await evaluate({ truth, findings: [hunt] });
  const d = report.detectors[0]!;

  it('describes the truth', () => {
    expect(report.truth).toMatchObject({ accounts: 34, attackAccounts: 14, benignAccounts: 20, campaigns: 2 });
  });

  it('counts accounts judged and leaves out those the truth does not hold, with a warning', () => {
    expect(d.judged).toBe(30);
    expect(d.unknownAccounts).toBe(1);
    expect(d.warnings.join('\n')).toMatch(/1 account is not in the truth \(e\.g\. ghost\)/);
  });

  it('scores accounts: absent ones are not flagged', () => {
    // Flagged: b0 (benign), a0..a5, bb0, bb1; the five coding agents are absent from the findings.
    expect(d.overall).toMatchObject({ tp: 8, fp: 1, fn: 6, tn: 19 });
    expect(d.overall.precision).toBeCloseTo(8 / 9, 12);
    expect(d.overall.recall).toBeCloseTo(8 / 14, 12);
    expect(d.overall.falsePositiveRate).toBeCloseTo(1 / 20, 12);
    expect(d.overall.f1).toBeCloseTo(16 / 23, 12);
  });

  it('gives the false-positive rate of each benign cohort and the recall of each attack cohort', () => {
    expect(d.benignCohorts).toEqual([
      { cohort: 'batch', accounts: 10, flagged: 1, rate: 0.1 },
      { cohort: 'coding_agent', accounts: 5, flagged: 0, rate: 0 },
      { cohort: 'eval_runner', accounts: 4, flagged: 0, rate: 0 },
      { cohort: 'relay', accounts: 1, flagged: 0, rate: 0 },
    ]);
    expect(d.attackCohorts).toEqual([
      { cohort: 'hydra-a/core', accounts: 9, flagged: 6, rate: 6 / 9 },
      { cohort: 'hydra-a/cover-relay', accounts: 1, flagged: 0, rate: 0 },
      { cohort: 'hydra-b/core', accounts: 1, flagged: 1, rate: 1 },
      { cohort: 'hydra-b/cover-relay', accounts: 3, flagged: 1, rate: 1 / 3 },
    ]);
  });

  it('finds a campaign only when a strict majority of its accounts is flagged', () => {
    const [a, b] = d.campaigns;
    expect(a).toMatchObject({ campaignId: 'hydra-a', accounts: 10, flagged: 6, recall: 0.6, found: true });
    expect(b).toMatchObject({ campaignId: 'hydra-b', accounts: 4, flagged: 2, recall: 0.5, found: false }); // exactly half
    expect(d.campaignRecall).toEqual({ found: 1, total: 2, recall: 0.5 });
  });

  it('measures cohesion and fragmentation across reported campaigns', () => {
    const [a, b] = d.campaigns;
    // hydra-a: a0..a3 in R1, a4..a5 in R2: the largest piece holds 4 of its 10 accounts.
    expect(a).toMatchObject({ largestReportedCampaign: 'R1', inLargestReported: 4, cohesion: 0.4, cohesive: false, fragments: 2, flaggedWithoutCampaign: 0 });
    // hydra-b: bb1 in R1, bb0 flagged in no campaign.
    expect(b).toMatchObject({ largestReportedCampaign: 'R1', inLargestReported: 1, cohesion: 0.25, fragments: 1, flaggedWithoutCampaign: 1 });
  });

  it('measures the purity of reported campaigns', () => {
    // R1 = b0 (benign), a0..a3 (hydra-a), bb1 (hydra-b); ghost is not in the truth. R2 = a4, a5.
    expect(d.reportedCampaigns.campaigns).toEqual([
      { campaignId: 'R1', accounts: 6, benign: 1, majorityCampaign: 'hydra-a', majorityAccounts: 4, purity: 4 / 6 },
      { campaignId: 'R2', accounts: 2, benign: 0, majorityCampaign: 'hydra-a', majorityAccounts: 2, purity: 1 },
    ]);
    expect(d.reportedCampaigns).toMatchObject({ count: 2, accounts: 8, benignAccounts: 1, purity: 6 / 8, minPurity: 4 / 6 });
  });

  it('gives relay recall by attack-share band', () => {
    const bands = Object.fromEntries(d.relays.bands.map((b) => [b.band, [b.accounts, b.flagged]]));
    // bb1, bb2 at 5% (bb1 flagged), bb3 at 8%, a9 at 30%.
    expect(bands).toEqual({ '0-5%': [2, 1], '5-10%': [1, 0], '10-25%': [0, 0], '25-50%': [1, 0], '50-100%': [0, 0] });
    expect(d.relays.lowShare).toEqual({ maxShare: 0.1, accounts: 3, flagged: 1, recall: 1 / 3 });
  });

  it('ranks by risk', () => {
    // Attack risks 8 × 0.9, 4 × 0.5, 2 × 0.4; benign 0.6, 0.3, 4 × 0.2, 9 × 0.1, 5 × 0 (absent).
    // Pairs won: 8 × 20 + 4 × 19 + 2 × 19 = 274 of 14 × 20. Top 14: 8 hits, b0, 4 hits, 1 of the two 0.4s.
    expect(d.ranking.auc).toBeCloseTo(274 / 280, 12);
    expect(d.ranking.k).toBe(14);
    expect(d.ranking.precisionAtK).toBeCloseTo(13 / 14, 12);
    // the truth does not say which accounts sent nothing: the same figure over "active" accounts
    expect(d.ranking.aucActive).toBeCloseTo(274 / 280, 12);
    expect(d.ranking.silentAttack).toBe(0);
  });

  it('ranks again over the accounts that sent a request, when the truth says which did not', async () => {
    // bb2 and bb3 (attack, risk 0.4) and c0 (benign, absent) opened and never used.
    const silent = new Set(['bb2', 'bb3', 'c0']);
    const labels = LABELS.map((l) => ({ ...l, exchanges: silent.has(l.account_id) ? 0 : 10 }));
    const r = await evaluate({ truth: writeTruth(join(tmp.dir, 'truth-silent'), { labels }), findings: [hunt] });
    const ranking = r.detectors[0]!.ranking;
    expect(ranking.auc).toBeCloseTo(274 / 280, 12); // the headline figure is unchanged
    // Attack 8 × 0.9, 4 × 0.5 against benign 0.6, 0.3, 4 × 0.2, 9 × 0.1, 4 × 0: 8 × 19 + 4 × 18 of 12 × 19.
    expect(ranking.aucActive).toBeCloseTo(224 / 228, 12);
    expect(ranking.silentAttack).toBe(2);
    expect(renderEvalReport(r)).toMatch(/ROC AUC of risk, accounts that sent a request\s+0\.9825 \(2 attack accounts sent nothing\)/);
  });

  it('judges the targets, leaving time to detection unjudged without --timeline', () => {
    const pass = Object.fromEntries(d.targets.map((t) => [t.id, t.pass]));
    expect(pass).toEqual({
      attack_recall: false,
      benign_fpr: false,
      cohort_fpr: false,
      campaigns_found: false,
      campaign_cohesion: false,
      relay_recall: false,
      time_to_detection: null,
    });
    expect(target(d, 'cohort_fpr').detail).toBe('over it: batch 10.00%');
    expect(target(d, 'campaigns_found').measured).toBe('1 of 2');
    expect(report.targetsMet).toBe(false);
  });

  it('renders a readable table with each section', () => {
    const text = renderEvalReport(report);
    for (const section of ['benign cohorts', 'campaigns: recall', 'campaigns: cohesion', 'reported campaigns', 'relays', 'targets']) {
      expect(text).toContain(section);
    }
    expect(text).toMatch(/batch \(10\)\s+10\.00% \(1\)/);
    expect(text).toMatch(/hydra-b \(4\)\s+50\.00% missed/);
    expect(text).toMatch(/attack-account recall >= 99%\s+FAIL 57\.14%/);
    expect(text).toMatch(/warning: .*ghost/);
  });
});

describe('eval of several detectors side by side', async () => {
  const bare = writeFindings(join(tmp.dir, 'bare'), [finding('a0', { flagged: true, risk: 1 })], null);
  const report = await evaluate({ truth, findings: [hunt, perfect, bare] });

  it('gives one column per detector, named by campaigns.json or the directory', () => {
    expect(report.detectors.map((d) => d.name)).toEqual(['hunt', 'perfect', 'bare']);
    expect(report.detectors.map((d) => d.overall.tp)).toEqual([8, 14, 1]);
    expect(report.detectors[2]!.warnings.join()).toMatch(/no campaigns\.json/);
    const header = renderEvalReport(report).split('\n')[2]!;
    expect(header.trim().split(/\s+/)).toEqual(['hunt', 'perfect', 'bare']);
  });

  it('passes every target it can judge for a perfect detector', () => {
    const p = report.detectors[1]!;
    expect(p.overall).toMatchObject({ precision: 1, recall: 1, falsePositiveRate: 0 });
    expect(p.campaigns.map((c) => c.cohesion)).toEqual([1, 1]);
    expect(p.ranking.auc).toBe(1);
    expect(p.targets.filter((t) => t.pass !== true).map((t) => t.id)).toEqual(['time_to_detection']);
    expect(p.targetsMet).toBe(true);
  });

  it('tells apart two columns of the same detector by directory', async () => {
    const again = writeFindings(join(tmp.dir, 'hunt-again'), HUNT_ACCOUNTS, HUNT_CAMPAIGNS);
    const r = await evaluate({ truth, findings: [hunt, again] });
    expect(r.detectors.map((d) => d.name)).toEqual(['hunt (hunt)', 'hunt (hunt-again)']);
  });
});

describe('time to detection from hunts at several cut-offs', async () => {
  const daily = join(tmp.dir, 'daily');
  const snapshot = (day: string, until: string, flagged: string[]) =>
    writeFindings(
      join(daily, day),
      flagged.map((id) => finding(id, { flagged: true, risk: 0.9, campaign_id: 'R1' })),
      { detector: 'hunt', generated_at: until, until, campaigns: [] },
    );
  const d1 = snapshot('d1', '2026-04-21T12:00:00.000Z', []);
  snapshot('d2', '2026-04-22T11:30:00.000Z', ['a0']);
  snapshot('d3', '2026-04-22T12:30:00.000Z', ['a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'bb0']);
  const report = await evaluate({ truth, findings: [hunt, perfect], timeline: [daily] });
  const h = report.detectors[0]!;

  it('attaches the timeline to the column of the same detector', () => {
    expect(report.detectors.map((d) => d.name)).toEqual(['hunt', 'perfect']);
    expect(h.timeline?.snapshots.map((s) => s.until)).toEqual([
      '2026-04-21T12:00:00.000Z',
      '2026-04-22T11:30:00.000Z',
      '2026-04-22T12:30:00.000Z',
    ]);
    expect(report.detectors[1]!.timeline).toBeNull();
  });

  it('finds the first cut-off that flags a campaign, and the share served by then', () => {
    const [a, b] = h.timeline!.campaigns;
    // hydra-a starts 10:30: flagged at the 11:30 cut-off (1 h; 100 + 200/2 of 1000 served), most at 12:30.
    expect(a!.firstFlagged).toMatchObject({ until: '2026-04-22T11:30:00.000Z', previousUntil: '2026-04-21T12:00:00.000Z', hoursFromStart: 1, accountsFlagged: 1 });
    expect(a!.firstFlagged!.servedShare).toBeCloseTo(0.2, 12);
    expect(a!.mostFlagged).toMatchObject({ until: '2026-04-22T12:30:00.000Z', hoursFromStart: 2, accountsFlagged: 6 });
    expect(a!.mostFlagged!.servedShare).toBeCloseTo(0.65, 12);
    expect(a!.within24h).toBe(true);
    // hydra-b ran 04-21 00:00 to 02:00: first flagged 36.5 h after its start, after it was over; never mostly flagged.
    expect(b!.firstFlagged).toMatchObject({ hoursFromStart: 36.5, servedShare: 1, accountsFlagged: 1 });
    expect(b!.mostFlagged).toBeNull();
    expect(b!.within24h).toBe(false);
    expect(h.timeline!.within24h).toEqual({ met: 1, measured: 2, total: 2 });
    expect(target(h, 'time_to_detection')).toMatchObject({ pass: false, measured: '1 of 2', detail: 'late or never: hydra-b' });
  });

  it('scores the latest cut-off of a detector given only by --timeline', async () => {
    const r = await evaluate({ truth, timeline: [daily] });
    expect(r.detectors.map((d) => d.name)).toEqual(['hunt']);
    expect(r.detectors[0]!.until).toBe('2026-04-22T12:30:00.000Z');
    expect(r.detectors[0]!.overall).toMatchObject({ tp: 7, fp: 0 });
  });

  it('leaves time to detection unjudged when the cut-offs end too early to tell', async () => {
    const r = await evaluate({ truth, timeline: [d1] });
    const t = r.detectors[0]!.timeline!;
    expect(t.campaigns.map((c) => [c.within24h, c.servedShare])).toEqual([
      [null, 1],
      [null, 1],
    ]);
    expect(target(r.detectors[0]!, 'time_to_detection').pass).toBeNull();
    expect(r.detectors[0]!.warnings.join('\n')).toMatch(/hydra-a .* time to detection not measured/);
  });

  it('refuses two hunts of one detector at the same cut-off', async () => {
    const twin = writeFindings(join(tmp.dir, 'twin'), [], { detector: 'hunt', generated_at: 'x', until: '2026-04-21T12:00:00.000Z', campaigns: [] });
    await expect(evaluate({ truth, timeline: [d1, twin] })).rejects.toThrow(/same cut-off 2026-04-21T12:00:00.000Z/);
  });
});

describe('eval of a detector with triage tiers', async () => {
  // The hunt's findings with tiers: flagged accounts in a campaign are `campaign`, bb0 (flagged alone) is
  // `account`, and the watch queue holds a6..a9 (attack, risk 0.5), bb2, bb3 (attack, 0.4) and r0 (benign, 0.3).
  const watch = new Set(['a6', 'a7', 'a8', 'a9', 'bb2', 'bb3', 'r0']);
  const tiered = HUNT_ACCOUNTS.map((a) => ({
    ...a,
    tier: a.flagged ? (a.campaign_id ? ('campaign' as const) : ('account' as const)) : watch.has(a.account_id) ? ('watch' as const) : null,
  }));
  const dir = writeFindings(join(tmp.dir, 'tiered'), tiered, HUNT_CAMPAIGNS);
  // One account whose tier contradicts its flag.
  const bad = writeFindings(join(tmp.dir, 'tier-mismatch'), tiered.map((a) => (a.account_id === 'r0' ? { ...a, flagged: true } : a)), HUNT_CAMPAIGNS);
  const report = await evaluate({ truth, findings: [dir, bad, hunt] });
  const [d, mismatched, untiered] = report.detectors;

  it('counts accounts and attack accounts per tier', () => {
    expect(d!.triage!.tiers).toEqual([
      { tier: 'campaign', accounts: 8, attack: 7, precision: 7 / 8 },
      { tier: 'account', accounts: 1, attack: 1, precision: 1 },
      { tier: 'watch', accounts: 7, attack: 6, precision: 6 / 7 },
    ]);
    expect(d!.triage!.watchPrecision).toBeCloseTo(6 / 7, 12);
  });

  it('gives the precision of the top accounts by risk at the size of the whole queue', () => {
    // 16 accounts in a tier; the 16 riskiest hold 14 attack accounts (b0 at 0.6 and r0 at 0.3 are benign).
    expect(d!.triage!.queue).toBe(16);
    expect(d!.triage!.precisionAtQueue).toBeCloseTo(14 / 16, 12);
  });

  it('warns when a tier disagrees with flagged, and leaves triage out for detectors without tiers', () => {
    expect(mismatched!.warnings.join('\n')).toMatch(/1 accounts have a tier that disagrees with flagged/);
    expect(d!.warnings.join('\n')).not.toMatch(/disagrees with flagged/);
    expect(untiered!.triage).toBeNull();
  });

  it('prints the tiers', () => {
    const text = renderEvalReport(report);
    expect(text).toMatch(/triage: accounts per tier/);
    expect(text).toMatch(/precision of the watch queue/);
  });
});
