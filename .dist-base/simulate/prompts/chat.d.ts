import './lexicon.js';
import './cot.js';
import type { GeneratedExchangeText, PromptRequest, Rng } from './types.js';
/** Free-form chat text for one request. */
export declare function chatText(req: PromptRequest, rng: Rng, opts?: {
    relay?: boolean;
}): GeneratedExchangeText;
