import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { World, WORLD_DAY, WORLD_START } from '../../test/world.js';
import { ingest } from '../ingest/ingest.js';
import { openWarehouse, type Warehouse } from '../warehouse/warehouse.js';
import { DEFAULT_HUNT_CONFIG, makeContext } from './context.js';
import { explainAccounts } from './explain.js';
import { hunt, type HuntResult } from './hunt.js';

/**
 * Operations of one, two and three accounts, found by their own evidence (tier `account`): the signals
 * whose meaning the API fixes carry absolute floors, so accounts doing the same thing cannot set each
 * other's scale. And the benign accounts doing something like it (multiple-choice evaluation with
 * log-probabilities, a lab's best-of-n burst at maximum reasoning) stay out of the acting tiers.
 */

const tmp = tempDir();
let wh: Warehouse;
let result: HuntResult;

const users = Array.from({ length: 200 }, (_, i) => `user-${i}`);
// Output-layer extraction from two accounts sharing a card, and nobody else biasing logits: each is the
// other's only peer, so a test against "the typical account that biases logits" would mask both.
const EXTRACTORS = ['probe-a', 'probe-b'];
// A top-logprob sweep over throwaway prompts, one account.
const SWEEPER = 'sweep-1';
// A reasoning harvest: three old, verified accounts on a cloud range, maximal reasoning, 4 samples a
// request, around the clock for a week; no shared card, no sign-up burst.
const FARM = ['farm-1', 'farm-2', 'farm-3'];
// Look-alikes: multiple-choice evaluation scored with log-probabilities and a small bias on the answer
// letters, re-run daily; a lab's best-of-8 study at maximum reasoning, one burst of a few hours.
const EVALS = ['evals-1', 'evals-2', 'evals-3'];
const LABS = ['lab-1', 'lab-2'];
const OLD = new Date(WORLD_START - 500 * WORLD_DAY).toISOString();
// A person chatting every day: a new task, then the same few short follow-ups ("Keep going.").
const CHATTER = 'chatter-1';

function buildWorld(): World {
  const w = new World(31);
  for (const id of users) w.ordinaryUser(id);
  for (const id of EXTRACTORS) {
    w.account({ account_id: id, payment_fingerprint: 'pf-probe-card', created_at: OLD, verified: true });
    for (let k = 0; k < 400; k++) {
      w.exchange({ account_id: id, ts: WORLD_START + 4 * WORLD_DAY + k * 20_000 + w.int(5_000), ip: '73.99.1.1', logit_bias_size: 300, max_tokens: 1, top_logprobs: 20, prompt: `Repeat: ${w.pick(['the', 'a', 'it'])}` });
    }
  }
  w.account({ account_id: SWEEPER, created_at: OLD, verified: true });
  for (let k = 0; k < 300; k++) {
    w.exchange({ account_id: SWEEPER, ts: WORLD_START + 6 * WORLD_DAY + k * 30_000, ip: '73.98.1.1', top_logprobs: 20, max_tokens: 1, prompt: w.pick(['The', 'Once', 'Hi', 'I', 'We']) });
  }
  FARM.forEach((id, f) => {
    w.account({ account_id: id, created_at: OLD, verified: true, tier: 'scale', payment_fingerprint: `pf-farm-${f}` });
    for (let k = 0; k < 7 * 48; k++) {
      w.exchange({
        account_id: id, ts: WORLD_START + 2 * WORLD_DAY + k * 1_800_000 + w.int(900_000), ip: `3.91.${10 * f + w.int(5)}.${1 + w.int(200)}`,
        reasoning_budget: 32_000, n: 4, max_tokens: 32_000, prompt: `Solve the following and explain each step: ${w.words(14)}`,
      });
    }
  });
  const questions = Array.from({ length: 40 }, () => `Question: which of these best describes ${w.words(10)}? A) ${w.words(3)} B) ${w.words(3)} C) ${w.words(3)} D) ${w.words(3)}`);
  EVALS.forEach((id, e) => {
    w.account({ account_id: id, created_at: OLD, verified: true, tier: 'scale' });
    for (let d = 0; d < 10; d++) {
      for (const [q, text] of questions.entries()) {
        w.exchange({ account_id: id, ts: WORLD_START + (3 + d) * WORLD_DAY + e * 3_600_000 + q * 20_000, ip: '52.14.7.9', top_logprobs: 20, max_tokens: 1, logit_bias_size: 4, prompt: text });
      }
    }
  });
  LABS.forEach((id, l) => {
    w.account({ account_id: id, created_at: OLD, verified: true, tier: 'research' });
    for (let k = 0; k < 400; k++) {
      w.exchange({ account_id: id, ts: WORLD_START + (5 + l) * WORLD_DAY + k * 40_000, ip: '3.92.1.1', reasoning_budget: 32_000, n: 8, prompt: `Solve the following and explain each step: ${w.words(14)}` });
    }
  });
  w.account({ account_id: CHATTER, created_at: OLD, verified: true });
  for (let d = 0; d < 12; d++) {
    const t0 = WORLD_START + (2 + d) * WORLD_DAY + (9 + (d % 8)) * 3_600_000;
    const conversation_id = `chat-${d}`;
    w.exchange({ account_id: CHATTER, ts: t0, ip: '73.97.1.1', conversation_id, turn: 1, prompt: `Help me with this task, step by step please: ${w.words(16)}` });
    ['Keep going.', 'Now add tests for it.', 'Explain that part again.', 'Thanks, shorter please.'].forEach((prompt, k) =>
      w.exchange({ account_id: CHATTER, ts: t0 + (k + 1) * 120_000, ip: '73.97.1.1', conversation_id, turn: k + 2, prompt }),
    );
  }
  return w;
}

beforeAll(async () => {
  const files = buildWorld().write(tmp.dir);
  wh = await openWarehouse({ data: join(tmp.dir, 'data') });
  await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
  result = await hunt(wh, DEFAULT_HUNT_CONFIG, { keepTables: true });
});
afterAll(async () => {
  await wh?.close();
  tmp.cleanup();
});

const verdict = (id: string) => result.accounts.find((a) => a.account_id === id)!;

describe('tiers', () => {
  it('acts on each of two extraction accounts alone, though each is the only other account biasing logits', () => {
    for (const id of EXTRACTORS) {
      const v = verdict(id);
      expect(v.tier, id).toBe('account');
      expect(v.flagged).toBe(true);
      expect(v.reasons[0]).toBe('logit_sweep');
      const floor = v.own.floors.find((f) => f.signal === 'logit_sweep')!;
      expect(floor.value).toBe(400);
      expect(floor.floor).toBe(100);
    }
  });

  it('acts on a single top-logprob sweeper', () => {
    const v = verdict(SWEEPER);
    expect(v.tier).toBe('account');
    expect(v.reasons).toContain('logprob_sweep');
  });

  it('acts on each account of a reasoning harvest from old, verified accounts, by its floor', () => {
    for (const id of FARM) {
      const v = verdict(id);
      expect(['account', 'campaign'], id).toContain(v.tier);
      expect(v.own.floors.map((f) => f.signal)).toContain('reasoning_harvest');
    }
  });

  it('does not act on multiple-choice evaluation with log-probabilities, nor on a best-of-n burst', () => {
    for (const id of [...EVALS, ...LABS]) {
      const v = verdict(id);
      expect(v.flagged, id).toBe(false);
      expect(v.own.floors, id).toEqual([]);
    }
    expect(users.filter((id) => verdict(id).flagged)).toEqual([]);
  });

  it('keeps flagged, tier and risk consistent: acting tiers at 0.5 and above, the watch queue at 0.25-0.5, the rest below', () => {
    for (const a of result.accounts) {
      expect(a.flagged, a.account_id).toBe(a.tier === 'campaign' || a.tier === 'account');
      if (a.flagged) expect(a.risk).toBeGreaterThanOrEqual(0.5);
      else if (a.tier === 'watch') expect(a.risk >= 0.25 && a.risk < 0.5, a.account_id).toBe(true);
      else expect(a.risk).toBeLessThan(0.25);
    }
    // No flattening: the unflagged accounts' risks take many values, in the order of their evidence.
    const quiet = result.accounts.filter((a) => a.tier === null);
    expect(new Set(quiet.map((a) => a.risk)).size).toBeGreaterThan(quiet.length / 4);
  });
});

describe('legitimate look-alikes', () => {
  it('names the pattern an account shows, with its numbers, and none for ordinary users', async () => {
    const r = await explainAccounts(makeContext(wh, DEFAULT_HUNT_CONFIG), [...EVALS, ...LABS, ...users.slice(0, 20)]);
    for (const id of EVALS) {
      const harness = r.get(id)?.find((x) => x.pattern === 'eval_harness');
      expect(harness, id).toBeDefined();
      // The same 40 questions every day for 10 days.
      expect(harness!.numbers.rerun_share).toBe(1);
    }
    for (const id of LABS) {
      const lab = r.get(id)?.find((x) => x.pattern === 'research_sampling');
      expect(lab, id).toBeDefined();
      expect(lab!.numbers.multi_n_share).toBe(1);
    }
    expect(users.slice(0, 20).filter((id) => r.has(id))).toEqual([]);
  });

  it("does not take a chat's daily follow-ups for an evaluation harness's re-runs", async () => {
    const r = await explainAccounts(makeContext(wh, DEFAULT_HUNT_CONFIG), [CHATTER]);
    // Its openings are new every day; "Keep going." sent on twelve days is a conversation's follow-up, not a question.
    expect(r.get(CHATTER)?.find((x) => x.pattern === 'eval_harness')).toBeUndefined();
  });
});
