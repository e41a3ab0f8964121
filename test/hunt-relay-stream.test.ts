import { describe, expect, it } from 'vitest';
import { ATTACK_RELAYS, BENIGN_RELAYS, customers, DAYS, relay } from './relays.js';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A harvest carried only by resellers' relays, a few percent of each relay's traffic, with no account of its
 * own to find it by: the stream of its requests (one scaffolding across the relays, each request asking for
 * written-out reasoning, the maximum output and reasoning budget, several samples) is what the hunt judges.
 * Around it, what must stay clean: relays of ordinary customers, a customer product whose system prompt goes
 * through relays and directly alike, customer services whose one-shot templates go through several relays (each
 * such stream single-turn, as templated requests are), an enterprise pipeline and a synthetic-data team whose own templates
 * are most of their traffic.
 */
const PIPELINE = ['acct-pipe-1', 'acct-pipe-2'];
const SYNTHETIC = ['acct-synth-1', 'acct-synth-2'];

function buildWorld(): World {
  const w = new World(97);
  customers(w);
  for (const id of ATTACK_RELAYS) relay(w, id, 0.03);
  for (const id of BENIGN_RELAYS) relay(w, id, 0);
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
  // Customer services sent through the ordinary relays, each its own template of one-shot requests (a
  // translation API, a tagger, a summariser), a few percent of every relay's traffic: streams of one customer
  // each, single-turn as templated requests are, and nothing a harvest asks for.
  const SERVICES = ['Translate into French, keeping the formatting of the original text:', 'Tag the following product review with its sentiment and topic:', 'Summarise the following meeting notes in three bullet points:'];
  for (const id of BENIGN_RELAYS) {
    for (const [s, instruction] of SERVICES.entries()) {
      for (let k = 0; k < 5 * DAYS; k++) {
        w.exchange({
          account_id: id, ts: WORLD_START + ((k + s / SERVICES.length) / (5 * DAYS)) * DAYS * WORLD_DAY + w.int(300_000), ip: `34.70.${id.length % 9}.${1 + w.int(20)}`,
          user_agent: 'relay-gateway/3.2', turn: 1, max_tokens: 1024, prompt: `${instruction}\n${w.words(20)}`,
        });
      }
    }
  }
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

  it('leaves alone ordinary relays and the services they carry, a product used through relays and directly, a pipeline and a synthetic-data team', () => {
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
