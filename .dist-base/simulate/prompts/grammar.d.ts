import type { Rng } from './types.js';
export interface Ctx {
    rng: Rng;
    /** Template seed (from the templateKey); wording not redrawn is a function of it. */
    seed: number;
    /** 0..1: probability that a wording choice is redrawn from rng instead of fixed by the seed. */
    p: number;
    vars: Record<string, string>;
}
export type Part = string | Node;
export type Phrase = Part[];
type Node = Choice | Slot | Var | Num;
export interface Choice {
    k: 0;
    id: number;
    alts: Phrase[];
}
interface Slot {
    k: 1;
    name: string;
    list: Choice;
}
interface Var {
    k: 2;
    name: string;
}
interface Num {
    k: 3;
    name: string;
    lo: number;
    hi: number;
}
export declare class GrammarError extends Error {
}
/** Named lists of alternatives that phrases refer to with ‹@name› and ‹$name›. */
export declare class Lexicon {
    private readonly lists;
    private pending;
    /** Adds a named list; items may themselves be phrases. Returns the compiled list. */
    add(name: string, items: readonly string[]): Choice;
    get(name: string): Choice;
    has(name: string): boolean;
    /**
     * Binds references to lists that were defined after the phrases using them (modules load in import
     * order), and fails on names that were never defined. Call once every content module is loaded.
     */
    resolve(): void;
    /** The named list now, or a placeholder bound later by resolve(). */
    private ref;
    /** An anonymous list of alternatives. */
    list(items: readonly string[]): Choice;
    /**
     * Compiles a phrase. A node's id (what a template seed is mixed with) comes from the phrase's text and
     * the node's position in it, not from load order, so a key's wording does not depend on which module
     * happened to load first.
     */
    phrase(src: string): Phrase;
    private srcHash;
    private nodeId;
    private parseSeq;
    private parseNode;
}
/** Expands a phrase into text. */
export declare function expand(phrase: Phrase, ctx: Ctx): string;
/** Expands a choice (a list) once. */
export declare const expandChoice: (c: Choice, ctx: Ctx) => string;
/** A context in which everything is drawn fresh from rng (free-form text, no shared skeleton). */
export declare const freeCtx: (rng: Rng) => Ctx;
/** Upper-cases the first letter. */
export declare const cap: (s: string) => string;
/** The shared lexicon every content module adds its lists to. */
export declare const lex: Lexicon;
/** Compiles a phrase against the shared lexicon. */
export declare const P: (src: string) => Phrase;
/** An anonymous list of phrases against the shared lexicon. */
export declare const A: (items: readonly string[]) => Choice;
export {};
