import { T, type HuntContext } from './context.js';
import { lowerBound, upperBound } from '../util/sorted.js';
import type { SignalHit } from './population.js';
import type { SignalGroup } from './signal.js';

/**
 * Opened together: a linked group whose accounts were opened within days of each other, in a span that holds
 * few of the other accounts' openings. Evidence of the group, not of any one account (no account alone can show
 * it), so it is added to a linked group's pooled provenance and nowhere else.
 *
 * Why: an operation opens its accounts for the job, and spreads the sign-ups over days (a drip, in waves) so that
 * no ten-minute burst (the creation_burst key) shows them. Each account is then only a few days old, which every
 * genuine new customer is too (new_account carries a few bits), but hundreds of accounts linked by their prompts
 * that were all opened in the same week, when the provider's other customers opened a few per cent of theirs, are
 * not a random draw of its customers. The measure grows with the group, as the evidence does: the median of a
 * group's members (how every signal is pooled) says the typical account is new, not that they all are.
 *
 * Legitimate groups opened together: a class or a hackathon (the same day; the `people` patterns explain them),
 * a startup programme's cohort, a company's team onboarded in one week. They show it; what they lack is the
 * harvester's behaviour, which a campaign needs too. A tool's users who share its system prompt were opened over
 * years and do not show it.
 *
 * The statistic: the shortest span holding half the group's accounts (half: the typical member, as pooling
 * takes it), among those opened since the horizon (as long before the window as it lasts), q the share of the
 * other accounts (outside the group and its kin) opened in that span. Under the hypothesis that the group's
 * accounts were opened like anyone else's, the chance that some span of that mass,
 * starting at one of the m accounts, holds at least half of them is at most m times a binomial tail, for q
 * rounded up to a power of two, over the powers of two down to one account's share (a union bound over the spans
 * and the grid). The tail is bounded by Chernoff's (relative entropy) bound, so the bits are a lower bound
 * on that chance's surprise. The hit's bits are the lesser of that surprise and the typical member's, -log2 q (an
 * account opened in a span that holds q of the others; at most one account in the population, as every pooled
 * signal): a large group mildly concentrated (half of a hundred accounts opened in a season that holds a quarter
 * of the others', customers who came with one product launch) is significant but says little of how they were
 * opened, and a small group tightly concentrated (two of three accounts opened the same day) says much if true
 * and is often chance.
 */
export const OPENED_TOGETHER = 'opened_together';
/** Its group: evidence of a linked group, shown by no account alone (GROUP_LEVEL). */
export const OPENED_TOGETHER_GROUP: SignalGroup = 'signup';
export const OPENED_TOGETHER_TITLE = 'Accounts opened together (a sign-up drip)';
/** Old accounts that made their first requests of the window together (wokeTogether). */
export const WOKE_TOGETHER = 'woke_together';
export const WOKE_TOGETHER_TITLE = 'Old accounts woken together (bought or dormant accounts put to work at once)';

const DAY_MS = 86_400_000;

/** When each account of the window was opened, and all of them sorted. */
export interface Openings {
  at: Map<string, number>;
  sorted: Float64Array;
  /**
   * The earliest opening that can be "for the job" the window shows: as long before the window's first request as
   * the window lasts. An operation of accounts opened long before (bought, borrowed, aged) may have been opened
   * months apart when few others were (a young provider, an old account's cohort); that is not a drip.
   */
  horizon: number;
  /**
   * Each old account's first request in the window (opened before it), woken or not, and all of them sorted: what a
   * group's wakes are compared with (under the hypothesis that its accounts came like anyone else's, each wake is one
   * of these).
   */
  returnedAt: Map<string, number>;
  returns: Float64Array;
  /** Each woken account's wake (loadOpenings: the first request of an old account quiet for longer than its pace). */
  wokeAt: Map<string, number>;
}

export async function loadOpenings(ctx: HuntContext): Promise<Openings> {
  const ms = (col: string) => `toFloat64(toUnixTimestamp64Milli(toDateTime64(${col}, 3)))`;
  const [span] = await ctx.wh.queryArrays<[number, number]>(
    `SELECT ${ms('minIf(first_ts, exchanges > 0)')}, ${ms('maxIf(last_ts, exchanges > 0)')} FROM ${T.acct}`,
  );
  const [first, last] = span ? [Number(span[0]), Number(span[1])] : [0, 0];
  // When each account was opened; for an account opened before the window's first request, the first request it made
  // in the window (`returns`); and whether that was a wake: quiet from the window's start for longer than the
  // account's own usual gap between active days (the span it was active over, divided among its active days). An
  // account already at work, or coming back at its own pace, makes its first request within that gap: its first
  // request says nothing of when it started. (Nor does a first request on its only active day: one day shows no pace.)
  const rows = await ctx.wh.queryArrays<[string, number, number, number, number]>(
    `SELECT account_id, ${ms('assumeNotNull(created_at)')} AS opened, ${ms('first_ts')} AS first_request,
            exchanges > 0 AND opened < {first:Float64} AS returned,
            returned AND active_days >= 2 AND first_request - {first:Float64} > (${ms('last_ts')} - first_request) / (active_days - 1) AS woke
     FROM ${T.acct} WHERE has_record AND created_at IS NOT NULL`,
    { first },
  );
  const at = new Map<string, number>();
  const returnedAt = new Map<string, number>();
  const wokeAt = new Map<string, number>();
  for (const [id, t, firstRequest, returned, woke] of rows) {
    at.set(id, Number(t));
    if (Number(returned)) returnedAt.set(id, Number(firstRequest));
    if (Number(woke)) wokeAt.set(id, Number(firstRequest));
  }
  return {
    at,
    sorted: Float64Array.from(at.values()).sort(),
    horizon: first - Math.max(0, last - first),
    returnedAt,
    returns: Float64Array.from(returnedAt.values()).sort(),
    wokeAt,
  };
}

/** The opening times of `accounts` (those with a record), sorted. */
export function openingsOf(openings: Pick<Openings, 'at'>, accounts: string[]): Float64Array {
  return timesOf(openings.at, accounts);
}

/** The wakes of `accounts` (loadOpenings), sorted. */
export function wakesOf(openings: Openings, accounts: string[]): Float64Array {
  return timesOf(openings.wokeAt, accounts);
}

/** The first requests in the window of `accounts` opened before it, sorted. */
export function returnsOf(openings: Openings, accounts: string[]): Float64Array {
  return timesOf(openings.returnedAt, accounts);
}

function timesOf(at: Map<string, number>, accounts: string[]): Float64Array {
  const out: number[] = [];
  for (const a of accounts) {
    const t = at.get(a);
    if (t !== undefined) out.push(t);
  }
  return Float64Array.from(out).sort();
}

/** Relative entropy D(x || q) in bits, of Bernoulli(x) from Bernoulli(q). */
function klBits(x: number, q: number): number {
  const term = (a: number, b: number) => (a === 0 ? 0 : a * Math.log2(a / b));
  return term(x, q) + term(1 - x, 1 - q);
}

/**
 * The group's hit (null when it has fewer than 3 accounts with a record, or no other accounts to compare with).
 * `group`: its accounts' opening times, sorted; `leftOut`: those of the group and its kin, each sorted (the group's
 * among them), which are not the population it is compared with. With `reason` (bits), the hit also carries the span
 * an account must have been opened in to have been opened with the group (as woke_together's: openedWithCampaigns).
 */
export function openedTogether(openings: Pick<Openings, 'sorted' | 'horizon'>, group: Float64Array, leftOut: Float64Array[], reason: number | null = null): SignalHit | null {
  return together(OPENED_TOGETHER, openings.sorted, openings.horizon, group, group.length, leftOut, reason);
}

/**
 * Woken together: a linked group whose accounts, opened before the window, made their first requests of the window
 * within days of each other, in a span that holds few of the other old accounts' first requests. The same statistic
 * as opened_together, over wakes instead of openings, and the same group of evidence (`signup`: how the accounts were
 * brought to the job; a group is credited with the stronger of the two, never both).
 *
 * Why: an operation that buys aged, verified accounts (or wakes its own dormant ones) shows no new accounts, no shared
 * card and no sign-up burst; what it cannot hide is that the accounts start working for the job together. An
 * established customer's accounts were already at work when the window began, or come back one by one as their
 * people need them: their first requests in the window crowd its first days (everyone already active) and then thin
 * out, so a span there holds a large share of the others' and says nothing. A chat harvest of 797 old accounts
 * linked by its prompts made its first requests within two days, nine days into the window, when a few per cent of
 * the other old accounts made theirs (seed-7 world 1842675825); a low-and-slow swarm of 1,320 within a day, three days in
 * (world 132749928); a hydra's 72 old accounts within a day, five days in (world 1992525834). Each behaved far beyond
 * its bar and showed 1 to 2 bits of provenance against a bar of 4 to 5.
 *
 * Legitimate groups woken together: a class of returning students at the start of a term, a team that adopts a new
 * tool on one day, a lab starting a study on its old accounts. They show it; the class pattern explains a class, and
 * what the others lack is the harvester's behaviour, which a campaign needs too. `size` is the group's active
 * accounts: half of them must be old accounts woken in the span (a group of new accounts is opened_together's).
 * `reason`: what one account's wake in the hit's `span` must say, at least, in bits.
 */
export function wokeTogether(openings: Openings, group: Float64Array, size: number, leftOut: Float64Array[], reason = 0): SignalHit | null {
  return together(WOKE_TOGETHER, openings.returns, -Infinity, group, size, leftOut, reason);
}

/**
 * The statistic both share. `population`: every account's time, sorted; `group`: the group's, sorted, of a group of
 * `size` accounts (half of them, the typical member, must be in the span, and the span must start after `after`).
 * With `reason` (bits), the hit also carries the span an account linked to the group must be in (woke_together's).
 */
function together(signal: string, population: Float64Array, after: number, group: Float64Array, size: number, leftOut: Float64Array[], reason: number | null): SignalHit | null {
  const m = group.length;
  const k = Math.ceil(size / 2);
  if (m < 3 || k > m) return null;
  const others = population.length - leftOut.reduce((s, l) => s + l.length, 0);
  if (others < 1) return null;
  const inSpan = (values: Float64Array, lo: number, hi: number) => upperBound(values, hi) - lowerBound(values, lo);
  let q = 1;
  let densest = { from: 0, to: 0 };
  // (spans starting after `after` only: for openings, half the group must have been opened for the job)
  for (let i = lowerBound(group, after); i + k - 1 < m; i++) {
    const lo = group[i]!;
    const hi = group[i + k - 1]!;
    let count = inSpan(population, lo, hi);
    for (const l of leftOut) count -= inSpan(l, lo, hi);
    // (add-one: a span no other account was opened in is as rare as one account, as in every empirical tail)
    const share = (count + 1) / (others + 1);
    if (share < q) {
      q = share;
      densest = { from: lo, to: hi };
    }
  }
  const grid = Math.ceil(Math.log2(others + 1)) + 1;
  const rounded = Math.min(1, 2 ** Math.ceil(Math.log2(q)));
  // The other k - 1 of the span's accounts among the other m - 1 (the span starts at one of them).
  const x = (k - 1) / (m - 1);
  const tailBits = x > rounded ? (m - 1) * klBits(x, rounded) : 0;
  const significance = tailBits - Math.log2(m) - Math.log2(grid);
  // No more than the typical member's own surprise: in a span that holds a share q of the others.
  const bits = Math.max(0, Math.min(significance, -Math.log2(q)));
  const hit: SignalHit = { signal, group: OPENED_TOGETHER_GROUP, value: Math.round(((densest.to - densest.from) / DAY_MS) * 100) / 100, support: m, p: 2 ** -bits, bits };
  if (reason === null) return hit;
  // Where an account linked to the group must have come to the job to have come with it (wokeWith in hunt.ts): the
  // widest middle span of the group (90%, 80% or half of it) in which one account still shows half the
  // typical member's bits (as the profile test asks half of a campaign's evidence of an account), and `reason` bits;
  // else the span the statistic found, half the group where the others are fewest (-log2 q bits: at least the hit's).
  // A group that came in two bursts, or half of it in a burst and half spread out, has no middle span that says
  // much, and its burst still does.
  for (const middle of [0.9, 0.8, 0.5]) {
    const from = group[Math.floor(((m - 1) * (1 - middle)) / 2)]!;
    const to = group[Math.ceil(((m - 1) * (1 + middle)) / 2)]!;
    let inMiddle = inSpan(population, from, to);
    for (const l of leftOut) inMiddle -= inSpan(l, from, to);
    const spanBits = -Math.log2((inMiddle + 1) / (others + 1));
    if (spanBits >= Math.max(reason, bits / 2)) return { ...hit, span: { from, to, bits: spanBits } };
  }
  return { ...hit, span: { ...densest, bits: -Math.log2(q) } };
}
