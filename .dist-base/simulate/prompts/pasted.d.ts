/**
 * Longer text people paste into prompts: news items, meeting notes, email threads, reviews, support
 * tickets, call transcripts and paper abstracts. Built from sentence grammars, so lengths and contents vary.
 */
import { type Ctx } from './grammar.js';
import './lexicon.js';
export type PastedKind = 'news' | 'meeting' | 'email' | 'review' | 'ticket' | 'transcript' | 'abstract';
/**
 * n sentences of the given kind, without repeats while the list lasts. News opens with its lead and
 * emails with a greeting and end with a sign-off; a call transcript runs in order.
 */
export declare function pasted(ctx: Ctx, kind: PastedKind, n: number): string;
