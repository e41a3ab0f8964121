import { type HuntConfig } from './context.js';
import type { Signal } from './signal.js';
import { type AccountVerdict, type CampaignVerdict, type Thresholds } from './decide.js';
import { type CampaignDescription } from './describe.js';
import type { Warehouse } from '../warehouse/warehouse.js';
export interface HuntResult {
    config: HuntConfig;
    generatedAt: string;
    window: {
        accounts: number;
        exchanges: number;
        first: string | null;
        last: string | null;
    };
    accounts: AccountVerdict[];
    campaigns: (CampaignVerdict & CampaignDescription)[];
    signals: Signal[];
    timings: Record<string, number>;
    graph: {
        edges: number;
        clusters: number;
        modularity: number;
    };
    /** The bars a linked group's median member had to clear, in bits, per family of evidence. */
    thresholds: Thresholds;
}
export interface HuntOptions {
    signals?: Signal[];
    /** Keep the working tables (_hunt_*) for inspection with `distillwatch query`. */
    keepTables?: boolean;
    log?: (msg: string) => void;
    /** Called with the step about to run and the fraction of the hunt done. */
    onStep?: (step: string, fraction: number) => void;
    /** Turn cross-account linking off: every account judged alone (the signals-only baseline). */
    linking?: boolean;
}
/** Runs the whole hunt in the warehouse and returns its verdicts (writing files is the caller's job). */
export declare function hunt(wh: Warehouse, config: HuntConfig, opts?: HuntOptions): Promise<HuntResult>;
