import { type GeneratedExchangeText, type PromptGenerator, type PromptRequest, type Rng } from './types.js';
/** Rejects requests the generators cannot serve, naming the field (a simulator bug, not bad luck). */
export declare function checkRequest(req: PromptRequest): void;
export declare function builtinGenerate(req: PromptRequest, rng: Rng): GeneratedExchangeText;
/** The package's own prompt generator: templates with slots and word lists, written for this project. */
export declare function builtinPromptGenerator(): PromptGenerator;
