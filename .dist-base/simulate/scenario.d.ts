import { z } from 'zod';
import { PROMPT_PERSONAS } from './prompts/types.js';
export declare const RHYTHMS: readonly ["evening", "office", "always_on", "runs", "deadline", "cron", "round_robin", "jobs", "naive"];
export type Rhythm = (typeof RHYTHMS)[number];
export declare const CACHE_PROFILES: readonly ["agent", "chat", "template", "none"];
export declare const SYSTEM_PROMPTS: readonly ["none", "product", "account", "shared", "generated"];
export declare const NET_KINDS: readonly ["residential", "mobile", "datacenter", "university"];
/** natural: as the network assigns (home lines change every few weeks, mobile carriers per session). */
export declare const ROTATIONS: readonly ["natural", "sticky", "session", "day", "request"];
export declare const SIGNUP_PATTERNS: readonly ["established", "drip", "burst", "waves", "same_day"];
export declare const EMAIL_STYLES: readonly ["consumer", "company", "edu", "throwaway", "startup"];
export declare const PERSONAS: Exclude<(typeof PROMPT_PERSONAS)[number], "attack">[];
export declare const knobsShape: {
    /** Exchanges per account per active day (benign; attacks derive it from the campaign's total). */
    rate: z.ZodNumber;
    /** Log-space sigma of per-account volume: 0 = every account alike; 2 = a few giants. */
    volume_sigma: z.ZodNumber;
    rhythm: z.ZodEnum<{
        evening: "evening";
        office: "office";
        always_on: "always_on";
        runs: "runs";
        deadline: "deadline";
        cron: "cron";
        round_robin: "round_robin";
        jobs: "jobs";
        naive: "naive";
    }>;
    /** Requests per minute kept under this share of the plan's limit (shaping). Over 1: hits the limit. */
    limit_fraction: z.ZodNumber;
    /** Mean user turns per conversation (1 = single-turn requests). */
    turns: z.ZodNumber;
    /** Median seconds between turns of a conversation. */
    turn_gap_seconds: z.ZodNumber;
    /** Capabilities asked for. */
    targets: z.ZodRecord<z.ZodEnum<{
        reasoning: "reasoning";
        software_engineering: "software_engineering";
        agentic_tool_use: "agentic_tool_use";
        long_horizon_planning: "long_horizon_planning";
        rubric_grading: "rubric_grading";
        general: "general";
    }> & z.core.$partial, z.ZodNumber>;
    /** Share of requests asking for reasoning step by step. */
    cot_share: z.ZodNumber;
    /** Prompt templates: a fixed set of skeletons re-used with varying slots, or none (free-form). */
    templates: z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodObject<{
        count: z.ZodNumber;
        paraphrase: z.ZodNumber;
    }, z.core.$strict>]>;
    /** How much wording varies when there is no template. */
    paraphrase: z.ZodNumber;
    max_tokens: z.ZodUnion<readonly [z.ZodEnum<{
        max: "max";
        default: "default";
        varied: "varied";
    }>, z.ZodNumber]>;
    /** Extended reasoning: share of requests with it on, and the budget asked for. */
    reasoning: z.ZodObject<{
        share: z.ZodOptional<z.ZodNumber>;
        budget: z.ZodOptional<z.ZodEnum<{
            max: "max";
            varied: "varied";
        }>>;
    }, z.core.$strict>;
    logprobs: z.ZodObject<{
        share: z.ZodOptional<z.ZodNumber>;
        top: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>;
    logit_bias: z.ZodObject<{
        share: z.ZodOptional<z.ZodNumber>;
        size: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>;
    /** Share of requests asking for several completions (n), and how many. */
    multi_n: z.ZodObject<{
        share: z.ZodOptional<z.ZodNumber>;
        n: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>;
    /** Client software (User-Agent and TLS stack), with weights. */
    clients: z.ZodRecord<z.ZodEnum<{
        "claude-cli": "claude-cli";
        cline: "cline";
        aider: "aider";
        "anthropic-python": "anthropic-python";
        "anthropic-ts": "anthropic-ts";
        "openai-python": "openai-python";
        "openai-node": "openai-node";
        httpx: "httpx";
        requests: "requests";
        curl: "curl";
        go: "go";
        litellm: "litellm";
        browser: "browser";
        "mobile-app": "mobile-app";
    }> & z.core.$partial, z.ZodNumber>;
    /** Claim one client's User-Agent while running another TLS stack. */
    spoof: z.ZodObject<{
        claims: z.ZodOptional<z.ZodEnum<{
            "claude-cli": "claude-cli";
            cline: "cline";
            aider: "aider";
            "anthropic-python": "anthropic-python";
            "anthropic-ts": "anthropic-ts";
            "openai-python": "openai-python";
            "openai-node": "openai-node";
            httpx: "httpx";
            requests: "requests";
            curl: "curl";
            go: "go";
            litellm: "litellm";
            browser: "browser";
            "mobile-app": "mobile-app";
        }>>;
        tls: z.ZodOptional<z.ZodEnum<{
            [x: string]: string;
        }>>;
        version_lag: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>;
    /** Prompt-cache behaviour: agent (long stable prefix re-used), chat (history), template (shared prefix), none. */
    cache: z.ZodEnum<{
        agent: "agent";
        chat: "chat";
        template: "template";
        none: "none";
    }>;
    /** System prompt: none, the client product's, one per account, one shared by the cohort/campaign, or whatever the generator writes. */
    system_prompt: z.ZodEnum<{
        account: "account";
        none: "none";
        product: "product";
        shared: "shared";
        generated: "generated";
    }>;
    tools: z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodEnum<{
        [x: string]: string;
    }>]>;
    /** Share of requests declaring the tools. */
    tool_share: z.ZodNumber;
    /** Model families asked for, with weights. */
    model_families: z.ZodRecord<z.ZodString, z.ZodNumber>;
    /** Days until half of the accounts use a newly released model. */
    adoption_days: z.ZodNumber;
    network: z.ZodObject<{
        kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            residential: "residential";
            mobile: "mobile";
            datacenter: "datacenter";
            university: "university";
        }> & z.core.$partial, z.ZodNumber>>;
        rotation: z.ZodOptional<z.ZodEnum<{
            request: "request";
            natural: "natural";
            sticky: "sticky";
            session: "session";
            day: "day";
        }>>;
        pool: z.ZodOptional<z.ZodNumber>;
        asn_spread: z.ZodOptional<z.ZodNumber>;
        countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            [x: string]: string;
        }> & z.core.$partial, z.ZodNumber>>;
        match_billing_country: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strict>;
    /** Same as network, the usual name for an attack's proxy pool. */
    proxies: z.ZodObject<{
        kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            residential: "residential";
            mobile: "mobile";
            datacenter: "datacenter";
            university: "university";
        }> & z.core.$partial, z.ZodNumber>>;
        rotation: z.ZodOptional<z.ZodEnum<{
            request: "request";
            natural: "natural";
            sticky: "sticky";
            session: "session";
            day: "day";
        }>>;
        pool: z.ZodOptional<z.ZodNumber>;
        asn_spread: z.ZodOptional<z.ZodNumber>;
        countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            [x: string]: string;
        }> & z.core.$partial, z.ZodNumber>>;
        match_billing_country: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strict>;
    signup: z.ZodObject<{
        pattern: z.ZodOptional<z.ZodEnum<{
            established: "established";
            drip: "drip";
            burst: "burst";
            waves: "waves";
            same_day: "same_day";
        }>>;
        waves: z.ZodOptional<z.ZodNumber>;
        ramp_days: z.ZodOptional<z.ZodNumber>;
        age_days: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>>;
        new_share: z.ZodOptional<z.ZodNumber>;
        email: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            edu: "edu";
            startup: "startup";
            consumer: "consumer";
            company: "company";
            throwaway: "throwaway";
        }> & z.core.$partial, z.ZodNumber>>;
        accounts_per_card: z.ZodOptional<z.ZodNumber>;
        tiers: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            free: "free";
            build: "build";
            scale: "scale";
            enterprise: "enterprise";
            edu: "edu";
            startup: "startup";
            research: "research";
        }> & z.core.$partial, z.ZodNumber>>;
        verified: z.ZodOptional<z.ZodNumber>;
        org_share: z.ZodOptional<z.ZodNumber>;
        org_size: z.ZodOptional<z.ZodNumber>;
        countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            [x: string]: string;
        }> & z.core.$partial, z.ZodNumber>>;
    }, z.core.$strict>;
    /** Eval runners: benchmarks run, and requests per run. */
    benchmarks: z.ZodArray<z.ZodString>;
    run_size: z.ZodNumber;
    /** Classes: students per class. */
    class_size: z.ZodNumber;
};
declare const knobs: z.ZodObject<{
    rate: z.ZodOptional<z.ZodNumber>;
    volume_sigma: z.ZodOptional<z.ZodNumber>;
    rhythm: z.ZodOptional<z.ZodEnum<{
        evening: "evening";
        office: "office";
        always_on: "always_on";
        runs: "runs";
        deadline: "deadline";
        cron: "cron";
        round_robin: "round_robin";
        jobs: "jobs";
        naive: "naive";
    }>>;
    limit_fraction: z.ZodOptional<z.ZodNumber>;
    turns: z.ZodOptional<z.ZodNumber>;
    turn_gap_seconds: z.ZodOptional<z.ZodNumber>;
    targets: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
        reasoning: "reasoning";
        software_engineering: "software_engineering";
        agentic_tool_use: "agentic_tool_use";
        long_horizon_planning: "long_horizon_planning";
        rubric_grading: "rubric_grading";
        general: "general";
    }> & z.core.$partial, z.ZodNumber>>;
    cot_share: z.ZodOptional<z.ZodNumber>;
    templates: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodObject<{
        count: z.ZodNumber;
        paraphrase: z.ZodNumber;
    }, z.core.$strict>]>>;
    paraphrase: z.ZodOptional<z.ZodNumber>;
    max_tokens: z.ZodOptional<z.ZodUnion<readonly [z.ZodEnum<{
        max: "max";
        default: "default";
        varied: "varied";
    }>, z.ZodNumber]>>;
    reasoning: z.ZodOptional<z.ZodObject<{
        share: z.ZodOptional<z.ZodNumber>;
        budget: z.ZodOptional<z.ZodEnum<{
            max: "max";
            varied: "varied";
        }>>;
    }, z.core.$strict>>;
    logprobs: z.ZodOptional<z.ZodObject<{
        share: z.ZodOptional<z.ZodNumber>;
        top: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
    logit_bias: z.ZodOptional<z.ZodObject<{
        share: z.ZodOptional<z.ZodNumber>;
        size: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
    multi_n: z.ZodOptional<z.ZodObject<{
        share: z.ZodOptional<z.ZodNumber>;
        n: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
    clients: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
        "claude-cli": "claude-cli";
        cline: "cline";
        aider: "aider";
        "anthropic-python": "anthropic-python";
        "anthropic-ts": "anthropic-ts";
        "openai-python": "openai-python";
        "openai-node": "openai-node";
        httpx: "httpx";
        requests: "requests";
        curl: "curl";
        go: "go";
        litellm: "litellm";
        browser: "browser";
        "mobile-app": "mobile-app";
    }> & z.core.$partial, z.ZodNumber>>;
    spoof: z.ZodOptional<z.ZodObject<{
        claims: z.ZodOptional<z.ZodEnum<{
            "claude-cli": "claude-cli";
            cline: "cline";
            aider: "aider";
            "anthropic-python": "anthropic-python";
            "anthropic-ts": "anthropic-ts";
            "openai-python": "openai-python";
            "openai-node": "openai-node";
            httpx: "httpx";
            requests: "requests";
            curl: "curl";
            go: "go";
            litellm: "litellm";
            browser: "browser";
            "mobile-app": "mobile-app";
        }>>;
        tls: z.ZodOptional<z.ZodEnum<{
            [x: string]: string;
        }>>;
        version_lag: z.ZodOptional<z.ZodNumber>;
    }, z.core.$strict>>;
    cache: z.ZodOptional<z.ZodEnum<{
        agent: "agent";
        chat: "chat";
        template: "template";
        none: "none";
    }>>;
    system_prompt: z.ZodOptional<z.ZodEnum<{
        account: "account";
        none: "none";
        product: "product";
        shared: "shared";
        generated: "generated";
    }>>;
    tools: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodEnum<{
        [x: string]: string;
    }>]>>;
    tool_share: z.ZodOptional<z.ZodNumber>;
    model_families: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodNumber>>;
    adoption_days: z.ZodOptional<z.ZodNumber>;
    network: z.ZodOptional<z.ZodObject<{
        kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            residential: "residential";
            mobile: "mobile";
            datacenter: "datacenter";
            university: "university";
        }> & z.core.$partial, z.ZodNumber>>;
        rotation: z.ZodOptional<z.ZodEnum<{
            request: "request";
            natural: "natural";
            sticky: "sticky";
            session: "session";
            day: "day";
        }>>;
        pool: z.ZodOptional<z.ZodNumber>;
        asn_spread: z.ZodOptional<z.ZodNumber>;
        countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            [x: string]: string;
        }> & z.core.$partial, z.ZodNumber>>;
        match_billing_country: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strict>>;
    proxies: z.ZodOptional<z.ZodObject<{
        kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            residential: "residential";
            mobile: "mobile";
            datacenter: "datacenter";
            university: "university";
        }> & z.core.$partial, z.ZodNumber>>;
        rotation: z.ZodOptional<z.ZodEnum<{
            request: "request";
            natural: "natural";
            sticky: "sticky";
            session: "session";
            day: "day";
        }>>;
        pool: z.ZodOptional<z.ZodNumber>;
        asn_spread: z.ZodOptional<z.ZodNumber>;
        countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            [x: string]: string;
        }> & z.core.$partial, z.ZodNumber>>;
        match_billing_country: z.ZodOptional<z.ZodBoolean>;
    }, z.core.$strict>>;
    signup: z.ZodOptional<z.ZodObject<{
        pattern: z.ZodOptional<z.ZodEnum<{
            established: "established";
            drip: "drip";
            burst: "burst";
            waves: "waves";
            same_day: "same_day";
        }>>;
        waves: z.ZodOptional<z.ZodNumber>;
        ramp_days: z.ZodOptional<z.ZodNumber>;
        age_days: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>>;
        new_share: z.ZodOptional<z.ZodNumber>;
        email: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            edu: "edu";
            startup: "startup";
            consumer: "consumer";
            company: "company";
            throwaway: "throwaway";
        }> & z.core.$partial, z.ZodNumber>>;
        accounts_per_card: z.ZodOptional<z.ZodNumber>;
        tiers: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            free: "free";
            build: "build";
            scale: "scale";
            enterprise: "enterprise";
            edu: "edu";
            startup: "startup";
            research: "research";
        }> & z.core.$partial, z.ZodNumber>>;
        verified: z.ZodOptional<z.ZodNumber>;
        org_share: z.ZodOptional<z.ZodNumber>;
        org_size: z.ZodOptional<z.ZodNumber>;
        countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            [x: string]: string;
        }> & z.core.$partial, z.ZodNumber>>;
    }, z.core.$strict>>;
    benchmarks: z.ZodOptional<z.ZodArray<z.ZodString>>;
    run_size: z.ZodOptional<z.ZodNumber>;
    class_size: z.ZodOptional<z.ZodNumber>;
}, z.core.$strip>;
export type Knobs = z.infer<typeof knobs>;
export declare const scenarioSchema: z.ZodObject<{
    name: z.ZodString;
    description: z.ZodOptional<z.ZodString>;
    start: z.ZodUnion<readonly [z.ZodString, z.ZodPipe<z.ZodDate, z.ZodTransform<string, Date>>]>;
    days: z.ZodNumber;
    models: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        family: z.ZodString;
        released: z.ZodUnion<readonly [z.ZodString, z.ZodPipe<z.ZodDate, z.ZodTransform<string, Date>>]>;
    }, z.core.$strict>>;
    benign: z.ZodDefault<z.ZodArray<z.ZodObject<{
        rate: z.ZodOptional<z.ZodNumber>;
        volume_sigma: z.ZodOptional<z.ZodNumber>;
        rhythm: z.ZodOptional<z.ZodEnum<{
            evening: "evening";
            office: "office";
            always_on: "always_on";
            runs: "runs";
            deadline: "deadline";
            cron: "cron";
            round_robin: "round_robin";
            jobs: "jobs";
            naive: "naive";
        }>>;
        limit_fraction: z.ZodOptional<z.ZodNumber>;
        turns: z.ZodOptional<z.ZodNumber>;
        turn_gap_seconds: z.ZodOptional<z.ZodNumber>;
        targets: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            reasoning: "reasoning";
            software_engineering: "software_engineering";
            agentic_tool_use: "agentic_tool_use";
            long_horizon_planning: "long_horizon_planning";
            rubric_grading: "rubric_grading";
            general: "general";
        }> & z.core.$partial, z.ZodNumber>>;
        cot_share: z.ZodOptional<z.ZodNumber>;
        templates: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodObject<{
            count: z.ZodNumber;
            paraphrase: z.ZodNumber;
        }, z.core.$strict>]>>;
        paraphrase: z.ZodOptional<z.ZodNumber>;
        max_tokens: z.ZodOptional<z.ZodUnion<readonly [z.ZodEnum<{
            max: "max";
            default: "default";
            varied: "varied";
        }>, z.ZodNumber]>>;
        reasoning: z.ZodOptional<z.ZodObject<{
            share: z.ZodOptional<z.ZodNumber>;
            budget: z.ZodOptional<z.ZodEnum<{
                max: "max";
                varied: "varied";
            }>>;
        }, z.core.$strict>>;
        logprobs: z.ZodOptional<z.ZodObject<{
            share: z.ZodOptional<z.ZodNumber>;
            top: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        logit_bias: z.ZodOptional<z.ZodObject<{
            share: z.ZodOptional<z.ZodNumber>;
            size: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        multi_n: z.ZodOptional<z.ZodObject<{
            share: z.ZodOptional<z.ZodNumber>;
            n: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        clients: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            "claude-cli": "claude-cli";
            cline: "cline";
            aider: "aider";
            "anthropic-python": "anthropic-python";
            "anthropic-ts": "anthropic-ts";
            "openai-python": "openai-python";
            "openai-node": "openai-node";
            httpx: "httpx";
            requests: "requests";
            curl: "curl";
            go: "go";
            litellm: "litellm";
            browser: "browser";
            "mobile-app": "mobile-app";
        }> & z.core.$partial, z.ZodNumber>>;
        spoof: z.ZodOptional<z.ZodObject<{
            claims: z.ZodOptional<z.ZodEnum<{
                "claude-cli": "claude-cli";
                cline: "cline";
                aider: "aider";
                "anthropic-python": "anthropic-python";
                "anthropic-ts": "anthropic-ts";
                "openai-python": "openai-python";
                "openai-node": "openai-node";
                httpx: "httpx";
                requests: "requests";
                curl: "curl";
                go: "go";
                litellm: "litellm";
                browser: "browser";
                "mobile-app": "mobile-app";
            }>>;
            tls: z.ZodOptional<z.ZodEnum<{
                [x: string]: string;
            }>>;
            version_lag: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        cache: z.ZodOptional<z.ZodEnum<{
            agent: "agent";
            chat: "chat";
            template: "template";
            none: "none";
        }>>;
        system_prompt: z.ZodOptional<z.ZodEnum<{
            account: "account";
            none: "none";
            product: "product";
            shared: "shared";
            generated: "generated";
        }>>;
        tools: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodEnum<{
            [x: string]: string;
        }>]>>;
        tool_share: z.ZodOptional<z.ZodNumber>;
        model_families: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodNumber>>;
        adoption_days: z.ZodOptional<z.ZodNumber>;
        network: z.ZodOptional<z.ZodObject<{
            kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                residential: "residential";
                mobile: "mobile";
                datacenter: "datacenter";
                university: "university";
            }> & z.core.$partial, z.ZodNumber>>;
            rotation: z.ZodOptional<z.ZodEnum<{
                request: "request";
                natural: "natural";
                sticky: "sticky";
                session: "session";
                day: "day";
            }>>;
            pool: z.ZodOptional<z.ZodNumber>;
            asn_spread: z.ZodOptional<z.ZodNumber>;
            countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                [x: string]: string;
            }> & z.core.$partial, z.ZodNumber>>;
            match_billing_country: z.ZodOptional<z.ZodBoolean>;
        }, z.core.$strict>>;
        proxies: z.ZodOptional<z.ZodObject<{
            kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                residential: "residential";
                mobile: "mobile";
                datacenter: "datacenter";
                university: "university";
            }> & z.core.$partial, z.ZodNumber>>;
            rotation: z.ZodOptional<z.ZodEnum<{
                request: "request";
                natural: "natural";
                sticky: "sticky";
                session: "session";
                day: "day";
            }>>;
            pool: z.ZodOptional<z.ZodNumber>;
            asn_spread: z.ZodOptional<z.ZodNumber>;
            countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                [x: string]: string;
            }> & z.core.$partial, z.ZodNumber>>;
            match_billing_country: z.ZodOptional<z.ZodBoolean>;
        }, z.core.$strict>>;
        signup: z.ZodOptional<z.ZodObject<{
            pattern: z.ZodOptional<z.ZodEnum<{
                established: "established";
                drip: "drip";
                burst: "burst";
                waves: "waves";
                same_day: "same_day";
            }>>;
            waves: z.ZodOptional<z.ZodNumber>;
            ramp_days: z.ZodOptional<z.ZodNumber>;
            age_days: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>>;
            new_share: z.ZodOptional<z.ZodNumber>;
            email: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                edu: "edu";
                startup: "startup";
                consumer: "consumer";
                company: "company";
                throwaway: "throwaway";
            }> & z.core.$partial, z.ZodNumber>>;
            accounts_per_card: z.ZodOptional<z.ZodNumber>;
            tiers: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                free: "free";
                build: "build";
                scale: "scale";
                enterprise: "enterprise";
                edu: "edu";
                startup: "startup";
                research: "research";
            }> & z.core.$partial, z.ZodNumber>>;
            verified: z.ZodOptional<z.ZodNumber>;
            org_share: z.ZodOptional<z.ZodNumber>;
            org_size: z.ZodOptional<z.ZodNumber>;
            countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                [x: string]: string;
            }> & z.core.$partial, z.ZodNumber>>;
        }, z.core.$strict>>;
        benchmarks: z.ZodOptional<z.ZodArray<z.ZodString>>;
        run_size: z.ZodOptional<z.ZodNumber>;
        class_size: z.ZodOptional<z.ZodNumber>;
        persona: z.ZodEnum<{
            [x: string]: string;
        }>;
        cohort: z.ZodOptional<z.ZodString>;
        accounts: z.ZodNumber;
    }, z.core.$strict>>>;
    attacks: z.ZodDefault<z.ZodArray<z.ZodObject<{
        rate: z.ZodOptional<z.ZodNumber>;
        volume_sigma: z.ZodOptional<z.ZodNumber>;
        rhythm: z.ZodOptional<z.ZodEnum<{
            evening: "evening";
            office: "office";
            always_on: "always_on";
            runs: "runs";
            deadline: "deadline";
            cron: "cron";
            round_robin: "round_robin";
            jobs: "jobs";
            naive: "naive";
        }>>;
        limit_fraction: z.ZodOptional<z.ZodNumber>;
        turns: z.ZodOptional<z.ZodNumber>;
        turn_gap_seconds: z.ZodOptional<z.ZodNumber>;
        targets: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            reasoning: "reasoning";
            software_engineering: "software_engineering";
            agentic_tool_use: "agentic_tool_use";
            long_horizon_planning: "long_horizon_planning";
            rubric_grading: "rubric_grading";
            general: "general";
        }> & z.core.$partial, z.ZodNumber>>;
        cot_share: z.ZodOptional<z.ZodNumber>;
        templates: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodObject<{
            count: z.ZodNumber;
            paraphrase: z.ZodNumber;
        }, z.core.$strict>]>>;
        paraphrase: z.ZodOptional<z.ZodNumber>;
        max_tokens: z.ZodOptional<z.ZodUnion<readonly [z.ZodEnum<{
            max: "max";
            default: "default";
            varied: "varied";
        }>, z.ZodNumber]>>;
        reasoning: z.ZodOptional<z.ZodObject<{
            share: z.ZodOptional<z.ZodNumber>;
            budget: z.ZodOptional<z.ZodEnum<{
                max: "max";
                varied: "varied";
            }>>;
        }, z.core.$strict>>;
        logprobs: z.ZodOptional<z.ZodObject<{
            share: z.ZodOptional<z.ZodNumber>;
            top: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        logit_bias: z.ZodOptional<z.ZodObject<{
            share: z.ZodOptional<z.ZodNumber>;
            size: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        multi_n: z.ZodOptional<z.ZodObject<{
            share: z.ZodOptional<z.ZodNumber>;
            n: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        clients: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
            "claude-cli": "claude-cli";
            cline: "cline";
            aider: "aider";
            "anthropic-python": "anthropic-python";
            "anthropic-ts": "anthropic-ts";
            "openai-python": "openai-python";
            "openai-node": "openai-node";
            httpx: "httpx";
            requests: "requests";
            curl: "curl";
            go: "go";
            litellm: "litellm";
            browser: "browser";
            "mobile-app": "mobile-app";
        }> & z.core.$partial, z.ZodNumber>>;
        spoof: z.ZodOptional<z.ZodObject<{
            claims: z.ZodOptional<z.ZodEnum<{
                "claude-cli": "claude-cli";
                cline: "cline";
                aider: "aider";
                "anthropic-python": "anthropic-python";
                "anthropic-ts": "anthropic-ts";
                "openai-python": "openai-python";
                "openai-node": "openai-node";
                httpx: "httpx";
                requests: "requests";
                curl: "curl";
                go: "go";
                litellm: "litellm";
                browser: "browser";
                "mobile-app": "mobile-app";
            }>>;
            tls: z.ZodOptional<z.ZodEnum<{
                [x: string]: string;
            }>>;
            version_lag: z.ZodOptional<z.ZodNumber>;
        }, z.core.$strict>>;
        cache: z.ZodOptional<z.ZodEnum<{
            agent: "agent";
            chat: "chat";
            template: "template";
            none: "none";
        }>>;
        system_prompt: z.ZodOptional<z.ZodEnum<{
            account: "account";
            none: "none";
            product: "product";
            shared: "shared";
            generated: "generated";
        }>>;
        tools: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodEnum<{
            [x: string]: string;
        }>]>>;
        tool_share: z.ZodOptional<z.ZodNumber>;
        model_families: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodNumber>>;
        adoption_days: z.ZodOptional<z.ZodNumber>;
        network: z.ZodOptional<z.ZodObject<{
            kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                residential: "residential";
                mobile: "mobile";
                datacenter: "datacenter";
                university: "university";
            }> & z.core.$partial, z.ZodNumber>>;
            rotation: z.ZodOptional<z.ZodEnum<{
                request: "request";
                natural: "natural";
                sticky: "sticky";
                session: "session";
                day: "day";
            }>>;
            pool: z.ZodOptional<z.ZodNumber>;
            asn_spread: z.ZodOptional<z.ZodNumber>;
            countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                [x: string]: string;
            }> & z.core.$partial, z.ZodNumber>>;
            match_billing_country: z.ZodOptional<z.ZodBoolean>;
        }, z.core.$strict>>;
        proxies: z.ZodOptional<z.ZodObject<{
            kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                residential: "residential";
                mobile: "mobile";
                datacenter: "datacenter";
                university: "university";
            }> & z.core.$partial, z.ZodNumber>>;
            rotation: z.ZodOptional<z.ZodEnum<{
                request: "request";
                natural: "natural";
                sticky: "sticky";
                session: "session";
                day: "day";
            }>>;
            pool: z.ZodOptional<z.ZodNumber>;
            asn_spread: z.ZodOptional<z.ZodNumber>;
            countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                [x: string]: string;
            }> & z.core.$partial, z.ZodNumber>>;
            match_billing_country: z.ZodOptional<z.ZodBoolean>;
        }, z.core.$strict>>;
        signup: z.ZodOptional<z.ZodObject<{
            pattern: z.ZodOptional<z.ZodEnum<{
                established: "established";
                drip: "drip";
                burst: "burst";
                waves: "waves";
                same_day: "same_day";
            }>>;
            waves: z.ZodOptional<z.ZodNumber>;
            ramp_days: z.ZodOptional<z.ZodNumber>;
            age_days: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>>;
            new_share: z.ZodOptional<z.ZodNumber>;
            email: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                edu: "edu";
                startup: "startup";
                consumer: "consumer";
                company: "company";
                throwaway: "throwaway";
            }> & z.core.$partial, z.ZodNumber>>;
            accounts_per_card: z.ZodOptional<z.ZodNumber>;
            tiers: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                free: "free";
                build: "build";
                scale: "scale";
                enterprise: "enterprise";
                edu: "edu";
                startup: "startup";
                research: "research";
            }> & z.core.$partial, z.ZodNumber>>;
            verified: z.ZodOptional<z.ZodNumber>;
            org_share: z.ZodOptional<z.ZodNumber>;
            org_size: z.ZodOptional<z.ZodNumber>;
            countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                [x: string]: string;
            }> & z.core.$partial, z.ZodNumber>>;
        }, z.core.$strict>>;
        benchmarks: z.ZodOptional<z.ZodArray<z.ZodString>>;
        run_size: z.ZodOptional<z.ZodNumber>;
        class_size: z.ZodOptional<z.ZodNumber>;
        id: z.ZodString;
        start: z.ZodUnion<readonly [z.ZodString, z.ZodPipe<z.ZodDate, z.ZodTransform<string, Date>>]>;
        end: z.ZodUnion<readonly [z.ZodString, z.ZodPipe<z.ZodDate, z.ZodTransform<string, Date>>]>;
        accounts: z.ZodNumber;
        exchanges: z.ZodNumber;
        replacement: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodObject<{
            ban_rate_per_day: z.ZodNumber;
            delay_hours: z.ZodNumber;
        }, z.core.$strict>]>>;
        migration: z.ZodOptional<z.ZodObject<{
            model: z.ZodString;
            share: z.ZodNumber;
            within_hours: z.ZodNumber;
        }, z.core.$strict>>;
        parts: z.ZodOptional<z.ZodArray<z.ZodObject<{
            rate: z.ZodOptional<z.ZodNumber>;
            volume_sigma: z.ZodOptional<z.ZodNumber>;
            rhythm: z.ZodOptional<z.ZodEnum<{
                evening: "evening";
                office: "office";
                always_on: "always_on";
                runs: "runs";
                deadline: "deadline";
                cron: "cron";
                round_robin: "round_robin";
                jobs: "jobs";
                naive: "naive";
            }>>;
            limit_fraction: z.ZodOptional<z.ZodNumber>;
            turns: z.ZodOptional<z.ZodNumber>;
            turn_gap_seconds: z.ZodOptional<z.ZodNumber>;
            targets: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                reasoning: "reasoning";
                software_engineering: "software_engineering";
                agentic_tool_use: "agentic_tool_use";
                long_horizon_planning: "long_horizon_planning";
                rubric_grading: "rubric_grading";
                general: "general";
            }> & z.core.$partial, z.ZodNumber>>;
            cot_share: z.ZodOptional<z.ZodNumber>;
            templates: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodObject<{
                count: z.ZodNumber;
                paraphrase: z.ZodNumber;
            }, z.core.$strict>]>>;
            paraphrase: z.ZodOptional<z.ZodNumber>;
            max_tokens: z.ZodOptional<z.ZodUnion<readonly [z.ZodEnum<{
                max: "max";
                default: "default";
                varied: "varied";
            }>, z.ZodNumber]>>;
            reasoning: z.ZodOptional<z.ZodObject<{
                share: z.ZodOptional<z.ZodNumber>;
                budget: z.ZodOptional<z.ZodEnum<{
                    max: "max";
                    varied: "varied";
                }>>;
            }, z.core.$strict>>;
            logprobs: z.ZodOptional<z.ZodObject<{
                share: z.ZodOptional<z.ZodNumber>;
                top: z.ZodOptional<z.ZodNumber>;
            }, z.core.$strict>>;
            logit_bias: z.ZodOptional<z.ZodObject<{
                share: z.ZodOptional<z.ZodNumber>;
                size: z.ZodOptional<z.ZodNumber>;
            }, z.core.$strict>>;
            multi_n: z.ZodOptional<z.ZodObject<{
                share: z.ZodOptional<z.ZodNumber>;
                n: z.ZodOptional<z.ZodNumber>;
            }, z.core.$strict>>;
            clients: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                "claude-cli": "claude-cli";
                cline: "cline";
                aider: "aider";
                "anthropic-python": "anthropic-python";
                "anthropic-ts": "anthropic-ts";
                "openai-python": "openai-python";
                "openai-node": "openai-node";
                httpx: "httpx";
                requests: "requests";
                curl: "curl";
                go: "go";
                litellm: "litellm";
                browser: "browser";
                "mobile-app": "mobile-app";
            }> & z.core.$partial, z.ZodNumber>>;
            spoof: z.ZodOptional<z.ZodObject<{
                claims: z.ZodOptional<z.ZodEnum<{
                    "claude-cli": "claude-cli";
                    cline: "cline";
                    aider: "aider";
                    "anthropic-python": "anthropic-python";
                    "anthropic-ts": "anthropic-ts";
                    "openai-python": "openai-python";
                    "openai-node": "openai-node";
                    httpx: "httpx";
                    requests: "requests";
                    curl: "curl";
                    go: "go";
                    litellm: "litellm";
                    browser: "browser";
                    "mobile-app": "mobile-app";
                }>>;
                tls: z.ZodOptional<z.ZodEnum<{
                    [x: string]: string;
                }>>;
                version_lag: z.ZodOptional<z.ZodNumber>;
            }, z.core.$strict>>;
            cache: z.ZodOptional<z.ZodEnum<{
                agent: "agent";
                chat: "chat";
                template: "template";
                none: "none";
            }>>;
            system_prompt: z.ZodOptional<z.ZodEnum<{
                account: "account";
                none: "none";
                product: "product";
                shared: "shared";
                generated: "generated";
            }>>;
            tools: z.ZodOptional<z.ZodUnion<readonly [z.ZodLiteral<"none">, z.ZodEnum<{
                [x: string]: string;
            }>]>>;
            tool_share: z.ZodOptional<z.ZodNumber>;
            model_families: z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodNumber>>;
            adoption_days: z.ZodOptional<z.ZodNumber>;
            network: z.ZodOptional<z.ZodObject<{
                kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                    residential: "residential";
                    mobile: "mobile";
                    datacenter: "datacenter";
                    university: "university";
                }> & z.core.$partial, z.ZodNumber>>;
                rotation: z.ZodOptional<z.ZodEnum<{
                    request: "request";
                    natural: "natural";
                    sticky: "sticky";
                    session: "session";
                    day: "day";
                }>>;
                pool: z.ZodOptional<z.ZodNumber>;
                asn_spread: z.ZodOptional<z.ZodNumber>;
                countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                    [x: string]: string;
                }> & z.core.$partial, z.ZodNumber>>;
                match_billing_country: z.ZodOptional<z.ZodBoolean>;
            }, z.core.$strict>>;
            proxies: z.ZodOptional<z.ZodObject<{
                kinds: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                    residential: "residential";
                    mobile: "mobile";
                    datacenter: "datacenter";
                    university: "university";
                }> & z.core.$partial, z.ZodNumber>>;
                rotation: z.ZodOptional<z.ZodEnum<{
                    request: "request";
                    natural: "natural";
                    sticky: "sticky";
                    session: "session";
                    day: "day";
                }>>;
                pool: z.ZodOptional<z.ZodNumber>;
                asn_spread: z.ZodOptional<z.ZodNumber>;
                countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                    [x: string]: string;
                }> & z.core.$partial, z.ZodNumber>>;
                match_billing_country: z.ZodOptional<z.ZodBoolean>;
            }, z.core.$strict>>;
            signup: z.ZodOptional<z.ZodObject<{
                pattern: z.ZodOptional<z.ZodEnum<{
                    established: "established";
                    drip: "drip";
                    burst: "burst";
                    waves: "waves";
                    same_day: "same_day";
                }>>;
                waves: z.ZodOptional<z.ZodNumber>;
                ramp_days: z.ZodOptional<z.ZodNumber>;
                age_days: z.ZodOptional<z.ZodTuple<[z.ZodNumber, z.ZodNumber], null>>;
                new_share: z.ZodOptional<z.ZodNumber>;
                email: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                    edu: "edu";
                    startup: "startup";
                    consumer: "consumer";
                    company: "company";
                    throwaway: "throwaway";
                }> & z.core.$partial, z.ZodNumber>>;
                accounts_per_card: z.ZodOptional<z.ZodNumber>;
                tiers: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                    free: "free";
                    build: "build";
                    scale: "scale";
                    enterprise: "enterprise";
                    edu: "edu";
                    startup: "startup";
                    research: "research";
                }> & z.core.$partial, z.ZodNumber>>;
                verified: z.ZodOptional<z.ZodNumber>;
                org_share: z.ZodOptional<z.ZodNumber>;
                org_size: z.ZodOptional<z.ZodNumber>;
                countries: z.ZodOptional<z.ZodRecord<z.ZodEnum<{
                    [x: string]: string;
                }> & z.core.$partial, z.ZodNumber>>;
            }, z.core.$strict>>;
            benchmarks: z.ZodOptional<z.ZodArray<z.ZodString>>;
            run_size: z.ZodOptional<z.ZodNumber>;
            class_size: z.ZodOptional<z.ZodNumber>;
            name: z.ZodString;
            account_share: z.ZodOptional<z.ZodNumber>;
            accounts: z.ZodOptional<z.ZodNumber>;
            exchange_share: z.ZodNumber;
            cover: z.ZodOptional<z.ZodObject<{
                attack_share: z.ZodNumber;
            }, z.core.$strict>>;
            banned: z.ZodOptional<z.ZodBoolean>;
        }, z.core.$strict>>>;
    }, z.core.$strict>>>;
}, z.core.$strict>;
export type Scenario = z.infer<typeof scenarioSchema>;
export type BenignPopulation = Scenario['benign'][number];
export type Campaign = Scenario['attacks'][number];
export type CampaignPart = NonNullable<Campaign['parts']>[number];
export declare class ScenarioError extends Error {
}
/** Validates a parsed scenario; errors name the file and the path of each bad field. */
export declare function validateScenario(doc: unknown, file: string): Scenario;
/** Directory of the built-in scenarios (`scenarios/` at the package root, shipped with it). */
export declare const BUILTIN_DIR: string;
export interface BuiltinScenario {
    name: string;
    file: string;
    /** First line of the file's opening comment. */
    summary: string;
}
export declare function builtinScenarios(): BuiltinScenario[];
/** Reads a scenario by built-in name or file path (YAML or JSON). */
export declare function loadScenario(nameOrFile: string): {
    scenario: Scenario;
    file: string;
};
export {};
