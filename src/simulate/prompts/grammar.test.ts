import { describe, expect, it } from 'vitest';
import { expand, GrammarError, Lexicon, type Ctx } from './grammar.js';
import { SeededRng } from './rng.js';

describe('phrase grammar', () => {
  const lx = new Lexicon();
  lx.add('colour', ['red', 'green', 'blue', 'amber', 'violet']);
  const phrase = lx.phrase('‹Paint|Colour|Make› the ‹door|fence› ‹$colour›, then ‹^colour› again ‹#n:1-9› times‹!|.›');
  const ctx = (seed: number, p: number, rngSeed: number): Ctx => ({ rng: new SeededRng(rngSeed), seed, p, vars: {} });

  it('fixes wording by the template seed at paraphrase 0 while slots vary', () => {
    const outs = Array.from({ length: 40 }, (_, i) => expand(phrase, ctx(77, 0, i)));
    const skeleton = (s: string) => s.replace(/red|green|blue|amber|violet/g, 'C').replace(/\d/g, 'N');
    expect(new Set(outs.map(skeleton)).size).toBe(1);
    expect(new Set(outs).size).toBeGreaterThan(10);
    // The slot's value is remembered: ‹^colour› repeats it.
    for (const o of outs) {
      const m = o.match(/(red|green|blue|amber|violet), then (\w+)/)!;
      expect(m[1]).toBe(m[2]);
    }
    // Another seed, another skeleton (for at least one of a few seeds).
    const others = [1, 2, 3, 4, 5].map((s) => skeleton(expand(phrase, ctx(s, 0, 1))));
    expect(others.some((o) => o !== skeleton(outs[0]!))).toBe(true);
  });

  it('redraws wording with probability p', () => {
    const distinct = (p: number) => new Set(Array.from({ length: 200 }, (_, i) => expand(phrase, ctx(77, p, i)).replace(/red|green|blue|amber|violet|\d/g, ''))).size;
    expect(distinct(0)).toBe(1);
    expect(distinct(0.3)).toBeGreaterThan(3);
    expect(distinct(1)).toBeGreaterThan(distinct(0.3));
  });

  it('reports malformed phrases and unknown lists', () => {
    expect(() => lx.phrase('‹open')).toThrow(GrammarError);
    expect(() => lx.phrase('close›')).toThrow(/unbalanced/);
    expect(() => lx.phrase('‹#9-1›')).toThrow(/bad number range/);
    const l2 = new Lexicon();
    l2.phrase('a ‹$nothing›');
    expect(() => l2.resolve()).toThrow(/unknown lexicon list\(s\): nothing/);
    expect(() => expand(lx.phrase('‹^unset›'), ctx(1, 0, 1))).toThrow(/var "unset"/);
  });

  it('binds lists defined after the phrases that use them', () => {
    const l3 = new Lexicon();
    const ph = l3.phrase('say ‹@greeting›');
    l3.add('greeting', ['hello']);
    l3.resolve();
    expect(expand(ph, ctx(1, 0, 1))).toBe('say hello');
  });
});
