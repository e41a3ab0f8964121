import type { FindingAccount } from '../eval/contracts.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { BaselineWindow } from './window.js';
/** One tunable number (or file) of a baseline, as the CLI offers it. */
export interface BaselineParam {
    /** Key in the parameters object the baseline receives. */
    key: string;
    /** Command-line flag without the dashes, e.g. `ip-accounts`. */
    flag: string;
    description: string;
    kind: 'integer' | 'number' | 'path';
    /** Default value; null for an optional path. */
    default: number | null;
    /** Inclusive bounds for numbers. */
    min?: number;
    max?: number;
}
export type BaselineParams = Record<string, number | string | null>;
export interface BaselineContext {
    wh: Warehouse;
    window: BaselineWindow;
    /** Directory the findings are written to. */
    out: string;
    /** Called with the step about to run and the fraction of the run done. */
    onStep?: (step: string, fraction: number) => void;
}
export interface BaselineSummary {
    baseline: string;
    detector: string;
    out: string;
    since: string | null;
    until: string | null;
    /** Lines written to accounts.jsonl: every account with exchanges in the window. */
    accounts: number;
    /** Accounts the baseline could judge (PRADA skips accounts with too few prompts). */
    judged: number;
    flagged: number;
    /** Flagged accounts per reason code. */
    reasons: Record<string, number>;
    parameters: BaselineParams;
}
export interface Baseline {
    /** Name on the command line: `distillwatch baseline NAME`. */
    name: string;
    /** Detector name in campaigns.json (the column header in eval). */
    detector: string;
    /** One line for the list of baselines. */
    summary: string;
    /** What it does, its decision and its risk, for --help. */
    description: string;
    params: BaselineParam[];
    run(ctx: BaselineContext, params: BaselineParams): Promise<BaselineSummary>;
}
/** The summary of a run from the account lines it wrote. */
export declare function summarise(b: Pick<Baseline, 'name' | 'detector'>, ctx: BaselineContext, params: BaselineParams, accounts: readonly Pick<FindingAccount, 'flagged' | 'reasons'>[], judged: number): BaselineSummary;
/** A numeric parameter, checked against its declaration (the CLI validates too; this guards library use). */
export declare function numberParam(params: BaselineParams, p: BaselineParam): number;
/** Fills in defaults and checks every parameter of a baseline. */
export declare function resolveParams(b: Baseline, given: BaselineParams): BaselineParams;
