import { describe, expect, it } from 'vitest';
import { builtinPromptGenerator, CAPABILITIES, COT_MARKERS, KNOWN_BENCHMARKS, PROMPT_PERSONAS, SeededRng, type PromptRequest } from './index.js';
import { agentSystem } from './agent.js';
import { campaignOf, campaignSystem } from './attack.js';
import { expandChoice, lex } from './grammar.js';

const gen = builtinPromptGenerator();
const req = (over: Partial<PromptRequest>): PromptRequest => ({ persona: 'attack', capability: 'general', chainOfThought: false, paraphrase: 0, turn: 1, ...over });

const tokens = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean));
function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}
/** Mean token Jaccard over all pairs within xs, or between xs and ys. */
function meanJaccard(xs: string[], ys?: string[]): number {
  const A = xs.map(tokens), B = (ys ?? xs).map(tokens);
  let sum = 0, n = 0;
  for (let i = 0; i < A.length; i++)
    for (let j = ys ? 0 : i + 1; j < B.length; j++) {
      sum += jaccard(A[i]!, B[j]!);
      n++;
    }
  return sum / n;
}
const prompts = (r: PromptRequest, n: number, seed: number) => {
  const rng = new SeededRng(seed);
  return Array.from({ length: n }, () => gen.generate(r, rng).prompt);
};
const hasCot = (s: string) => {
  const t = s.toLowerCase();
  return COT_MARKERS.some((m) => t.includes(m));
};
/** What the hunt's normalised-template view sees: the first words, lower-cased, digits removed. */
const opening = (s: string) => s.toLowerCase().replace(/[0-9]+/g, '').split(/[^\p{L}]+/u).filter(Boolean).slice(0, 8).join(' ');

const KEYS: Record<string, string | undefined> = {
  attack: 'campaign:c1:t1', coding_agent: 'agent:acme', batch_pipeline: 'pipe:reviews', eval_runner: 'harness:lm-eval',
  university_class: 'cs101:hw3', chat_user: undefined, relay: undefined, researcher: undefined,
};

describe('builtin prompt generator', () => {
  it('produces non-empty text for every persona × capability × chain-of-thought × turn', () => {
    const rng = new SeededRng(1);
    for (const persona of PROMPT_PERSONAS)
      for (const capability of CAPABILITIES)
        for (const chainOfThought of [false, true])
          for (const turn of [1, 3])
            for (const templateKey of [KEYS[persona], undefined])
              for (let i = 0; i < 8; i++) {
                const t = gen.generate(req({ persona, capability, chainOfThought, turn, templateKey, paraphrase: i / 8 }), rng);
                expect(t.prompt.trim().length, `${persona}/${capability}/${chainOfThought}`).toBeGreaterThan(0);
                expect(t.response.trim().length, `${persona}/${capability} response`).toBeGreaterThan(0);
                expect(t.prompt).not.toMatch(/[‹›]|NaN|\[object/);
                expect(t.system === null || t.system.length > 0).toBe(true);
              }
  });

  it('is deterministic: the same seed gives the same text, a different seed different text', () => {
    const run = (seed: number) => {
      const g = builtinPromptGenerator();
      const rng = new SeededRng(seed);
      const out: string[] = [];
      for (const persona of PROMPT_PERSONAS)
        for (const capability of CAPABILITIES)
          for (const chainOfThought of [false, true]) {
            const t = g.generate(req({ persona, capability, chainOfThought, templateKey: KEYS[persona], paraphrase: 0.5 }), rng);
            out.push(`${t.system}\u0000${t.prompt}\u0000${t.response}`);
          }
      return out;
    };
    expect(run(42)).toEqual(run(42));
    const a = run(42), b = run(43);
    expect(a.filter((x, i) => x !== b[i]).length).toBeGreaterThan(a.length / 2);
  });

  it('rejects malformed requests with a message naming the field', () => {
    const rng = new SeededRng(1);
    expect(() => gen.generate(req({ persona: 'nobody' as never }), rng)).toThrow(/persona "nobody"/);
    expect(() => gen.generate(req({ capability: 'magic' as never }), rng)).toThrow(/capability "magic"/);
    expect(() => gen.generate(req({ paraphrase: 2 }), rng)).toThrow(/paraphrase/);
    expect(() => gen.generate(req({ turn: 0 }), rng)).toThrow(/turn/);
  });

  describe('attack templates', () => {
    it('one key gives near-duplicates; different keys differ; accounts rarely send identical prompts', () => {
      let modalShare = 0, n = 0;
      for (const capability of CAPABILITIES) {
        for (const k of [1, 2, 3]) {
          const key = `campaign:c7:t${k}`;
          const same = prompts(req({ capability, templateKey: key }), 30, k);
          const other = prompts(req({ capability, templateKey: `campaign:c8:t${k}` }), 30, 100 + k);
          const within = meanJaccard(same);
          expect(within, `${capability} ${key} within`).toBeGreaterThan(0.3);
          expect(meanJaccard(same, other), `${capability} ${key} across`).toBeLessThan(within - 0.1);
          const openings = new Map<string, number>();
          for (const s of same) openings.set(opening(s), (openings.get(opening(s)) ?? 0) + 1);
          modalShare += Math.max(...openings.values()) / same.length;
          n++;
          const many = prompts(req({ capability, templateKey: key }), 200, 7 + k);
          expect(new Set(many).size / many.length, `${capability} ${key} distinct`).toBeGreaterThan(0.8);
        }
      }
      // The skeleton is shared at paraphrase 0: on average most prompts of a key open the same way (word
      // problems without a preamble open with their content, so not all of them).
      expect(modalShare / n).toBeGreaterThan(0.5);
    });

    it('paraphrase 1 makes prompts of one key far less alike than paraphrase 0', () => {
      let j0 = 0, j1 = 0, o0 = 0, o1 = 0, n = 0;
      for (const capability of CAPABILITIES)
        for (const k of [1, 2, 3, 4]) {
          const key = `campaign:p:t${k}`;
          const p0 = prompts(req({ capability, templateKey: key, paraphrase: 0 }), 25, k);
          const p1 = prompts(req({ capability, templateKey: key, paraphrase: 1 }), 25, k);
          j0 += meanJaccard(p0);
          j1 += meanJaccard(p1);
          o0 += new Set(p0.map(opening)).size;
          o1 += new Set(p1.map(opening)).size;
          n++;
        }
      j0 /= n;
      j1 /= n;
      expect(j0).toBeGreaterThan(0.45);
      expect(j1).toBeLessThan(j0 * 0.6);
      // At 1.0 prompts no longer share an opening: most of 25 open differently.
      expect(o1 / n).toBeGreaterThan(15);
      expect(o0 / n).toBeLessThan(o1 / n / 2);
      // And it is gradual.
      const mid = meanJaccard(prompts(req({ capability: 'software_engineering', templateKey: 'campaign:p:t9', paraphrase: 0.5 }), 25, 3));
      const lo = meanJaccard(prompts(req({ capability: 'software_engineering', templateKey: 'campaign:p:t9', paraphrase: 0 }), 25, 3));
      expect(mid).toBeLessThan(lo);
    });

    it('elicits chain of thought exactly when asked', () => {
      const rng = new SeededRng(5);
      for (const capability of CAPABILITIES)
        for (let i = 0; i < 150; i++) {
          const templateKey = i % 5 === 0 ? undefined : `campaign:cot${i % 7}:t${i % 11}`;
          const paraphrase = (i % 4) / 3;
          const yes = gen.generate(req({ capability, chainOfThought: true, templateKey, paraphrase }), rng).prompt;
          const no = gen.generate(req({ capability, chainOfThought: false, templateKey, paraphrase }), rng).prompt;
          expect(hasCot(yes), `cot ${capability}: ${yes}`).toBe(true);
          expect(hasCot(no), `no cot ${capability}: ${no}`).toBe(false);
        }
    });

    it('uses varied elicitation phrasings, some of them reconstructing the reasoning behind a given answer', () => {
      const seen = new Set<string>();
      let reconstruct = 0;
      const rng = new SeededRng(9);
      for (let i = 0; i < 400; i++) {
        const p = gen.generate(req({ capability: 'reasoning', chainOfThought: true, templateKey: `campaign:v:t${i}`, paraphrase: 1 }), rng).prompt;
        const last = p.split('\n').pop()!;
        seen.add(last.slice(0, 30));
        if (/reconstruct|already know the answer|given that the correct result/i.test(p)) reconstruct++;
      }
      expect(seen.size).toBeGreaterThan(25);
      expect(reconstruct).toBeGreaterThan(10);
    });

    it('shares a campaign system prompt across its templates; campaigns differ; some have none', () => {
      expect(campaignOf('campaign:hydra-1:t3')).toBe('hydra-1');
      expect(campaignOf('campaign:a:b:t2')).toBe('a:b');
      const rng = new SeededRng(2);
      const s1 = gen.generate(req({ capability: 'reasoning', templateKey: 'campaign:k1:t1' }), rng).system;
      const s2 = gen.generate(req({ capability: 'agentic_tool_use', templateKey: 'campaign:k1:t5' }), rng).system;
      expect(s1).toBe(s2);
      const systems = Array.from({ length: 60 }, (_, i) => campaignSystem(`camp-${i}`));
      const long = systems.filter((s) => s !== null && s.length > 1000);
      expect(long.length).toBeGreaterThan(20);
      expect(new Set(long).size).toBe(long.length);
      expect(systems.filter((s) => s === null).length).toBeGreaterThan(3);
      for (const s of long) expect(hasCot(s!)).toBe(false);
    });

    it('writes some campaign templates in other languages', () => {
      const rng = new SeededRng(4);
      let foreign = 0;
      for (let k = 0; k < 200; k++) {
        const p = gen.generate(req({ capability: 'reasoning', templateKey: `campaign:lang:t${k}` }), rng).prompt;
        if (/[\u0400-\u04ff\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]|Tarefa|Tarea|Aufgabe|tâche|Resuelve/.test(p)) foreign++;
      }
      expect(foreign).toBeGreaterThan(8);
      expect(foreign).toBeLessThan(60);
    });
  });

  describe('benign look-alikes', () => {
    it('batch pipelines send one template per key with varying payloads', () => {
      const a = prompts(req({ persona: 'batch_pipeline', capability: 'general', templateKey: 'pipe:a' }), 30, 1);
      const b = prompts(req({ persona: 'batch_pipeline', capability: 'general', templateKey: 'pipe:b' }), 30, 2);
      expect(new Set(a.map((s) => s.slice(0, 40))).size).toBe(1);
      expect(new Set(a).size).toBeGreaterThan(25);
      expect(meanJaccard(a)).toBeGreaterThan(meanJaccard(a, b) + 0.1);
    });

    it('students of one class paste the same assignment, numbers included', () => {
      const r = req({ persona: 'university_class', capability: 'reasoning', templateKey: 'math101:ps2' });
      const xs = prompts(r, 30, 3);
      const ys = prompts(req({ ...r, templateKey: 'math101:ps3' }), 30, 4);
      expect(meanJaccard(xs)).toBeGreaterThan(0.6);
      expect(meanJaccard(xs, ys)).toBeLessThan(meanJaccard(xs) - 0.3);
      // The assignment's numbers are the handout's, the same for every student.
      const nums = (s: string) => (s.match(/\d+/g) ?? []).slice(-6).join(',');
      expect(new Set(xs.map(nums)).size).toBeLessThanOrEqual(3);
    });

    it('coding agents share a long system prompt per product across unrelated users', () => {
      const rng = new SeededRng(6);
      const a1 = gen.generate(req({ persona: 'coding_agent', capability: 'software_engineering', templateKey: 'agent:forge' }), rng);
      const a2 = gen.generate(req({ persona: 'coding_agent', capability: 'agentic_tool_use', templateKey: 'agent:forge', turn: 4 }), rng);
      const b = gen.generate(req({ persona: 'coding_agent', capability: 'software_engineering', templateKey: 'agent:lathe' }), rng);
      expect(a1.system).toBe(a2.system);
      expect(a1.system).toBe(agentSystem('agent:forge'));
      expect(a1.system!.length).toBeGreaterThan(2500);
      expect(b.system).not.toBe(a1.system);
    });

    it('eval runners send fixed benchmark items, identical across labs, with harness-style CoT', () => {
      for (const benchmark of KNOWN_BENCHMARKS) {
        const xs = prompts(req({ persona: 'eval_runner', capability: 'reasoning', benchmark, templateKey: 'h1' }), 2000, 1);
        // A bank of 1000 items: many repeats within 2000 draws.
        expect(new Set(xs).size, benchmark).toBeLessThan(1500);
      }
      const lab1 = new Set(prompts(req({ persona: 'eval_runner', capability: 'reasoning', benchmark: 'gsm8k', templateKey: 'h1' }), 300, 1));
      const lab2 = prompts(req({ persona: 'eval_runner', capability: 'reasoning', benchmark: 'gsm8k', templateKey: 'h1' }), 300, 2);
      expect(lab2.filter((p) => lab1.has(p)).length).toBeGreaterThan(30);
      const cot = prompts(req({ persona: 'eval_runner', capability: 'reasoning', benchmark: 'gsm8k', chainOfThought: true }), 50, 3);
      expect(cot.every(hasCot)).toBe(true);
      const stub = prompts(req({ persona: 'eval_runner', capability: 'software_engineering', benchmark: 'humaneval', templateKey: 'raw' }), 5, 1);
      expect(stub.every((s) => s.includes('def ') && s.includes('>>>'))).toBe(true);
    });

    it('benign personas ask for step-by-step work in the same words campaigns use', () => {
      const rng = new SeededRng(8);
      for (const persona of ['chat_user', 'eval_runner', 'university_class', 'researcher', 'coding_agent', 'relay', 'batch_pipeline'] as const)
        for (let i = 0; i < 40; i++) {
          const p = gen.generate(req({ persona, capability: CAPABILITIES[i % 6]!, chainOfThought: true, templateKey: KEYS[persona], turn: 1 + (i % 3) }), rng).prompt;
          expect(hasCot(p), `${persona}: ${p}`).toBe(true);
        }
    });

    it('chat users vary: lengths from a few words to long pastes, other languages, follow-ups', () => {
      const rng = new SeededRng(11);
      const xs = Array.from({ length: 3000 }, (_, i) =>
        gen.generate(req({ persona: 'chat_user', capability: CAPABILITIES[i % 6]!, turn: i % 5 === 0 ? 2 : 1 }), rng).prompt,
      );
      const lens = xs.map((s) => s.length).sort((a, b) => a - b);
      expect(lens[Math.floor(lens.length * 0.05)]!).toBeLessThan(40);
      expect(lens[lens.length - 1]!).toBeGreaterThan(800);
      expect(new Set(xs).size / xs.length).toBeGreaterThan(0.85);
      expect(xs.filter((s) => /[^\u0000-\u024f\u2000-\u206f€£…“”’×√−≤·]/.test(s)).length).toBeGreaterThan(10);
      expect(xs.filter((s) => /make it shorter|more formal|what about/i.test(s)).length).toBeGreaterThan(10);
    });
  });

  it('every elicitation phrasing contains a marker the tests (and detectors) can see', () => {
    const rng = new SeededRng(3);
    for (const list of ['cotAttack', 'cotHarness', 'cotCasual', 'cotResearch', 'cotForeign', 'cotReconstruct'])
      for (let i = 0; i < 300; i++) {
        const s = expandChoice(lex.get(list), { rng, seed: 0, p: 1, vars: { answer: '42' } });
        expect(hasCot(s), `${list}: ${s}`).toBe(true);
      }
  });
});
