import type { PromptGenerator } from './prompts/types.js';
import { type Scenario } from './scenario.js';
/**
 * `simulate`: a scenario, a scale and a seed in; a simulated provider's traffic out, in the exact schema
 * of the exchange and account records, with the ground truth kept apart in truth/ and the operator's
 * IP-to-ASN table beside them.
 */
export interface SimulateOptions {
    /** A built-in scenario name, a scenario file, or an already-validated scenario. */
    scenario: string | Scenario;
    scale: number;
    seed: number;
    out: string;
    /** Draw prompts from a directory in the ../shared/corpora format instead of the built-in generator. */
    prompts?: string;
    /** A generator object of one's own (runs in this thread: workers cannot share it). */
    generator?: PromptGenerator;
    /** Worker threads writing the output (default: one per core when the compiled workers exist, else none). */
    workers?: number;
    /** Refit arrival and length distributions from this traces directory instead of the shipped fit. */
    traces?: string;
    /** gzip level of the output (1 = fastest). */
    gzipLevel?: number;
    onProgress?: (day: number, days: number) => void;
}
export interface CohortSummary {
    cohort: string;
    label: 'benign' | 'attack';
    accounts: number;
    exchanges: number;
    /** Exchanges that are a campaign's (differs from exchanges only for cover traffic). */
    campaign_exchanges: number;
    rate_limited: number;
}
export interface SimulateSummary {
    scenario: string;
    seed: number;
    scale: number;
    out: string;
    start: string;
    end: string;
    accounts: number;
    exchanges: number;
    attack_exchanges: number;
    seconds: number;
    exchanges_per_second: number;
    cohorts: CohortSummary[];
    files: {
        exchanges: string;
        accounts: string;
        labels: string;
        campaigns: string;
        ip2asn: string;
    };
    generator: string;
    traces: string;
}
export declare class SimulateError extends Error {
}
export declare function simulate(opts: SimulateOptions): Promise<SimulateSummary>;
