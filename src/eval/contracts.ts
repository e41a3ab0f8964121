import { z } from 'zod';

/**
 * The two file contracts that let any detector be scored against any simulated world:
 * - findings: what a hunt (ours, a baseline, or another tool) says about accounts and campaigns;
 * - truth: what the simulator knows (only `simulate` writes it and only `eval` reads it).
 */

// ---- findings/ -----------------------------------------------------------------------------------

/**
 * The triage tiers of an account, strongest first: `campaign` (a member of a linked operation), `account`
 * (its own evidence is enough to act on it alone), `watch` (worth an analyst's look, not enough to act).
 * `flagged` is true exactly for `campaign` and `account`; an account in no tier has `tier: null`.
 */
export const TIERS = ['campaign', 'account', 'watch'] as const;
export type Tier = (typeof TIERS)[number];

/** findings/accounts.jsonl: one line per account the detector judged. */
export const findingAccountSchema = z.object({
  account_id: z.string().min(1),
  /** 0..1: how sure the detector is that the account is part of a distillation campaign. */
  risk: z.number().min(0).max(1),
  flagged: z.boolean(),
  /** Optional (detectors without triage leave it out): the account's tier, see TIERS. */
  tier: z.enum(TIERS).nullable().optional(),
  campaign_id: z.string().min(1).nullable(),
  /** Reason codes, e.g. `template_shared`, `cot_elicitation`; the numbers behind them go in `evidence`. */
  reasons: z.array(z.string()),
  /** Optional: the numbers behind each reason (free-form per detector). */
  evidence: z.record(z.string(), z.unknown()).optional(),
});
export type FindingAccount = z.infer<typeof findingAccountSchema>;

/** One campaign in findings/campaigns.json. */
export const findingCampaignSchema = z
  .object({
    campaign_id: z.string().min(1),
    accounts: z.array(z.string()),
    confidence: z.number().min(0).max(1),
    reasons: z.array(z.string()),
    exchanges: z.number().int().nonnegative().optional(),
    first_seen: z.string().nullable().optional(),
    last_seen: z.string().nullable().optional(),
  })
  .passthrough();
export type FindingCampaign = z.infer<typeof findingCampaignSchema>;

/** findings/campaigns.json. */
export const findingsCampaignsFileSchema = z
  .object({
    /** Name of the detector that wrote these findings (a column header in eval's table). */
    detector: z.string().min(1),
    generated_at: z.string(),
    /** The hunt's cut-off (`--until`), ISO-8601, or null when it saw everything. */
    until: z.string().nullable(),
    campaigns: z.array(findingCampaignSchema),
  })
  .passthrough();
export type FindingsCampaignsFile = z.infer<typeof findingsCampaignsFileSchema>;

// ---- truth/ --------------------------------------------------------------------------------------

export const ACCOUNT_LABELS = ['benign', 'attack'] as const;

/** The simulator's output subdirectory holding the ground truth. */
export const TRUTH_DIR = 'truth';
/** The files of a truth directory, named once (the simulator writes them, eval reads them). */
export const TRUTH_FILES = { labels: 'labels.jsonl.gz', campaigns: 'campaigns.json' } as const;
/** How help texts describe a truth directory. */
export const TRUTH_DIR_CONTENTS = `${TRUTH_FILES.labels}, ${TRUTH_FILES.campaigns}`;

/** truth/labels.jsonl.gz: one line per account of the simulated world. */
export const truthLabelSchema = z.object({
  account_id: z.string().min(1),
  label: z.enum(ACCOUNT_LABELS),
  campaign_id: z.string().min(1).nullable(),
  /** The persona (benign) or campaign part (attack) that generated the account, e.g. `coding_agent`, `hydra-1/cover-relay`. */
  cohort: z.string().min(1),
  /** For attack accounts that mix in real customers' traffic: the share of their exchanges that are the campaign's. */
  attack_share: z.number().min(0).max(1).optional(),
  /** Exchanges the account sent in the whole world (0: opened and never used). Absent in older truth files. */
  exchanges: z.number().int().nonnegative().optional(),
});
export type TruthLabel = z.infer<typeof truthLabelSchema>;

/** One campaign in truth/campaigns.json. */
export const truthCampaignSchema = z.object({
  id: z.string().min(1),
  start: z.string(),
  end: z.string(),
  /** Number of accounts of the campaign (the labels file lists them). */
  accounts: z.number().int().nonnegative(),
  /** Exchanges the campaign itself sent (cover traffic of real customers not counted). */
  exchanges: z.number().int().nonnegative(),
  /** Tactics turned on, with their parameters, as in the scenario. */
  tactics: z.record(z.string(), z.unknown()),
  /** Campaign exchanges per UTC hour from `start` (index 0 = the hour containing start), for time-to-detection. */
  hourly_exchanges: z.array(z.number().int().nonnegative()),
});
export type TruthCampaign = z.infer<typeof truthCampaignSchema>;

export const truthCampaignsFileSchema = z.object({
  scenario: z.string(),
  seed: z.number().int(),
  scale: z.number().positive(),
  start: z.string(),
  end: z.string(),
  campaigns: z.array(truthCampaignSchema),
});
export type TruthCampaignsFile = z.infer<typeof truthCampaignsFileSchema>;
