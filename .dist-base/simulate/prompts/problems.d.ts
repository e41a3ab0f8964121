/**
 * Problem generators with computed answers: grade-school word problems, competition-style math and
 * logic puzzles. Numbers come from ctx.rng; wording from the grammar (so a template seed can pin it).
 * Shared by the attack, eval runners, students, chat users and researchers.
 */
import { type Ctx } from './grammar.js';
import './lexicon.js';
export interface Problem {
    text: string;
    answer: string;
}
export type ProblemMaker = (ctx: Ctx) => Problem;
export declare const gradeSchool: readonly ProblemMaker[];
export declare const competition: readonly ProblemMaker[];
export declare const logic: readonly ProblemMaker[];
/** Every problem maker, by flavour. */
export declare const PROBLEMS: {
    readonly gradeSchool: readonly ProblemMaker[];
    readonly competition: readonly ProblemMaker[];
    readonly logic: readonly ProblemMaker[];
};
