import { type ProgressHooks } from './read.js';
import { type DetectorScore } from './score.js';
import { type TargetResult } from './targets.js';
import { type DetectorTimeline } from './timeline.js';
export interface EvalOptions extends ProgressHooks {
    /** The simulator's truth directory (labels.jsonl.gz, campaigns.json). */
    truth: string;
    /** Findings directories, one column each. */
    findings?: string[];
    /**
     * Findings of hunts at several cut-offs (or parents of such directories), for time to detection; grouped by
     * detector. A detector with no --findings column gets one, scored on its latest cut-off.
     */
    timeline?: string[];
}
export interface DetectorReport extends DetectorScore {
    /** Column header: the detector's name, made unique with its directory when two columns share it. */
    name: string;
    timeline: DetectorTimeline | null;
    targets: TargetResult[];
    /** No target failed (targets that cannot be judged here do not count). */
    targetsMet: boolean;
}
export interface EvalReport {
    truth: {
        dir: string;
        scenario: string;
        seed: number;
        scale: number;
        start: string;
        end: string;
        accounts: number;
        attackAccounts: number;
        benignAccounts: number;
        campaigns: number;
    };
    detectors: DetectorReport[];
    /** Things about the input that did not stop the scoring (per detector ones are in each detector). */
    warnings: string[];
    targetsMet: boolean;
}
export declare function evaluate(opts: EvalOptions): Promise<EvalReport>;
