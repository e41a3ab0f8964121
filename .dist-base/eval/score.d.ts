import type { Findings } from './findings.js';
import { type Confusion } from './metrics.js';
import type { Truth } from './truth.js';
/** A cohort of accounts and how many the detector flagged: false positives for benign cohorts, hits for attack ones. */
export interface CohortScore {
    cohort: string;
    accounts: number;
    flagged: number;
    /** flagged / accounts: the false-positive rate of a benign cohort, the recall of an attack cohort. */
    rate: number | null;
}
export interface CampaignScore {
    campaignId: string;
    accounts: number;
    flagged: number;
    recall: number | null;
    /** Found: a strict majority of its accounts flagged. */
    found: boolean;
    /** The reported campaign holding most of its accounts, and the share of all its accounts that sits there. */
    largestReportedCampaign: string | null;
    inLargestReported: number;
    cohesion: number | null;
    /** cohesion >= COHESION_TARGET. */
    cohesive: boolean;
    /** Reported campaigns its flagged accounts are spread over; flagged accounts the detector put in no campaign. */
    fragments: number;
    flaggedWithoutCampaign: number;
}
export interface ReportedCampaignScore {
    campaignId: string;
    /** Flagged accounts the detector put in it (accounts the truth does not hold are left out). */
    accounts: number;
    benign: number;
    /** The true campaign most of its accounts belong to (null when none are attack accounts). */
    majorityCampaign: string | null;
    majorityAccounts: number;
    /** majorityAccounts / accounts. */
    purity: number | null;
}
export interface RelayBand {
    band: string;
    /** attack_share in (min, max]; the first band includes 0. */
    min: number;
    max: number;
    accounts: number;
    flagged: number;
    recall: number | null;
}
export interface DetectorScore {
    detector: string;
    findings: string;
    until: string | null;
    /** Lines in accounts.jsonl; those whose account the truth does not hold (left out of every metric). */
    judged: number;
    unknownAccounts: number;
    overall: Confusion;
    benignCohorts: CohortScore[];
    attackCohorts: CohortScore[];
    campaigns: CampaignScore[];
    campaignRecall: {
        found: number;
        total: number;
        recall: number | null;
    };
    reportedCampaigns: {
        count: number;
        accounts: number;
        benignAccounts: number;
        /** Accounts in their reported campaign's majority true campaign, over all accounts in reported campaigns. */
        purity: number | null;
        minPurity: number | null;
        campaigns: ReportedCampaignScore[];
    };
    relays: {
        /** Attack accounts carrying an attack_share <= RELAY_SHARE (relays mixing in real customers' traffic). */
        lowShare: {
            maxShare: number;
            accounts: number;
            flagged: number;
            recall: number | null;
        };
        bands: RelayBand[];
    };
    ranking: {
        /** ROC AUC of `risk` (accounts absent from the findings have risk 0). */
        auc: number | null;
        /** k = the number of attack accounts. */
        k: number;
        precisionAtK: number | null;
    };
    warnings: string[];
}
export declare const COHESION_TARGET = 0.95;
/** Relays whose attack share is at most this are the hard case of the relay target. */
export declare const RELAY_SHARE = 0.1;
export declare const RELAY_BANDS: {
    band: string;
    min: number;
    max: number;
}[];
/** Scores one detector's findings against the truth. */
export declare function scoreFindings(truth: Truth, f: Findings): DetectorScore;
