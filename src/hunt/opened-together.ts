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
}

export async function loadOpenings(ctx: HuntContext): Promise<Openings> {
  const ms = (col: string) => `toFloat64(toUnixTimestamp64Milli(toDateTime64(${col}, 3)))`;
  const rows = await ctx.wh.queryArrays<[string, number]>(
    `SELECT account_id, ${ms('assumeNotNull(created_at)')} FROM ${T.acct} WHERE has_record AND created_at IS NOT NULL`,
  );
  const [span] = await ctx.wh.queryArrays<[number, number]>(
    `SELECT ${ms('minIf(first_ts, exchanges > 0)')}, ${ms('maxIf(last_ts, exchanges > 0)')} FROM ${T.acct}`,
  );
  const at = new Map<string, number>();
  for (const [id, t] of rows) at.set(id, Number(t));
  const [first, last] = span ? [Number(span[0]), Number(span[1])] : [0, 0];
  return { at, sorted: Float64Array.from(at.values()).sort(), horizon: first - Math.max(0, last - first) };
}

/** The opening times of `accounts` (those with a record), sorted. */
export function openingsOf(openings: Openings, accounts: string[]): Float64Array {
  const out: number[] = [];
  for (const a of accounts) {
    const t = openings.at.get(a);
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
 * among them), which are not the population it is compared with.
 */
export function openedTogether(openings: Openings, group: Float64Array, leftOut: Float64Array[]): SignalHit | null {
  const m = group.length;
  if (m < 3) return null;
  const others = openings.sorted.length - leftOut.reduce((s, l) => s + l.length, 0);
  if (others < 1) return null;
  const inSpan = (values: Float64Array, lo: number, hi: number) => upperBound(values, hi) - lowerBound(values, lo);
  const k = Math.ceil(m / 2);
  let q = 1;
  let span = 0;
  // (spans of accounts opened since the horizon only: half the group must have been opened for the job)
  for (let i = lowerBound(group, openings.horizon); i + k - 1 < m; i++) {
    const lo = group[i]!;
    const hi = group[i + k - 1]!;
    let count = inSpan(openings.sorted, lo, hi);
    for (const l of leftOut) count -= inSpan(l, lo, hi);
    // (add-one: a span no other account was opened in is as rare as one account, as in every empirical tail)
    const share = (count + 1) / (others + 1);
    if (share < q) {
      q = share;
      span = hi - lo;
    }
  }
  const grid = Math.ceil(Math.log2(others + 1)) + 1;
  const rounded = Math.min(1, 2 ** Math.ceil(Math.log2(q)));
  // The other k - 1 of the span's accounts among the other m - 1 (the span starts at one of them).
  const x = (k - 1) / (m - 1);
  const tailBits = x > rounded ? (m - 1) * klBits(x, rounded) : 0;
  const significance = tailBits - Math.log2(m) - Math.log2(grid);
  // No more than the typical member's own surprise: opened in a span that holds a share q of the others.
  const bits = Math.max(0, Math.min(significance, -Math.log2(q)));
  return { signal: OPENED_TOGETHER, group: OPENED_TOGETHER_GROUP, value: Math.round((span / DAY_MS) * 100) / 100, support: m, p: 2 ** -bits, bits };
}
