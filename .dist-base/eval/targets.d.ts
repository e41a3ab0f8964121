import { type DetectorScore } from './score.js';
import { type DetectorTimeline } from './timeline.js';
/** One of the hunt's quality targets (issue 4), judged on one detector's findings. */
export interface TargetResult {
    id: string;
    target: string;
    /** The measured figure the target is about (a rate, or a count of campaigns that meet it). */
    value: number | null;
    /** The figure as shown: a percentage, or `n of m` campaigns. */
    measured: string;
    /** null: not measurable here (nothing of that kind in the truth, or no --timeline). */
    pass: boolean | null;
    detail: string;
}
export declare const TARGETS: {
    readonly attackRecall: 0.99;
    readonly benignFpr: 0.001;
    readonly cohortFpr: 0.01;
    readonly cohesion: 0.95;
    readonly relayRecall: 0.9;
    readonly detectionHours: 24;
};
export declare function judgeTargets(s: DetectorScore, timeline: DetectorTimeline | null): TargetResult[];
