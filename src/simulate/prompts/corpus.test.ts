import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers.js';
import { classifyPrompt, CorpusError, corpusPromptGenerator } from './corpus.js';
import { COT_MARKERS, SeededRng, type PromptRequest } from './index.js';

const CORPORA = fileURLToPath(new URL('../../../../shared/corpora', import.meta.url));
const present = existsSync(join(CORPORA, 'benign')) && existsSync(join(CORPORA, 'distill'));
if (!present) console.warn(`corpus tests skipped: ${CORPORA} is absent (the shared evaluation corpora are not on this machine)`);

const req = (over: Partial<PromptRequest>): PromptRequest => ({ persona: 'attack', capability: 'general', chainOfThought: false, paraphrase: 0, turn: 1, ...over });
const hasCot = (s: string) => COT_MARKERS.some((m) => s.toLowerCase().includes(m));

/** Every prompt of a subfolder, read independently of the generator. */
function promptsOf(sub: string, only?: string): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(join(CORPORA, sub)).filter((n) => n.endsWith('.jsonl.gz') && (!only || n.includes(only))))
    for (const line of gunzipSync(readFileSync(join(CORPORA, sub, f))).toString('utf8').split('\n'))
      if (line.trim()) out.add((JSON.parse(line) as { prompt: string }).prompt);
  return out;
}

describe.skipIf(!present)('corpus prompt generator on ../shared/corpora', async () => {
  const gen = present ? await corpusPromptGenerator(CORPORA) : null!;
  const benign = present ? promptsOf('benign') : new Set<string>();
  const distill = present ? promptsOf('distill') : new Set<string>();

  it('serves benign personas from benign/ and the attack from distill/, by capability', () => {
    expect(gen.name).toBe(`corpus:${CORPORA}`);
    const rng = new SeededRng(1);
    for (let i = 0; i < 200; i++) {
      expect(benign.has(gen.generate(req({ persona: 'chat_user', capability: 'general' }), rng).prompt)).toBe(true);
      expect(benign.has(gen.generate(req({ persona: 'researcher', capability: 'reasoning' }), rng).prompt)).toBe(true);
      expect(distill.has(gen.generate(req({ persona: 'attack', capability: 'software_engineering' }), rng).prompt)).toBe(true);
    }
    let code = 0, math = 0;
    for (let i = 0; i < 200; i++) {
      if (classifyPrompt(gen.generate(req({ capability: 'software_engineering' }), rng).prompt, null) === 'software_engineering') code++;
      if (/\d/.test(gen.generate(req({ capability: 'reasoning' }), rng).prompt)) math++;
    }
    expect(code).toBeGreaterThan(150);
    expect(math).toBeGreaterThan(150);
  });

  it('is deterministic for a given rng', () => {
    const run = (seed: number) => {
      const rng = new SeededRng(seed);
      return Array.from({ length: 50 }, (_, i) => gen.generate(req({ persona: i % 2 ? 'attack' : 'relay', capability: 'reasoning', templateKey: i % 3 ? 'campaign:x:t1' : undefined }), rng).prompt);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });

  it('gives eval runners benchmark items and campaign templates a shared skeleton', () => {
    const rng = new SeededRng(2);
    const gsm = promptsOf('distill', 'gsm8k');
    for (let i = 0; i < 50; i++) {
      const p = gen.generate(req({ persona: 'eval_runner', capability: 'reasoning', benchmark: 'gsm8k', templateKey: 'raw-harness-0' }), rng).prompt;
      expect([...gsm].some((q) => p.includes(q))).toBe(true);
    }
    const he = gen.generate(req({ persona: 'eval_runner', capability: 'software_engineering', benchmark: 'humaneval' }), rng).prompt;
    expect(he).toContain('def ');
    // Find a wrapped template: at paraphrase 0 its prompts share a long common prefix; at 1 mostly not.
    const prefix = (xs: string[]) => {
      let p = xs[0]!;
      for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
      return p.length;
    };
    let wrapped = 0;
    for (let k = 0; k < 10; k++) {
      const r = req({ capability: 'general', templateKey: `campaign:w:t${k}` });
      const xs = Array.from({ length: 8 }, () => gen.generate(r, rng).prompt);
      if (prefix(xs) > 100) {
        wrapped++;
        const ys = Array.from({ length: 8 }, () => gen.generate({ ...r, paraphrase: 1 }, rng).prompt);
        expect(prefix(ys)).toBeLessThan(100);
      }
    }
    expect(wrapped).toBeGreaterThan(2);
  });

  it('adds chain-of-thought elicitation when asked', () => {
    const rng = new SeededRng(3);
    for (const persona of ['attack', 'eval_runner', 'chat_user', 'university_class'] as const)
      for (let i = 0; i < 30; i++) expect(hasCot(gen.generate(req({ persona, capability: 'reasoning', chainOfThought: true, templateKey: 'k' }), rng).prompt)).toBe(true);
  });
});

describe('corpus prompt generator errors', () => {
  const t = tempDir('dw-corpus-');
  afterAll(t.cleanup);
  const write = (dir: string, sub: string, name: string, lines: string[]) => {
    mkdirSync(join(dir, sub), { recursive: true });
    writeFileSync(join(dir, sub, name), gzipSync(lines.join('\n')));
  };
  const ok = JSON.stringify({ prompt: 'hello there', source: 'test' });

  it('names a missing directory', async () => {
    await expect(corpusPromptGenerator(join(t.dir, 'nope'))).rejects.toThrow(/prompt corpus directory not found: .*nope/);
  });

  it('names a missing subfolder', async () => {
    const d = join(t.dir, 'only-benign');
    write(d, 'benign', 'a.jsonl.gz', [ok]);
    await expect(corpusPromptGenerator(d)).rejects.toThrow(CorpusError);
    await expect(corpusPromptGenerator(d)).rejects.toThrow(/only-benign: missing subfolder distill\//);
  });

  it('names the file and line of malformed JSON and of a missing prompt field', async () => {
    const d = join(t.dir, 'bad');
    write(d, 'benign', 'a.jsonl.gz', [ok]);
    write(d, 'distill', 'b.jsonl.gz', [ok, '', '{"prompt": "x", oops}']);
    await expect(corpusPromptGenerator(d)).rejects.toThrow(/distill\/b\.jsonl\.gz:3: invalid JSON/);
    write(d, 'distill', 'b.jsonl.gz', [ok, JSON.stringify({ text: 'no prompt here', source: 's' })]);
    await expect(corpusPromptGenerator(d)).rejects.toThrow(/distill\/b\.jsonl\.gz:2: field "prompt" must be a non-empty string/);
    writeFileSync(join(d, 'distill', 'b.jsonl.gz'), 'not gzip');
    await expect(corpusPromptGenerator(d)).rejects.toThrow(/b\.jsonl\.gz: cannot read gzipped JSON Lines/);
  });

  it('works on a small well-formed corpus, falling back across capabilities', async () => {
    const d = join(t.dir, 'good');
    write(d, 'benign', 'a.jsonl.gz', [ok, JSON.stringify({ prompt: 'What is the capital of France?', source: 's' })]);
    write(d, 'distill', 'b.jsonl.gz', [JSON.stringify({ prompt: 'Write a Python function that reverses a list.', category: 'coding', source: 's' })]);
    const g = await corpusPromptGenerator(d);
    const rng = new SeededRng(1);
    expect(g.generate(req({ capability: 'rubric_grading' }), rng).prompt).toBe('Write a Python function that reverses a list.');
    expect(['hello there', 'What is the capital of France?']).toContain(g.generate(req({ persona: 'chat_user', capability: 'reasoning' }), rng).prompt);
  });
});
