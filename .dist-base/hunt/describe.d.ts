import { type HuntContext } from './context.js';
import type { AccountVerdict, CampaignVerdict } from './decide.js';
/** What a campaign did and how it is tied together: the evidence a report is written from. */
export interface CampaignDescription {
    exchanges: number;
    first_seen: string | null;
    last_seen: string | null;
    daily: {
        day: string;
        exchanges: number;
        accounts: number;
    }[];
    capabilities: Record<string, number>;
    models: {
        model: string;
        exchanges: number;
    }[];
    infrastructure: {
        ips: number;
        subnets: number;
        asns: {
            asn: number;
            org: string;
            exchanges: number;
        }[];
        countries: {
            country: string;
            exchanges: number;
        }[];
        hosting_share: number;
        user_agents: {
            user_agent: string;
            exchanges: number;
        }[];
    };
    accounts_created: {
        day: string;
        accounts: number;
    }[];
    tiers: Record<string, number>;
    shared_keys: {
        kind: string;
        key: string;
        accounts: number;
        population_accounts: number;
        weight: number;
        example?: string;
    }[];
    examples: {
        prompt_sha256: string;
        prompt: string;
    }[];
}
export declare function describeCampaigns(ctx: HuntContext, campaigns: CampaignVerdict[], accounts: AccountVerdict[]): Promise<(CampaignVerdict & CampaignDescription)[]>;
