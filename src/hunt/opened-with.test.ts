import { describe, expect, it } from 'vitest';
import { applyOpenedWith, OPENED_WITH_REASON, riskOf, type AccountVerdict, type CampaignVerdict } from './decide.js';
import { openedWithCampaigns } from './hunt.js';

const DAY = 86_400_000;
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
// 2,000 customers who opened their accounts over the last 1,000 days, one every half day.
const customers = ids('customer', 2000);
// A chat harvest of 20 accounts opened over three evenings, 990 days in.
const harvest = ids('harvest', 20);
// An operation of 20 accounts bought old: opened over two years, like anyone's.
const bought = ids('bought', 20);
const at = new Map<string, number>([
  ...customers.map((a, i) => [a, i * DAY * 0.5] as const),
  ...harvest.map((a, i) => [a, 990 * DAY + (i % 3) * DAY + 0.8 * DAY + (i / 20) * 0.1 * DAY] as const),
  ...bought.map((a, i) => [a, 200 * DAY + i * 36 * DAY + 0.3 * DAY] as const),
  // Accounts that sent nothing in the window: one opened among the harvest's, one a month after it, one among the
  // bought accounts' openings, and a harvest account that was used.
  ['stock-in', 991.85 * DAY],
  ['stock-late', 1020 * DAY],
  ['stock-old', 704.3 * DAY],
]);
const openings = { at, sorted: Float64Array.from(at.values()).sort(), horizon: -Infinity };
const campaign = (campaign_id: string, accounts: string[]) => ({ campaign_id, accounts }) as unknown as CampaignVerdict;
const unused = new Set(['stock-in', 'stock-late', 'stock-old', 'harvest-3']);
const openedWith = openedWithCampaigns([campaign('C001', harvest), campaign('C002', bought)], openings, unused, (c) => c.accounts);

describe('openedWithCampaigns', () => {
  it("ties an unused account to the campaign whose accounts were opened in the days it was, and no other", () => {
    expect([...openedWith.keys()]).toEqual(['stock-in']);
    const o = openedWith.get('stock-in')!;
    expect(o.campaign_id).toBe('C001');
    expect(o.opened).toBe(991.85 * DAY);
    // (one opening in the harvest's span says 8.4 bits: few customers opened theirs in those days)
    expect(o.bits).toBeGreaterThan(8);
  });

  it('says nothing of accounts opened later, of an operation of old accounts, or of its own members', () => {
    expect(openedWith.has('stock-late')).toBe(false);
    // the bought accounts were opened as anyone's were: no span to be opened in
    expect(openedWith.has('stock-old')).toBe(false);
    expect(openedWith.has('harvest-3')).toBe(false);
    // and nothing when no account went unused
    expect(openedWithCampaigns([campaign('C001', harvest)], openings, new Set(), (c) => c.accounts).size).toBe(0);
  });
});

describe('applyOpenedWith', () => {
  const verdict = (account_id: string, tier: AccountVerdict['tier'], risk: number) =>
    ({ account_id, tier, flagged: tier === 'campaign', risk, reasons: [], own: { confidence: 0 } }) as unknown as AccountVerdict;
  it('ranks an unused account above the accounts with nothing to show, without acting on it or queueing it', () => {
    const accounts = [verdict('stock-in', null, 0), verdict('nothing', null, 0), verdict('harvest-0', 'campaign', 0.9)];
    const withHarvest = new Map([...openedWith, ['harvest-0', { campaign_id: 'C001', opened: 0, bits: 9, by: 'span' as const }]]);
    expect(applyOpenedWith(accounts, withHarvest, 12)).toBe(1);
    const [stock, nothing, member] = accounts;
    expect(stock!.tier).toBeNull();
    expect(stock!.flagged).toBe(false);
    expect(stock!.reasons[0]).toBe(OPENED_WITH_REASON);
    expect(stock!.openedWith?.campaign_id).toBe('C001');
    expect(stock!.risk).toBeGreaterThan(nothing!.risk);
    expect(stock!.risk).toBeLessThan(riskOf('watch', 0));
    // (an account already tiered keeps what it had)
    expect(member!.risk).toBe(0.9);
    expect(member!.openedWith).toBeUndefined();
  });
});
