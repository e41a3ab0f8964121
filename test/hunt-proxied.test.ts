import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * An operation of old, verified accounts posing as chat users has no provenance on record: no shared card, no
 * sign-up burst, no new accounts. When it leaves through a rented residential pool, a new ISP for each account
 * day after day, what its accounts are is on record after all: they hide where they are (`proxy_rotation`,
 * provenance); a pool rotated per request shows a dozen networks every day (`exit_spread`). The same operation through a fixed pool of four exits on one network shows nothing of the kind
 * and is not acted on (test/hunt-group-watch.test.ts: the watch queue).
 */

const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
const PROXIED = Array.from({ length: 12 }, (_, i) => `proxied-${i}`);
const FIXED_POOL = Array.from({ length: 12 }, (_, i) => `fixed-${i}`);
// People on the move: each of these customers works from home and, on a third of its days, from a hotel or a
// cafe network it has not used before.
const TRAVELLERS = Array.from({ length: 6 }, (_, i) => `traveller-${i}`);
const OLD = new Date(WORLD_START - 700 * WORLD_DAY).toISOString();
// One old account harvesting around the clock (the longest answers, reasoning asked for, one turn each) through a
// new residential ISP every day; and one doing the same from its own cloud server (a customer's pipeline).
const LONE = 'lone-harvester';
const CLOUD = 'cloud-pipeline';
const POOLED = 'pooled-harvester';

function buildWorld(): World {
  const w = new World(53);
  for (const id of users) w.ordinaryUser(id);
  const operation = (ids: string[], exit: () => string) =>
    ids.forEach((id, i) => {
      w.account({ account_id: id, created_at: new Date(Date.parse(OLD) + i * 41 * WORLD_DAY).toISOString(), verified: true });
      for (let d = 0; d < 14; d++) {
        const ip = exit();
        for (let k = 0; k < 4; k++) {
          w.exchange({
            account_id: id, ts: WORLD_START + d * WORLD_DAY + (9 + 3 * k) * 3_600_000 + w.int(3_000_000), ip,
            max_tokens: 32_000,
            prompt: w.rand() < 0.3 ? `${w.words(10)}. ${w.pick(['Explain step by step.', 'Show your reasoning.', 'Walk me through each step.'])}` : w.words(14),
          });
        }
      }
    });
  // one of 30 exits a day, each on its own ISP's range (its own /16: no IP-to-ASN table in this world)
  operation(PROXIED, () => {
    const exit = w.int(30);
    return `${120 + exit}.${60 + exit}.7.${20 + w.int(50)}`;
  });
  // one of four exits of one network a day
  operation(FIXED_POOL, () => `98.45.${10 + w.int(4)}.${20 + w.int(50)}`);
  TRAVELLERS.forEach((id, i) => {
    w.account({ account_id: id, created_at: OLD, verified: true });
    for (let d = 0; d < 14; d++) {
      const ip = d % 3 === 2 ? `${160 + i * 5 + d}.${d}.1.${10 + i}` : `71.30.${i}.9`;
      for (let k = 0; k < 3; k++) w.exchange({ account_id: id, ts: WORLD_START + d * WORLD_DAY + (10 + 2 * k) * 3_600_000 + w.int(1_800_000), ip, prompt: w.words(12) });
    }
  });
  const harvest = (id: string, exit: (d: number) => string) => {
    w.account({ account_id: id, created_at: OLD, verified: true });
    for (let d = 0; d < 14; d++) {
      const ip = exit(d);
      for (let k = 0; k < 48; k++) {
        w.exchange({
          account_id: id, ts: WORLD_START + d * WORLD_DAY + k * 1_800_000 + w.int(600_000), ip, max_tokens: 32_000, output_tokens: 6_000 + w.int(2_000),
          prompt: `${w.words(12)}. ${w.pick(['Explain step by step.', 'Show your reasoning.', 'Walk me through each step.'])}`,
        });
      }
    }
  };
  harvest(LONE, (d) => `${170 + d}.${90 + d}.3.${40 + w.int(50)}`);
  harvest(CLOUD, () => '3.80.7.7');
  // The same harvest through a pool rotated per request over 15 networks: nearly all of them used on its first day,
  // so seldom a new network day after day, but a dozen networks every day.
  w.account({ account_id: POOLED, created_at: OLD, verified: true });
  for (let d = 0; d < 14; d++) {
    for (let k = 0; k < 48; k++) {
      w.exchange({
        account_id: POOLED, ts: WORLD_START + d * WORLD_DAY + k * 1_800_000 + w.int(600_000), ip: `${200 + w.int(15)}.${40 + w.int(3)}.9.${10 + w.int(50)}`,
        max_tokens: 32_000, output_tokens: 6_000 + w.int(2_000),
        prompt: `${w.words(12)}. ${w.pick(['Explain step by step.', 'Show your reasoning.', 'Walk me through each step.'])}`,
      });
    }
  }
  return w;
}

const { verdict } = huntedWorld(buildWorld);

describe('an operation of old accounts behind rotating residential exits', () => {
  it('is acted on as a campaign, with its rotating exits among the reasons', () => {
    const found = PROXIED.filter((id) => verdict(id).tier === 'campaign');
    expect(found.length, JSON.stringify(PROXIED.map((id) => [id, verdict(id).tier, verdict(id).reasons]))).toBeGreaterThanOrEqual(PROXIED.length - 1);
    for (const id of found) {
      const rotation = verdict(id).hits.find((h) => h.signal === 'proxy_rotation');
      expect(rotation?.value ?? 0, id).toBeGreaterThan(0.5);
      expect(verdict(id).reasons, id).toContain('proxy_rotation');
    }
  });

  it('acts on one account alone when it harvests beyond the single-account bar through rotating exits, not on its twin in the cloud', () => {
    const lone = verdict(LONE);
    expect(lone.tier, JSON.stringify(lone.reasons)).toBe('account');
    expect(lone.reasons).toContain('account_alone');
    expect(lone.reasons).toContain('proxy_rotation');
    // The same traffic from its own server: as heavy, but nothing hidden; an analyst's look, not an action.
    expect(verdict(CLOUD).flagged).toBe(false);
    expect(verdict(CLOUD).own.behaviour).toBeGreaterThan(0.8 * lone.own.behaviour);
  });

  it('acts on one account alone that leaves through a dozen networks a day, though it never shows a new one day after day', () => {
    const pooled = verdict(POOLED);
    expect(pooled.tier, JSON.stringify(pooled.reasons)).toBe('account');
    expect(pooled.reasons).toContain('exit_spread');
    expect(pooled.hits.find((h) => h.signal === 'exit_spread')?.value ?? 0).toBeGreaterThanOrEqual(8);
    // its new networks day after day stop once the pool is used up: a third of its days, a traveller's
    const rotation = pooled.hits.find((h) => h.signal === 'proxy_rotation');
    expect(rotation?.value ?? 0).toBeLessThan(0.4);
    expect(rotation?.bits ?? 0).toBeLessThan(pooled.hits.find((h) => h.signal === 'exit_spread')!.bits);
  });

  it('leaves the same operation on a fixed pool, travellers and ordinary users out of every acting tier', () => {
    for (const id of [...FIXED_POOL, ...TRAVELLERS, ...users]) expect(verdict(id).flagged, id).toBe(false);
    // a traveller's new networks are a third of its days: well under the operation's
    for (const id of TRAVELLERS) expect(verdict(id).hits.find((h) => h.signal === 'proxy_rotation')?.value ?? 0, id).toBeLessThan(0.4);
  });
});
