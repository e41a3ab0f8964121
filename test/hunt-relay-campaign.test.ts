import { describe, expect, it } from 'vitest';
import { ATTACK_RELAYS, BENIGN_RELAYS, customers, DAYS, harvestRequest, relay } from './relays.js';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * Relays carrying a harvest whose scaffolding a campaign found on its own accounts also sends (one operator, or
 * two using the same public prompts): the campaign's accounts are not the direct senders that make a scaffolding a
 * product's, so the stream inside the relays is judged. Three relays are more outsiders than a campaign fingerprint
 * may have, so the sweep's traffic test cannot take them.
 */
const CAMPAIGN = Array.from({ length: 8 }, (_, i) => `acct-harvest-${i}`);

function buildWorldWithCampaign(): World {
  const w = new World(53);
  customers(w);
  // The campaign's own accounts: opened the day before, one card, a cloud range, around the clock.
  for (const id of CAMPAIGN) {
    w.account({ account_id: id, created_at: new Date(WORLD_START - WORLD_DAY).toISOString(), payment_fingerprint: 'pf-harvest', verified: false, tier: 'build' });
    for (let k = 0; k < 80 * DAYS; k++) harvestRequest(w, id, WORLD_START + (k / (80 * DAYS)) * DAYS * WORLD_DAY + w.int(600_000), `45.83.12.${10 + w.int(40)}`, 'python-httpx/0.27');
  }
  for (const id of ATTACK_RELAYS) relay(w, id, 0.03);
  for (const id of BENIGN_RELAYS.slice(0, 2)) relay(w, id, 0);
  return w;
}

const withCampaign = huntedWorld(buildWorldWithCampaign);

describe("relays carrying a harvest in the scaffolding of a campaign found on its own accounts", () => {
  it('finds the campaign, and the relays by the stream of its requests', () => {
    for (const id of CAMPAIGN) expect(withCampaign.verdict(id).tier, id).toBe('campaign');
    for (const id of ATTACK_RELAYS) {
      const v = withCampaign.verdict(id);
      expect(v.tier, id).toBe('campaign');
      expect(v.reasons[0], id).toBe('shared_stream');
      expect(v.stream?.key, id).toMatch(/^system_prompt:/);
    }
  });

  it('leaves alone the ordinary relays and the product sent through them and directly', () => {
    const flagged = withCampaign.result().accounts.filter((a) => a.flagged && !CAMPAIGN.includes(a.account_id) && !ATTACK_RELAYS.includes(a.account_id));
    expect(flagged.map((a) => a.account_id)).toEqual([]);
  });
});
