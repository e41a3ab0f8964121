import { describe, expect, it } from 'vitest';
import { decideFixture } from '../../test/decide-fixtures.js';
import { decide } from './decide.js';
import { familyBits } from './population.js';
import { SIGNALS } from './signals/index.js';

// Three behaviours (each its own group, so their bits add up) and two ways an account's provenance shows.
const BEHAVIOURS = ['long_answers', 'volume_intensity', 'rate_limited'] as const;
const signals = SIGNALS.filter((s) => (BEHAVIOURS as readonly string[]).includes(s.id) || s.id === 'new_account' || s.id === 'shared_payment');
type Values = Record<string, number>;
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
// 400 ordinary customers, established, each on its own card.
const others = ids('other', 400);
// A harvest of 60 accounts opened the same day: each pushes one of the three behaviours far out, a third of them each.
const harvest = ids('harvest', 60);
// A class of 60 students paying with one card: one in six asks for unusually long answers.
const students = ids('student', 60);

const valuesOf = new Map<string, Values>();
const ordinary = (i: number): Values => Object.fromEntries(BEHAVIOURS.map((b, k) => [b, 1 + ((i + 3 * k) % 10) * 0.1]));
others.forEach((a, i) => valuesOf.set(a, { ...ordinary(i), new_account: 30 + (i % 50) * 6, shared_payment: 1 }));
harvest.forEach((a, i) => valuesOf.set(a, { ...ordinary(i), [BEHAVIOURS[i % 3]!]: 10, new_account: 0.5, shared_payment: 1 }));
students.forEach((a, i) => valuesOf.set(a, { ...ordinary(i), ...(i % 6 === 0 ? { long_answers: 5 } : {}), new_account: 200, shared_payment: 60 }));
const clusterOf = new Map<string, number>([...harvest.map((a) => [a, 1] as const), ...students.map((a) => [a, 2] as const)]);
const { accountIds, population, hitsByAccount, ownHits, community } = decideFixture(signals, valuesOf, clusterOf);
const verdict = decide({
  signals,
  accountIds,
  population,
  hitsByAccount,
  ownHits,
  clusters: new Map([
    [1, community(1, harvest)],
    [2, community(2, students)],
  ]),
  clusterOf,
  accounts: accountIds.length,
});

describe("a community's typical member", () => {
  it('is also its median member on its own evidence: a harvest whose accounts vary what they push is a campaign', () => {
    const c = verdict.campaigns.find((x) => x.cluster === 1);
    expect(c).toBeDefined();
    // Per signal, two in three of its accounts are ordinary: the sum of the medians falls short of the bar...
    expect(familyBits(c!.pooled, 'behaviour')).toBeLessThan(c!.bars.behaviour);
    // ...while each account, alone, is beyond it on the behaviour it pushes.
    expect(c!.medianMember).toBeGreaterThanOrEqual(c!.bars.behaviour);
    expect(familyBits(c!.pooled, 'provenance')).toBeGreaterThanOrEqual(c!.bars.provenance);
    expect(c!.basis).toBe('behaviour_and_provenance');
    expect([...c!.accounts].sort()).toEqual(harvest);
  });

  it('is not carried by a few odd members: a class sharing a card, one in six asking for long answers, is no campaign', () => {
    expect(verdict.campaigns.map((c) => c.cluster)).toEqual([1]);
    // It is unusual in provenance (the one card), and shown to an analyst as a linked group that is not a campaign.
    const miss = verdict.nearMisses.find((g) => g.cluster === 2);
    expect(miss?.provenance).toBeGreaterThanOrEqual(miss!.bars.provenance);
    expect(miss?.behaviour).toBeLessThan(miss!.bars.behaviour);
    expect(verdict.accounts.filter((a) => a.flagged && a.account_id.startsWith('student'))).toHaveLength(0);
  });
});
