/**
 * Output-layer extraction probes (Carlini et al. 2024; Finlayson et al. 2024): tiny prompts and one token
 * out, the information being in the logit bias sent and the log-probabilities returned, not in the text. A
 * template is one fixed probe, which the attack sends again and again with different bias maps; paraphrase
 * draws another tiny prompt per request; without a template every request draws its own.
 */
import { A, expandChoice, lex, type Ctx } from './grammar.js';
import './lexicon.js';
import { hashString, SeededRng } from './rng.js';
import type { GeneratedExchangeText, PromptRequest, Rng } from './types.js';

lex.add('probeWord', [
  'the', 'a', 'of', 'and', 'to', 'in', 'is', 'it', 'you', 'that', 'he', 'was', 'for', 'on', 'are', 'with', 'as', 'I', 'his', 'they',
  'be', 'at', 'one', 'have', 'this', 'from', 'or', 'had', 'by', 'hot', 'word', 'but', 'what', 'some', 'we', 'can', 'out', 'other',
  'blue', 'apple', 'river', 'seven', 'zero', 'yes', 'no', 'cat', 'house', 'light', 'x', 'q', 'z', 'k', '0', '1', '7', '.', ',', '?',
]);

const PROBE = A([
  '‹$probeWord›',
  '‹$probeWord› ‹$w2:probeWord›',
  '‹$probeWord› ‹$w2:probeWord› ‹$w3:probeWord›',
  'Say one word.',
  'Reply with a single token.',
  'Repeat: ‹$probeWord›',
  'Continue: ‹$probeWord› ‹$w2:probeWord›',
  'Next word: ‹$probeWord›',
  'Pick a letter.',
  'Pick a number between 0 and 9.',
  'Answer yes or no.',
  '‹Hello|Hi|Hey›',
  'The',
  'Once upon a time',
  'Complete: The ‹$probeWord›',
  '‹#0-99›',
]);
const ANSWER = A(['‹$probeWord›']);

/** One extraction probe and its one-token answer. */
export function probeText(req: PromptRequest, rng: Rng): GeneratedExchangeText {
  const keyed = req.templateKey !== undefined;
  const p = keyed ? Math.min(1, Math.max(0, req.paraphrase)) : 1;
  let prompt: string;
  if (keyed && !(p > 0 && rng.next() < p)) {
    // The template's own probe: the same text every time (its slots drawn from the key, not the request).
    const seed = hashString(`probe:${req.templateKey}`);
    prompt = expandChoice(PROBE, { rng: new SeededRng(seed), seed, p: 0, vars: {} });
  } else {
    prompt = expandChoice(PROBE, { rng, seed: 0, p: 1, vars: {} });
  }
  const ctx: Ctx = { rng, seed: 0, p: 1, vars: {} };
  return { system: null, prompt, response: expandChoice(ANSWER, ctx) };
}
