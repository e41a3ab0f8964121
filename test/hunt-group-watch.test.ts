import { describe, expect, it } from 'vitest';
import { huntedWorld, World, WORLD_DAY, WORLD_START } from './world.js';
import { GROUP_WATCH_REASON } from '../src/hunt/decide.js';

/**
 * A linked group that behaves like a campaign's typical member but has none of its provenance (old,
 * verified accounts, a card each, no sign-up burst) is not acted on, and is not left with the ordinary
 * users either: its accounts go on the watch queue with the group as their reason. A group that behaves as
 * heavily but that a legitimate pattern explains (a coding agent's users) stays off it.
 */

const users = Array.from({ length: 300 }, (_, i) => `user-${i}`);
// An operation posing as chat users on old accounts: a third of the requests ask for the reasoning, all at the longest output,
// one turn each, through a small pool of residential exits the accounts rotate over daily.
const OPERATION = Array.from({ length: 12 }, (_, i) => `op-${i}`);
// A coding agent's customers: heavy, long outputs, tools, many turns read from the prompt cache.
const AGENTS = Array.from({ length: 12 }, (_, i) => `agent-${i}`);
const OLD = new Date(WORLD_START - 700 * WORLD_DAY).toISOString();

function buildWorld(): World {
  const w = new World(47);
  for (const id of users) w.ordinaryUser(id);
  OPERATION.forEach((id, i) => {
    w.account({ account_id: id, created_at: new Date(Date.parse(OLD) + i * 37 * WORLD_DAY).toISOString(), verified: true });
    for (let d = 0; d < 14; d++) {
      // Each day the account leaves through one of four exits of the pool, drawn afresh every day.
      const ip = `98.45.${10 + w.int(4)}.${20 + w.int(50)}`;
      for (let k = 0; k < 4; k++) {
        w.exchange({
          account_id: id, ts: WORLD_START + d * WORLD_DAY + (9 + 3 * k) * 3_600_000 + w.int(3_000_000), ip,
          max_tokens: 32_000,
          prompt: w.rand() < 0.3 ? `${w.words(10)}. ${w.pick(['Explain step by step.', 'Show your reasoning.', 'Walk me through each step.'])}` : w.words(14),
        });
      }
    }
  });
  AGENTS.forEach((id, i) => {
    w.account({ account_id: id, created_at: OLD, verified: true });
    const home = `71.20.${i}.${5 + i}`;
    for (let d = 0; d < 14; d++) {
      if (w.rand() < 0.3) continue;
      const conv = `agent-${id}-${d}`;
      let t = WORLD_START + d * WORLD_DAY + (9 + w.int(8)) * 3_600_000;
      for (let turn = 1; turn <= 20; turn++) {
        w.exchange({
          account_id: id, ts: t, ip: home, conversation_id: conv, turn, max_tokens: 32_000, output_tokens: 2_000 + w.int(2_000),
          input_tokens: 2_000 + w.int(2_000), cache_read_tokens: turn > 1 ? 18_000 : 0, user_agent: 'CodeAgent/3.1 (node)',
          tool_names: ['read_file', 'write_file', 'run_command'], system: 'You are CodeAgent, an autonomous coding assistant working in the user repository.',
          prompt: turn === 1 ? `Fix the failing test in ${w.words(4)}` : `Tool result: ${w.words(12)}`,
        });
        t += 20_000 + w.int(40_000);
      }
    }
  });
  return w;
}

const { verdict } = huntedWorld(buildWorld);

describe('linked groups that behave like a campaign without its provenance', () => {
  it('puts the operation on the watch queue for its group, without acting on it', () => {
    const watched = OPERATION.filter((id) => verdict(id).reasons.includes(GROUP_WATCH_REASON));
    expect(watched.length, JSON.stringify(OPERATION.map((id) => [id, verdict(id).tier, verdict(id).reasons]))).toBeGreaterThanOrEqual(OPERATION.length - 1);
    for (const id of OPERATION) {
      const v = verdict(id);
      expect(v.flagged, id).toBe(false);
      expect(v.tier, id).toBe('watch');
      expect(v.risk).toBeGreaterThanOrEqual(0.25);
      expect(v.groupWatch!.confidence, id).toBeGreaterThanOrEqual(0.5);
      expect(v.groupWatch!.behaviour, id).toBeGreaterThanOrEqual(v.groupWatch!.bar);
    }
  });

  it('leaves a group a legitimate pattern explains, and ordinary users, off the queue for a group', () => {
    for (const id of [...AGENTS, ...users]) expect(verdict(id).reasons, id).not.toContain(GROUP_WATCH_REASON);
    // (The agents are a linked group that behaves beyond the bar: the explanation, not weak evidence, keeps them off.)
    const agent = verdict(AGENTS[0]!);
    expect(agent.resembles?.map((r) => r.pattern) ?? []).toContain('coding_agent');
  });

  it('ranks the operation above every ordinary user', () => {
    const top = Math.max(...users.map((id) => verdict(id).risk));
    for (const id of OPERATION) expect(verdict(id).risk, id).toBeGreaterThan(top);
  });
});
