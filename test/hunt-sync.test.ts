import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFindings } from '../src/hunt/findings.js';
import { DEFAULT_HUNT_CONFIG } from '../src/hunt/context.js';
import { hunt, type HuntResult } from '../src/hunt/hunt.js';
import { ingest } from '../src/ingest/ingest.js';
import { openWarehouse } from '../src/warehouse/warehouse.js';
import { tempDir } from './helpers.js';
import { World, WORLD_DAY, WORLD_START } from './world.js';

/**
 * A campaign whose accounts share nothing (each its own card, its own home address, its own free-form
 * prompts, sign-ups days apart) but its clock: an orchestrator runs jobs three times a day at no fixed
 * time, and every account starts work within a minute of the job. Synchronised starts are all that ties
 * them. The same accounts on their own clocks are a control: nothing ties them, and nothing must.
 */

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const campaignIds = Array.from({ length: 24 }, (_, i) => `acct-h${(7919 * (i + 5)) % 100_000}`);

function buildWorld(synchronised: boolean): World {
  const w = new World(31);
  for (let i = 0; i < 240; i++) w.ordinaryUser(`acct-u${(104_729 * (i + 11)) % 1_000_000}`, { days: 24 });
  const jobs = () => Array.from({ length: 30 }, (_, j) => WORLD_START + (12 + Math.floor(j / 3)) * WORLD_DAY + (j % 3) * 8 * 3_600_000 + w.int(5 * 3_600_000));
  const shared = jobs();
  campaignIds.forEach((id, i) => {
    w.account({
      account_id: id,
      created_at: new Date(WORLD_START + (3 + i / 3) * WORLD_DAY + w.int(WORLD_DAY)).toISOString(),
      verified: false,
      email_domain: 'gmail.com',
      payment_fingerprint: `pf-own-${i}`,
      billing_country: 'US',
      signup_ip: `71.${10 + i}.${w.int(250)}.${1 + w.int(250)}`,
    });
    const home = `72.${20 + i}.${w.int(250)}.${1 + w.int(250)}`;
    for (const job of synchronised ? shared : jobs()) {
      let t = job + w.int(60_000);
      for (let k = 0; k < 8; k++) {
        w.exchange({ account_id: id, ts: t, ip: home, turn: 1, max_tokens: 32_000, prompt: `${w.words(4)} ${w.words(12)}?` });
        t += 90_000 + w.int(90_000);
      }
    }
  });
  return w;
}

async function huntWorld(synchronised: boolean): Promise<{ result: HuntResult; dir: string }> {
  const dir = join(tmp.dir, synchronised ? 'sync' : 'own-clocks');
  mkdirSync(dir, { recursive: true });
  const files = buildWorld(synchronised).write(dir);
  const wh = await openWarehouse({ data: join(dir, 'wh') });
  try {
    await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
    const result = await hunt(wh, DEFAULT_HUNT_CONFIG);
    await writeFindings(result, join(dir, 'findings'));
    return { result, dir };
  } finally {
    await wh.close();
  }
}

describe('hunt: synchronised starts', () => {
  it('ties a campaign that shares nothing but its clock, and no one else', async () => {
    const { result, dir } = await huntWorld(true);
    expect(result.campaigns).toHaveLength(1);
    const [c] = result.campaigns;
    const found = new Set(c!.accounts);
    expect(campaignIds.filter((id) => found.has(id)).length).toBeGreaterThanOrEqual(22);
    expect(c!.accounts.every((id) => campaignIds.includes(id))).toBe(true);
    expect(c!.links.some((l) => l.kind === 'sync_start')).toBe(true);
    // The report says when each crowd started, how big it was, and what the time of day expected.
    const crowds = c!.shared_keys.filter((k) => k.kind === 'sync_start');
    expect(crowds.length).toBeGreaterThan(0);
    for (const k of crowds) expect(k.example).toMatch(/^sessions started \d{4}-\d{2}-\d{2} \d{2}:\d{2}-\d{2}:\d{2} UTC: \d+ accounts \([\d.]+ expected\)$/);
    // Every member carries how it was tied; those the timing test confirmed carry its numbers.
    const lines = readFileSync(join(dir, 'findings', 'accounts.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { account_id: string; flagged: boolean; reasons: string[]; evidence: Record<string, unknown> });
    for (const a of lines.filter((l) => l.flagged)) {
      expect(['campaign_member', 'campaign_timing']).toContain(a.reasons[0]);
    }
    const timed = lines.filter((l) => l.evidence.campaign_synchrony);
    expect(timed.length).toBeGreaterThan(0);
    for (const a of timed) {
      const s = a.evidence.campaign_synchrony as { starts_with_campaign: number; session_starts: number; expected_by_chance: number; bits: number };
      expect(s.starts_with_campaign).toBeGreaterThanOrEqual(0.5 * s.session_starts);
      expect(s.expected_by_chance).toBeLessThan(s.starts_with_campaign / 10);
    }
  }, 120_000);

  it('ties nothing when the same accounts keep their own clocks', async () => {
    const { result } = await huntWorld(false);
    expect(result.campaigns).toHaveLength(0);
    expect(result.accounts.filter((a) => a.flagged && !campaignIds.includes(a.account_id))).toHaveLength(0);
  }, 120_000);
});
