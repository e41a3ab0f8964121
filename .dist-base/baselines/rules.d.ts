import { type Baseline } from './baseline.js';
export declare const RULE_REASONS: {
    readonly ip: "many_accounts_on_ip";
    readonly daily: "many_calls_per_day";
    readonly limited: "often_rate_limited";
};
export declare const rulesBaseline: Baseline;
