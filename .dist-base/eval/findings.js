import { join } from 'node:path';
import { findingAccountSchema, findingsCampaignsFileSchema } from './contracts.js';
import { dirName, EvalInputError, firstExisting, readJsonFile, readJsonLines } from './read.js';
/** The campaigns.json of a findings directory, or null when it has none. */
export function readFindingsCampaigns(dir) {
    const file = firstExisting(dir, ['campaigns.json']);
    return file ? { file, content: readJsonFile(file, findingsCampaignsFileSchema) } : null;
}
export async function readFindings(dir, truth, hooks = {}) {
    const accountsFile = firstExisting(dir, ['accounts.jsonl', 'accounts.jsonl.gz']);
    if (!accountsFile)
        throw new EvalInputError(`${join(dir, 'accounts.jsonl')}: no such file`);
    const campaigns = readFindingsCampaigns(dir);
    const warnings = [];
    if (!campaigns)
        warnings.push(`${dir}: no campaigns.json; detector named after the directory, cut-off unknown`);
    const n = truth.ids.length;
    const flagged = new Uint8Array(n);
    const risk = new Float64Array(n);
    const reported = new Int32Array(n).fill(-1);
    const lineOf = new Uint32Array(n); // 0 = not yet seen
    const reportedIndex = new Map();
    const unknownLine = new Map();
    let judged = 0;
    hooks.onFileStart?.(`findings ${accountsFile}`);
    for await (const { line, record: a } of readJsonLines(accountsFile, findingAccountSchema, hooks)) {
        judged++;
        const i = truth.index.get(a.account_id);
        const firstSeen = i === undefined ? unknownLine.get(a.account_id) : lineOf[i] || undefined;
        if (firstSeen !== undefined) {
            throw new EvalInputError(`${accountsFile}:${line}: account_id "${a.account_id}" was already judged on line ${firstSeen}`);
        }
        if (i === undefined) {
            unknownLine.set(a.account_id, line);
            continue;
        }
        lineOf[i] = line;
        risk[i] = a.risk;
        if (!a.flagged)
            continue;
        flagged[i] = 1;
        if (a.campaign_id !== null) {
            let r = reportedIndex.get(a.campaign_id);
            if (r === undefined) {
                r = reportedIndex.size;
                reportedIndex.set(a.campaign_id, r);
            }
            reported[i] = r;
        }
    }
    if (campaigns) {
        // campaigns.json and accounts.jsonl should tell the same story; eval scores accounts.jsonl and says where they differ.
        const listed = new Set(campaigns.content.campaigns.map((c) => c.campaign_id));
        const unlisted = [...reportedIndex.keys()].filter((id) => !listed.has(id));
        if (unlisted.length > 0) {
            warnings.push(`${accountsFile}: ${unlisted.length} campaign_id values are not in ${campaigns.file} (e.g. ${unlisted.slice(0, 3).join(', ')})`);
        }
        let disagree = 0;
        for (const c of campaigns.content.campaigns) {
            const r = reportedIndex.get(c.campaign_id);
            for (const id of c.accounts) {
                const i = truth.index.get(id);
                if (i !== undefined && (r === undefined || reported[i] !== r))
                    disagree++;
            }
        }
        if (disagree > 0) {
            warnings.push(`${campaigns.file}: ${disagree} account memberships are not flagged with that campaign_id in ${accountsFile}; eval scores accounts.jsonl`);
        }
    }
    const unknownExamples = [...unknownLine.keys()].slice(0, 3);
    if (unknownLine.size > 0) {
        warnings.push(`${accountsFile}: ${unknownLine.size} account${unknownLine.size === 1 ? ' is' : 's are'} not in the truth (e.g. ${unknownExamples.join(', ')}); left out of the metrics`);
    }
    return {
        dir,
        accountsFile,
        campaignsFile: campaigns?.file ?? null,
        detector: campaigns?.content.detector ?? dirName(dir),
        until: campaigns?.content.until ?? null,
        generatedAt: campaigns?.content.generated_at ?? null,
        flagged,
        risk,
        reported,
        reportedIds: [...reportedIndex.keys()],
        judged,
        unknownAccounts: unknownLine.size,
        unknownExamples,
        warnings,
    };
}
//# sourceMappingURL=findings.js.map