import type { HuntContext } from './context.js';
import { LOOKALIKES } from './lookalikes/index.js';
import { CANDIDATES, type Lookalike } from './lookalikes/lookalike.js';

/** A legitimate pattern an account shows, with the measurements behind it (see lookalikes/). */
export interface Resemblance {
  pattern: string;
  numbers: Record<string, number>;
}

/** A group's explanation: the pattern most of its accounts show, and how many do. */
export interface GroupResemblance {
  pattern: string;
  title: string;
  accounts: number;
  share: number;
}

/** A group is explained by a pattern when at least this share of its accounts show it. */
export const GROUP_PATTERN_SHARE = 0.5;

/**
 * Which legitimate patterns each of the given accounts shows (only accounts the analyst will see are
 * matched: the patterns read the per-exchange table, and matching everyone would cost a pass over it).
 */
export async function explainAccounts(ctx: HuntContext, accounts: string[], lookalikes: Lookalike[] = LOOKALIKES): Promise<Map<string, Resemblance[]>> {
  const out = new Map<string, Resemblance[]>();
  if (accounts.length === 0) return out;
  await ctx.wh.command(`DROP TABLE IF EXISTS ${CANDIDATES}`);
  await ctx.wh.command(`CREATE TABLE ${CANDIDATES} (account_id String) ENGINE = MergeTree ORDER BY account_id`);
  await ctx.wh.insertRows(CANDIDATES, accounts.map((account_id) => ({ account_id })));
  const matches = await Promise.all(
    lookalikes.map(async (l) => ({ l, rows: await ctx.wh.query<{ account_id: string; numbers: Record<string, number> }>(l.sql(ctx), ctx.params) })),
  );
  // In the order the patterns are registered, so every run lists them the same way.
  for (const { l, rows } of matches) {
    for (const r of rows.sort((a, b) => (a.account_id < b.account_id ? -1 : 1))) {
      const list = out.get(r.account_id) ?? [];
      list.push({ pattern: l.id, numbers: Object.fromEntries(Object.entries(r.numbers).map(([k, v]) => [k, Number(v)])) });
      out.set(r.account_id, list);
    }
  }
  return out;
}

/** The pattern at least GROUP_PATTERN_SHARE of a group's accounts show (the most shown), or null. */
export function explainGroup(accounts: string[], resemblances: Map<string, Resemblance[]>, lookalikes: Lookalike[] = LOOKALIKES): GroupResemblance | null {
  if (accounts.length === 0) return null;
  const counts = new Map<string, number>();
  for (const a of accounts) for (const r of resemblances.get(a) ?? []) counts.set(r.pattern, (counts.get(r.pattern) ?? 0) + 1);
  let best: GroupResemblance | null = null;
  for (const l of lookalikes) {
    const n = counts.get(l.id) ?? 0;
    if (n / accounts.length >= GROUP_PATTERN_SHARE && (!best || n > best.accounts)) best = { pattern: l.id, title: l.title, accounts: n, share: n / accounts.length };
  }
  return best;
}
