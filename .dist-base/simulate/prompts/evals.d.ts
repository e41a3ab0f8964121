import './lexicon.js';
import './cot.js';
import type { GeneratedExchangeText, PromptRequest, Rng } from './types.js';
/** The benchmarks the built-in generator knows (aliases map onto them). */
export declare const KNOWN_BENCHMARKS: string[];
export declare function evalText(req: PromptRequest, rng: Rng): GeneratedExchangeText;
