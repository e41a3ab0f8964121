import { type Capability, type PromptGenerator } from './types.js';
export declare class CorpusError extends Error {
}
/** The capability a corpus prompt is after, by keyword rules (category hints first). */
export declare function classifyPrompt(prompt: string, category: string | null): Capability;
/** Loads a corpus directory and returns a generator over it. */
export declare function corpusPromptGenerator(dir: string): Promise<PromptGenerator>;
