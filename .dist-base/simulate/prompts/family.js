/** A family of prompts: a core phrase with slots, a stand-in answer, and optional code that sets vars. */
import { expand, P } from './grammar.js';
export const F = (core, answer, setup) => ({
    core: P(core),
    answer: P(answer),
    setup,
    multiline: core.includes('\n'),
});
/** Runs a family: setup, then the prompt, then the answer (which may use the prompt's slots). */
export function runFamily(f, ctx) {
    f.setup?.(ctx);
    const prompt = expand(f.core, ctx);
    return { prompt, response: expand(f.answer, ctx) };
}
//# sourceMappingURL=family.js.map