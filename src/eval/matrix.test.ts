import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { finding, LABELS, perfectAccounts, writeFindings, writeTruth } from '../../test/eval-fixtures.js';
import { evaluate } from './evaluate.js';
import { buildMatrix, renderMatrixMarkdown, renderMatrixText, worldResult } from './matrix.js';

// The hand-made world of test/eval-fixtures.ts: benign batch (10), eval_runner (4), coding_agent (5), relay (1);
// hydra-a (10 accounts, a9 a relay at 30%), hydra-b (4 accounts, relays bb1 and bb2 at 5%, bb3 at 8%).
const tmp = tempDir('dw-matrix-');
afterAll(() => tmp.cleanup());
const truth = writeTruth(join(tmp.dir, 'truth'));
const file = (detector: string) => ({ detector, generated_at: '2026-04-25T00:00:00Z', until: null, campaigns: [] });
const perfect = writeFindings(join(tmp.dir, 'perfect'), perfectAccounts(), file('perfect'));
// Flags every eval runner (a group of 4, flagged whole), half the batch cohort (mostly), hydra-a but not hydra-b.
const sloppy = (dir: string, missB: boolean) =>
  writeFindings(
    join(tmp.dir, dir),
    LABELS.map((l) => {
      const hit = l.cohort === 'eval_runner' || (l.cohort === 'batch' && Number(l.account_id.slice(1)) < 5) || l.campaign_id === 'hydra-a' || (!missB && l.campaign_id === 'hydra-b');
      return finding(l.account_id, hit ? { flagged: true, risk: 0.9, campaign_id: null, reasons: ['x'] } : { risk: 0.1 });
    }),
    file('sloppy'),
  );
const campaigns = [
  { id: 'hydra-a', family: 'hydra_agentic' },
  { id: 'hydra-b', family: 'relay_hidden' },
];
const world = (index: number, seed: number) => ({ index, seed, realPrompts: false, dir: null, exchanges: 1000, days: 5, seconds: { total: 10 }, campaigns });

describe('the red-team matrix', async () => {
  const r1 = await evaluate({ truth, findings: [perfect, sloppy('s1', false)] });
  const r2 = await evaluate({ truth, findings: [perfect, sloppy('s2', true)] });
  const w1 = worldResult(r1, world(0, 101));
  const w2 = worldResult(r2, world(1, 202));
  const m = buildMatrix([w1, w2]);

  it('reads a world from eval: campaigns with their size bins, groups flagged whole or mostly, relays', () => {
    expect(w1.campaigns.map((c) => [c.id, c.family, c.sizeBin, c.accounts, c.flagged])).toEqual([
      ['hydra-a', 'hydra_agentic', '10-99', 10, { perfect: 10, sloppy: 10 }],
      ['hydra-b', 'relay_hidden', '3-9', 4, { perfect: 4, sloppy: 4 }],
    ]);
    expect(w2.campaigns[1]!.flagged).toEqual({ perfect: 4, sloppy: 0 });
    const s = w1.detectors.sloppy!;
    expect(s.groupsWhole).toEqual(['eval_runner']);
    expect(s.groupsMostly).toEqual(['batch']);
    expect(s.worstCohort).toEqual({ cohort: 'eval_runner', rate: 1, flagged: 4, accounts: 4 });
    expect(s.fp).toBe(9);
    expect(w1.detectors.perfect!.worstCohort).toBeNull();
    // relays: a9 (30%), bb1 and bb2 (5%), bb3 (8%)
    expect(w1.detectors.perfect!.relays).toEqual({ accounts: 3, flagged: 3 });
    expect(w1.detectors.perfect!.relays5).toEqual({ accounts: 2, flagged: 2 });
    expect(w2.detectors.sloppy!.relays5).toEqual({ accounts: 2, flagged: 0 });
  });

  it('sums per family and size, and the counts add up', () => {
    expect(m.cells.map((c) => [c.family, c.sizeBin, c.campaigns, c.attackAccounts, c.flagged.sloppy])).toEqual([
      ['hydra_agentic', '10-99', 2, 20, 20],
      ['relay_hidden', '3-9', 2, 8, 4],
    ]);
    expect(m.cells[1]!.recall.sloppy).toBe(0.5);
    expect(m.cells[1]!.worst.sloppy).toEqual({ campaign: 'hydra-b', seed: 202, recall: 0, accounts: 4 });
    expect(m.totals).toMatchObject({ worlds: 2, campaigns: 4, attackAccounts: 28, benignAccounts: 40 });
  });

  it('judges the targets on the worst world, campaign, cohort and group', () => {
    const t = (id: string, d: string) => m.targets.find((x) => x.id === id)!.detectors[d]!;
    for (const id of ['family_size_recall', 'benign_fpr', 'cohort_fpr', 'groups_whole', 'risk_auc', 'relay_recall']) expect(t(id, 'perfect').pass, id).toBe(true);
    expect(t('family_size_recall', 'sloppy')).toMatchObject({ value: 0, pass: false });
    expect(t('family_size_recall', 'sloppy').where).toMatch(/relay_hidden 3-9: hydra-b, 4 accounts \(seed 202\)/);
    expect(t('groups_whole', 'sloppy')).toMatchObject({ value: 2, pass: false, measured: '2 whole, 2 mostly' });
    expect(t('relay_recall', 'sloppy')).toMatchObject({ value: 0, pass: false });
    expect(t('relay_recall', 'sloppy').where).toMatch(/0 of 2 \(seed 202\); \[pooled 2 of 4\]/);
    expect(m.worst.sloppy!.lowestRecall).toEqual({ seed: 202, value: 10 / 14 });
    expect(m.worstSeeds).toContain(202);
  });

  it('renders for a terminal and as Markdown', () => {
    const text = renderMatrixText(m);
    expect(text).toMatch(/red-team matrix: 2 worlds, 4 campaigns/);
    expect(text).toMatch(/Targets/);
    const md = renderMatrixMarkdown(m, { command: 'distillwatch redteam --worlds 2' });
    expect(md).toMatch(/^## Red-team matrix/);
    expect(md).toContain('| relay_hidden | 3-9 | 2 | 8 | 0 | 100.00% | 50.00% (0%) |');
  });
});
