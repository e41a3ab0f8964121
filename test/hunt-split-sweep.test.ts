import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A log-probability sweep split over accounts so that some stay under the per-account floor (logprob_sweep: 200
 * probes). Old, verified accounts, a card and a cloud address each: nothing ties them but what they send, the same
 * few words as the probes of the sweep (a one-token answer, top-20 log-probabilities). Those words are the `probe`
 * linking key: the accounts are one linked group whose typical member reaches the floor, a campaign on its behaviour,
 * and the accounts that did half of the floor's work or more are its members too (reachesPartOfFloor). A researcher
 * probing next-token distributions of words of her own at the same rate, and an evaluation runner scoring
 * multiple-choice questions by log-probability, stay out of the acting tiers.
 */

const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
const ABOVE = Array.from({ length: 8 }, (_, i) => `sweep-${i}`);
const UNDER = Array.from({ length: 4 }, (_, i) => `split-${i}`);
const RESEARCHER = 'researcher-1';
const EVALS = ['evals-1', 'evals-2', 'evals-3'];
const PROBES = ['Reply with a single token.', 'Next word:', 'Continue:', 'Say one word.'];
// (opened on days far apart: accounts opened in one ten-minute window share a sign-up burst)
const opened = (i: number) => new Date(WORLD_START - (400 + 9 * i) * WORLD_DAY).toISOString();

function buildWorld(): World {
  const w = new World(57);
  for (const id of users) w.ordinaryUser(id);
  const sweep = (id: string, i: number, probes: number, prompts: string[], firstDay = 2) => {
    w.account({ account_id: id, created_at: opened(i), verified: true, tier: 'scale', payment_fingerprint: `pf-${id}` });
    for (let k = 0; k < probes; k++) {
      w.exchange({
        account_id: id, ts: WORLD_START + (firstDay + (k % 5)) * WORLD_DAY + i * 1_200_000 + Math.floor(k / 5) * 240_000 + w.int(60_000),
        ip: `34.${60 + i}.${w.int(4)}.${1 + w.int(200)}`, top_logprobs: 20, max_tokens: 1, output_tokens: 1, prompt: w.pick(prompts),
      });
    }
  };
  ABOVE.forEach((id, i) => sweep(id, i, 260, PROBES));
  // 120 probes each: over half the floor, under the floor.
  UNDER.forEach((id, i) => sweep(id, 20 + i, 120, PROBES));
  // (on days of her own: sessions started in the same minutes as the sweep's would tie her to it)
  sweep(RESEARCHER, 40, 120, ['The', 'Once upon a', 'In 1900,', 'My name is'], 9);
  const questions = Array.from({ length: 40 }, () => `Question: which of these best describes ${w.words(10)}? A) ${w.words(3)} B) ${w.words(3)} C) ${w.words(3)} D) ${w.words(3)}`);
  EVALS.forEach((id, e) => {
    w.account({ account_id: id, created_at: opened(60 + e), verified: true, tier: 'scale' });
    for (let d = 0; d < 8; d++) {
      for (const [q, text] of questions.entries()) {
        w.exchange({ account_id: id, ts: WORLD_START + (3 + d) * WORLD_DAY + e * 3_600_000 + q * 20_000, ip: `52.14.${e}.9`, top_logprobs: 20, max_tokens: 1, prompt: text });
      }
    }
  });
  return w;
}

const { verdict, result } = huntedWorld(buildWorld);

describe('a log-probability sweep split over accounts, some under the floor', () => {
  it('is one campaign, the accounts under the floor included', () => {
    const campaign = verdict(ABOVE[0]!).campaign_id;
    expect(campaign, JSON.stringify(verdict(ABOVE[0]!).reasons)).not.toBeNull();
    for (const id of [...ABOVE, ...UNDER]) {
      const v = verdict(id);
      expect(v.tier, `${id} ${JSON.stringify(v.reasons)}`).toBe('campaign');
      expect(v.campaign_id, id).toBe(campaign);
    }
    // under the floor: nothing but the campaign acts on them
    for (const id of UNDER) expect(verdict(id).own.floors, id).toEqual([]);
  });

  it("names the probes that tie it together in the campaign's shared keys, with their words", () => {
    const campaign = result().campaigns.find((c) => c.campaign_id === verdict(ABOVE[0]!).campaign_id)!;
    const probes = campaign.shared_keys.filter((k) => k.kind === 'probe');
    expect(probes.length, JSON.stringify(campaign.shared_keys)).toBeGreaterThan(0);
    for (const k of probes) expect(PROBES).toContain(k.example);
  });

  it('leaves a researcher probing words of her own, evaluation runners and ordinary users out', () => {
    for (const id of [RESEARCHER, ...EVALS, ...users]) expect(verdict(id).flagged, `${id} ${JSON.stringify(verdict(id).reasons)}`).toBe(false);
  });
});
