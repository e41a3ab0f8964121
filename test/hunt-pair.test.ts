import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * An operation of two accounts (pairs.ts): two new accounts on one card, each harvesting long step-by-step answers
 * around the clock from a cloud address of its own. No floor is reached (no log-probabilities, no logit bias, no
 * reasoning budget) and neither hides where it is, so neither is acted on alone; a linked group needs three
 * accounts. Together they are a campaign of two: they alone hold the card, and each clears both single-account
 * bars. The same harvest from one account with a card of its own, a couple sharing a card, and a lab's two
 * established accounts on the lab's card sampling at the same volume stay out of the acting tiers.
 */

const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
const PAIR = ['pair-1', 'pair-2'];
const LONE = 'lone-1';
const COUPLE = ['couple-1', 'couple-2'];
const LAB = ['lab-1', 'lab-2'];
const TOPICS = ['integral', 'recurrence', 'probability', 'geometry', 'number theory', 'combinatorics'];

function buildWorld(): World {
  const w = new World(91);
  for (const id of users) w.ordinaryUser(id);
  const harvest = (id: string, i: number, card: string, created: number, perDay: number, ask: string) => {
    w.account({ account_id: id, created_at: new Date(created).toISOString(), verified: false, tier: 'build', payment_fingerprint: card, email_domain: 'proton.me' });
    for (let d = 1; d < 8; d++) {
      for (let k = 0; k < perDay; k++) {
        w.exchange({
          account_id: id, ts: WORLD_START + d * WORLD_DAY + Math.floor((k * WORLD_DAY) / perDay) + w.int(60_000),
          ip: `35.${190 + i}.7.${10 + i}`, user_agent: 'python-httpx/0.27', client_fingerprint: 't13d3112h2_e8f1e7e78f70_6bebaf5329ac',
          max_tokens: 32_000, output_tokens: 6_000 + w.int(6_000),
          prompt: `${ask.replace('#', w.pick(TOPICS))} ${w.words(18 + w.int(10))}`,
        });
      }
    }
  };
  const fresh = WORLD_START - 2 * WORLD_DAY;
    // (each operator its own wording: one shared by all would link the five accounts into one group)
  PAIR.forEach((id, i) => harvest(id, i, 'pf-pair', fresh + i * 3 * 3_600_000, 90, 'Solve this # problem and show every step of your reasoning:'));
  harvest(LONE, 5, 'pf-lone', fresh + 7 * 3_600_000, 90, 'Work through the following # exercise step by step, justifying each line:');
  LAB.forEach((id, i) => harvest(id, 8 + i, 'pf-lab', WORLD_START - (700 + 40 * i) * WORLD_DAY, 90, 'Reasoning eval item (#), think it through in numbered steps before the final answer:'));
  COUPLE.forEach((id) => w.ordinaryUser(id));
  for (const id of COUPLE) Object.assign(w.accounts.find((a) => a.account_id === id)!, { payment_fingerprint: 'pf-couple' });
  return w;
}

const { verdict, result } = huntedWorld(buildWorld);

describe('an operation of two accounts on one card', () => {
  it('is a campaign of two, on the key they alone hold', () => {
    const [a, b] = PAIR.map(verdict);
    expect(a!.tier, JSON.stringify(a!.reasons)).toBe('campaign');
    expect(b!.tier, JSON.stringify(b!.reasons)).toBe('campaign');
    expect(a!.campaign_id).toBe(b!.campaign_id);
    expect(a!.reasons[0]).toBe('linked_pair');
    // neither would be acted on alone
    for (const v of [a!, b!]) expect(v.own.floors).toEqual([]);
    const campaign = result().campaigns.find((c) => c.campaign_id === a!.campaign_id)!;
    expect(campaign.basis).toBe('linked_pair');
    expect(campaign.accounts.sort()).toEqual(PAIR);
  });

  it('leaves the same harvest from one account, a couple on one card and a lab on its card out', () => {
    expect(verdict(LONE).own.alone, 'the lone harvest clears both single-account bars').toBe(true);
    for (const id of [LONE, ...COUPLE, ...LAB, ...users]) expect(verdict(id).flagged, `${id} ${JSON.stringify(verdict(id).reasons)}`).toBe(false);
  });
});
