// eval: scores any detector's findings against the simulator's ground truth (the only reader of truth/).
export * from './contracts.js';
export { evaluate } from './evaluate.js';
export { renderEvalReport } from './render.js';
export { EvalInputError } from './read.js';
export { TARGETS } from './targets.js';
//# sourceMappingURL=index.js.map