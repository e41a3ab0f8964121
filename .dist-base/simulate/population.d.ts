import type { AccountTier } from '../schema/account.js';
import { type Behaviour, type Rotation } from './personas.js';
import { Random } from './rng.js';
import type { Campaign, Scenario } from './scenario.js';
import type { TraceFit } from './traces.js';
import { type ClientName, type NetKind, type Network, type World } from './world.js';
/**
 * The population of a run, built before any traffic: every account (benign and attack, replacements of
 * banned accounts included, since bans are drawn up front) with its record, infrastructure and client,
 * and the actors that send its traffic (an account carrying cover traffic has two: its real customers'
 * and the campaign's). Built in scenario order; ids come from one stream, so they say nothing of it.
 */
export declare const HOUR_MS = 3600000;
export declare const DAY_MS = 86400000;
export interface NetPlan {
    rotation: Rotation;
    kind: NetKind;
    network: Network;
    /** The account's own fixed addresses (home line, servers, campus NAT, a sticky proxy). */
    addresses: string[];
    /** A campaign's shared proxy pool, when it rotates through one. */
    pool: string[] | null;
    /** Natural rotation of a home line: the address of the current epoch. */
    epoch: number;
    epochIp: string;
}
export interface Account {
    idx: number;
    id: string;
    orgId: string | null;
    createdAt: number;
    emailDomain: string;
    payment: string | null;
    country: string;
    tier: AccountTier;
    signupIp: string;
    verified: boolean;
    rpm: number;
    otpm: number;
    keys: string[];
    /** Client software the requests really come from, and the one the User-Agent names. */
    client: ClientName;
    uaClient: ClientName;
    version: number;
    /** A User-Agent copied once and never updated: the time it was copied (null: the client updates itself). */
    uaFrozenAt: number | null;
    fingerprint: string;
    endpoint: string;
    tools: readonly string[] | null;
    toolsJson: string;
    toolTokens: number;
    maxTokensDefault: number;
    temperature: number | null;
    /** Chat front-ends that cache the conversation so far. */
    cachesHistory: boolean;
    net: NetPlan;
    utcOffset: number;
    label: 'benign' | 'attack';
    campaign: number;
    cohort: string;
    exchanges: number;
    campaignExchanges: number;
    limited: number;
    rlMinute: number;
    rlCount: number;
    rlOut: number;
}
export interface ClassInfo {
    id: string;
    /** First deadline (ms); deadlines repeat weekly. */
    firstDeadline: number;
}
export interface Actor {
    index: number;
    acct: Account;
    beh: Behaviour;
    rng: Random;
    /** Index of the campaign whose traffic this is, or -1 for real customers' traffic. */
    campaign: number;
    /** Namespace of shared system prompts and templates (campaign id, cohort, account). */
    scope: string;
    start: number;
    end: number;
    next: number;
    /** Exchanges per active day. */
    rate: number;
    /** Periodic rhythms: period and offset (ms); cron: requests per firing; jobs: mean gap between units within a job (ms). */
    period: number;
    phase: number;
    perFire: number;
    /** jobs: share of the campaign's jobs this account is enlisted in. */
    jobShare: number;
    /** Days after a model's release until this actor uses it (Infinity: never), per model index. */
    modelDelay: number[];
    lastUse: number;
    sessionIp: string;
    klass: ClassInfo | null;
    weibull: boolean;
}
export interface CampaignInfo {
    index: number;
    id: string;
    campaign: Campaign;
    start: number;
    end: number;
    tactics: Record<string, unknown>;
    accounts: number;
    /** Campaign exchanges per hour of the window (trimmed to the campaign for the truth file). */
    hourly: number[];
    exchanges: number;
}
export interface ModelInfo {
    id: string;
    family: string;
    released: number;
}
export interface Population {
    accounts: Account[];
    actors: Actor[];
    campaigns: CampaignInfo[];
    models: ModelInfo[];
    start: number;
    end: number;
}
/** The model (index) an actor asks for at t in a family: the newest it has adopted (models long out count as adopted). */
export declare function modelAt(pop: {
    models: ModelInfo[];
    start: number;
}, actor: Actor, family: string, t: number): number;
/** Builds every account and actor of the scenario at the given scale. */
export declare function buildPopulation(scenario: Scenario, opts: {
    seed: number;
    scale: number;
    world: World;
    fit: TraceFit;
}): Population;
