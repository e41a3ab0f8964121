import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A harvest spread over many accounts leaves many of them with a few days and a dozen requests each: too few to
 * show the operation's rotating exits as their own evidence (proxy_rotation measures accounts with 3 active
 * days), so the campaign's core is its busier half. The rest are still the campaign's by what they share with it:
 * - the campaign's scaffolding (a product system prompt no one else sends): the accounts of its linked group
 *   outside the core must not count as outsiders that make the prompt generic, and a few requests with it
 *   confirm a link the graph found (`campaign_traffic`);
 * - its rented exits: the network-days its known accounts hold, on two days or more, while behaving like it
 *   (`campaign_exits`). A customer of the same proxy network who does not behave like the campaign is not taken.
 */

const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
const CORE = Array.from({ length: 14 }, (_, i) => `core-${i}`);
const PROMPTED = Array.from({ length: 8 }, (_, i) => `prompted-${i}`);
const EXITED = Array.from({ length: 8 }, (_, i) => `exited-${i}`);
// A customer of the same residential proxy network, on the campaign's exits, working as a person does.
const PRIVATE = Array.from({ length: 3 }, (_, i) => `private-${i}`);
const OLD = new Date(WORLD_START - 700 * WORLD_DAY).toISOString();
// (An application's system prompt: long enough to identify it, MIN_SYSTEM_KEY_CHARS.)
const SYSTEM =
  'You are Lumen, a friendly study companion app for university students. Answer every question thoroughly, with ' +
  'worked examples and a short summary at the end, in a warm and encouraging tone. Never mention that you are an AI ' +
  'model unless asked, and keep formatting to plain paragraphs with numbered steps where they help.';

/** The day's exits: three residential addresses on three ISPs (their own /16s) used by no one before. */
const exitOf = (w: World, d: number) => {
  const e = 3 * d + w.int(3);
  return `${100 + e}.${30 + e}.9.${10 + (e % 7)}`;
};

function buildWorld(): World {
  const w = new World(71);
  for (const id of users) w.ordinaryUser(id);
  const harvest = (id: string, i: number, days: number[], perDay: number, system: string | null) => {
    w.account({ account_id: id, created_at: new Date(Date.parse(OLD) + i * 11 * WORLD_DAY).toISOString(), verified: true });
    for (const d of days) {
      const ip = exitOf(w, d);
      for (let k = 0; k < perDay; k++) {
        w.exchange({
          account_id: id, ts: WORLD_START + d * WORLD_DAY + (18 + k % 5) * 3_600_000 + w.int(3_000_000), ip, system,
          max_tokens: 32_000, output_tokens: 3_000 + w.int(2_000),
          prompt: `${w.words(11)}. ${w.pick(['Explain step by step.', 'Show your reasoning.', 'Walk me through each step, with examples.'])}`,
        });
      }
    }
  };
  CORE.forEach((id, i) => harvest(id, i, Array.from({ length: 12 }, (_, d) => d), 6, SYSTEM));
  // Two days each, a few requests a day, the operation's system prompt.
  PROMPTED.forEach((id, i) => harvest(id, 20 + i, [2 + (i % 5), 7 + (i % 4)], 3, SYSTEM));
  // Two days each, no system prompt: only the exits and the way it works are the campaign's.
  EXITED.forEach((id, i) => harvest(id, 40 + i, [1 + (i % 5), 6 + (i % 5)], 5, null));
  PRIVATE.forEach((id, i) => {
    w.account({ account_id: id, created_at: OLD, verified: true });
    for (const d of [3 + i, 8 + i, 10]) {
      const ip = exitOf(w, d);
      for (let k = 0; k < 2; k++) w.exchange({ account_id: id, ts: WORLD_START + d * WORLD_DAY + (9 + 4 * k) * 3_600_000 + w.int(1_800_000), ip, prompt: w.words(9) });
    }
  });
  return w;
}

const { verdict } = huntedWorld(buildWorld);

describe('the accounts of a harvest with too few days to show its exits of their own', () => {
  it('finds the campaign in its busy accounts', () => {
    const found = CORE.filter((id) => verdict(id).tier === 'campaign');
    expect(found.length, JSON.stringify(CORE.map((id) => [id, verdict(id).tier, verdict(id).reasons]))).toBeGreaterThanOrEqual(CORE.length - 1);
  });

  it('takes the few-day accounts that send its system prompt, by its scaffolding', () => {
    const campaign = verdict(CORE[0]!).campaign_id;
    for (const id of PROMPTED) {
      const v = verdict(id);
      expect(v.tier, `${id} ${JSON.stringify(v.reasons)}`).toBe('campaign');
      expect(v.campaign_id).toBe(campaign);
    }
  });

  it('takes the few-day accounts on its exits that work as it does, with the numbers behind it', () => {
    const campaign = verdict(CORE[0]!).campaign_id;
    const taken = EXITED.filter((id) => verdict(id).tier === 'campaign' && verdict(id).campaign_id === campaign);
    expect(taken.length, JSON.stringify(EXITED.map((id) => [id, verdict(id).tier, verdict(id).reasons]))).toBeGreaterThanOrEqual(EXITED.length - 1);
    const byExits = EXITED.filter((id) => verdict(id).reasons[0] === 'campaign_exits');
    expect(byExits.length).toBeGreaterThan(0);
    for (const id of byExits) {
      const s = verdict(id).sweep!;
      expect(s.test).toBe('exits');
      expect(s.hits).toBeGreaterThanOrEqual(2);
      expect(s.expected).toBeLessThan(0.1);
    }
  });

  it('leaves a customer of the same proxy network, and ordinary users, out', () => {
    for (const id of [...PRIVATE, ...users]) expect(verdict(id).flagged, `${id} ${JSON.stringify(verdict(id).reasons)}`).toBe(false);
  });
});
