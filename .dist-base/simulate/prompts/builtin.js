/** The built-in generator: our own templates for every persona and capability. */
import { codingAgentText } from './agent.js';
import { attackText } from './attack.js';
import { batchText } from './batch.js';
import { chatText } from './chat.js';
import { classroomText } from './classroom.js';
import { evalText } from './evals.js';
import { researcherText } from './researcher.js';
import { CAPABILITIES } from './types.js';
import { lex } from './grammar.js';
// Every content module is loaded now: bind cross-module list references (and fail early on a typo).
lex.resolve();
const CAPS = new Set(CAPABILITIES);
/** Rejects requests the generators cannot serve, naming the field (a simulator bug, not bad luck). */
export function checkRequest(req) {
    if (!CAPS.has(req.capability))
        throw new Error(`prompt request: unknown capability "${String(req.capability)}"`);
    if (!(req.turn >= 1))
        throw new Error(`prompt request: turn must be >= 1, got ${String(req.turn)}`);
    if (!(req.paraphrase >= 0 && req.paraphrase <= 1))
        throw new Error(`prompt request: paraphrase must be in [0, 1], got ${String(req.paraphrase)}`);
}
export function builtinGenerate(req, rng) {
    switch (req.persona) {
        case 'attack':
            return attackText(req, rng);
        case 'chat_user':
            return chatText(req, rng);
        case 'relay':
            return chatText(req, rng, { relay: true });
        case 'coding_agent':
            return codingAgentText(req, rng);
        case 'batch_pipeline':
            return batchText(req, rng);
        case 'eval_runner':
            return evalText(req, rng);
        case 'university_class':
            return classroomText(req, rng);
        case 'researcher':
            return researcherText(req, rng);
        default:
            throw new Error(`prompt request: unknown persona "${String(req.persona)}"`);
    }
}
/** The package's own prompt generator: templates with slots and word lists, written for this project. */
export function builtinPromptGenerator() {
    return {
        name: 'builtin',
        generate(req, rng) {
            checkRequest(req);
            return builtinGenerate(req, rng);
        },
    };
}
//# sourceMappingURL=builtin.js.map