import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A fleet of fresh accounts, one card each, leaves some of them with a handful of requests: too few for any
 * behaviour of their own to show, so the profile test cannot take them, and under the 10 fingerprinted requests an
 * account anywhere in the population needs. Community detection put them with the campaign and they show its
 * provenance (new accounts, as its core): a few requests carrying its scaffolding confirm the link the graph found
 * (`campaign_traffic`), as for the campaign's undecided linked accounts (test/hunt-stragglers.test.ts): two such
 * requests are enough, one is not (the account is linked by the very system prompt it sent once). Fresh accounts
 * that send a few ordinary requests, and ordinary users, are not taken.
 */

const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
const BUSY = Array.from({ length: 14 }, (_, i) => `busy-${i}`);
const THIN = Array.from({ length: 8 }, (_, i) => `thin-${i}`);
const TWO = Array.from({ length: 4 }, (_, i) => `two-${i}`);
const ONE = Array.from({ length: 4 }, (_, i) => `one-${i}`);
const FRESH = Array.from({ length: 6 }, (_, i) => `fresh-${i}`);
// (A product's system prompt: long enough to identify it, MIN_SYSTEM_KEY_CHARS.)
const SYSTEM =
  'You are Quill, a senior engineering assistant embedded in a code review tool. Read the diff and the question, ' +
  'answer with a complete explanation of the reasoning, list every risk you see with its severity, and finish with ' +
  'a corrected version of the code and the tests that would have caught the problem.';
const freshly = (i: number) => new Date(WORLD_START - (1 + (i % 4)) * WORLD_DAY + i * 600_000).toISOString();

function buildWorld(): World {
  const w = new World(83);
  for (const id of users) w.ordinaryUser(id);
  const work = (id: string, i: number, days: number[], perDay: number, system: string | null) => {
    w.account({ account_id: id, created_at: freshly(i), verified: false, payment_fingerprint: `pf-${id}` });
    for (const d of days) {
      const ip = `3.${120 + (i % 4)}.${d}.${10 + w.int(200)}`;
      for (let k = 0; k < perDay; k++) {
        w.exchange({
          account_id: id, ts: WORLD_START + d * WORLD_DAY + (9 + 2 * k) * 3_600_000 + w.int(3_000_000), ip, system,
          max_tokens: 32_000, output_tokens: 3_000 + w.int(2_000), turn: 1,
          prompt: `${w.words(11)}. ${w.pick(['Explain step by step.', 'Show your reasoning.', 'Walk me through each step, with examples.'])}`,
        });
      }
    }
  };
  BUSY.forEach((id, i) => work(id, i, Array.from({ length: 10 }, (_, d) => d), 8, SYSTEM));
  // One day each, three requests with the fleet's system prompt.
  THIN.forEach((id, i) => work(id, 20 + i, [2 + (i % 6)], 3, SYSTEM));
  TWO.forEach((id, i) => work(id, 30 + i, [3 + (i % 5)], 2, SYSTEM));
  ONE.forEach((id, i) => work(id, 34 + i, [4 + (i % 5)], 1, SYSTEM));
  // Fresh accounts of people trying the API: a few ordinary requests each, no system prompt.
  FRESH.forEach((id, i) => {
    w.account({ account_id: id, created_at: freshly(40 + i), verified: false });
    for (let k = 0; k < 3; k++) w.exchange({ account_id: id, ts: WORLD_START + (3 + i) * WORLD_DAY + (10 + k) * 3_600_000, ip: `73.40.${i}.9`, prompt: w.words(10) });
  });
  return w;
}

const { verdict } = huntedWorld(buildWorld);

describe('the thin accounts of a fleet of fresh accounts', () => {
  it('finds the campaign in its busy accounts', () => {
    const found = BUSY.filter((id) => verdict(id).tier === 'campaign');
    expect(found.length, JSON.stringify(BUSY.map((id) => [id, verdict(id).tier, verdict(id).reasons]))).toBeGreaterThanOrEqual(BUSY.length - 1);
  });

  it('takes the accounts with three requests carrying its scaffolding, by its fingerprints', () => {
    const campaign = verdict(BUSY[0]!).campaign_id;
    for (const id of THIN) {
      const v = verdict(id);
      expect(v.tier, `${id} ${JSON.stringify(v.reasons)}`).toBe('campaign');
      expect(v.campaign_id).toBe(campaign);
      expect(v.sweep?.test, id).toBe('traffic');
      expect(v.sweep?.hits, id).toBe(3);
      // too few requests for any behaviour of its own: only what it shares with the campaign tells
      expect(v.own.behaviour, id).toBe(0);
    }
  });

  it('takes those with two such requests, and not those with one', () => {
    const campaign = verdict(BUSY[0]!).campaign_id;
    for (const id of TWO) {
      const v = verdict(id);
      expect(v.campaign_id, `${id} ${JSON.stringify(v.reasons)}`).toBe(campaign);
      expect(v.sweep?.test, id).toBe('traffic');
      expect(v.sweep?.hits, id).toBe(2);
    }
    for (const id of ONE) expect(verdict(id).flagged, `${id} ${JSON.stringify(verdict(id).reasons)}`).toBe(false);
  });

  it('leaves fresh accounts with a few ordinary requests, and ordinary users, out', () => {
    for (const id of [...FRESH, ...users]) expect(verdict(id).flagged, `${id} ${JSON.stringify(verdict(id).reasons)}`).toBe(false);
  });
});
