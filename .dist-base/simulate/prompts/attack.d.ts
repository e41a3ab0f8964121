import './lexicon.js';
import './cot.js';
import type { GeneratedExchangeText, PromptRequest, Rng } from './types.js';
/** The campaign's system prompt: a pure function of its id (often a long fixed instruction, sometimes none). */
export declare function campaignSystem(campaignId: string): string | null;
/** `campaign:<id>:t<k>` → `<id>`; any other key is its own campaign. */
export declare function campaignOf(templateKey: string): string;
/** Generates one attack exchange's text. */
export declare function attackText(req: PromptRequest, rng: Rng): GeneratedExchangeText;
