import './lexicon.js';
import './cot.js';
import type { GeneratedExchangeText, PromptRequest, Rng } from './types.js';
export declare function researcherText(req: PromptRequest, rng: Rng): GeneratedExchangeText;
