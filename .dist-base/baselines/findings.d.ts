import type { FindingAccount, FindingCampaign } from '../eval/contracts.js';
import type { BaselineWindow } from './window.js';
/** Rounds numbers for files people read (4 decimals), like the hunt's findings. */
export declare const r4: (x: number) => number;
export interface BaselineFindings {
    /** The detector name eval prints as the column header, e.g. `baseline-rules`. */
    detector: string;
    window: BaselineWindow;
    /** The parameters the baseline ran with, recorded so a score can be reproduced. */
    parameters: Record<string, unknown>;
    accounts: FindingAccount[];
    /** Baselines judge accounts alone; none groups them, so this is empty unless a baseline says otherwise. */
    campaigns?: FindingCampaign[];
}
/**
 * Writes the findings contract (src/eval/contracts.ts): OUT/accounts.jsonl, one line per account in the
 * window, and OUT/campaigns.json with the detector's name, the cut-off and the parameters.
 */
export declare function writeBaselineFindings(dir: string, f: BaselineFindings): Promise<{
    accountsFile: string;
    campaignsFile: string;
}>;
