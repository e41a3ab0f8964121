import { lowerBound, upperBound } from '../util/sorted.js';
import { combinedBits, familyBits } from './population.js';
import { familyOf } from './signal.js';
/** A campaign is more than a pair: two accounts sharing a card are a household as often as a fleet. */
export const MIN_CAMPAIGN_ACCOUNTS = 3;
/** A signal counts as a reason when at most 1 account in 2^this is as extreme. */
export const REASON_BITS = 4;
/**
 * How unusual a linked group must be to call it a campaign. The group's pooled value on each signal is its
 * median member's, so the test asks whether the typical member of this linked group is far out in the
 * population's tail, in both families of evidence: behaviour and provenance (see SignalFamily). Each
 * family's bar is a robust z-score of CAMPAIGN_Z over the accounts' scores in that family (median and
 * MAD), taken over the accounts outside the group and its kin: a campaign that is a third of all accounts
 * would otherwise set the scale it is measured by.
 */
export const CAMPAIGN_Z = 3;
export function robustThreshold(scores, z = CAMPAIGN_Z) {
    if (scores.length === 0)
        return Infinity;
    return new RobustBar(scores).without([], z);
}
/**
 * The robust bar of a score distribution with some of its values left out: median + z * 1.4826 * MAD of
 * the rest, computed by order statistics on the sorted whole and the sorted left-out values (the whole is
 * sorted once), so each linked group can be weighed against everyone outside it at the cost of a few
 * binary searches.
 */
export class RobustBar {
    all;
    constructor(scores) {
        this.all = Float64Array.from(scores).sort();
    }
    /** The bar over the scores without `leftOut` (values that are in the whole). */
    without(leftOut, z = CAMPAIGN_Z) {
        return this.withoutSorted(leftOut.length ? [Float64Array.from(leftOut).sort()] : [], z);
    }
    /** As `without`, the left-out values given as sorted arrays (one per community). */
    withoutSorted(outs, z = CAMPAIGN_Z) {
        // One merged array: a binary search per step, however many communities are left out.
        let out = outs[0] ?? new Float64Array(0);
        if (outs.length > 1) {
            out = new Float64Array(outs.reduce((n, o) => n + o.length, 0));
            let at = 0;
            for (const o of outs) {
                out.set(o, at);
                at += o.length;
            }
            out.sort();
        }
        const n = this.all.length - out.length;
        if (n <= 0)
            return Infinity;
        // Same order statistic as sorting the rest: the (floor(n/2)+1)-th smallest value and deviation.
        const k = Math.floor(n / 2) + 1;
        const countAtMost = (v) => upperBound(this.all, v) - upperBound(out, v);
        let lo = 0;
        let hi = this.all.length - 1;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (countAtMost(this.all[mid]) >= k)
                hi = mid;
            else
                lo = mid + 1;
        }
        const median = this.all[lo];
        const within = (d) => upperBound(this.all, median + d) - lowerBound(this.all, median - d) - (upperBound(out, median + d) - lowerBound(out, median - d));
        let dLo = 0;
        let dHi = Math.max(median - this.all[0], this.all[this.all.length - 1] - median);
        if (within(dLo) < k) {
            for (let i = 0; i < 60 && dHi - dLo > 1e-9; i++) {
                const mid = (dLo + dHi) / 2;
                if (within(mid) >= k)
                    dHi = mid;
                else
                    dLo = mid;
            }
        }
        else
            dHi = 0;
        const mad = Math.max(0.5, dHi);
        return median + z * 1.4826 * mad;
    }
}
/**
 * A standalone signal flags an account alone when at most 1% of accounts are as extreme and the value is
 * an order of magnitude beyond the typical account that shows the behaviour at all.
 */
const STANDALONE_MIN_BITS = Math.log2(100);
const STANDALONE_MIN_FOLD = 10;
const ownCache = new WeakMap();
function ownEvidence(input) {
    const { hitsByAccount } = input;
    const cached = ownCache.get(hitsByAccount);
    if (cached)
        return cached;
    // A family's scale is that of the accounts it has an opinion on: an account with too few requests for
    // any behaviour signal is not a behaviourally quiet account, and a crowd of them would drag the median
    // to 0 and stretch the MAD.
    const behaviourOf = new Map();
    const provenanceOf = new Map();
    for (const [a, h] of hitsByAccount) {
        if (h.some((x) => familyOf(x.group) === 'behaviour'))
            behaviourOf.set(a, familyBits(h, 'behaviour'));
        if (h.some((x) => familyOf(x.group) === 'provenance'))
            provenanceOf.set(a, familyBits(h, 'provenance'));
    }
    // Each family's scores sorted once: the population's bars, and each group's against the accounts outside
    // it and its kin.
    const behaviourBar = new RobustBar([...behaviourOf.values()]);
    const provenanceBar = new RobustBar([...provenanceOf.values()]);
    const bar = { behaviour: behaviourBar.without([]), provenance: provenanceBar.without([]) };
    const standaloneSignals = new Set(input.signals.filter((s) => s.standalone).map((s) => s.id));
    const own = new Map();
    for (const [a, hits] of hitsByAccount) {
        const standalone = hits.filter((h) => standaloneSignals.has(h.signal) && h.bits >= STANDALONE_MIN_BITS && input.population.foldOverOthers(h.signal, h.value) >= STANDALONE_MIN_FOLD);
        own.set(a, { score: combinedBits(hits), top: topReasons(hits), standalone: standalone.map((h) => h.signal) });
    }
    const result = { behaviourOf, provenanceOf, behaviourBar, provenanceBar, bar, own };
    ownCache.set(hitsByAccount, result);
    return result;
}
const NO_EVIDENCE = { score: 0, top: [], standalone: [] };
export function decide(input) {
    const { hitsByAccount, clusters, clusterOf } = input;
    const { behaviourOf, provenanceOf, behaviourBar, provenanceBar, bar, own } = ownEvidence(input);
    const threshold = bar.behaviour + bar.provenance;
    const campaigns = [];
    const sortedClusters = [...clusters.values()].sort((a, b) => a.cluster - b.cluster);
    const membersOf = new Map();
    for (const [account, c] of clusterOf) {
        const list = membersOf.get(c);
        if (list)
            list.push(account);
        else
            membersOf.set(c, [account]);
    }
    // community -> its members' family scores, sorted (built when first needed)
    const sortedCache = new Map();
    const familySorted = (cluster, scores) => {
        const key = `${scores === behaviourOf ? 'b' : 'p'}:${cluster}`;
        let arr = sortedCache.get(key);
        if (!arr) {
            arr = Float64Array.from((membersOf.get(cluster) ?? []).flatMap((a) => (scores.has(a) ? [scores.get(a)] : []))).sort();
            sortedCache.set(key, arr);
        }
        return arr.length ? [arr] : [];
    };
    for (const c of sortedClusters) {
        const members = (membersOf.get(c.cluster) ?? []).sort();
        if (members.length < MIN_CAMPAIGN_ACCOUNTS)
            continue;
        const score = combinedBits(c.pooled);
        const behaviour = familyBits(c.pooled, 'behaviour');
        const provenance = familyBits(c.pooled, 'provenance');
        const leftOut = [c.cluster, ...(c.kin ?? [])];
        const bars = input.barCache?.get(c.cluster) ?? {
            behaviour: behaviourBar.withoutSorted(leftOut.flatMap((k) => familySorted(k, behaviourOf))),
            provenance: provenanceBar.withoutSorted(leftOut.flatMap((k) => familySorted(k, provenanceOf))),
        };
        input.barCache?.set(c.cluster, bars);
        c.bars = bars;
        if (behaviour < bars.behaviour || provenance < bars.provenance)
            continue;
        campaigns.push({
            campaign_id: '',
            cluster: c.cluster,
            accounts: members,
            bars,
            confidence: confidence(score, bars.behaviour + bars.provenance),
            score,
            reasons: topReasons(c.pooled),
            pooled: c.pooled,
            links: c.links,
        });
    }
    campaigns.sort((a, b) => b.accounts.length - a.accounts.length || b.score - a.score);
    campaigns.forEach((c, i) => (c.campaign_id = `C${String(i + 1).padStart(3, '0')}`));
    const campaignOfCluster = new Map(campaigns.map((c) => [c.cluster, c]));
    const accounts = [];
    for (const account_id of input.accountIds) {
        const hits = hitsByAccount.get(account_id) ?? [];
        const { score, top, standalone } = own.get(account_id) ?? NO_EVIDENCE;
        const cluster = clusterOf.get(account_id) ?? null;
        const campaign = cluster === null ? undefined : campaignOfCluster.get(cluster);
        const reasons = [];
        if (campaign)
            reasons.push('campaign_member', ...campaign.reasons);
        reasons.push(...standalone);
        for (const r of top)
            if (!reasons.includes(r))
                reasons.push(r);
        const alone = input.perAccount === true && familyBits(hits, 'behaviour') >= bar.behaviour && familyBits(hits, 'provenance') >= bar.provenance;
        if (alone)
            reasons.push('account_alone');
        const flagged = campaign !== undefined || standalone.length > 0 || alone;
        const ownRisk = Math.max(standalone.length ? 0.9 : 0, alone ? confidence(score, threshold) : 0);
        accounts.push({
            own: { standalone: [...standalone], alone, top: [...top], risk: ownRisk },
            account_id,
            flagged,
            campaign_id: campaign?.campaign_id ?? null,
            reasons: flagged ? reasons : [...top],
            score,
            risk: flagged ? Math.max(campaign?.confidence ?? 0, standalone.length ? 0.9 : 0, alone ? confidence(score, threshold) : 0) : confidence(score, threshold) * 0.5,
            hits,
            cluster,
        });
    }
    return { accounts, campaigns, thresholds: bar };
}
/** Signals at least REASON_BITS surprising, strongest first. */
export function topReasons(hits) {
    return hits
        .filter((h) => h.bits >= REASON_BITS)
        .sort((a, b) => b.bits - a.bits || (a.signal < b.signal ? -1 : 1))
        .map((h) => h.signal);
}
/** Maps a score and its threshold to 0..1: 0.5 at the threshold, doubling odds every 4 bits above. */
export function confidence(score, threshold) {
    return 1 / (1 + 2 ** (-(score - threshold) / 4));
}
/**
 * Final membership: a campaign's accounts are those that pass its fingerprint tests (sweep.ts), whether
 * or not community detection put them in its cluster. A clustered account that passes none loses the
 * campaign (and its flag, unless its own evidence flags it); an outside account that passes joins, with
 * the test as its first reason. Campaigns left with fewer than MIN_CAMPAIGN_ACCOUNTS are dropped and the
 * rest numbered by size.
 */
export function applyMembership(v, hits) {
    const best = new Map();
    // Traffic first (it says which campaign's requests the account sends), then timing, then provenance.
    const rank = (h) => (h.test === 'traffic' ? 2e9 : h.test === 'timing' ? 1e9 : 0) + h.bits;
    for (const h of hits) {
        const cur = best.get(h.account_id);
        if (!cur || rank(h) > rank(cur))
            best.set(h.account_id, h);
    }
    const campaigns = new Map(v.campaigns.map((c) => [c.campaign_id, c]));
    for (const c of v.campaigns)
        c.accounts = [];
    const unique = (xs) => [...new Set(xs)];
    for (const a of v.accounts) {
        const h = best.get(a.account_id);
        const c = h ? campaigns.get(h.campaign_id) : undefined;
        if (h && c) {
            const reason = a.campaign_id === c.campaign_id ? 'campaign_member' : `campaign_${h.test}`;
            a.campaign_id = c.campaign_id;
            a.flagged = true;
            // The account's own reasons follow; the campaign's pooled reasons are in campaigns.json.
            a.reasons = unique([reason, ...a.own.standalone, ...a.own.top]);
            a.risk = Math.max(c.confidence, a.own.risk);
            a.sweep = { test: h.test, hits: h.hits, exchanges: h.exchanges, expected: h.expected, bits: h.bits, shared: h.shared };
            c.accounts.push(a.account_id);
        }
        else {
            a.campaign_id = null;
            a.flagged = a.own.standalone.length > 0 || a.own.alone;
            a.reasons = unique([...a.own.standalone, ...(a.own.alone ? ['account_alone'] : []), ...a.own.top]);
            a.risk = a.flagged ? a.own.risk : Math.min(a.risk, 0.49);
        }
    }
    const kept = v.campaigns.filter((c) => c.accounts.length >= MIN_CAMPAIGN_ACCOUNTS);
    const dropped = new Set(v.campaigns.filter((c) => !kept.includes(c)).map((c) => c.campaign_id));
    kept.sort((x, y) => y.accounts.length - x.accounts.length || y.score - x.score);
    const renamed = new Map(kept.map((c, i) => [c.campaign_id, `C${String(i + 1).padStart(3, '0')}`]));
    for (const a of v.accounts) {
        if (a.campaign_id && dropped.has(a.campaign_id)) {
            a.campaign_id = null;
            a.flagged = a.own.standalone.length > 0 || a.own.alone;
            a.reasons = unique([...a.own.standalone, ...(a.own.alone ? ['account_alone'] : []), ...a.own.top]);
            a.risk = a.flagged ? a.own.risk : Math.min(a.risk, 0.49);
            delete a.sweep;
        }
        else if (a.campaign_id)
            a.campaign_id = renamed.get(a.campaign_id);
    }
    for (const c of kept) {
        c.campaign_id = renamed.get(c.campaign_id);
        c.accounts.sort();
    }
    v.campaigns = kept;
}
//# sourceMappingURL=decide.js.map