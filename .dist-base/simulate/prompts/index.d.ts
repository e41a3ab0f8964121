/**
 * Prompt generators for the traffic simulator.
 *
 * - `builtinPromptGenerator()`: our own templates for every persona, capability and tactic (what the demo
 *   and most tests run on).
 * - `corpusPromptGenerator(dir)`: real prompts from a directory in the ../shared/corpora format
 *   (benign/ and distill/ subfolders of *.jsonl.gz with a `prompt` field).
 *
 * How `templateKey` is read, by persona (the key is always optional):
 * - attack: `campaign:<id>:t<k>` is template k of campaign <id>; the campaign's system prompt is a
 *   function of <id>, the template's skeleton of the whole key. Any other string is its own campaign.
 * - coding_agent: the agent product (e.g. `agent:acme-code`); its long system prompt is a function of it.
 * - batch_pipeline: the pipeline's one template. university_class: the class + assignment.
 * - eval_runner: the harness (prompt format, few-shot examples); `benchmark` chooses the item bank.
 * - chat_user, relay, researcher: ignored (free-form traffic).
 * Generators draw only from the rng they are given; anything derived from a key is a pure function of it.
 */
export type { Capability, GeneratedExchangeText, PromptGenerator, PromptPersona, PromptRequest, Rng } from './types.js';
export { CAPABILITIES, PROMPT_PERSONAS } from './types.js';
export { builtinPromptGenerator } from './builtin.js';
export { corpusPromptGenerator, CorpusError } from './corpus.js';
export { COT_MARKERS } from './cot.js';
export { KNOWN_BENCHMARKS } from './evals.js';
export { SeededRng, seededRng } from './rng.js';
