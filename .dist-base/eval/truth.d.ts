import { type TruthCampaign, type TruthCampaignsFile } from './contracts.js';
import { type ProgressHooks } from './read.js';
/**
 * The simulator's ground truth, held as columns indexed by account (a world may hold ~600k accounts):
 * the account's position in these arrays is its index everywhere in eval.
 */
export interface Truth {
    dir: string;
    labelsFile: string;
    campaignsFile: string;
    meta: Omit<TruthCampaignsFile, 'campaigns'>;
    campaigns: TruthCampaign[];
    /** Campaign start and end, ms since the epoch, by campaign index. */
    campaignStart: number[];
    campaignEnd: number[];
    /** account_id → account index. */
    index: Map<string, number>;
    ids: string[];
    attack: Uint8Array;
    /** Index into `cohorts`. */
    cohort: Uint32Array;
    cohorts: string[];
    /** Index into `campaigns`, -1 for none. */
    campaign: Int32Array;
    /** Share of the account's exchanges that are the campaign's; NaN where the label gives none. */
    attackShare: Float64Array;
    /** Accounts per campaign, counted from the labels. */
    campaignAccounts: number[];
    warnings: string[];
}
export declare function readTruth(dir: string, hooks?: ProgressHooks): Promise<Truth>;
