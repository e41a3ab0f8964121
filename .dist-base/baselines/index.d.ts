import { type Baseline, type BaselineContext, type BaselineParams, type BaselineSummary } from './baseline.js';
export { resolveParams } from './baseline.js';
export type { Baseline, BaselineContext, BaselineParam, BaselineParams, BaselineSummary } from './baseline.js';
export type { BaselineWindow } from './window.js';
/** Every baseline, in the order `distillwatch baseline --help` lists them. */
export declare const BASELINES: Baseline[];
export declare function findBaseline(name: string): Baseline;
/** Runs one baseline over the window with its parameters (defaults filled in, all checked), writing its findings. */
export declare function runBaseline(b: Baseline, ctx: BaselineContext, given?: BaselineParams): Promise<BaselineSummary>;
