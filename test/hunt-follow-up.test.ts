import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A conversation harvest runs a script: after whatever task opens a conversation, the same few dozen follow-ups
 * ("Now add tests for it.", "What are the edge cases?") in every conversation of every account. The campaign is
 * found in its busy accounts (fresh, its app's system prompt); the same harvest's accounts that carry nothing else
 * of it (old accounts, their own card and home network, no system prompt, a few conversations each) are its members
 * by the script their follow-ups come from (`campaign_traffic`: ten such requests or more, far more than chance).
 * The follow-ups people also type ("continue", "Keep going.") are no fingerprint, and neither the people typing them
 * nor one who happens to type a line of the script a few times are taken.
 */

const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
const BUSY = Array.from({ length: 14 }, (_, i) => `busy-${i}`);
const QUIET = Array.from({ length: 2 }, (_, i) => `quiet-${i}`);
const CHATTERS = Array.from({ length: 40 }, (_, i) => `chatter-${i}`);
const COINCIDENCE = 'coincidence-0';
const COMMON = ['continue', 'Keep going.', 'thanks!', 'make it shorter', 'why?', 'can you explain that again'];
const SCRIPT = [
  'continue',
  'Keep going.',
  'Now add tests for it.',
  'What are the edge cases?',
  'Rewrite it in Go.',
  'Can you expand on the second part?',
  'Now refactor it into smaller functions.',
  'Are there any mistakes in your answer? Fix them.',
  'How would you make it faster?',
];
// (A product's system prompt: long enough to identify it, MIN_SYSTEM_KEY_CHARS.)
const SYSTEM =
  'You are Quill, a senior engineering assistant embedded in a code review tool. Read the diff and the question, ' +
  'answer with a complete explanation of the reasoning, list every risk you see with its severity, and finish with ' +
  'a corrected version of the code and the tests that would have caught the problem.';

function buildWorld(): World {
  const w = new World(91);
  for (const id of users) w.ordinaryUser(id);
  // A conversation of the harvest: a task, then follow-ups from its script, each answered at length.
  const conversation = (id: string, t0: number, ip: string, system: string | null, turns: number) => {
    const conv = `c-${id}-${t0}`;
    let t = t0;
    for (let turn = 1; turn <= turns; turn++) {
      w.exchange({
        account_id: id, ts: t, ip, system, conversation_id: conv, turn, max_tokens: 32_000, output_tokens: 3_000 + w.int(2_000),
        prompt: turn === 1 ? `${w.words(14)}. ${w.pick(['Explain step by step.', 'Show your reasoning.'])}` : w.pick(SCRIPT),
      });
      t += 60_000 + w.int(120_000);
    }
  };
  BUSY.forEach((id, i) => {
    w.account({ account_id: id, created_at: new Date(WORLD_START - (1 + (i % 4)) * WORLD_DAY + i * 600_000).toISOString(), verified: false, payment_fingerprint: `pf-${id}` });
    for (let d = 0; d < 10; d++) {
      const ip = `3.${120 + (i % 4)}.${d}.${10 + w.int(200)}`;
      for (let k = 0; k < 2; k++) conversation(id, WORLD_START + d * WORLD_DAY + (9 + 5 * k) * 3_600_000 + w.int(3_000_000), ip, SYSTEM, 4);
    }
  });
  // Old accounts of the same harvest: their own card and home network, no system prompt, a conversation on each of
  // five days.
  QUIET.forEach((id, i) => {
    w.account({ account_id: id, created_at: new Date(WORLD_START - (300 + 20 * i) * WORLD_DAY).toISOString(), verified: true, payment_fingerprint: `pf-${id}` });
    const ip = `71.${30 + i}.${7 * i}.${20 + i}`;
    for (let d = 0; d < 5; d++) conversation(id, WORLD_START + (1 + 2 * d) * WORLD_DAY + (19 + (i % 3)) * 3_600_000 + w.int(1_800_000), ip, null, 5);
  });
  // People whose later turns are the short follow-ups everyone types, two of them also in the script.
  const chat = (id: string, lines: () => string) => {
    w.account({ account_id: id });
    const ip = `73.${50 + w.int(150)}.${w.int(250)}.${1 + w.int(250)}`;
    for (let d = 0; d < 12; d++) {
      if (w.rand() < 0.4) continue;
      const conv = `c-${id}-${d}`;
      let t = WORLD_START + d * WORLD_DAY + (8 + w.int(12)) * 3_600_000;
      for (let turn = 1; turn <= 3; turn++) {
        w.exchange({ account_id: id, ts: t, ip, conversation_id: conv, turn, prompt: turn === 1 ? `please help me with ${w.words(10)}` : lines() });
        t += 30_000 + w.int(600_000);
      }
    }
  };
  for (const id of CHATTERS) chat(id, () => w.pick(COMMON));
  // ...and one who asks about edge cases, as people do, now and then.
  chat(COINCIDENCE, () => (w.rand() < 0.5 ? 'What are the edge cases?' : w.pick(COMMON)));
  return w;
}

const { verdict } = huntedWorld(buildWorld);

describe('a conversation harvest, by the script of its follow-ups', () => {
  it('finds the campaign in its busy accounts', () => {
    const found = BUSY.filter((id) => verdict(id).tier === 'campaign');
    expect(found.length, JSON.stringify(BUSY.map((id) => [id, verdict(id).tier, verdict(id).reasons]))).toBeGreaterThanOrEqual(BUSY.length - 1);
  });

  it("takes the harvest's old accounts that share nothing else with it, by its script", () => {
    const campaign = verdict(BUSY[0]!).campaign_id;
    for (const id of QUIET) {
      const v = verdict(id);
      expect(v.campaign_id, `${id} ${v.tier} ${JSON.stringify(v.reasons)}`).toBe(campaign);
      expect(v.sweep?.test, id).toBe('traffic');
      // its follow-ups, less the two that people type too
      expect(v.sweep?.hits, id).toBeGreaterThanOrEqual(10);
      expect(v.sweep?.hits, id).toBeLessThan(20);
    }
  });

  it('leaves out the people typing common follow-ups, one who types a line of the script, and ordinary users', () => {
    for (const id of [...CHATTERS, COINCIDENCE, ...users]) expect(verdict(id).flagged, `${id} ${JSON.stringify(verdict(id).reasons)}`).toBe(false);
  });
});
