import { pct } from './metrics.js';
import { COHESION_TARGET, RELAY_SHARE } from './score.js';
import { DETECTION_HOURS } from './timeline.js';
export const TARGETS = {
    attackRecall: 0.99,
    benignFpr: 0.001,
    cohortFpr: 0.01,
    cohesion: COHESION_TARGET,
    relayRecall: 0.9,
    detectionHours: DETECTION_HOURS,
};
const num = (n) => n.toLocaleString('en-US');
/** A list for a one-line detail: the first few, then how many more. */
const some = (items, max = 5) => items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
const atLeast = (x, t) => (x === null ? null : x >= t);
const atMost = (x, t) => (x === null ? null : x <= t);
export function judgeTargets(s, timeline) {
    const o = s.overall;
    // The hard-negative cohorts are the simulator's to name; every benign cohort is held to the cohort bound.
    const cohorts = s.benignCohorts.filter((c) => c.rate !== null);
    const worst = cohorts.reduce((w, c) => (!w || c.rate > w.rate ? c : w), undefined);
    const overCohorts = cohorts.filter((c) => c.rate > TARGETS.cohortFpr);
    const missed = s.campaigns.filter((c) => !c.found);
    const loose = s.campaigns.filter((c) => !c.cohesive);
    const lowShare = s.relays.lowShare;
    const results = [
        {
            id: 'attack_recall',
            target: `attack-account recall >= ${TARGETS.attackRecall * 100}%`,
            value: o.recall,
            measured: pct(o.recall),
            pass: atLeast(o.recall, TARGETS.attackRecall),
            detail: `${num(o.tp)} of ${num(o.tp + o.fn)} attack accounts flagged`,
        },
        {
            id: 'benign_fpr',
            target: `benign false-positive rate <= ${TARGETS.benignFpr * 100}%`,
            value: o.falsePositiveRate,
            measured: pct(o.falsePositiveRate),
            pass: atMost(o.falsePositiveRate, TARGETS.benignFpr),
            detail: `${num(o.fp)} of ${num(o.fp + o.tn)} benign accounts flagged`,
        },
        {
            id: 'cohort_fpr',
            target: `every benign cohort's FP rate <= ${TARGETS.cohortFpr * 100}%`,
            value: worst?.rate ?? null,
            measured: pct(worst?.rate),
            pass: worst ? overCohorts.length === 0 : null,
            detail: worst
                ? overCohorts.length > 0
                    ? `over it: ${some(overCohorts.map((c) => `${c.cohort} ${pct(c.rate)}`))}`
                    : `worst: ${worst.cohort} ${pct(worst.rate)}`
                : 'no benign accounts',
        },
        {
            id: 'campaigns_found',
            target: 'every campaign found',
            value: s.campaignRecall.recall,
            measured: s.campaigns.length === 0 ? 'n/a' : `${s.campaignRecall.found} of ${s.campaignRecall.total}`,
            pass: s.campaigns.length === 0 ? null : missed.length === 0,
            detail: missed.length > 0
                ? `missed: ${some(missed.map((c) => c.campaignId))}`
                : `${s.campaignRecall.found} of ${s.campaignRecall.total}`,
        },
        {
            id: 'campaign_cohesion',
            target: `every campaign >= ${TARGETS.cohesion * 100}% in one reported`,
            value: s.campaigns.length === 0 ? null : (s.campaigns.length - loose.length) / s.campaigns.length,
            measured: s.campaigns.length === 0 ? 'n/a' : `${s.campaigns.length - loose.length} of ${s.campaigns.length}`,
            pass: s.campaigns.length === 0 ? null : loose.length === 0,
            detail: loose.length > 0
                ? `below it: ${some(loose.map((c) => `${c.campaignId} ${pct(c.cohesion)}`))}`
                : `${s.campaigns.length} of ${s.campaigns.length}`,
        },
        {
            id: 'relay_recall',
            target: `relays (attack share <= ${RELAY_SHARE * 100}%) >= ${TARGETS.relayRecall * 100}% flagged`,
            value: lowShare.recall,
            measured: pct(lowShare.recall),
            pass: atLeast(lowShare.recall, TARGETS.relayRecall),
            detail: lowShare.accounts > 0 ? `${num(lowShare.flagged)} of ${num(lowShare.accounts)} flagged` : 'no such relay accounts in the truth',
        },
    ];
    const w = timeline?.within24h;
    const late = timeline?.campaigns.filter((c) => c.within24h === false) ?? [];
    results.push({
        id: 'time_to_detection',
        target: `every campaign flagged within ${TARGETS.detectionHours} h`,
        value: w && w.total > 0 ? w.met / w.total : null,
        measured: w && w.total > 0 ? `${w.met} of ${w.total}` : 'n/a',
        // A campaign the cut-offs cannot tell about leaves the target unjudged unless another already fails it.
        pass: !w || w.total === 0 ? null : late.length > 0 ? false : w.measured === w.total ? true : null,
        detail: !timeline
            ? 'needs --timeline'
            : late.length > 0
                ? `late or never: ${some(late.map((c) => c.campaignId))}`
                : `${w.met} of ${w.total} within ${TARGETS.detectionHours} h${w.measured < w.total ? ` (${w.total - w.measured} not measurable)` : ''}`,
    });
    return results;
}
//# sourceMappingURL=targets.js.map