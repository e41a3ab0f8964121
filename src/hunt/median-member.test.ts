import { describe, expect, it } from 'vitest';
import { decide, type ClusterEvidence } from './decide.js';
import { poolKeyGroups } from './hunt.js';
import { familyBits, Population, type SignalHit } from './population.js';
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
const accountIds = [...valuesOf.keys()].sort();
const population = new Population(signals, new Map(signals.map((s) => [s.id, accountIds.map((a) => valuesOf.get(a)![s.id]!)])), accountIds.length);
const hitFor = (s: (typeof signals)[number], value: number, p: number): SignalHit => ({ signal: s.id, group: s.group, value, support: 20, p, bits: -Math.log2(p) });
const hitsByAccount = new Map<string, SignalHit[]>(
  accountIds.map((a) => [
    a,
    signals.map((s) => {
      const value = valuesOf.get(a)![s.id]!;
      const { count, scored } = population.atLeast(s.id, value);
      return hitFor(s, value, count / scored);
    }),
  ]),
);
const clusterOf = new Map<string, number>([...harvest.map((a) => [a, 1] as const), ...students.map((a) => [a, 2] as const)]);
// Each account's own evidence against the accounts not linked to it (its community left out), as the hunt measures it.
const ownHits = new Map<string, SignalHit[]>(
  accountIds.map((a) => {
    const home = clusterOf.get(a);
    const outside = accountIds.filter((x) => home === undefined || clusterOf.get(x) !== home);
    return [
      a,
      signals.map((s) => {
        const value = valuesOf.get(a)![s.id]!;
        const vs = outside.map((x) => valuesOf.get(x)![s.id]!);
        const atLeast = vs.filter((v) => (s.direction === 'high' ? v >= value : v <= value)).length;
        return hitFor(s, value, Math.max(1, atLeast) / (vs.length + 1));
      }),
    ];
  }),
);
// A community's pooled evidence, as the hunt pools one without kin: its members' typical value per signal, against
// everyone but themselves.
const pooledOf = (members: string[]) => [...poolKeyGroups(signals, population, hitsByAccount, [{ key: 'x', members }], new Map(), new Map()).values()][0]!.evidence().pooled;
const community = (cluster: number, members: string[]): ClusterEvidence => ({ cluster, members: members.length, pooled: pooledOf(members), links: [] });
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
