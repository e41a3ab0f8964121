import { describe, expect, it } from 'vitest';
import { builtinPromptGenerator, CAPABILITIES, COT_MARKERS, SeededRng, type PromptRequest } from './index.js';
import { courseSystem } from './classroom.js';
import { evolvedInstruction } from './selfinstruct.js';

const gen = builtinPromptGenerator();
const req = (over: Partial<PromptRequest>): PromptRequest => ({ persona: 'attack', capability: 'general', chainOfThought: false, paraphrase: 0, turn: 1, ...over });
const many = (r: PromptRequest, n: number, seed = 1) => {
  const rng = new SeededRng(seed);
  return Array.from({ length: n }, () => gen.generate(r, rng));
};

describe('prompt styles', () => {
  it('self-instruct: generation prompts ask for new task lists; evolution prompts rewrite an earlier answer', () => {
    for (const capability of CAPABILITIES) {
      const out = many(req({ style: 'self_instruct', capability, templateKey: 'campaign:si-1:t0' }), 60, 3);
      const generations = out.filter((o) => /\n1\. /.test(o.prompt) && /\d+\.$/.test(o.prompt));
      const evolutions = out.filter((o) => !generations.includes(o));
      expect(generations.length, capability).toBeGreaterThan(5);
      expect(evolutions.length, capability).toBeGreaterThan(5);
      // Everything the campaign rewrites is something its answers said: every rewritten instruction is the
      // answer of a generation (depth 0) or of the previous evolution of the same task.
      const answers = new Set<string>();
      for (let i = 0; i < 4096; i++) for (let d = 0; d < 4; d++) answers.add(evolvedInstruction('si-1', capability, i, d));
      for (const e of evolutions) expect([...answers].some((a) => e.prompt.includes(`\n${a}`)), e.prompt.slice(0, 200)).toBe(true);
      for (const g of generations) for (const line of g.response.split('\n')) expect(answers.has(line.replace(/^\d+\. /, ''))).toBe(true);
    }
  });

  it('self-instruct: the same template keeps its wording at paraphrase 0; another campaign has other tasks', () => {
    const a = many(req({ style: 'self_instruct', templateKey: 'campaign:si-1:t0' }), 40, 5).map((o) => o.prompt.split('\n')[0]!.replace(/[0-9]+/g, '#'));
    expect(new Set(a).size).toBeLessThanOrEqual(3);
    expect(evolvedInstruction('si-1', 'general', 7, 0)).not.toBe(evolvedInstruction('si-2', 'general', 7, 0));
    // deeper evolutions extend (or replace) the task
    expect(evolvedInstruction('si-1', 'reasoning', 11, 2).length).toBeGreaterThan(10);
  });

  it('probes: tiny prompts, one per template at paraphrase 0, varied otherwise', () => {
    const fixed = many(req({ style: 'probes', templateKey: 'campaign:lx-1:t0' }), 50).map((o) => o.prompt);
    expect(new Set(fixed).size).toBe(1);
    expect(fixed[0]!.length).toBeLessThan(40);
    const free = many(req({ style: 'probes' }), 200).map((o) => o.prompt);
    expect(new Set(free).size).toBeGreaterThan(40);
    expect(Math.max(...free.map((p) => p.length))).toBeLessThan(60);
  });

  it('chat follow-ups: the first turn is the persona\'s task, later turns are short follow-ups', () => {
    const first = many(req({ style: 'chat_followups', capability: 'software_engineering', templateKey: 'campaign:mc-1:t2' }), 10);
    const plain = many(req({ capability: 'software_engineering', templateKey: 'campaign:mc-1:t2' }), 10);
    expect(first.map((o) => o.prompt)).toEqual(plain.map((o) => o.prompt));
    const later = many(req({ style: 'chat_followups', capability: 'software_engineering', turn: 3, chainOfThought: true }), 50);
    for (const o of later) {
      expect(o.prompt.length).toBeLessThan(200);
      expect(COT_MARKERS.some((m) => o.prompt.toLowerCase().includes(m))).toBe(true);
    }
  });

  it('classes: one long course system prompt per class, whatever the assignment', () => {
    const a = courseSystem('class:abc:hw1');
    expect(courseSystem('class:abc:hw4')).toBe(a);
    expect(courseSystem('class:xyz:hw1')).not.toBe(a);
    expect(a.length).toBeGreaterThanOrEqual(400);
    const out = many(req({ persona: 'university_class', capability: 'reasoning', templateKey: 'class:abc:hw2' }), 3);
    for (const o of out) expect(o.system).toBe(a);
  });

  it('rejects an unknown style', () => {
    expect(() => gen.generate(req({ style: 'nope' as never }), new SeededRng(1))).toThrow(/unknown style/);
  });
});
