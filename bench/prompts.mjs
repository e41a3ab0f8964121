#!/usr/bin/env node
// bench/prompts: throughput of the prompt generators on one core, per persona and mixed, against the bare
// cost of JSON-encoding the same texts (what the simulator pays anyway to write them).
// Usage: node bench/prompts.mjs [--n 300000] [--corpora ../shared/corpora] [--record]
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ROOT, arg, flag, fmt, machine, recordSection } from './lib.mjs';
import { builtinPromptGenerator, corpusPromptGenerator, CAPABILITIES, PROMPT_PERSONAS, SeededRng } from '../dist/simulate/prompts/index.js';

const n = Number(arg('n', '300000'));
const corpora = resolve(arg('corpora', `${ROOT}../shared/corpora`));

// Requests shaped like the simulator's: template keys where personas have them, some CoT, some follow-ups.
function requests(persona) {
  const out = [];
  for (const capability of CAPABILITIES)
    for (let k = 0; k < 4; k++)
      out.push({
        persona,
        capability,
        chainOfThought: k % 2 === 1,
        templateKey: persona === 'attack' ? `campaign:bench:t${k}` : persona === 'eval_runner' ? 'bench:gsm8k' : ['batch_pipeline', 'university_class', 'coding_agent'].includes(persona) ? `${persona}:k${k}` : undefined,
        paraphrase: persona === 'attack' ? [0, 0.25, 0.6, 1][k] : 0.1,
        turn: persona === 'coding_agent' || persona === 'chat_user' ? 1 + (k % 3) : 1,
        benchmark: persona === 'eval_runner' ? ['gsm8k', 'humaneval', 'math', 'mmlu'][k] : undefined,
      });
  return out;
}

// Consumed as the simulator does: each text is encoded into its output line right away (system prompts
// are shared and the simulator encodes each one once, so they are not encoded here).
function run(gen, reqs, count) {
  const rng = new SeededRng(1);
  for (let i = 0; i < 5000; i++) gen.generate(reqs[i % reqs.length], rng); // warm-up
  let sink = 0;
  let t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += gen.generate(reqs[i % reqs.length], rng).prompt.length;
  const genS = Number(process.hrtime.bigint() - t0) / 1e9;
  let chars = 0;
  t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t = gen.generate(reqs[i % reqs.length], rng);
    chars += JSON.stringify(t.prompt).length + JSON.stringify(t.response).length;
  }
  const bothS = Number(process.hrtime.bigint() - t0) / 1e9;
  // Baseline: encoding ready-made texts of the same mix (a sample cycled), the bare cost of writing them.
  const sample = Array.from({ length: 2000 }, (_, i) => gen.generate(reqs[i % reqs.length], rng));
  for (const t of sample) JSON.stringify(t.prompt); // flatten once
  t0 = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t = sample[i % sample.length];
    sink += JSON.stringify(t.prompt).length + JSON.stringify(t.response).length;
  }
  const bareS = Number(process.hrtime.bigint() - t0) / 1e9;
  if (sink < 0) console.log(sink);
  return { genS, bothS, bareS, chars: chars / count };
}

const builtin = builtinPromptGenerator();
const rows = [];
for (const persona of PROMPT_PERSONAS) {
  const r = run(builtin, requests(persona), Math.round(n / 4));
  rows.push({ name: `builtin \`${persona}\``, ...r, count: Math.round(n / 4) });
  console.error(`${persona}: ${fmt(rows.at(-1).count / r.genS)} prompts/s`);
}
const mixed = PROMPT_PERSONAS.flatMap(requests);
const all = run(builtin, mixed, n);
rows.push({ name: '**builtin, all personas mixed**', ...all, count: n });
console.error(`mixed: ${fmt(n / all.genS)} prompts/s`);

let corpusNote = `Corpus generator: skipped (${corpora} absent).`;
if (existsSync(resolve(corpora, 'benign'))) {
  const t0 = process.hrtime.bigint();
  const cg = await corpusPromptGenerator(corpora);
  const loadS = Number(process.hrtime.bigint() - t0) / 1e9;
  const r = run(cg, mixed, n);
  rows.push({ name: 'corpus, all personas mixed', ...r, count: n });
  corpusNote = `Corpus generator over \`${relative(ROOT, corpora)}\`: loaded in ${loadS.toFixed(2)} s; peak RSS ${fmt(process.resourceUsage().maxRSS / 1024)} MiB for the whole benchmark.`;
}

const md = `
## Prompt generators (\`bench/prompts\`)

\`node bench/prompts.mjs --n ${n}\` on ${machine()}; one core, one process. "Generate" is the generator alone
(its output strings are left as concatenations); "+ encode" adds JSON-encoding the prompt and response, which
flattens them, as the simulator does for every line; the baseline is encoding ready-made texts of the same mix:
the bare cost of writing them. System prompts are shared and encoded once by the simulator, so not here.

| generator | prompts/s (generate) | prompts/s (generate + encode) | avg chars (prompt + response, JSON) | vs bare encode |
|---|---:|---:|---:|---:|
${rows.map((r) => `| ${r.name} | ${fmt(r.count / r.genS)} | ${fmt(r.count / r.bothS)} | ${fmt(r.chars)} | ${(r.bothS / r.bareS).toFixed(1)}x |`).join('\n')}

Target: well over 200,000 prompts/s from the built-in generator on one core (all personas mixed, generate + encode): ${n / all.bothS > 200_000 ? 'met' : 'NOT met'}.
${corpusNote}
`;
console.log(md.trim());
if (flag('record')) recordSection('prompts', md);
