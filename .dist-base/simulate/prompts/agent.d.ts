import './lexicon.js';
import './cot.js';
import type { GeneratedExchangeText, PromptRequest, Rng } from './types.js';
/** The product's system prompt: a pure function of its key (a few KB, identical for all its users). */
export declare function agentSystem(product: string): string;
export declare function codingAgentText(req: PromptRequest, rng: Rng): GeneratedExchangeText;
