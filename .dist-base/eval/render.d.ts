import type { EvalReport } from './evaluate.js';
export declare function renderEvalReport(r: EvalReport): string;
