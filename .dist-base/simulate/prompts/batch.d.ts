import './lexicon.js';
import type { GeneratedExchangeText, PromptRequest, Rng } from './types.js';
export declare function batchText(req: PromptRequest, rng: Rng): GeneratedExchangeText;
