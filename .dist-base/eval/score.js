import { confusion, precisionAtK, ratio, rocAuc } from './metrics.js';
export const COHESION_TARGET = 0.95;
/** Relays whose attack share is at most this are the hard case of the relay target. */
export const RELAY_SHARE = 0.1;
export const RELAY_BANDS = [
    { band: '0-5%', min: -Infinity, max: 0.05 },
    { band: '5-10%', min: 0.05, max: 0.1 },
    { band: '10-25%', min: 0.1, max: 0.25 },
    { band: '25-50%', min: 0.25, max: 0.5 },
    { band: '50-100%', min: 0.5, max: 1 },
];
function cohortScores(truth, f, attack) {
    const accounts = new Array(truth.cohorts.length).fill(0);
    const flagged = new Array(truth.cohorts.length).fill(0);
    for (let i = 0; i < truth.ids.length; i++) {
        if (truth.attack[i] !== attack)
            continue;
        accounts[truth.cohort[i]]++;
        flagged[truth.cohort[i]] += f.flagged[i];
    }
    return truth.cohorts
        .map((cohort, k) => ({ cohort, accounts: accounts[k], flagged: flagged[k], rate: ratio(flagged[k], accounts[k]) }))
        .filter((c) => c.accounts > 0)
        .sort((a, b) => a.cohort.localeCompare(b.cohort));
}
const increment = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
/** The key with the largest count (ties: the first reached), or undefined for an empty map. */
function argmax(m) {
    let best;
    for (const e of m)
        if (!best || e[1] > best[1])
            best = e;
    return best;
}
/** Scores one detector's findings against the truth. */
export function scoreFindings(truth, f) {
    const n = truth.ids.length;
    let tp = 0;
    let fp = 0;
    let attackCount = 0;
    // Per true campaign: flagged accounts, and how they spread over reported campaigns.
    const campaignFlagged = truth.campaigns.map(() => 0);
    const campaignUnassigned = truth.campaigns.map(() => 0);
    const campaignSpread = truth.campaigns.map(() => new Map());
    // Per reported campaign: who is in it.
    const reportedBenign = f.reportedIds.map(() => 0);
    const reportedSize = f.reportedIds.map(() => 0);
    const reportedSpread = f.reportedIds.map(() => new Map());
    const bandAccounts = RELAY_BANDS.map(() => 0);
    const bandFlagged = RELAY_BANDS.map(() => 0);
    for (let i = 0; i < n; i++) {
        const isAttack = truth.attack[i] === 1;
        const flagged = f.flagged[i] === 1;
        const r = f.reported[i];
        if (isAttack)
            attackCount++;
        if (flagged) {
            if (isAttack)
                tp++;
            else
                fp++;
        }
        if (r >= 0) {
            reportedSize[r]++;
            if (isAttack)
                increment(reportedSpread[r], truth.campaign[i]);
            else
                reportedBenign[r]++;
        }
        if (!isAttack)
            continue;
        const c = truth.campaign[i];
        if (flagged) {
            campaignFlagged[c]++;
            if (r >= 0)
                increment(campaignSpread[c], r);
            else
                campaignUnassigned[c]++;
        }
        const share = truth.attackShare[i];
        if (!Number.isNaN(share)) {
            const b = RELAY_BANDS.findIndex((band) => share > band.min && share <= band.max);
            if (b >= 0) {
                bandAccounts[b]++;
                if (flagged)
                    bandFlagged[b]++;
            }
        }
    }
    const benignCount = n - attackCount;
    const campaigns = truth.campaigns.map((c, k) => {
        const accounts = truth.campaignAccounts[k];
        const flagged = campaignFlagged[k];
        const largest = argmax(campaignSpread[k]);
        const cohesion = ratio(largest?.[1] ?? 0, accounts);
        return {
            campaignId: c.id,
            accounts,
            flagged,
            recall: ratio(flagged, accounts),
            found: 2 * flagged > accounts,
            largestReportedCampaign: largest ? f.reportedIds[largest[0]] : null,
            inLargestReported: largest?.[1] ?? 0,
            cohesion,
            cohesive: cohesion !== null && cohesion >= COHESION_TARGET,
            fragments: campaignSpread[k].size,
            flaggedWithoutCampaign: campaignUnassigned[k],
        };
    });
    const found = campaigns.filter((c) => c.found).length;
    const reported = f.reportedIds.map((id, r) => {
        const major = argmax(reportedSpread[r]);
        return {
            campaignId: id,
            accounts: reportedSize[r],
            benign: reportedBenign[r],
            majorityCampaign: major ? truth.campaigns[major[0]].id : null,
            majorityAccounts: major?.[1] ?? 0,
            purity: ratio(major?.[1] ?? 0, reportedSize[r]),
        };
    });
    const inReported = reported.reduce((a, r) => a + r.accounts, 0);
    const purities = reported.map((r) => r.purity).filter((p) => p !== null);
    const bands = RELAY_BANDS.map((b, k) => ({
        band: b.band,
        min: Math.max(0, b.min),
        max: b.max,
        accounts: bandAccounts[k],
        flagged: bandFlagged[k],
        recall: ratio(bandFlagged[k], bandAccounts[k]),
    }));
    const low = bands.filter((b) => b.max <= RELAY_SHARE);
    const lowAccounts = low.reduce((a, b) => a + b.accounts, 0);
    const lowFlagged = low.reduce((a, b) => a + b.flagged, 0);
    const attackRisk = new Float64Array(attackCount);
    const benignRisk = new Float64Array(benignCount);
    for (let i = 0, a = 0, b = 0; i < n; i++) {
        if (truth.attack[i] === 1)
            attackRisk[a++] = f.risk[i];
        else
            benignRisk[b++] = f.risk[i];
    }
    return {
        detector: f.detector,
        findings: f.dir,
        until: f.until,
        judged: f.judged,
        unknownAccounts: f.unknownAccounts,
        overall: confusion(tp, fp, attackCount - tp, benignCount - fp),
        benignCohorts: cohortScores(truth, f, 0),
        attackCohorts: cohortScores(truth, f, 1),
        campaigns,
        campaignRecall: { found, total: campaigns.length, recall: ratio(found, campaigns.length) },
        reportedCampaigns: {
            count: reported.length,
            accounts: inReported,
            benignAccounts: reported.reduce((a, r) => a + r.benign, 0),
            purity: ratio(reported.reduce((a, r) => a + r.majorityAccounts, 0), inReported),
            minPurity: purities.length > 0 ? purities.reduce((a, b) => Math.min(a, b)) : null,
            campaigns: reported.sort((a, b) => b.accounts - a.accounts || a.campaignId.localeCompare(b.campaignId)),
        },
        relays: {
            lowShare: { maxShare: RELAY_SHARE, accounts: lowAccounts, flagged: lowFlagged, recall: ratio(lowFlagged, lowAccounts) },
            bands,
        },
        ranking: {
            auc: rocAuc(attackRisk, benignRisk),
            k: attackCount,
            precisionAtK: precisionAtK(attackRisk, benignRisk, attackCount),
        },
        warnings: [...f.warnings],
    };
}
//# sourceMappingURL=score.js.map