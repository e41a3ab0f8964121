import { numberParam, summarise } from './baseline.js';
import { r4, writeBaselineFindings } from './findings.js';
import { inWindow, windowParams } from './window.js';
/**
 * The rules a security team writes first, exactly as stated, each over the window's exchanges:
 * - many_accounts_on_ip: the account used an IP that more than N accounts (default 5) used within D
 *   consecutive UTC days (default 14);
 * - many_calls_per_day: the account sent more than C requests (default 1,000) in one UTC day (every
 *   request counts, answered or refused);
 * - often_rate_limited: at least S of the account's requests (default 10%), and at least M of them
 *   (default 10, so a handful of unlucky retries is not "often"), were answered 429.
 * An account is flagged when any rule fires; reasons are the rules that fired. Risk is 1 when flagged,
 * else how close the account came to a rule: the largest of value / firing value over the rules (< 1).
 */
const P = {
    ipAccounts: { key: 'ipAccounts', flag: 'ip-accounts', kind: 'integer', default: 5, min: 1, description: 'flag accounts on an IP used by more than this many accounts within the window below' },
    ipWindowDays: { key: 'ipWindowDays', flag: 'ip-window-days', kind: 'integer', default: 14, min: 1, max: 3660, description: 'length of that window, in consecutive UTC days' },
    dailyCalls: { key: 'dailyCalls', flag: 'daily-calls', kind: 'integer', default: 1000, min: 1, description: 'flag accounts that sent more than this many requests in one UTC day' },
    share429: { key: 'share429', flag: '429-share', kind: 'number', default: 0.1, min: 0, max: 1, description: 'flag accounts with at least this share of their requests answered 429 ...' },
    min429: { key: 'min429', flag: '429-min', kind: 'integer', default: 10, min: 1, description: '... and at least this many such requests' },
};
export const RULE_REASONS = { ip: 'many_accounts_on_ip', daily: 'many_calls_per_day', limited: 'often_rate_limited' };
const dayString = (dayNumber) => new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
export const rulesBaseline = {
    name: 'rules',
    detector: 'baseline-rules',
    summary: 'the three rules security teams write first: many accounts on one IP, many calls a day, often rate-limited',
    description: 'Flags an account when any rule fires: more than --ip-accounts accounts seen on one of its IPs within --ip-window-days ' +
        'consecutive UTC days; more than --daily-calls requests in one UTC day; at least --429-share of its requests, and at ' +
        'least --429-min of them, answered 429. Risk 1 when flagged, else the largest value / firing value over the rules.',
    params: Object.values(P),
    async run(ctx, params) {
        const ipAccounts = numberParam(params, P.ipAccounts);
        const ipWindowDays = numberParam(params, P.ipWindowDays);
        const dailyCalls = numberParam(params, P.dailyCalls);
        const share429 = numberParam(params, P.share429);
        const min429 = numberParam(params, P.min429);
        const { wh } = ctx;
        const qp = { ...windowParams(ctx.window), ip_accounts: ipAccounts, daily_calls: dailyCalls };
        ctx.onStep?.('accounts per IP', 0);
        // Per IP and UTC day, the accounts seen; per IP and each day it was used, the accounts of the window of
        // days ending there. Windows ending on a day without traffic only hold subsets of these, so these suffice.
        const ipRows = await wh.query(`WITH presence AS (
         SELECT ip, toUInt32(toDate(ts)) AS day, groupUniqArray(account_id) AS accts
         FROM exchanges WHERE ${inWindow()}
         GROUP BY ip, day
       ),
       windows AS (
         SELECT ip, day,
           arrayDistinct(arrayFlatten(groupArray(accts) OVER (
             PARTITION BY ip ORDER BY day ASC RANGE BETWEEN ${ipWindowDays - 1} PRECEDING AND CURRENT ROW))) AS accts_w
         FROM presence
       )
       SELECT account_id, max(n) AS max_accounts,
         argMin((ip, day), (-toInt64(n), day, ip)) AS top,
         uniqExactIf(ip, n > {ip_accounts:UInt32}) AS ips_over
       FROM (SELECT ip, day, length(accts_w) AS n, arrayJoin(accts_w) AS account_id FROM windows)
       GROUP BY account_id`, qp);
        ctx.onStep?.('calls per day', 0.5);
        const volumeRows = await wh.query(`SELECT account_id, sum(c) AS requests, sum(limited) AS limited, max(c) AS max_daily,
         toString(argMin(day, (-toInt64(c), day))) AS peak_day, countIf(c > {daily_calls:UInt32}) AS days_over
       FROM (
         SELECT account_id, toDate(ts) AS day, count() AS c, countIf(status = 429) AS limited
         FROM exchanges WHERE ${inWindow()}
         GROUP BY account_id, day
       )
       GROUP BY account_id
       ORDER BY account_id`, qp);
        ctx.onStep?.('write', 0.9);
        const ipOf = new Map(ipRows.map((r) => [r.account_id, r]));
        const accounts = volumeRows.map((v) => {
            const ip = ipOf.get(v.account_id);
            const maxAccounts = Number(ip?.max_accounts ?? 0);
            const requests = Number(v.requests);
            const limited = Number(v.limited);
            const maxDaily = Number(v.max_daily);
            const share = requests > 0 ? limited / requests : 0;
            const fired = {
                ip: maxAccounts > ipAccounts,
                daily: maxDaily > dailyCalls,
                limited: limited >= min429 && share >= share429,
            };
            const reasons = Object.keys(fired).filter((k) => fired[k]).map((k) => RULE_REASONS[k]);
            const flagged = reasons.length > 0;
            // How close to firing: value over the value at which the rule fires.
            const closeness = Math.max(maxAccounts / (ipAccounts + 1), maxDaily / (dailyCalls + 1), Math.min(share429 > 0 ? share / share429 : limited > 0 ? 1 : 0, limited / min429));
            const [topIp, topDay] = ip?.top ?? [null, null];
            return {
                account_id: v.account_id,
                risk: flagged ? 1 : r4(Math.min(0.9999, closeness)),
                flagged,
                campaign_id: null,
                reasons,
                evidence: {
                    [RULE_REASONS.ip]: {
                        max_accounts: maxAccounts,
                        ip: topIp,
                        from: topDay === null ? null : dayString(topDay - ipWindowDays + 1),
                        to: topDay === null ? null : dayString(topDay),
                        ips_over: Number(ip?.ips_over ?? 0),
                    },
                    [RULE_REASONS.daily]: { max_calls: maxDaily, day: v.peak_day, days_over: Number(v.days_over) },
                    [RULE_REASONS.limited]: { share: r4(share), rate_limited: limited, requests },
                },
            };
        });
        await writeBaselineFindings(ctx.out, { detector: rulesBaseline.detector, window: ctx.window, parameters: params, accounts });
        return summarise(rulesBaseline, ctx, params, accounts, accounts.length);
    },
};
//# sourceMappingURL=rules.js.map