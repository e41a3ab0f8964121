import { type HuntContext } from './context.js';
import type { Signal } from './signal.js';
/**
 * Runs every signal and scores its values against the population, in the warehouse. One row per
 * (account, signal) with enough support: the raw value, the value used for ranking (shares shrunk
 * toward the population mean), the tail probability p (share of scored accounts at least as extreme),
 * and the surprise -log2(p) in bits.
 */
export declare function scoreSignals(ctx: HuntContext, signals: Signal[]): Promise<void>;
export declare function signalScoreSql(s: Signal, ctx: HuntContext): string;
