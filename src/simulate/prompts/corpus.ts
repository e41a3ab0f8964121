/**
 * A prompt generator that draws real prompts from a directory in the ../shared/corpora format:
 * `benign/*.jsonl.gz` (what people send to assistants) and `distill/*.jsonl.gz` (prompt sets used to
 * harvest a stronger model, and the meta-prompts that generated them), one JSON object a line:
 * `{"prompt": str, "system"?: str, "tools"?: [...], "category"?: str, "source": str}`.
 *
 * Benign personas draw from benign/, the attack from distill/, eval runners from a benchmark-like distill
 * file when one matches (gsm8k, humaneval), always by capability where the pool has any (prompts are
 * classified with simple keyword rules at load). What corpora do not hold (coding-agent and campaign
 * system prompts, tool results, batch and homework skeletons) comes from the built-in generator, so each
 * persona keeps its shape while the words are real. The files are read by path, never copied.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { agentSystem, codingAgentText } from './agent.js';
import { campaignOf, campaignSystem } from './attack.js';
import { checkRequest } from './builtin.js';
import { courseSystem, studentWrap } from './classroom.js';
import { followUpText } from './followups.js';
import { probeText } from './probes.js';
import { selfInstructText, type SeedInstructions } from './selfinstruct.js';
import { COT_MARKERS } from './cot.js';
import { expandChoice, lex, type Ctx } from './grammar.js';
import { hashString, mix } from './rng.js';
import { CAPABILITIES, type Capability, type GeneratedExchangeText, type PromptGenerator, type PromptRequest, type Rng } from './types.js';

const gunzipAsync = promisify(gunzip);

export class CorpusError extends Error {}

interface Entry {
  prompt: string;
  system: string | null;
  /** The prompt already asks for step-by-step reasoning (decided once at load, not per request). */
  cot: boolean;
}

/** A set of prompts, indexed by capability. */
class Pool {
  readonly all: Entry[] = [];
  readonly byCap = new Map<Capability, Entry[]>(CAPABILITIES.map((c) => [c, []]));
  add(e: Entry, c: Capability): void {
    this.all.push(e);
    this.byCap.get(c)!.push(e);
  }
  /** A prompt of the capability, or of any capability when the pool has none of it. */
  pick(c: Capability, rng: Rng): Entry {
    const xs = this.byCap.get(c)!;
    const from = xs.length > 0 ? xs : this.all;
    return from[rng.int(from.length)]!;
  }
  pinned(c: Capability, key: string): Entry {
    const xs = this.byCap.get(c)!.length > 0 ? this.byCap.get(c)! : this.all;
    return xs[hashString(key) % xs.length]!;
  }
}

// ---- classification ------------------------------------------------------------------------------------

const RUBRIC_WORDS = ['rubric', 'grade this', 'grade my', 'grade the', 'score the', 'score this', 'rate the', 'rate my', 'rate this', 'on a scale of', 'out of 10', 'evaluate the quality', 'as a judge', 'which response is better', 'give it a score'];
const AGENT_WORDS = ['tool', 'function call', 'search the web', 'browse', 'agent', 'api call', 'execute the command', 'terminal', 'navigate to', 'click on'];
const PLAN_WORDS = [' plan ', 'plan for', 'plan to', 'a plan', 'roadmap', 'timeline', 'milestone', 'itinerary', 'schedule for', 'strategy for', 'step-by-step guide', 'week 1'];
const CODE_WORDS = ['code', 'function', 'python', 'javascript', 'typescript', 'java ', 'c++', 'c#', 'sql', 'program', 'script', 'bug', 'compile', 'algorithm', 'def ', 'class ', 'html', 'css', 'regex', 'json', '```', 'implement', 'array', 'string s', 'return the', 'import '];
const MATH_WORDS = ['solve', 'calculate', 'how many', 'how much', 'probability', 'equation', 'prove', 'math', 'sum of', 'riddle', 'puzzle', 'percent', 'what is the value', 'integer', 'divisible', 'average speed'];

const hasAny = (text: string, words: readonly string[]) => words.some((w) => text.includes(w));

/** The capability a corpus prompt is after, by keyword rules (category hints first). */
export function classifyPrompt(prompt: string, category: string | null): Capability {
  const cat = (category ?? '').toLowerCase();
  if (cat.includes('code') || cat.includes('coding') || cat.includes('computer')) return 'software_engineering';
  if (cat === 'math' || cat.includes('reasoning') || cat.includes('math')) return 'reasoning';
  const t = ` ${prompt.slice(0, 3000).toLowerCase()} `;
  if (hasAny(t, RUBRIC_WORDS)) return 'rubric_grading';
  if (hasAny(t, AGENT_WORDS)) return 'agentic_tool_use';
  if (hasAny(t, PLAN_WORDS)) return 'long_horizon_planning';
  if (hasAny(t, CODE_WORDS)) return 'software_engineering';
  if (hasAny(t, MATH_WORDS)) return 'reasoning';
  return 'general';
}

// ---- loading ------------------------------------------------------------------------------------------

interface LoadedFile {
  file: string;
  rows: { entry: Entry; category: string | null }[];
}

async function listJsonlGz(dir: string, sub: string): Promise<string[]> {
  const d = join(dir, sub);
  let names: string[];
  try {
    names = await readdir(d);
  } catch {
    throw new CorpusError(`prompt corpus ${dir}: missing subfolder ${sub}/ (expected benign/ and distill/ with *.jsonl.gz files)`);
  }
  const files = names.filter((n) => n.endsWith('.jsonl.gz')).sort().map((n) => join(d, n));
  if (files.length === 0) throw new CorpusError(`prompt corpus ${dir}: ${sub}/ has no *.jsonl.gz files`);
  return files;
}

async function loadFile(file: string): Promise<LoadedFile> {
  let text: string;
  try {
    text = (await gunzipAsync(await readFile(file))).toString('utf8');
  } catch (e) {
    throw new CorpusError(`${file}: cannot read gzipped JSON Lines (${(e as Error).message})`);
  }
  const rows: LoadedFile['rows'] = [];
  let line = 0;
  for (const raw of text.split('\n')) {
    line++;
    if (raw.trim() === '') continue;
    let o: unknown;
    try {
      o = JSON.parse(raw);
    } catch (e) {
      throw new CorpusError(`${file}:${line}: invalid JSON (${(e as Error).message})`);
    }
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new CorpusError(`${file}:${line}: expected a JSON object`);
    const r = o as Record<string, unknown>;
    if (typeof r.prompt !== 'string' || r.prompt.trim() === '') throw new CorpusError(`${file}:${line}: field "prompt" must be a non-empty string`);
    if (r.system !== undefined && r.system !== null && typeof r.system !== 'string') throw new CorpusError(`${file}:${line}: field "system" must be a string`);
    if (r.tools !== undefined && r.tools !== null && !Array.isArray(r.tools)) throw new CorpusError(`${file}:${line}: field "tools" must be an array`);
    if (r.category !== undefined && r.category !== null && typeof r.category !== 'string') throw new CorpusError(`${file}:${line}: field "category" must be a string`);
    if (r.source !== undefined && typeof r.source !== 'string') throw new CorpusError(`${file}:${line}: field "source" must be a string`);
    rows.push({ entry: { prompt: r.prompt, system: (r.system as string | undefined) ?? null, cot: hasCot(r.prompt) }, category: (r.category as string | undefined) ?? null });
  }
  if (rows.length === 0) throw new CorpusError(`${file}: no prompts`);
  return { file, rows };
}

/** Meta-prompts that wrap a seed instruction (self-instruct / evol-instruct style), split at the slot. */
interface Wrapper {
  head: string;
  tail: string;
  cot: boolean;
}
const SLOTS = ['{instruction}', '{code}', '{}'];
// Fixed fillers for the meta-prompts' other placeholders (fixed so a wrapper stays one skeleton).
const FILL: Record<string, string> = { '{language}': 'English', '{batch_size}': '10', '{flesch}': 'Use clear language a high-school student can follow.' };

function toWrapper(meta: string): Wrapper | null {
  let text = meta;
  for (const [k, v] of Object.entries(FILL)) text = text.split(k).join(v);
  for (const s of SLOTS) {
    const i = text.indexOf(s);
    if (i >= 0) return { head: text.slice(0, i), tail: text.slice(i + s.length), cot: hasCot(text) };
  }
  const g = text.indexOf('#The Given Prompt#:');
  if (g >= 0) {
    const end = g + '#The Given Prompt#:'.length;
    return { head: `${text.slice(0, end)}\n`, tail: `\n${text.slice(end)}`, cot: hasCot(text) };
  }
  return null;
}

const BENCH_ALIASES: Record<string, string> = { 'gsm-8k': 'gsm8k', gsm: 'gsm8k', 'human-eval': 'humaneval', mbpp: 'humaneval' };
const LOWER_MARKERS = COT_MARKERS.map((m) => m.toLowerCase());
const hasCot = (s: string) => {
  const t = s.toLowerCase();
  return LOWER_MARKERS.some((m) => t.includes(m));
};

const BATCH_INSTRUCTIONS = [
  'Classify the sentiment of the following text as positive, negative or neutral. Reply with one word.',
  'Summarise the following text in one sentence.',
  'Extract the named entities (people, organisations, places) from the following text. Return JSON.',
  'Assign one topic label to the following text from: technology, health, finance, education, entertainment, other.',
  'Does the following message need a human agent? Answer yes or no.',
  'Detect the language of the following text. Return the ISO 639-1 code only.',
];

/** Loads a corpus directory and returns a generator over it. */
export async function corpusPromptGenerator(dir: string): Promise<PromptGenerator> {
  const root = resolve(dir);
  try {
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new CorpusError(`prompt corpus directory not found: ${dir} (expected benign/ and distill/ subfolders of *.jsonl.gz)`);
  }
  const [benignFiles, distillFiles] = await Promise.all([listJsonlGz(root, 'benign'), listJsonlGz(root, 'distill')]);
  const benign = new Pool();
  const distill = new Pool();
  const benchmarks = new Map<string, Pool>();
  const wrappers: Wrapper[] = [];
  for (const f of await Promise.all(benignFiles.map(loadFile))) for (const r of f.rows) benign.add(r.entry, classifyPrompt(r.entry.prompt, r.category));
  for (const f of await Promise.all(distillFiles.map(loadFile))) {
    const name = basename(f.file, '.jsonl.gz').toLowerCase();
    if (name.includes('meta')) {
      // Generation meta-prompts are templates, not questions: the wrapping ones shape campaign templates.
      for (const r of f.rows) {
        const w = toWrapper(r.entry.prompt);
        if (w) wrappers.push(w);
      }
      continue;
    }
    const bench = ['gsm8k', 'humaneval', 'mbpp', 'math', 'mmlu', 'swe'].find((b) => name.includes(b));
    let bp: Pool | undefined;
    if (bench) benchmarks.set(bench, (bp = benchmarks.get(bench) ?? new Pool()));
    for (const r of f.rows) {
      const c = classifyPrompt(r.entry.prompt, r.category);
      distill.add(r.entry, c);
      bp?.add(r.entry, c);
    }
  }
  const cotAttack = lex.get('cotAttack');
  const cotHarness = lex.get('cotHarness');
  const cotCasual = lex.get('cotCasual');
  const reply = (p: string) => `Here is a response to "${p.length > 60 ? `${p.slice(0, 60)}…` : p}".`;

  function attack(req: PromptRequest, rng: Rng): GeneratedExchangeText {
    const seedEntry = distill.pick(req.capability, rng);
    let prompt = seedEntry.prompt;
    let system = seedEntry.system;
    let seed = 0;
    let p = 1;
    let cotAlready = seedEntry.cot;
    if (req.templateKey !== undefined) {
      seed = hashString(`corpus:${req.capability}|${req.templateKey}`);
      p = Math.min(1, Math.max(0, req.paraphrase));
      system = campaignSystem(campaignOf(req.templateKey)) ?? system;
      // Most templates wrap each seed prompt in one meta-prompt; paraphrase drops the wrapper.
      const wrapped = wrappers.length > 0 && mix(seed, 1) % 10 < 7 && !(p > 0 && rng.next() < p);
      if (wrapped) {
        const w = wrappers[mix(seed, 2) % wrappers.length]!;
        prompt = w.head + prompt + w.tail;
        cotAlready ||= w.cot;
      }
    }
    if (req.chainOfThought && !cotAlready) {
      const ctx: Ctx = { rng, seed, p, vars: {} };
      prompt += `\n\n${expandChoice(cotAttack, ctx)}`;
    }
    return { system, prompt, response: reply(seedEntry.prompt) };
  }

  function evalRunner(req: PromptRequest, rng: Rng): GeneratedExchangeText {
    const b = req.benchmark?.toLowerCase();
    const pool = (b && (benchmarks.get(b) ?? benchmarks.get(BENCH_ALIASES[b] ?? ''))) || distill;
    const e = pool.pick(req.capability, rng);
    const key = req.templateKey ?? b ?? 'eval';
    const qa = hashString(`harness:${key}`) % 2 === 1;
    let prompt = qa ? `Question: ${e.prompt}\nAnswer:` : e.prompt;
    if (req.chainOfThought) prompt += `${qa ? ' ' : '\n'}${expandChoice(cotHarness, { rng, seed: hashString(key), p: 0, vars: {} })}`;
    return { system: e.system, prompt, response: reply(e.prompt) };
  }

  function benignText(req: PromptRequest, rng: Rng): GeneratedExchangeText {
    const ctx: Ctx = { rng, seed: 0, p: 1, vars: {} };
    switch (req.persona) {
      case 'coding_agent': {
        if (req.turn > 1) return codingAgentText(req, rng); // tool results: not in the corpora
        const e = benign.pick(req.capability, rng);
        return { system: agentSystem(req.templateKey ?? 'default'), prompt: withCasualCot(e, req, ctx), response: reply(e.prompt) };
      }
      case 'batch_pipeline': {
        const key = req.templateKey ?? String(rng.int(1 << 30));
        const e = benign.pick(req.capability, rng);
        const prompt = `${BATCH_INSTRUCTIONS[hashString(`batch:${key}`) % BATCH_INSTRUCTIONS.length]}\n\nText: ${e.prompt}`;
        return { system: null, prompt, response: 'neutral' };
      }
      case 'university_class': {
        const e = req.templateKey !== undefined ? benign.pinned(req.capability, `class:${req.templateKey}`) : benign.pick(req.capability, rng);
        return { system: req.templateKey !== undefined ? courseSystem(req.templateKey) : null, prompt: studentWrap(e.prompt, req, ctx), response: reply(e.prompt) };
      }
      default: {
        const e = benign.pick(req.capability, rng);
        return { system: e.system, prompt: withCasualCot(e, req, ctx), response: reply(e.prompt) };
      }
    }
  }

  const seedInstruction: SeedInstructions = (pool, capability, index) => distill.pinned(capability, `${pool}:${index}`).prompt;

  function withCasualCot(e: Entry, req: PromptRequest, ctx: Ctx): string {
    return req.chainOfThought && !e.cot ? `${e.prompt}\n\n${expandChoice(cotCasual, ctx)}` : e.prompt;
  }

  return {
    name: `corpus:${dir}`,
    generate(req: PromptRequest, rng: Rng): GeneratedExchangeText {
      checkRequest(req);
      // Styles whose text corpora do not hold (probes, follow-up turns) are the built-in generator's; a
      // self-instruct campaign grows its instruction set from the corpus's harvest prompts.
      if (req.style === 'probes') return probeText(req, rng);
      if (req.style === 'chat_followups' && req.turn > 1) return followUpText(req, rng);
      if (req.style === 'self_instruct') return selfInstructText(req, rng, seedInstruction);
      if (req.persona === 'attack') return attack(req, rng);
      if (req.persona === 'eval_runner') return evalRunner(req, rng);
      return benignText(req, rng);
    },
  };
}
