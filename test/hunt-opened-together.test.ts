import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A low-and-slow swarm opens its accounts in a drip over six days (one every few hours: no ten-minute burst), each
 * on its own card, e-mail and home network, and runs one harvest from them under one long system prompt: answers
 * as long as the API gives, one turn, office hours, a few requests a day. Its accounts are new, but so are many
 * genuine customers of a growing provider: no account, and no linked group's median account, shows more
 * provenance than a new customer does. What no customer group shows is that all of the swarm's accounts were
 * opened in the same few days (`opened_together`), which carries its linked group to a campaign.
 * The users of a public evaluation harness, who share its system prompt and behave like the swarm, were opened
 * over months, as customers are: they show no such thing and are not acted on.
 */

const OLD = Array.from({ length: 200 }, (_, i) => `old-${i}`);
const NEW = Array.from({ length: 300 }, (_, i) => `new-${i}`);
const SWARM = Array.from({ length: 24 }, (_, i) => `swarm-${i}`);
const HARNESS = Array.from({ length: 12 }, (_, i) => `harness-${i}`);

const long = (name: string) =>
  `You are ${name}. Answer every question completely and rigorously: restate the problem, reason through it step by ` +
  'step, consider the alternatives and the edge cases, give the final answer with its justification, and finish with ' +
  'a short summary of the method so that the answer can be checked by a reader who skipped the reasoning.';
const SWARM_SYSTEM = long('Atlas, a meticulous expert assistant whose answers are used as reference material');
const HARNESS_SYSTEM = long('the grader of an open-source evaluation harness, scoring model answers to benchmark items');

function buildWorld(): World {
  const w = new World(23);
  for (const id of OLD) w.ordinaryUser(id);
  // A growing provider: customers opened every day, from thirty days before the window to its middle.
  NEW.forEach((id, i) => {
    const opened = WORLD_START - 30 * WORLD_DAY + (i * 45 * WORLD_DAY) / NEW.length + w.int(12) * 3_600_000;
    w.account({ account_id: id, created_at: new Date(opened).toISOString(), verified: w.rand() < 0.5 });
    const ip = `73.${100 + w.int(100)}.${w.int(250)}.${1 + w.int(250)}`;
    for (let d = Math.max(0, Math.ceil((opened - WORLD_START) / WORLD_DAY)); d < 20; d++) {
      if (w.rand() < 0.5) continue;
      const conv = `c-${id}-${d}`;
      let t = WORLD_START + d * WORLD_DAY + (8 + w.int(12)) * 3_600_000;
      for (let turn = 1; turn <= 1 + w.int(3); turn++) {
        w.exchange({ account_id: id, ts: t, ip, conversation_id: conv, turn });
        t += 30_000 + w.int(600_000);
      }
    }
  });
  // One harvest request: the system prompt, a task, the longest answer the API gives.
  const harvest = (id: string, system: string, ts: number, ip: string) =>
    w.exchange({
      account_id: id, ts, ip, system, user_agent: 'python-httpx/0.27', client_fingerprint: 't13d1715h1_5b57614c22b0_3d5424432f57',
      max_tokens: 32_000, output_tokens: 6_000 + w.int(2_000), input_tokens: 400 + w.int(300), temperature: 1,
      prompt: `${w.words(12)}. Explain your reasoning in full and give the final answer.`,
    });
  SWARM.forEach((id, i) => {
    // one every six hours over six days, each on its own card, address and home network
    const opened = WORLD_START - 6 * WORLD_DAY + i * 6 * 3_600_000 + w.int(3_600_000);
    w.account({ account_id: id, created_at: new Date(opened).toISOString(), verified: i % 3 === 0 });
    const ip = `98.${40 + i}.${w.int(250)}.${1 + w.int(250)}`;
    for (let d = 0; d < 18; d++) {
      if (w.rand() < 0.3) continue;
      for (let k = 0; k < 3; k++) harvest(id, SWARM_SYSTEM, WORLD_START + d * WORLD_DAY + (9 + w.int(8)) * 3_600_000 + w.int(3_600_000), ip);
    }
  });
  // The harness's users: its system prompt and the same kind of requests, on accounts opened over months.
  HARNESS.forEach((id, i) => {
    w.account({ account_id: id, created_at: new Date(WORLD_START - (30 + 25 * i) * WORLD_DAY).toISOString() });
    const ip = `64.${20 + i}.${w.int(250)}.${1 + w.int(250)}`;
    for (let d = 0; d < 18; d++) {
      if (w.rand() < 0.3) continue;
      for (let k = 0; k < 3; k++) harvest(id, HARNESS_SYSTEM, WORLD_START + d * WORLD_DAY + (9 + w.int(8)) * 3_600_000 + w.int(3_600_000), ip);
    }
  });
  return w;
}

const { verdict, result } = huntedWorld(buildWorld);

describe('a swarm opened in a drip, by its accounts opened together', () => {
  it('acts on the swarm as one campaign, with the days its accounts were opened in as evidence', () => {
    const tiers = SWARM.map((id) => [id, verdict(id).tier, verdict(id).campaign_id]);
    const found = SWARM.filter((id) => verdict(id).tier === 'campaign');
    expect(found.length, JSON.stringify(tiers)).toBeGreaterThanOrEqual(SWARM.length - 2);
    const campaign = result().campaigns.find((c) => c.campaign_id === verdict(found[0]!).campaign_id)!;
    const together = campaign.pooled.find((h) => h.signal === 'opened_together');
    expect(together, JSON.stringify(campaign.pooled.map((h) => [h.signal, h.bits]))).toBeDefined();
    expect(together!.bits).toBeGreaterThan(3);
    // half of its accounts were opened within about three days
    expect(together!.value).toBeLessThan(4);
  });

  it("acts on none of the harness's users, the new customers or the old ones", () => {
    for (const id of [...HARNESS, ...NEW, ...OLD]) expect(verdict(id).flagged, `${id} ${JSON.stringify(verdict(id).reasons)}`).toBe(false);
  });
});
