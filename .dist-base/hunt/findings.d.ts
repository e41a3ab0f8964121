import type { HuntResult } from './hunt.js';
export declare const DETECTOR_NAME = "distillwatch-hunt";
/**
 * Writes the findings contract (src/eval/contracts.ts): accounts.jsonl, one line per account judged, with
 * reason codes and the numbers behind them; campaigns.json, every campaign with its evidence.
 * With `redact`, prompt examples are replaced by their SHA-256 so the files can be shared.
 */
export declare function writeFindings(result: HuntResult, dir: string, opts?: {
    redact?: boolean;
    detector?: string;
}): Promise<void>;
