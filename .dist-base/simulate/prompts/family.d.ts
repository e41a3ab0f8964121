/** A family of prompts: a core phrase with slots, a stand-in answer, and optional code that sets vars. */
import { type Ctx, type Phrase } from './grammar.js';
export interface Family {
    /** Sets vars the phrases use (problems, code), drawing from ctx.rng. */
    setup?: (ctx: Ctx) => void;
    core: Phrase;
    answer: Phrase;
    /** The core spans several lines (code, transcripts, tool lists): it reads as its own block. */
    multiline: boolean;
}
export declare const F: (core: string, answer: string, setup?: (ctx: Ctx) => void) => Family;
/** Runs a family: setup, then the prompt, then the answer (which may use the prompt's slots). */
export declare function runFamily(f: Family, ctx: Ctx): {
    prompt: string;
    response: string;
};
