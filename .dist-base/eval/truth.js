import { join } from 'node:path';
import { TRUTH_FILES, truthCampaignsFileSchema, truthLabelSchema, } from './contracts.js';
import { EvalInputError, firstExisting, parseTime, readJsonFile, readJsonLines } from './read.js';
export async function readTruth(dir, hooks = {}) {
    const campaignsFile = join(dir, TRUTH_FILES.campaigns);
    const labelsFile = firstExisting(dir, [TRUTH_FILES.labels, TRUTH_FILES.labels.replace(/\.gz$/, '')]) ?? join(dir, TRUTH_FILES.labels);
    const { campaigns, ...meta } = readJsonFile(campaignsFile, truthCampaignsFileSchema);
    const warnings = [];
    const campaignIndex = new Map();
    const campaignStart = [];
    const campaignEnd = [];
    campaigns.forEach((c, i) => {
        if (campaignIndex.has(c.id))
            throw new EvalInputError(`${campaignsFile}: campaign "${c.id}" is listed twice`);
        campaignIndex.set(c.id, i);
        campaignStart.push(parseTime(c.start, `${campaignsFile}: campaigns[${i}].start`));
        campaignEnd.push(parseTime(c.end, `${campaignsFile}: campaigns[${i}].end`));
        const hourly = c.hourly_exchanges.reduce((a, b) => a + b, 0);
        if (hourly !== c.exchanges) {
            warnings.push(`${campaignsFile}: campaign ${c.id}: hourly_exchanges add up to ${hourly}, not its exchanges ${c.exchanges}; time to detection uses hourly_exchanges`);
        }
    });
    const index = new Map();
    const ids = [];
    const firstLine = [];
    const attack = [];
    const cohort = [];
    const campaign = [];
    const attackShare = [];
    const cohortIndex = new Map();
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
            if (l.campaign_id === null)
                throw new EvalInputError(`${labelsFile}:${line}: campaign_id: an attack account needs its campaign`);
            const ci = campaignIndex.get(l.campaign_id);
            if (ci === undefined)
                throw new EvalInputError(`${labelsFile}:${line}: campaign_id: "${l.campaign_id}" is not in ${campaignsFile}`);
            c = ci;
            campaignAccounts[c]++;
        }
        else if (l.campaign_id !== null)
            benignWithCampaign++;
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
        warnings,
    };
}
//# sourceMappingURL=truth.js.map