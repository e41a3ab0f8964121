import { join } from 'node:path';
import {
  TRUTH_FILES,
  truthCampaignsFileSchema,
  truthLabelSchema,
  type TruthCampaign,
  type TruthCampaignsFile,
} from './contracts.js';
import { EvalInputError, firstExisting, parseTime, readJsonFile, readJsonLines, type ProgressHooks } from './read.js';

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
  /** 1 for an account that sent no exchange in the whole world (by its label; 0 where the label does not say). */
  silent: Uint8Array;
  warnings: string[];
}

export async function readTruth(dir: string, hooks: ProgressHooks = {}): Promise<Truth> {
  const campaignsFile = join(dir, TRUTH_FILES.campaigns);
  const labelsFile = firstExisting(dir, [TRUTH_FILES.labels, TRUTH_FILES.labels.replace(/\.gz$/, '')]) ?? join(dir, TRUTH_FILES.labels);
  const { campaigns, ...meta } = readJsonFile(campaignsFile, truthCampaignsFileSchema);
  const warnings: string[] = [];

  const campaignIndex = new Map<string, number>();
  const campaignStart: number[] = [];
  const campaignEnd: number[] = [];
  campaigns.forEach((c, i) => {
    if (campaignIndex.has(c.id)) throw new EvalInputError(`${campaignsFile}: campaign "${c.id}" is listed twice`);
    campaignIndex.set(c.id, i);
    campaignStart.push(parseTime(c.start, `${campaignsFile}: campaigns[${i}].start`));
    campaignEnd.push(parseTime(c.end, `${campaignsFile}: campaigns[${i}].end`));
    const hourly = c.hourly_exchanges.reduce((a, b) => a + b, 0);
    if (hourly !== c.exchanges) {
      warnings.push(`${campaignsFile}: campaign ${c.id}: hourly_exchanges add up to ${hourly}, not its exchanges ${c.exchanges}; time to detection uses hourly_exchanges`);
    }
  });

  const index = new Map<string, number>();
  const ids: string[] = [];
  const firstLine: number[] = [];
  const attack: number[] = [];
  const cohort: number[] = [];
  const campaign: number[] = [];
  const attackShare: number[] = [];
  const silent: number[] = [];
  const cohortIndex = new Map<string, number>();
  const campaignAccounts = campaigns.map(() => 0);
  let benignWithCampaign = 0;

  hooks.onFileStart?.(`truth ${labelsFile}`);
  for await (const { line, record: l } of readJsonLines(labelsFile, truthLabelSchema, hooks)) {
    const seen = index.get(l.account_id);
    if (seen !== undefined) {
      throw new EvalInputError(`${labelsFile}:${line}: account_id "${l.account_id}" is already labelled on line ${firstLine[seen]}`);
    }
    let c = -1;
    if (l.label === 'attack') {
      if (l.campaign_id === null) throw new EvalInputError(`${labelsFile}:${line}: campaign_id: an attack account needs its campaign`);
      const ci = campaignIndex.get(l.campaign_id);
      if (ci === undefined) throw new EvalInputError(`${labelsFile}:${line}: campaign_id: "${l.campaign_id}" is not in ${campaignsFile}`);
      c = ci;
      campaignAccounts[c]!++;
    } else if (l.campaign_id !== null) benignWithCampaign++;
    let k = cohortIndex.get(l.cohort);
    if (k === undefined) {
      k = cohortIndex.size;
      cohortIndex.set(l.cohort, k);
    }
    index.set(l.account_id, ids.length);
    ids.push(l.account_id);
    firstLine.push(line);
    attack.push(l.label === 'attack' ? 1 : 0);
    cohort.push(k);
    campaign.push(c);
    attackShare.push(l.label === 'attack' && l.attack_share !== undefined ? l.attack_share : NaN);
    silent.push(l.exchanges === 0 ? 1 : 0);
  }

  if (benignWithCampaign > 0) {
    warnings.push(`${labelsFile}: ${benignWithCampaign} benign accounts carry a campaign_id; they are scored as benign`);
  }
  campaigns.forEach((c, i) => {
    if (campaignAccounts[i] !== c.accounts) {
      warnings.push(`${campaignsFile}: campaign ${c.id} says ${c.accounts} accounts, the labels hold ${campaignAccounts[i]}; eval uses the labels`);
    }
  });

  return {
    dir,
    labelsFile,
    campaignsFile,
    meta,
    campaigns,
    campaignStart,
    campaignEnd,
    index,
    ids,
    attack: Uint8Array.from(attack),
    cohort: Uint32Array.from(cohort),
    cohorts: [...cohortIndex.keys()],
    campaign: Int32Array.from(campaign),
    attackShare: Float64Array.from(attackShare),
    campaignAccounts,
    silent: Uint8Array.from(silent),
    warnings,
  };
}
