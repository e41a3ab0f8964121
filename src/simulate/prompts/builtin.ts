/** The built-in generator: our own templates for every persona and capability. */
import { codingAgentText } from './agent.js';
import { attackText } from './attack.js';
import { batchText } from './batch.js';
import { chatText } from './chat.js';
import { classroomText } from './classroom.js';
import { evalText } from './evals.js';
import { followUpText } from './followups.js';
import { probeText } from './probes.js';
import { selfInstructText } from './selfinstruct.js';
import { researcherText } from './researcher.js';
import { CAPABILITIES, PROMPT_STYLES, type GeneratedExchangeText, type PromptGenerator, type PromptRequest, type Rng } from './types.js';

import { lex } from './grammar.js';

// Every content module is loaded now: bind cross-module list references (and fail early on a typo).
lex.resolve();

const CAPS = new Set<string>(CAPABILITIES);
const STYLES = new Set<string>(PROMPT_STYLES);

/** Rejects requests the generators cannot serve, naming the field (a simulator bug, not bad luck). */
export function checkRequest(req: PromptRequest): void {
  if (!CAPS.has(req.capability)) throw new Error(`prompt request: unknown capability "${String(req.capability)}"`);
  if (!(req.turn >= 1)) throw new Error(`prompt request: turn must be >= 1, got ${String(req.turn)}`);
  if (!(req.paraphrase >= 0 && req.paraphrase <= 1)) throw new Error(`prompt request: paraphrase must be in [0, 1], got ${String(req.paraphrase)}`);
  if (req.style !== undefined && !STYLES.has(req.style)) throw new Error(`prompt request: unknown style "${String(req.style)}"`);
}

export function builtinGenerate(req: PromptRequest, rng: Rng): GeneratedExchangeText {
  switch (req.style) {
    case 'self_instruct':
      return selfInstructText(req, rng);
    case 'probes':
      return probeText(req, rng);
    case 'chat_followups':
      if (req.turn > 1) return followUpText(req, rng);
      break;
    default:
  }
  switch (req.persona) {
    case 'attack':
      return attackText(req, rng);
    case 'chat_user':
      return chatText(req, rng);
    case 'relay':
      return chatText(req, rng, { relay: true });
    case 'coding_agent':
      return codingAgentText(req, rng);
    case 'batch_pipeline':
      return batchText(req, rng);
    case 'eval_runner':
      return evalText(req, rng);
    case 'university_class':
      return classroomText(req, rng);
    case 'researcher':
      return researcherText(req, rng);
    default:
      throw new Error(`prompt request: unknown persona "${String((req as { persona: unknown }).persona)}"`);
  }
}

/** The package's own prompt generator: templates with slots and word lists, written for this project. */
export function builtinPromptGenerator(): PromptGenerator {
  return {
    name: 'builtin',
    generate(req: PromptRequest, rng: Rng): GeneratedExchangeText {
      checkRequest(req);
      return builtinGenerate(req, rng);
    },
  };
}

