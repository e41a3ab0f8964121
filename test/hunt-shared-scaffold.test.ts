import { describe, expect, it } from 'vitest';
import { mixModel, spreadZ } from '../src/hunt/sweep.js';
import { seededRandom } from '../src/util/rng.js';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A self-instruct harvest wraps its requests in a few templates, one of them a public self-instruct line that
 * customers write too. A synthetic-data team (old, verified, paying accounts) sends that public line in a
 * few percent of its own requests: it shares a campaign fingerprint, rarely, but it does not carry the
 * campaign's requests. A reseller's relay that does carry them (a few percent of its traffic) uses the
 * campaign's templates as the campaign's own accounts do. The sweep must keep the relay and leave the team.
 */
const DAYS = 14;
const CAMPAIGN = ['acct-si-1', 'acct-si-2', 'acct-si-3', 'acct-si-4', 'acct-si-5', 'acct-si-6'];
const RELAY = 'acct-relay-1';
const TEAM = ['acct-team-1', 'acct-team-2'];
/** Public self-instruct lines: each team account writes one of them (so each is written by few outsiders). */
const PUBLIC_LINES = [
  'You are asked to come up with a set of diverse task instructions. These task instructions will be given to a model and we will evaluate it.',
  'Here are the requirements: try not to repeat the verb for each instruction to maximize diversity, and use different language.',
];
const TEMPLATES = [
  'Write a new instruction that is harder than the one below and answer it with a full step-by-step solution.',
  'Produce an instruction-response pair in the domain below, with a detailed chain of reasoning in the response.',
  'Rewrite the task below as three increasingly difficult variants and solve each one in full.',
  'Invent a realistic user request about the topic below and give an expert, exhaustive answer.',
  'Generate a challenging question on the subject below and explain every step of its answer.',
  'Create a multi-part exercise from the seed below and write the complete worked solution.',
];

/** A campaign request: a template (a public line one time in ten) wrapped around a fresh seed. */
function campaignPrompt(w: World): string {
  const line = w.rand() < 0.1 ? w.pick(PUBLIC_LINES) : w.pick(TEMPLATES);
  return `${line}\nSeed ${w.int(100_000)}: ${w.words(10)}`;
}

function buildWorld(): World {
  const w = new World(41);
  for (let i = 0; i < 150; i++) w.ordinaryUser(`acct-u${i}`, { days: DAYS });
  // The harvest: new accounts on one card, hosting network, around the clock, the maximum output.
  for (const id of CAMPAIGN) {
    w.account({ account_id: id, created_at: new Date(WORLD_START - WORLD_DAY).toISOString(), payment_fingerprint: 'pf-harvest', verified: false, tier: 'build' });
    for (let k = 0; k < 90 * DAYS; k++) {
      w.exchange({
        account_id: id, ts: WORLD_START + (k / (90 * DAYS)) * DAYS * WORLD_DAY + w.int(600_000), ip: `45.83.12.${10 + w.int(40)}`,
        user_agent: 'python-httpx/0.27', turn: 1, max_tokens: 32_000, reasoning_budget: 32_000, prompt: campaignPrompt(w),
      });
    }
  }
  // A reseller's relay: forty customer applications, and 4% of its requests the campaign's.
  w.account({ account_id: RELAY, tier: 'scale', verified: true, created_at: new Date(WORLD_START - 400 * WORLD_DAY).toISOString() });
  const customers = Array.from({ length: 40 }, (_, c) => (c % 5 === 0 ? null : `You are the assistant of customer ${c}: ${w.words(40)}`));
  for (let k = 0; k < 200 * DAYS; k++) {
    const ts = WORLD_START + (k / (200 * DAYS)) * DAYS * WORLD_DAY + w.int(300_000);
    const ip = `34.70.3.${1 + w.int(20)}`;
    if (w.rand() < 0.04) {
      w.exchange({ account_id: RELAY, ts, ip, user_agent: 'relay-gateway/3.2', turn: 1, max_tokens: 32_000, reasoning_budget: 32_000, prompt: campaignPrompt(w) });
    } else {
      w.exchange({ account_id: RELAY, ts, ip, user_agent: 'relay-gateway/3.2', system: w.pick(customers), turn: 1 + w.int(4), conversation_id: `c-${w.int(400)}` });
    }
  }
  // The synthetic-data team: its own generation templates, and a public line in 2% of its requests.
  for (const [i, id] of TEAM.entries()) {
    w.account({ account_id: id, tier: 'scale', verified: true, org_id: 'org-data', created_at: new Date(WORLD_START - 300 * WORLD_DAY).toISOString() });
    for (let k = 0; k < 80 * DAYS; k++) {
      const own = k % 2 ? 'Generate 5 question-answer pairs for a customer-support dataset about the product below.' : 'Label the sentiment of each review below and justify every label.';
      w.exchange({
        account_id: id, ts: WORLD_START + (k / (80 * DAYS)) * DAYS * WORLD_DAY + w.int(600_000), ip: '52.14.7.9', user_agent: 'python-httpx/0.27', turn: 1,
        max_tokens: 32_000, reasoning_budget: 32_000, prompt: `${w.rand() < 0.02 ? PUBLIC_LINES[i]! : own}\nSeed ${w.int(100_000)}: ${w.words(10)}`,
      });
    }
  }
  return w;
}

const world = huntedWorld(buildWorld);
const { verdict } = world;

describe("a customer sharing a line of a campaign's scaffolding", () => {
  it('the harvest is found, with the relay carrying its requests', () => {
    const campaign = verdict(CAMPAIGN[0]!).campaign_id;
    expect(campaign).not.toBeNull();
    for (const id of CAMPAIGN) expect(verdict(id).campaign_id, id).toBe(campaign);
    expect(verdict(RELAY).campaign_id).toBe(campaign);
    expect(verdict(RELAY).sweep?.test).toBe('traffic');
  });

  it('the synthetic-data team that writes the public line itself is not in it, and its findings say why', () => {
    const campaign = verdict(CAMPAIGN[0]!).campaign_id;
    for (const id of TEAM) {
      expect(verdict(id).campaign_id, id).toBeNull();
      expect(verdict(id).flagged, id).toBe(false);
      // The shared scaffolding and the numbers behind leaving it out.
      expect(verdict(id).unlike?.campaign_id, id).toBe(campaign);
      expect(verdict(id).unlike!.best_z).toBeLessThan(-3.09);
      expect(verdict(id).unlike!.hits).toBeGreaterThanOrEqual(10);
    }
    expect(verdict(RELAY).unlike).toBeUndefined();
  });
});

describe('spreadZ: is a use of fingerprints a likely sample of an account mix', () => {
  const mix = new Map([['a', 40], ['b', 30], ['c', 20], ['d', 8], ['e', 2]]);
  const fingerprints = new Set(mix.keys());
  const total = 100;
  const model = mixModel(mix, total, fingerprints);
  const sample = (draws: number, pick: () => string) => {
    const m = new Map<string, number>();
    for (let i = 0; i < draws; i++) {
      const k = pick();
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  it('draws from the mix itself pass at the p < 0.001 bar nearly always', () => {
    const rnd = seededRandom(5);
    const keys = [...mix.keys()];
    const cum = keys.map((_, i) => keys.slice(0, i + 1).reduce((s, k) => s + mix.get(k)! / total, 0));
    const draw = () => keys[cum.findIndex((c) => rnd() < c)] ?? 'e';
    let failed = 0;
    for (let t = 0; t < 1000; t++) if (spreadZ(sample(30, draw), 30, model) < -3.09) failed++;
    expect(failed).toBeLessThanOrEqual(5);
  });
  it("repeating the mix's rarest fingerprint does not", () => {
    expect(spreadZ(new Map([['e', 12]]), 12, model)).toBeLessThan(-3.09);
  });
});
