import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A harvest carried only by resellers' relays, a few percent of each relay's traffic, with no account of its
 * own to find it by: the stream of its requests (one scaffolding across the relays, each request asking for
 * written-out reasoning, the maximum output and reasoning budget, several samples) is what the hunt judges.
 * Around it, what must stay clean: relays of ordinary customers, a customer product whose system prompt goes
 * through relays and directly alike, an enterprise pipeline and a synthetic-data team whose own templates
 * are most of their traffic.
 */
const DAYS = 14;
const ATTACK_RELAYS = ['acct-relay-a1', 'acct-relay-a2', 'acct-relay-a3'];
const BENIGN_RELAYS = ['acct-relay-b1', 'acct-relay-b2', 'acct-relay-b3', 'acct-relay-b4'];
const PIPELINE = ['acct-pipe-1', 'acct-pipe-2'];
const SYNTHETIC = ['acct-synth-1', 'acct-synth-2'];
const HARVEST_SYSTEM = 'You are a world-class reasoner. For every problem, think step by step and write out every step of your reasoning before the answer. '.repeat(3);
const PRODUCT_SYSTEM = 'You are StudyBuddy, a friendly tutor. Explain step by step, check the student understood, and keep answers short. '.repeat(3);

function buildWorld(): World {
  const w = new World(97);
  for (let i = 0; i < 160; i++) w.ordinaryUser(`acct-u${i}`, { days: DAYS });
  // The product's own users, direct: its system prompt, chat-like.
  for (let i = 0; i < 12; i++) {
    const id = `acct-study${i}`;
    w.account({ account_id: id });
    for (let k = 0; k < 30; k++) {
      w.exchange({ account_id: id, ts: WORLD_START + w.int(DAYS) * WORLD_DAY + (9 + w.int(12)) * 3_600_000, system: PRODUCT_SYSTEM, prompt: `Explain step by step: ${w.words(10)}`, turn: 1 + w.int(3) });
    }
  }
  const relay = (id: string, harvestShare: number) => {
    w.account({ account_id: id, tier: 'scale', verified: true, created_at: new Date(WORLD_START - 400 * WORLD_DAY).toISOString() });
    // Forty customer applications, each with its own system prompt (some with none), around the clock.
    const customers = Array.from({ length: 40 }, (_, c) => (c % 5 === 0 ? null : `You are the assistant of ${id} customer ${c}: ${w.words(40)}`));
    for (let k = 0; k < 150 * DAYS; k++) {
      const ts = WORLD_START + (k / (150 * DAYS)) * DAYS * WORLD_DAY + w.int(300_000);
      const ip = `34.70.${id.length % 9}.${1 + w.int(20)}`;
      if (w.rand() < harvestShare) {
        w.exchange({
          account_id: id, ts, ip, user_agent: 'relay-gateway/3.2', system: HARVEST_SYSTEM, turn: 1, max_tokens: 32_000, reasoning_budget: 32_000,
          n: w.rand() < 0.5 ? 4 : null, prompt: `Problem ${w.int(100_000)}: ${w.words(12)}. Show all your reasoning step by step.`,
        });
      } else if (w.rand() < 0.05) {
        // a student of the product, through the relay
        w.exchange({ account_id: id, ts, ip, user_agent: 'relay-gateway/3.2', system: PRODUCT_SYSTEM, prompt: `Explain step by step: ${w.words(10)}`, turn: 1 + w.int(3) });
      } else {
        w.exchange({ account_id: id, ts, ip, user_agent: 'relay-gateway/3.2', system: w.pick(customers), turn: 1 + w.int(4), conversation_id: `c-${id}-${w.int(400)}` });
      }
    }
  };
  for (const id of ATTACK_RELAYS) relay(id, 0.03);
  for (const id of BENIGN_RELAYS) relay(id, 0);
  // An enterprise pipeline (two accounts of one company) and a synthetic-data team (two accounts): their own
  // templates, reasoning asked for, the maximum output, around the clock; most of their traffic.
  const steady = (ids: string[], template: (k: number) => string, system: string | null) => {
    for (const id of ids) {
      w.account({ account_id: id, tier: 'scale', verified: true, created_at: new Date(WORLD_START - 200 * WORLD_DAY).toISOString() });
      for (let k = 0; k < 130 * DAYS; k++) {
        w.exchange({
          account_id: id, ts: WORLD_START + (k / (130 * DAYS)) * DAYS * WORLD_DAY + w.int(300_000), ip: '52.14.7.9', user_agent: 'python-httpx/0.27',
          system, turn: 1, max_tokens: 32_000, reasoning_budget: k % 2 ? 32_000 : null, prompt: template(k),
        });
      }
    }
  };
  steady(PIPELINE, (k) => (k % 3 ? `Classify the ticket and explain step by step why.\nTicket: ${w.words(15)}` : `Summarise this document.\n${w.words(30)}`), null);
  steady(SYNTHETIC, (k) => (k % 2 ? `Generate 5 diverse new instructions, each a different task type, with step-by-step answers.\nSeed: ${w.words(8)}` : `Rewrite the instruction to be harder and explain your reasoning.\n${w.words(12)}`), null);
  return w;
}

const world = huntedWorld(buildWorld);
const { verdict } = world;

describe('a harvest hidden in relays at a few percent of their traffic', () => {
  it('is found as one campaign of the relays carrying it, by the stream of its requests', () => {
    for (const id of ATTACK_RELAYS) {
      const v = verdict(id);
      expect(v.tier, id).toBe('campaign');
      expect(v.reasons[0]).toBe('shared_stream');
      expect(v.stream?.key).toMatch(/^system_prompt:/);
      expect(v.stream!.requests / v.stream!.exchanges).toBeLessThan(0.06);
    }
    const campaign = world.result().campaigns.find((c) => c.accounts.includes(ATTACK_RELAYS[0]!))!;
    expect(campaign.basis).toBe('shared_stream');
    expect(campaign.accounts).toEqual(ATTACK_RELAYS);
    expect(campaign.reasons).toContain('shared_stream');
    // the report counts the stream's requests, not the relays' customers'
    const streamed = ATTACK_RELAYS.reduce((s, id) => s + verdict(id).stream!.requests, 0);
    expect(campaign.exchanges).toBe(streamed);
    expect(campaign.examples).toEqual([]); // a relay's customers' prompts are never quoted as the campaign's
  });

  it('leaves alone ordinary relays, a product used through relays and directly, a pipeline and a synthetic-data team', () => {
    for (const id of [...BENIGN_RELAYS, ...PIPELINE, ...SYNTHETIC]) {
      expect(verdict(id).tier === 'campaign' || verdict(id).tier === 'account', id).toBe(false);
    }
    const flaggedBenign = world.result().accounts.filter((a) => a.flagged && !ATTACK_RELAYS.includes(a.account_id));
    expect(flaggedBenign.map((a) => a.account_id)).toEqual([]);
  });

  it('leaves no working table behind (the streams\' own included)', async () => {
    const left = await world.warehouse().query<{ name: string }>(`SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, '_hunt_')`);
    expect(left).toEqual([]);
  });
});
