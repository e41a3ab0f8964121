import { type FindingsCampaignsFile } from './contracts.js';
import { type ProgressHooks } from './read.js';
import type { Truth } from './truth.js';
/** One detector's findings, laid over the truth's account index (accounts absent from the findings: risk 0, not flagged). */
export interface Findings {
    dir: string;
    accountsFile: string;
    /** campaigns.json, or null when the directory has none (a tool that only judges accounts). */
    campaignsFile: string | null;
    /** `detector` of campaigns.json, else the directory's name. */
    detector: string;
    /** The hunt's cut-off as written (ISO-8601), or null when it saw everything or campaigns.json is absent. */
    until: string | null;
    generatedAt: string | null;
    flagged: Uint8Array;
    risk: Float64Array;
    /** Index into `reportedIds` of the account's reported campaign (flagged accounts only), -1 for none. */
    reported: Int32Array;
    reportedIds: string[];
    /** Lines of accounts.jsonl (accounts judged), and those naming an account the truth does not hold. */
    judged: number;
    unknownAccounts: number;
    unknownExamples: string[];
    warnings: string[];
}
/** The campaigns.json of a findings directory, or null when it has none. */
export declare function readFindingsCampaigns(dir: string): {
    file: string;
    content: FindingsCampaignsFile;
} | null;
export declare function readFindings(dir: string, truth: Truth, hooks?: ProgressHooks): Promise<Findings>;
