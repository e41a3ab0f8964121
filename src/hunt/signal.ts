import type { HuntContext } from './context.js';

/**
 * A hunt signal: one behaviour that distillation traffic shows, measured per account and scored against
 * the population it runs on. A signal is one self-contained file (like a Sigma or Falco rule): what it
 * measures, why distillation shows it, what legitimate traffic shows it too, its SQL, and how it scores.
 * Adding a signal means adding a file under `signals/` and registering it in `signals/index.ts`.
 *
 * Scoring is shared (see score.ts) so every signal is calibrated the same way:
 * - `share` signals give, per account, a count `k` of matching exchanges out of `n`; the share is shrunk
 *   toward the population's mean by an empirical-Bayes Beta prior (so 1 of 1 is not "100%").
 * - `value` signals give one number per account with its support `n` (exchanges it rests on); accounts
 *   with less than `minSupport` have no opinion.
 * A cluster pools either kind by its median member's (shrunk) value: the value half its members reach
 * (typicalValue in hunt.ts).
 * The score is the surprise of the value in the population: -log2 of the share of accounts at least as
 * extreme (in the signal's direction), so "1 account in 1,000 is this extreme" is 10 bits.
 */
export interface Signal {
  /** Stable id, also the reason code a flagged account carries when this signal drives it. */
  id: string;
  title: string;
  /**
   * Signals of one group measure one underlying behaviour; an account's score takes the strongest signal
   * of each group, so correlated signals don't count twice.
   */
  group: SignalGroup;
  /** What it measures. */
  measures: string;
  /** Why distillation traffic shows it. */
  why: string;
  /** Legitimate traffic that can show it too (the hard negatives it must be weighed against). */
  confounders: string;
  kind: 'share' | 'value';
  /** Which end is suspicious. */
  direction: 'high' | 'low';
  /** Accounts with fewer supporting exchanges than this are not scored by the signal. */
  minSupport: number;
  /**
   * SQL returning one row per account: `account_id String`, and for `share` signals `k` and `n`, for
   * `value` signals `value` and `n`. It may read `_hunt_x` (per exchange), `_hunt_acct` (per account) and
   * `_hunt_acct_rollup` (per account, values still counted per IP, output level...) and use the context's query
   * parameters. Grouping `_hunt_x` by `acct` (the account's hash) rather than `account_id` is cheaper, and by
   * a hash of a LowCardinality string rather than the string several times cheaper.
   */
  sql: (ctx: HuntContext) => string;
  /**
   * An absolute floor, for the few signals whose meaning the API itself fixes (a logit-bias sweep, a
   * log-probability sweep, sustained maximal reasoning sampled many times over): an account whose raw value
   * reaches it, on at least the signal's minSupport exchanges, is acted on alone (tier `account`), whatever
   * the rest of the population does. A population-relative test can be masked (two extraction accounts
   * each set the other's scale); a floor cannot. `why` says what in the API or the published attack the
   * number comes from, and which legitimate traffic could still reach it.
   */
  floor?: SignalFloor;
  /**
   * The signal names the operator's tooling, not what the traffic asks for (a client claim its own TLS stack gives
   * away): an account showing the same tooling as a campaign's typical account is tied to the campaign's operator.
   * The profile test (hunt.ts, profileHits) takes it, with the campaign's behaviour, for a linked account that shows
   * none of the campaign's provenance: an operation of old accounts, each on a card and an exit of its own, shares
   * its software and nothing else. `why` says so for this signal; `key` is SQL over `_hunt_acct`'s columns naming
   * the account's tooling as a UInt64 (0 for none), so that "the same" means the same (a customer behind a
   * TLS-intercepting proxy shows a mismatch too, not the campaign's).
   */
  tooling?: { why: string; key: string };
  /**
   * The signal's value is a share of requests, each request judged alone (its SQL reads only the per-request
   * shares of `_hunt_acct`: streams.ts REQUEST_SHARES_SQL). Such a signal can be measured on any part of an
   * account's traffic, such as the stream of one customer's requests inside a relay (streams.ts).
   */
  perRequest?: boolean;
  /**
   * A `perRequest` share that says which turn of a conversation a request is. A stream picked by the opening or the
   * first line of its prompts (streams.ts) is made of conversations' first requests by the way it was picked
   * (a follow-up carries its user's words, not the scaffolding), whoever sends it: there the signal counts only
   * beside another of the stream's signals that is a reason (what the requests ask for).
   */
  turnOfConversation?: boolean;
}

export interface SignalFloor {
  value: number;
  why: string;
}

export const SIGNAL_GROUPS = [
  'volume',
  'output',
  'timing',
  'rate_limit',
  'conversation',
  'elicitation',
  'capability',
  'templates',
  'cache',
  'infrastructure',
  'account',
  'signup',
  'origin',
  'exits',
  'extraction',
  'sampling',
  'distribution',
  'coordination',
  'peer',
] as const;
export type SignalGroup = (typeof SIGNAL_GROUPS)[number];

/**
 * The families of evidence. A campaign must show two together: what its traffic does and how it arrives
 * (behaviour: harvesting volume and output, reasoning elicitation, timing, rate-limit shaping, proxies,
 * spoofed clients), and what its accounts are (provenance: fresh, unverified, paid with shared cards, or
 * hidden behind rented exits: the `origin` group, a new ISP day after day, and the `exits` group, many networks in
 * one day).
 * Legitimate look-alikes show one: evaluation runs, batch pipelines and headless agents behave like
 * harvesters, from the cloud or their own offices, on well-established accounts; a class signs up in a burst
 * but does not harvest. The third family, coordination (shared templates, one topic mix, one prompt distribution, the
 * load divided evenly), says the accounts act as one group: it is what linking already found, and any
 * tight group of people doing the same thing (a class on one assignment) shows it, so it adds to a
 * campaign's score and reasons but does not make a linked group a campaign.
 */
export type SignalFamily = 'behaviour' | 'provenance' | 'coordination';
// (Peers' indicators count here too: they add to a score and name the peer, but never make a campaign on their own.)
const COORDINATION: readonly SignalGroup[] = ['templates', 'capability', 'distribution', 'coordination', 'peer'];
/**
 * The groups that say an account hides where it is (rented exits). Two groups, not one: a pool rotated once a day
 * and a pool rotated per session show on different accounts of one operation, and each is one of its ways
 * (campaignProvenance in hunt.ts); an account alone is judged on the stronger of the two (decide.ts).
 */
export const HIDDEN_ORIGIN: readonly SignalGroup[] = ['origin', 'exits'];
/**
 * Groups of evidence a linked group shows and no account alone can (its accounts opened together:
 * opened-together.ts). They add to a group's pooled evidence; what is asked of each member (a campaign's core, the
 * profile test) is measured without them.
 */
export const GROUP_LEVEL: readonly SignalGroup[] = ['signup'];
export const familyOf = (group: SignalGroup): SignalFamily =>
  group === 'account' || group === 'signup' || HIDDEN_ORIGIN.includes(group) ? 'provenance' : COORDINATION.includes(group) ? 'coordination' : 'behaviour';

export const defineSignal = (s: Signal): Signal => s;
