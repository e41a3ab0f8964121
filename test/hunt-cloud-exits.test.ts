import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';

const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
const OLD = new Date(WORLD_START - 700 * WORLD_DAY).toISOString();
/**
 * A fleet of new accounts on one card harvesting from a cloud provider, one /24 a day, and a customer's pipeline
 * on the same cloud /24s on the same days sending the same kind of requests: a cloud range is shared by tenants
 * that have nothing to do with each other, so the fleet's network-days there are not its exits.
 */
const FLEET = Array.from({ length: 12 }, (_, i) => `fleet-${i}`);
const TENANT = 'cloud-tenant';

function buildCloudWorld(): World {
  const w = new World(72);
  for (const id of users) w.ordinaryUser(id);
  const work = (id: string, host: number) => {
    for (let d = 0; d < 12; d++) {
      for (let k = 0; k < 6; k++) {
        w.exchange({
          account_id: id, ts: WORLD_START + d * WORLD_DAY + (2 + 4 * k) * 3_600_000 + w.int(3_000_000), ip: `3.80.${40 + d}.${host}`,
          max_tokens: 32_000, output_tokens: 3_000 + w.int(2_000),
          prompt: `${w.words(11)}. ${w.pick(['Explain step by step.', 'Show your reasoning.', 'Walk me through each step, with examples.'])}`,
        });
      }
    }
  };
  FLEET.forEach((id, i) => {
    w.account({ account_id: id, created_at: new Date(WORLD_START - WORLD_DAY + i * 60_000).toISOString(), verified: false, payment_fingerprint: 'pf-fleet' });
    work(id, 10 + i);
  });
  w.account({ account_id: TENANT, created_at: OLD, verified: true });
  work(TENANT, 200);
  return w;
}

const cloud = huntedWorld(buildCloudWorld);

describe('a fleet on a cloud range, and a tenant of the same range', () => {
  it('finds the fleet and leaves the tenant out: a cloud range is not a rented exit', () => {
    expect(FLEET.filter((id) => cloud.verdict(id).tier === 'campaign').length).toBeGreaterThanOrEqual(FLEET.length - 1);
    const tenant = cloud.verdict(TENANT);
    expect(tenant.flagged, JSON.stringify(tenant.reasons)).toBe(false);
    expect(tenant.sweep).toBeUndefined();
  });
});
