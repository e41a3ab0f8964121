import { type HuntContext } from './context.js';
/**
 * The two tables every signal reads. `_hunt_x` is the one pass over the exchange log that reads text: it
 * keeps per exchange only what the hunt needs (hashes, flags, numbers), a few dozen bytes instead of
 * kilobytes. `_hunt_acct` aggregates it per account and joins the account record (as known at `until`).
 */
export declare function buildExchangeFeatures(ctx: HuntContext): Promise<void>;
export declare function buildAccountFeatures(ctx: HuntContext): Promise<void>;
