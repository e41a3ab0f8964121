import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A class of 111 students on seven institution cards (16 to a card), all signed up the same day behind the campus
 * network, sending homework built on four templates (steps shown, rubrics), in a world with no other class to
 * compare it with: 800 chat users, coding agents, a few evaluation runners and researchers (the simulator's own
 * class cohort, as a random red-team world drew it). By the numbers alone it is a linked group whose typical member
 * behaves beyond the bar with provenance (accounts opened together, shared cards): before the university-class
 * pattern released it, the whole class was a campaign in seed 1. It must never be acted on, in any seed, and the
 * findings must say which pattern explains it.
 */
const SCENARIO = {
  name: 'class-on-seven-cards',
  description: 'A class paying with seven cards among ordinary users, nothing else like it',
  start: '2026-09-02',
  days: 15,
  models: [
    { id: 'atlas-3-large', family: 'large', released: '2025-11-04' },
    { id: 'atlas-3-small', family: 'small', released: '2025-11-04' },
    { id: 'atlas-4-large', family: 'large', released: '2026-09-11T17:00:00.000Z' },
  ],
  benign: [
    {
      persona: 'university_class', cohort: 'university_class/cards', accounts: 111, class_size: 111, class_size_spread: 0, rate: 4.2, cot_share: 0.64,
      targets: { software_engineering: 0.94, reasoning: 0.28, rubric_grading: 0.26, agentic_tool_use: 0.3 },
      templates: { count: 4, paraphrase: 0.19 }, system_prompt: 'none',
      network: { kinds: { university: 1 }, rotation: 'sticky', pool: 2 },
      signup: { pattern: 'same_day', email: { edu: 1 }, accounts_per_card: 16, tiers: { edu: 1 }, verified: 0.03, org_share: 0.99, org_size: 111 },
    },
    { persona: 'chat_user', accounts: 800, rate: 0.159 },
    { persona: 'coding_agent', accounts: 112, rate: 3.8 },
    { persona: 'eval_runner', accounts: 5, rate: 56, cot_share: 0.7 },
    { persona: 'researcher', accounts: 8, rate: 4.7 },
  ],
  attacks: [],
};

const SEEDS = [1, 2, 3];

describe('a class on seven cards, with no other class in the world', () => {
  const tmp = tempDir('dw-class-cards-');
  afterAll(() => tmp.cleanup());
  const scenario = join(tmp.dir, 'scenario.json');
  writeFileSync(scenario, JSON.stringify(SCENARIO));

  it.each(SEEDS)('is never acted on, and is shown as the class it is (seed %i)', async (seed) => {
    const sim = join(tmp.dir, `sim-${seed}`);
    const data = join(tmp.dir, `data-${seed}`);
    const out = join(tmp.dir, `hunt-${seed}`);
    for (const args of [
      ['simulate', '--scenario', scenario, '--seed', String(seed), '--out', sim],
      ['ingest', '--data', data, '--accounts', join(sim, 'accounts.jsonl.gz'), join(sim, 'exchanges.jsonl.gz')],
      ['hunt', '--data', data, '--out', out],
    ]) {
      const r = await runCli(args);
      expect(r.code, `${args[0]}: ${r.stderr}`).toBe(0);
    }
    const students = new Set(
      gunzipSync(readFileSync(join(sim, 'truth', 'labels.jsonl.gz')))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { account_id: string; cohort: string | null })
        .filter((l) => l.cohort === 'university_class/cards')
        .map((l) => l.account_id),
    );
    expect(students.size).toBe(111);
    const accounts = readFileSync(join(out, 'accounts.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { account_id: string; flagged: boolean; tier: string | null; evidence: Record<string, unknown> });
    const flagged = accounts.filter((a) => students.has(a.account_id) && a.flagged);
    expect(flagged.map((a) => a.account_id)).toEqual([]);
    const campaigns = JSON.parse(readFileSync(join(out, 'campaigns.json'), 'utf8')) as {
      campaigns: { accounts: string[] }[];
      linked_groups: { accounts: string[]; resembles: { pattern: string } | null }[];
    };
    expect(campaigns.campaigns.filter((c) => c.accounts.some((a) => students.has(a)))).toEqual([]);
    // Where the class clears the bars as a group, the findings name the pattern that explains it.
    const released = accounts.filter((a) => students.has(a.account_id) && a.evidence.explained_group);
    for (const a of released) expect((a.evidence.explained_group as { pattern: string }).pattern).toBe('university_class');
    if (released.length > 0) {
      const shown = campaigns.linked_groups.filter((g) => g.accounts.filter((a) => students.has(a)).length > g.accounts.length / 2);
      expect(shown.some((g) => g.resembles?.pattern === 'university_class')).toBe(true);
    }
  }, 120_000);
});

/**
 * The other side of the release: a fleet opened in bursts of ten on shared cards, with mail-provider addresses,
 * used at a person's pace (a few conversations a day at daytime hours) to harvest long worked answers. Its
 * accounts show the class pattern's numbers (opened together, a few requests a day, in conversations), but they
 * are no institution's: its e-mail domain is one thousands of strangers use. It stays a campaign.
 */
describe('a fleet opened in bursts and used at a person\'s pace', () => {
  const fleet = Array.from({ length: 40 }, (_, i) => `fleet-${String(i).padStart(2, '0')}`);
  const h = huntedWorld(() => {
    const w = new World(11);
    for (let i = 0; i < 300; i++) w.ordinaryUser(`user-${i}`);
    fleet.forEach((id, i) => {
      const burst = WORLD_START + (2 + Math.floor(i / 10)) * WORLD_DAY + 14 * 3_600_000;
      w.account({
        account_id: id, created_at: new Date(burst + w.int(540_000)).toISOString(), email_domain: 'gmail.com', verified: false, tier: 'free',
        payment_fingerprint: `pf-fleet-${Math.floor(i / 10)}`,
      });
      const home = `98.${w.int(200)}.${w.int(250)}.${1 + w.int(250)}`;
      for (let d = 6; d < 26; d++) {
        let t = WORLD_START + d * WORLD_DAY + (9 + w.int(10)) * 3_600_000;
        const turns = 2 + w.int(2);
        for (let turn = 1; turn <= turns; turn++) {
          w.exchange({
            account_id: id, ts: t, ip: home, conversation_id: `${id}-${d}`, turn, max_tokens: 32_000, output_tokens: 3000 + w.int(1500),
            prompt: `Solve this step by step and show all of your reasoning before the final answer: ${w.words(14)}`,
          });
          t += 120_000 + w.int(600_000);
        }
      }
    });
    return w;
  });

  it('shows the class pattern, and is acted on all the same', () => {
    const byId = new Map(h.result().accounts.map((a) => [a.account_id, a]));
    const resembling = fleet.filter((id) => byId.get(id)?.resembles?.some((r) => r.pattern === 'university_class'));
    expect(resembling.length).toBeGreaterThan(fleet.length / 2);
    expect(fleet.filter((id) => byId.get(id)?.flagged).length).toBeGreaterThanOrEqual(0.9 * fleet.length);
    expect(fleet.filter((id) => byId.get(id)?.explained)).toEqual([]);
  });
});
