import { readFindings } from './findings.js';
import { servedShareBefore } from './metrics.js';
import { EvalInputError, parseTime } from './read.js';
const HOUR = 3_600_000;
/** Each campaign should be flagged within this long of its start (the issue-4 target). */
export const DETECTION_HOURS = 24;
export async function readSnapshot(dir, truth, hooks = {}) {
    const f = await readFindings(dir, truth, hooks);
    if (!f.campaignsFile)
        throw new EvalInputError(`${dir}: a --timeline hunt needs campaigns.json, whose until gives its cut-off`);
    const until = f.until ?? truth.meta.end;
    const cutoff = parseTime(until, f.until === null ? `${truth.campaignsFile}: end` : `${f.campaignsFile}: until`);
    const campaignFlagged = truth.campaigns.map(() => 0);
    let flagged = 0;
    for (let i = 0; i < truth.ids.length; i++) {
        if (f.flagged[i] !== 1)
            continue;
        flagged++;
        const c = truth.campaign[i];
        if (truth.attack[i] === 1)
            campaignFlagged[c]++;
    }
    return { dir, detector: f.detector, until, cutoff, flagged, campaignFlagged };
}
/** Time to detection of every true campaign from one detector's hunts at several cut-offs. */
export function buildTimeline(truth, snapshots) {
    const ordered = [...snapshots].sort((a, b) => a.cutoff - b.cutoff);
    const detector = ordered[0]?.detector ?? '';
    for (let s = 1; s < ordered.length; s++) {
        if (ordered[s].cutoff === ordered[s - 1].cutoff) {
            throw new EvalInputError(`${ordered[s - 1].dir} and ${ordered[s].dir}: two hunts of ${detector} with the same cut-off ${ordered[s].until}`);
        }
    }
    const last = ordered.at(-1);
    const warnings = [];
    const campaigns = truth.campaigns.map((c, k) => {
        const start = truth.campaignStart[k];
        const end = truth.campaignEnd[k];
        const accounts = truth.campaignAccounts[k];
        const point = (holds) => {
            const s = ordered.findIndex((snap) => holds(snap.campaignFlagged[k]));
            if (s < 0)
                return null;
            const snap = ordered[s];
            return {
                until: snap.until,
                previousUntil: s > 0 ? ordered[s - 1].until : null,
                hoursFromStart: (snap.cutoff - start) / HOUR,
                servedShare: servedShareBefore(c.hourly_exchanges, start, end, snap.cutoff),
                accountsFlagged: snap.campaignFlagged[k],
            };
        };
        const firstFlagged = point((n) => n > 0);
        const mostFlagged = point((n) => 2 * n > accounts);
        let within24h;
        if (firstFlagged)
            within24h = firstFlagged.hoursFromStart <= DETECTION_HOURS;
        else if (last && last.cutoff >= start + DETECTION_HOURS * HOUR)
            within24h = false;
        else {
            within24h = null;
            warnings.push(`campaign ${c.id} (start ${c.start}) is not flagged and the last cut-off (${last?.until ?? 'none'}) is within ${DETECTION_HOURS} h of its start: time to detection not measured`);
        }
        return {
            campaignId: c.id,
            start: c.start,
            accounts,
            exchanges: c.hourly_exchanges.reduce((a, b) => a + b, 0),
            firstFlagged,
            mostFlagged,
            within24h,
            servedShare: firstFlagged ? firstFlagged.servedShare : 1,
        };
    });
    return {
        detector,
        snapshots: ordered.map((s) => ({ dir: s.dir, until: s.until, flagged: s.flagged })),
        campaigns,
        within24h: {
            met: campaigns.filter((c) => c.within24h === true).length,
            measured: campaigns.filter((c) => c.within24h !== null).length,
            total: campaigns.length,
        },
        warnings,
    };
}
//# sourceMappingURL=timeline.js.map