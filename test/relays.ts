import { World, WORLD_DAY, WORLD_START } from './world.js';

/** The pieces of the relay worlds (hunt-relay-stream, hunt-relay-campaign): a harvest, its relays and their customers. */
export const DAYS = 14;
export const ATTACK_RELAYS = ['acct-relay-a1', 'acct-relay-a2', 'acct-relay-a3'];
export const BENIGN_RELAYS = ['acct-relay-b1', 'acct-relay-b2', 'acct-relay-b3', 'acct-relay-b4'];
export const HARVEST_SYSTEM = 'You are a world-class reasoner. For every problem, think step by step and write out every step of your reasoning before the answer. '.repeat(3);
export const PRODUCT_SYSTEM = 'You are StudyBuddy, a friendly tutor. Explain step by step, check the student understood, and keep answers short. '.repeat(3);

/** A harvest request: the harvest's system prompt, reasoning written out, the maximum output and budget, samples. */
export function harvestRequest(w: World, account_id: string, ts: number, ip: string, user_agent: string) {
  w.exchange({
    account_id, ts, ip, user_agent, system: HARVEST_SYSTEM, turn: 1, max_tokens: 32_000, reasoning_budget: 32_000,
    n: w.rand() < 0.5 ? 4 : null, prompt: `Problem ${w.int(100_000)}: ${w.words(12)}. Show all your reasoning step by step.`,
  });
}

/** Ordinary users, and the product's own users, direct: its system prompt, chat-like. */
export function customers(w: World) {
  for (let i = 0; i < 160; i++) w.ordinaryUser(`acct-u${i}`, { days: DAYS });
  for (let i = 0; i < 12; i++) {
    const id = `acct-study${i}`;
    w.account({ account_id: id });
    for (let k = 0; k < 30; k++) {
      w.exchange({ account_id: id, ts: WORLD_START + w.int(DAYS) * WORLD_DAY + (9 + w.int(12)) * 3_600_000, system: PRODUCT_SYSTEM, prompt: `Explain step by step: ${w.words(10)}`, turn: 1 + w.int(3) });
    }
  }
}

/** A reseller's relay: forty customer applications, each with its own system prompt (some with none), around the clock. */
export function relay(w: World, id: string, harvestShare: number) {
  w.account({ account_id: id, tier: 'scale', verified: true, created_at: new Date(WORLD_START - 400 * WORLD_DAY).toISOString() });
  const apps = Array.from({ length: 40 }, (_, c) => (c % 5 === 0 ? null : `You are the assistant of ${id} customer ${c}: ${w.words(40)}`));
  for (let k = 0; k < 150 * DAYS; k++) {
    const ts = WORLD_START + (k / (150 * DAYS)) * DAYS * WORLD_DAY + w.int(300_000);
    const ip = `34.70.${id.length % 9}.${1 + w.int(20)}`;
    if (w.rand() < harvestShare) harvestRequest(w, id, ts, ip, 'relay-gateway/3.2');
    else if (w.rand() < 0.05) {
      // a student of the product, through the relay
      w.exchange({ account_id: id, ts, ip, user_agent: 'relay-gateway/3.2', system: PRODUCT_SYSTEM, prompt: `Explain step by step: ${w.words(10)}`, turn: 1 + w.int(3) });
    } else {
      w.exchange({ account_id: id, ts, ip, user_agent: 'relay-gateway/3.2', system: w.pick(apps), turn: 1 + w.int(4), conversation_id: `c-${id}-${w.int(400)}` });
    }
  }
}
