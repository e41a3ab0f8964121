/**
 * A tiny phrase grammar, compiled once at load time so that generating text is only array walks and
 * string concatenation (no regexes, no parsing per prompt).
 *
 * Syntax inside a phrase (guillemets, because code and JSON in prompts are full of braces):
 *   ‹a|b|c›        wording: one alternative (may nest; an empty alternative makes the part optional)
 *   ‹@name›        wording from a named list of the lexicon
 *   ‹$name›        slot: a value from the named list, always drawn fresh, remembered as var `name`
 *   ‹$var:name›    slot from list `name`, remembered as var `var`
 *   ‹^var›         the value of a var (set by a slot or by code before expansion)
 *   ‹#lo-hi›       a random integer in [lo, hi]; ‹#var:lo-hi› also remembers it
 *
 * Wording and slots differ in who decides: a slot always varies (it is the content: the language, the
 * numbers), while wording is what `paraphrase` controls. With a template seed and paraphrase 0, every
 * wording choice is a fixed function of (seed, place in the grammar), so all prompts of one template share
 * their skeleton exactly; with paraphrase p each wording choice is redrawn with probability p.
 */
import { hashString, mix } from './rng.js';
export class GrammarError extends Error {
}
/** Named lists of alternatives that phrases refer to with ‹@name› and ‹$name›. */
export class Lexicon {
    lists = new Map();
    pending = [];
    /** Adds a named list; items may themselves be phrases. Returns the compiled list. */
    add(name, items) {
        if (this.lists.has(name))
            throw new GrammarError(`lexicon list "${name}" defined twice`);
        const c = this.list(items);
        this.lists.set(name, c);
        return c;
    }
    get(name) {
        const c = this.lists.get(name);
        if (!c)
            throw new GrammarError(`unknown lexicon list "${name}"`);
        return c;
    }
    has(name) {
        return this.lists.has(name);
    }
    /**
     * Binds references to lists that were defined after the phrases using them (modules load in import
     * order), and fails on names that were never defined. Call once every content module is loaded.
     */
    resolve() {
        const missing = this.pending.filter((p) => !this.lists.has(p.name)).map((p) => p.name);
        if (missing.length > 0)
            throw new GrammarError(`unknown lexicon list(s): ${[...new Set(missing)].join(', ')}`);
        for (const p of this.pending)
            p.fill(this.lists.get(p.name));
        this.pending = [];
    }
    /** The named list now, or a placeholder bound later by resolve(). */
    ref(name, fill) {
        const c = this.lists.get(name);
        if (c)
            fill(c);
        else
            this.pending.push({ name, fill });
    }
    /** An anonymous list of alternatives. */
    list(items) {
        if (items.length === 0)
            throw new GrammarError('empty list of alternatives');
        return { k: 0, id: hashString(items.join('\u0001')), alts: items.map((s) => this.phrase(s)) };
    }
    /**
     * Compiles a phrase. A node's id (what a template seed is mixed with) comes from the phrase's text and
     * the node's position in it, not from load order, so a key's wording does not depend on which module
     * happened to load first.
     */
    phrase(src) {
        this.srcHash = hashString(src);
        return this.parseSeq(src, 0, src.length, 0);
    }
    srcHash = 0;
    nodeId(at) {
        return mix(this.srcHash, at);
    }
    parseSeq(src, from, to, base) {
        const out = [];
        let lit = '';
        let i = from;
        while (i < to) {
            const ch = src[i];
            if (ch === '›')
                throw new GrammarError(`unbalanced › at ${i} in: ${src.slice(0, 80)}`);
            if (ch !== '‹') {
                lit += ch;
                i++;
                continue;
            }
            const end = matching(src, i, to);
            if (lit)
                out.push(lit);
            lit = '';
            out.push(this.parseNode(src.slice(i + 1, end), src, base + i + 1));
            i = end + 1;
        }
        if (lit)
            out.push(lit);
        return out;
    }
    parseNode(inner, whole, at) {
        const sigil = inner[0];
        if (sigil === '@') {
            const node = { k: 0, id: this.nodeId(at), alts: [] };
            this.ref(inner.slice(1), (c) => (node.alts = c.alts));
            return node;
        }
        if (sigil === '$') {
            const [v, name] = inner.includes(':') ? inner.slice(1).split(':') : [inner.slice(1), inner.slice(1)];
            const node = { k: 1, name: v, list: { k: 0, id: 0, alts: [] } };
            this.ref(name, (c) => (node.list = c));
            return node;
        }
        if (sigil === '^')
            return { k: 2, name: inner.slice(1) };
        if (sigil === '#') {
            const body = inner.slice(1);
            const [v, range] = body.includes(':') ? body.split(':') : ['', body];
            const [lo, hi] = range.split('-').map(Number);
            if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo)
                throw new GrammarError(`bad number range ‹${inner}› in: ${whole.slice(0, 80)}`);
            return { k: 3, name: v, lo: lo, hi: hi };
        }
        // Alternatives, split on | at this level only.
        const alts = [];
        let depth = 0;
        let start = 0;
        for (let j = 0; j < inner.length; j++) {
            const c = inner[j];
            if (c === '‹')
                depth++;
            else if (c === '›')
                depth--;
            else if (c === '|' && depth === 0) {
                alts.push(this.parseSeq(inner, start, j, at));
                start = j + 1;
            }
        }
        alts.push(this.parseSeq(inner, start, inner.length, at));
        return { k: 0, id: this.nodeId(at), alts };
    }
}
function matching(src, open, to) {
    let depth = 0;
    for (let j = open; j < to; j++) {
        if (src[j] === '‹')
            depth++;
        else if (src[j] === '›' && --depth === 0)
            return j;
    }
    throw new GrammarError(`unclosed ‹ at ${open} in: ${src.slice(0, 80)}`);
}
function choose(id, n, ctx) {
    if (ctx.p >= 1 || (ctx.p > 0 && ctx.rng.next() < ctx.p))
        return ctx.rng.int(n);
    return mix(ctx.seed, id) % n;
}
/** Expands a phrase into text. */
export function expand(phrase, ctx) {
    let s = '';
    for (let i = 0; i < phrase.length; i++) {
        const part = phrase[i];
        s += typeof part === 'string' ? part : expandNode(part, ctx);
    }
    return s;
}
function expandNode(n, ctx) {
    switch (n.k) {
        case 0:
            if (n.alts.length === 0)
                throw new GrammarError('phrase uses a lexicon list before lex.resolve() bound it');
            return expand(n.alts[n.alts.length === 1 ? 0 : choose(n.id, n.alts.length, ctx)], ctx);
        case 1: {
            const alts = n.list.alts;
            if (alts.length === 0)
                throw new GrammarError(`slot "${n.name}" used before lex.resolve() bound its list`);
            const v = expand(alts[ctx.rng.int(alts.length)], ctx);
            ctx.vars[n.name] = v;
            return v;
        }
        case 2: {
            const v = ctx.vars[n.name];
            if (v === undefined)
                throw new GrammarError(`var "${n.name}" used before it was set`);
            return v;
        }
        case 3: {
            const v = String(n.lo + ctx.rng.int(n.hi - n.lo + 1));
            if (n.name)
                ctx.vars[n.name] = v;
            return v;
        }
    }
}
/** Expands a choice (a list) once. */
export const expandChoice = (c, ctx) => expandNode(c, ctx);
/** A context in which everything is drawn fresh from rng (free-form text, no shared skeleton). */
export const freeCtx = (rng) => ({ rng, seed: 0, p: 1, vars: {} });
/** Upper-cases the first letter. */
export const cap = (s) => (s.length === 0 ? s : s[0].toUpperCase() + s.slice(1));
/** The shared lexicon every content module adds its lists to. */
export const lex = new Lexicon();
/** Compiles a phrase against the shared lexicon. */
export const P = (src) => lex.phrase(src);
/** An anonymous list of phrases against the shared lexicon. */
export const A = (items) => lex.list(items);
//# sourceMappingURL=grammar.js.map