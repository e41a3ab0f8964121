import type { AccountTier } from '../schema/account.js';
import type { Capability, PromptPersona } from './prompts/types.js';
import { Weighted } from './rng.js';
import type { Knobs, Rhythm } from './scenario.js';
import type { TraceFit } from './traces.js';
import type { ClientName, NetKind, TlsStack, ToolSet } from './world.js';
export declare const PRESETS: Record<PromptPersona, Knobs>;
/** Later knobs override earlier ones; structured knobs (network, signup, ...) merge field by field. */
export declare function mergeKnobs(...layers: (Knobs | undefined)[]): Knobs;
/** Only the knob fields of a scenario entry (benign population, campaign or part). */
export declare function knobsOf(entry: object): Knobs;
export type CacheProfile = 'agent' | 'chat' | 'template' | 'none';
export type SystemPolicy = 'none' | 'product' | 'account' | 'shared' | 'generated';
export type Rotation = 'sticky' | 'session' | 'day' | 'request' | 'natural';
export interface Behaviour {
    persona: PromptPersona;
    knobs: Knobs;
    rate: number;
    volumeSigma: number;
    rhythm: Rhythm;
    limitFraction: number;
    turns: number;
    turnGapS: number;
    targets: Weighted<Capability>;
    cotShare: number;
    templates: {
        count: number;
        paraphrase: number;
    } | null;
    paraphrase: number;
    maxTokens: 'max' | 'varied' | 'default' | number;
    reasoningShare: number;
    reasoningBudget: 'max' | 'varied';
    logprobs: {
        share: number;
        top: number;
    };
    logitBias: {
        share: number;
        size: number;
    };
    multiN: {
        share: number;
        n: number;
    };
    clients: Weighted<ClientName>;
    spoof: {
        claims: ClientName;
        tls: TlsStack;
        versionLag: number;
    } | null;
    cache: CacheProfile;
    system: SystemPolicy;
    tools: ToolSet | null;
    toolShare: number;
    families: Weighted<string>;
    adoptionDays: number;
    network: {
        kinds: Weighted<NetKind>;
        rotation: Rotation;
        pool: number;
        asnSpread: number;
        countries: Weighted<string> | null;
        matchBilling: boolean;
    };
    signup: {
        pattern: 'established' | 'drip' | 'burst' | 'waves' | 'same_day';
        waves: number;
        rampDays: number;
        ageDays: [number, number];
        newShare: number;
        email: Weighted<'consumer' | 'company' | 'edu' | 'throwaway' | 'startup'>;
        accountsPerCard: number;
        tiers: Weighted<AccountTier>;
        verified: number;
        orgShare: number;
        orgSize: number;
        countries: Weighted<string> | null;
    };
    benchmarks: string[];
    runSize: number;
    classSize: number;
    /** Log-normal output length (visible text, before reasoning tokens). */
    output: {
        median: number;
        sigma: number;
    };
    /** Log-normal size of material sent besides the prompt text per turn (documents, tool results). */
    extra: {
        median: number;
        sigma: number;
        share: number;
    };
}
/** Resolves preset and overrides into a behaviour (all defaults filled). */
export declare function resolveBehaviour(persona: PromptPersona, knobs: Knobs, fit: TraceFit, fallbackFamily: string, families: Set<string>): Behaviour;
