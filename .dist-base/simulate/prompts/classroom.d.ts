/**
 * University classes and hackathons: one assignment per templateKey (class + assignment), pasted by many
 * students with small variations of their own (greetings, "please help", partial pastes, their answer so
 * far). The assignment text, numbers included, is a pure function of the key, as it is on the handout.
 */
import { type Ctx } from './grammar.js';
import './lexicon.js';
import './cot.js';
import type { GeneratedExchangeText, PromptRequest, Rng } from './types.js';
/** A student's own words around pasted text: greeting, partial or lower-cased paste, closing, CoT ask. */
export declare function studentWrap(text: string, req: PromptRequest, ctx: Ctx): string;
export declare function classroomText(req: PromptRequest, rng: Rng): GeneratedExchangeText;
