/**
 * Code-shaped material for prompts: buggy snippets (with what they should do and how they fail), stack
 * traces, test-runner output and HumanEval-style function specifications with computed examples. All
 * written for this project; identifiers vary so that no two requests paste byte-identical code.
 */
import { type Ctx } from './grammar.js';
export interface Snippet {
    lang: string;
    code: string;
    /** What the code is meant to do. */
    purpose: string;
    /** How it misbehaves. */
    symptom: string;
    /** The fix, in a sentence (for the stand-in answer). */
    fix: string;
}
export declare const buggySnippet: (ctx: Ctx) => Snippet;
/** A stack trace (Python, Node or Java) with varying files, lines and messages. */
export declare function stackTrace(ctx: Ctx): {
    lang: string;
    trace: string;
    error: string;
};
/** Output of a failing test run. */
export declare function testFailure(ctx: Ctx): string;
export interface FunctionSpec {
    /** The Python stub: signature, docstring, doctest examples. */
    stub: string;
    name: string;
    /** One-line description (for prose prompts). */
    summary: string;
}
export declare const functionSpec: (ctx: Ctx) => FunctionSpec;
