import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { World, WORLD_DAY, WORLD_START } from './world.js';
import { ingest } from '../src/ingest/ingest.js';
import { openWarehouse } from '../src/warehouse/warehouse.js';
import { DEFAULT_HUNT_CONFIG } from '../src/hunt/context.js';
import { hunt, type HuntResult } from '../src/hunt/hunt.js';

/**
 * A university class next to a hydra, over several seeds: the class shares one card, one campus NAT and one
 * course system prompt, signed up within the hour of its first lecture and works in bursts before each
 * deadline; some of the hydra's accounts were opened through the same campus network on the same day (the
 * education sign-up path is the one campaigns farm). Whatever community detection makes of that bridge,
 * the class must never be pulled into the campaign, and the hydra must still be found.
 */

const tmp = tempDir();
afterAll(() => tmp.cleanup());

const SEEDS = [1, 2, 3, 4, 5, 6];
const HARVEST_SYSTEM = 'You are a meticulous senior engineer. Answer completely, with working code, tests and a full explanation of every decision. '.repeat(3);
const COURSE_SYSTEM = 'You are the teaching assistant of CS 161, Data Structures and Algorithms. Help students understand; never hand in their homework for them. '.repeat(3);

interface ClassWorld {
  hydra: string[];
  students: string[];
  bridged: string[];
  users: string[];
  world: World;
}

function buildWorld(seed: number, bridge: 'signup' | 'network' = 'signup'): ClassWorld {
  const w = new World(seed);
  const users = Array.from({ length: 250 }, (_, i) => `user-${seed}-${i}`);
  for (const id of users) w.ordinaryUser(id);
  const lecture = WORLD_START + 3 * WORLD_DAY + 10 * 3_600_000;
  const nat = '128.32.44.7';
  // The hydra: new, unverified accounts in two waves, eight to a card, datacenter exits per request, one
  // harvesting system prompt and task templates, maximum output, around the clock.
  const hydra = Array.from({ length: 40 }, (_, i) => `hydra-${seed}-${i}`);
  // Signed up on campus; with the 'network' bridge they also work from the campus NAT part of the time.
  const bridged = hydra.slice(0, bridge === 'network' ? 14 : 4 + w.int(4));
  const tasks = ['a rate limiter', 'an LRU cache', 'a JSON parser', 'a job scheduler', 'a trie', 'a B-tree', 'a CSV reader', 'a diff tool'];
  const langs = ['Rust', 'Go', 'Kotlin', 'TypeScript', 'C++', 'Java'];
  hydra.forEach((id, i) => {
    const onCampus = bridged.includes(id);
    const created = onCampus ? lecture + w.int(3_600_000) : WORLD_START + (4 + (i % 2) * 3) * WORLD_DAY + w.int(3_600_000);
    w.account({
      account_id: id, created_at: new Date(created).toISOString(), verified: false, tier: onCampus ? 'edu' : 'free',
      email_domain: onCampus ? 'cs.state.edu' : 'mailbox.example', payment_fingerprint: `pf-hydra-${seed}-${Math.floor(i / 8)}`,
      signup_ip: onCampus ? nat : `3.${80 + w.int(40)}.${w.int(250)}.${1 + w.int(250)}`,
    });
    const start = Math.max(created, WORLD_START + 4 * WORLD_DAY);
    for (let k = 0; k < 150; k++) {
      w.exchange({
        account_id: id, ts: start + k * 900_000 + w.int(120_000),
        ip: bridge === 'network' && onCampus && k % 3 === 0 ? nat : `3.${80 + w.int(40)}.${w.int(250)}.${1 + w.int(250)}`,
        user_agent: 'python-httpx/0.27', max_tokens: 32_000, system: HARVEST_SYSTEM, turn: 1,
        prompt: `Programming task.\nProvide the complete code first, then the tests, then explain every design decision step by step.\nImplement ${w.pick(tasks)} in ${w.pick(langs)} handling ${100 + w.int(9000)} requests per second.`,
      });
    }
  });
  // The class: one card, one NAT, one course system prompt, homework bursts before each weekly deadline.
  const students = Array.from({ length: 25 + w.int(25) }, (_, i) => `student-${seed}-${i}`);
  const assignments = ['Implement a binary heap', 'Implement Dijkstra with a heap', 'Implement a hash map with chaining', 'Implement merge sort'];
  for (const id of students) {
    w.account({
      account_id: id, created_at: new Date(lecture + w.int(3_600_000)).toISOString(), verified: false, tier: 'edu',
      email_domain: 'cs.state.edu', payment_fingerprint: `pf-university-${seed}`, signup_ip: nat,
    });
    for (let week = 0; week < 3; week++) {
      const deadline = lecture + (week + 1) * 7 * WORLD_DAY;
      const sessions = 1 + w.int(3);
      for (let s = 0; s < sessions; s++) {
        let t = deadline - (2 + w.int(60)) * 3_600_000;
        const turns = 2 + w.int(5);
        for (let turn = 1; turn <= turns; turn++) {
          w.exchange({
            account_id: id, ts: t, ip: nat, turn, conversation_id: `${id}-${week}-${s}`, system: COURSE_SYSTEM,
            prompt: `${assignments[week]} in Python. Explain step by step why my code fails: ${w.words(12)}`,
            cache_read_tokens: turn > 1 ? 600 : 0,
          });
          t += 60_000 + w.int(900_000);
        }
      }
    }
  }
  return { hydra, students, bridged, users, world: w };
}

describe('a university class merged into the hydra by community detection', () => {
  // Whatever Louvain does, suppose it put the class in the hydra's community and the class's fresh accounts
  // in its core: the class's system prompt, its card and its deadline rushes are then shared by core
  // accounts. They must not become the campaign's fingerprints.
  it('does not take the evidence the students share for the campaign\'s', async () => {
    for (const seed of [1, 2]) {
      const cw = buildWorld(seed);
      const dir = join(tmp.dir, `merged-${seed}`);
      mkdirSync(dir, { recursive: true });
      const files = cw.world.write(dir);
      const wh = await openWarehouse({ data: join(dir, 'data') });
      try {
        await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
        const adjustCore = (core: Map<string, string>) => {
          const campaign = core.get(cw.hydra[10]!)!;
          return new Map([...core, ...cw.students.map((id) => [id, campaign] as [string, string])]);
        };
        const r = await hunt(wh, { ...DEFAULT_HUNT_CONFIG, seed }, { adjustCore });
        const byId = new Map(r.accounts.map((a) => [a.account_id, a]));
        expect(cw.students.filter((id) => byId.get(id)?.flagged), `seed ${seed}`).toEqual([]);
        expect(cw.hydra.filter((id) => byId.get(id)?.flagged).length / cw.hydra.length).toBeGreaterThanOrEqual(0.95);
      } finally {
        await wh.close();
      }
    }
  }, 60_000);
});

describe('a university class next to a hydra, over several seeds', () => {
  const results: { seed: number; r: HuntResult; cw: ClassWorld }[] = [];
  it('hunts every seed', async () => {
    for (const seed of SEEDS) {
      // Half the seeds with a stronger bridge: a third of the hydra works from the campus network too.
      const cw = buildWorld(seed, seed % 2 ? 'signup' : 'network');
      const dir = join(tmp.dir, `seed-${seed}`);
      mkdirSync(dir, { recursive: true });
      const files = cw.world.write(dir);
      const wh = await openWarehouse({ data: join(dir, 'data') });
      try {
        await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
        results.push({ seed, r: await hunt(wh, { ...DEFAULT_HUNT_CONFIG, seed }), cw });
      } finally {
        await wh.close();
      }
    }
    expect(results.length).toBe(SEEDS.length);
  }, 120_000);

  it('never pulls a student into the campaign or acts on one', () => {
    expect(results.length).toBe(SEEDS.length);
    for (const { seed, r, cw } of results) {
      const flagged = cw.students.filter((id) => r.accounts.find((a) => a.account_id === id)?.flagged);
      expect(flagged, `seed ${seed}`).toEqual([]);
    }
  });

  it('names the class as what explains the evidence its accounts share', () => {
    for (const { seed, r, cw } of results) {
      const students = new Set(cw.students);
      const group = r.linkedGroups.find((g) => g.accounts.filter((a) => students.has(a)).length >= 0.8 * g.accounts.length && g.accounts.length >= 0.5 * cw.students.length);
      expect(group?.resembles?.pattern, `seed ${seed}`).toBe('university_class');
    }
  });

  it('ranks ordinary students among the class-like accounts, never an account acted on', () => {
    for (const { seed, r, cw } of results) {
      const students = new Set(cw.students);
      const ranked = r.accounts.filter((a) => a.rankedWithin);
      expect(ranked.filter((a) => students.has(a.account_id)).length, `seed ${seed}`).toBeGreaterThan(0);
      for (const a of ranked) {
        expect(a.tier, `seed ${seed}`).toBeNull();
        expect(a.rankedWithin!.pattern).toBe('university_class');
        expect(a.rankedWithin!.confidence).toBeLessThan(a.own.confidence);
      }
    }
  });

  it('still finds the hydra, in one campaign', () => {
    expect(results.length).toBe(SEEDS.length);
    for (const { seed, r, cw } of results) {
      const byId = new Map(r.accounts.map((a) => [a.account_id, a]));
      const found = cw.hydra.filter((id) => byId.get(id)?.flagged);
      expect(found.length / cw.hydra.length, `seed ${seed}`).toBeGreaterThanOrEqual(0.95);
      const campaigns = new Set(found.map((id) => byId.get(id)!.campaign_id));
      expect(campaigns.size, `seed ${seed}`).toBe(1);
      expect(cw.users.filter((id) => byId.get(id)?.flagged), `seed ${seed}`).toEqual([]);
    }
  });
});
