export { CAPABILITIES, PROMPT_PERSONAS } from './types.js';
export { builtinPromptGenerator } from './builtin.js';
export { corpusPromptGenerator, CorpusError } from './corpus.js';
export { COT_MARKERS } from './cot.js';
export { KNOWN_BENCHMARKS } from './evals.js';
export { SeededRng, seededRng } from './rng.js';
//# sourceMappingURL=index.js.map