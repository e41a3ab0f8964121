import { z } from 'zod';
/**
 * The two file contracts that let any detector be scored against any simulated world:
 * - findings: what a hunt (ours, a baseline, or another tool) says about accounts and campaigns;
 * - truth: what the simulator knows (only `simulate` writes it and only `eval` reads it).
 */
/** findings/accounts.jsonl: one line per account the detector judged. */
export declare const findingAccountSchema: z.ZodObject<{
    account_id: z.ZodString;
    risk: z.ZodNumber;
    flagged: z.ZodBoolean;
    campaign_id: z.ZodNullable<z.ZodString>;
    reasons: z.ZodArray<z.ZodString>;
    evidence: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>>;
}, z.core.$strip>;
export type FindingAccount = z.infer<typeof findingAccountSchema>;
/** One campaign in findings/campaigns.json. */
export declare const findingCampaignSchema: z.ZodObject<{
    campaign_id: z.ZodString;
    accounts: z.ZodArray<z.ZodString>;
    confidence: z.ZodNumber;
    reasons: z.ZodArray<z.ZodString>;
    exchanges: z.ZodOptional<z.ZodNumber>;
    first_seen: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    last_seen: z.ZodOptional<z.ZodNullable<z.ZodString>>;
}, z.core.$loose>;
export type FindingCampaign = z.infer<typeof findingCampaignSchema>;
/** findings/campaigns.json. */
export declare const findingsCampaignsFileSchema: z.ZodObject<{
    detector: z.ZodString;
    generated_at: z.ZodString;
    until: z.ZodNullable<z.ZodString>;
    campaigns: z.ZodArray<z.ZodObject<{
        campaign_id: z.ZodString;
        accounts: z.ZodArray<z.ZodString>;
        confidence: z.ZodNumber;
        reasons: z.ZodArray<z.ZodString>;
        exchanges: z.ZodOptional<z.ZodNumber>;
        first_seen: z.ZodOptional<z.ZodNullable<z.ZodString>>;
        last_seen: z.ZodOptional<z.ZodNullable<z.ZodString>>;
    }, z.core.$loose>>;
}, z.core.$loose>;
export type FindingsCampaignsFile = z.infer<typeof findingsCampaignsFileSchema>;
export declare const ACCOUNT_LABELS: readonly ["benign", "attack"];
/** The simulator's output subdirectory holding the ground truth. */
export declare const TRUTH_DIR = "truth";
/** The files of a truth directory, named once (the simulator writes them, eval reads them). */
export declare const TRUTH_FILES: {
    readonly labels: "labels.jsonl.gz";
    readonly campaigns: "campaigns.json";
};
/** How help texts describe a truth directory. */
export declare const TRUTH_DIR_CONTENTS: string;
/** truth/labels.jsonl.gz: one line per account of the simulated world. */
export declare const truthLabelSchema: z.ZodObject<{
    account_id: z.ZodString;
    label: z.ZodEnum<{
        benign: "benign";
        attack: "attack";
    }>;
    campaign_id: z.ZodNullable<z.ZodString>;
    cohort: z.ZodString;
    attack_share: z.ZodOptional<z.ZodNumber>;
}, z.core.$strip>;
export type TruthLabel = z.infer<typeof truthLabelSchema>;
/** One campaign in truth/campaigns.json. */
export declare const truthCampaignSchema: z.ZodObject<{
    id: z.ZodString;
    start: z.ZodString;
    end: z.ZodString;
    accounts: z.ZodNumber;
    exchanges: z.ZodNumber;
    tactics: z.ZodRecord<z.ZodString, z.ZodUnknown>;
    hourly_exchanges: z.ZodArray<z.ZodNumber>;
}, z.core.$strip>;
export type TruthCampaign = z.infer<typeof truthCampaignSchema>;
export declare const truthCampaignsFileSchema: z.ZodObject<{
    scenario: z.ZodString;
    seed: z.ZodNumber;
    scale: z.ZodNumber;
    start: z.ZodString;
    end: z.ZodString;
    campaigns: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        start: z.ZodString;
        end: z.ZodString;
        accounts: z.ZodNumber;
        exchanges: z.ZodNumber;
        tactics: z.ZodRecord<z.ZodString, z.ZodUnknown>;
        hourly_exchanges: z.ZodArray<z.ZodNumber>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type TruthCampaignsFile = z.infer<typeof truthCampaignsFileSchema>;
