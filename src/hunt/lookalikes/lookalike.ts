import type { HuntContext } from '../context.js';

/**
 * A legitimate pattern that can look like distillation: a university class, an evaluation harness, a
 * research lab sampling many answers, a reseller relay, an enterprise pipeline, a coding agent. The hunt
 * does not out-score these away silently: when an account the analyst will see (acted on, on the watch
 * queue, or in a linked group) shows what such a customer shows, its findings and the report name the
 * pattern and the numbers, so the analyst can tell "a class sharing a card and a NAT" from "a hydra".
 * A pattern is one self-contained file like a signal: what the legitimate customer is, what it shows, the
 * SQL, and what in a distillation campaign could show it too.
 */
export interface Lookalike {
  /** Stable id, e.g. `university_class`. */
  id: string;
  title: string;
  /** What the legitimate customer is and does. */
  shows: string;
  /** What of a campaign could show the same, so the explanation is not taken for an exoneration. */
  caveat: string;
  /**
   * Whether the pattern is many people each doing their own work (a class), so that what its accounts share is
   * the setting rather than a job: an ordinary member of a linked group it explains is ranked among its peers
   * (decide.ts rankWithinPatterns). Only for a pattern resting on evidence a harvester cannot copy for free
   * (accounts opened together on one network and card, then used at a person's pace), not on request content
   * alone (a coding agent's tools and cache re-use). False (the default) for a service that runs or forwards
   * other parties' requests (a relay, an evaluation harness, a pipeline, a lab's sampling jobs): a harvest can
   * run inside one, and its accounts keep their rank.
   */
  people?: boolean;
  /**
   * SQL returning one row per matching account among `_hunt_candidates` (account_id): `account_id String`
   * and `numbers Map(String, Float64)`, the measurements behind the match. May read `_hunt_acct`, `_hunt_x`,
   * `_hunt_keys` and the context's query parameters.
   */
  sql: (ctx: HuntContext) => string;
}

export const defineLookalike = (l: Lookalike): Lookalike => l;

/** SQL: the accounts the analyst will see, to explain (a table the hunt fills before matching). */
export const CANDIDATES = '_hunt_candidates';

/** SQL: an account is established: opened well before it was first seen, or verified. */
export const establishedSql = (a = 'a') => `(ifNull(${a}.age_at_first_days, 0) >= 30 OR ifNull(${a}.verified, false))`;
