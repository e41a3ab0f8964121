import { describe, expect, it } from 'vitest';
import { decide, type ClusterEvidence } from './decide.js';
import { linkedAccounts, poolKeyGroups } from './hunt.js';
import { familyBits, Population, type SignalHit } from './population.js';
import { SIGNALS } from './signals/index.js';

// A hydra of 40 established accounts paying with 4 cards (10 on each), every one answered at length, inside a
// community that also holds 30 ordinary accounts; 400 ordinary accounts outside it, each on its own card.
const signals = SIGNALS.filter((s) => s.id === 'shared_payment' || s.id === 'long_answers');
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
const fleet = ids('fleet', 40);
const crowd = ids('crowd', 30);
const others = ids('other', 400);
const cardOf = (a: string) => Number(a.slice(-3)) % 4;

const valuesOf = new Map<string, { shared_payment: number; long_answers: number }>();
fleet.forEach((a) => valuesOf.set(a, { shared_payment: 10, long_answers: 8 }));
[...crowd, ...others].forEach((a, i) => valuesOf.set(a, { shared_payment: 1, long_answers: 0.6 + (i % 10) * 0.1 }));
const accountIds = [...valuesOf.keys()].sort();
const population = new Population(
  signals,
  new Map(signals.map((s) => [s.id, accountIds.map((a) => valuesOf.get(a)![s.id as 'shared_payment' | 'long_answers'])])),
  accountIds.length,
);
const hitsByAccount = new Map<string, SignalHit[]>(
  accountIds.map((a) => [
    a,
    signals.map((s) => {
      const value = valuesOf.get(a)![s.id as 'shared_payment' | 'long_answers'];
      const { count, scored } = population.atLeast(s.id, value);
      const p = count / scored;
      return { signal: s.id, group: s.group, value, support: 20, p, bits: -Math.log2(p) };
    }),
  ]),
);
const clusterOf = new Map<string, number>([...fleet, ...crowd].map((a) => [a, 0]));
// Each account's own evidence against the accounts not linked to it, as the hunt measures it (unmaskedHits):
// the community's 70 accounts left out for its members.
const ownHits = new Map<string, SignalHit[]>(
  [...hitsByAccount].map(([a, hits]) => [
    a,
    clusterOf.has(a)
      ? hits.map((h) => {
          const outside = accountIds.filter((x) => !clusterOf.has(x)).map((x) => valuesOf.get(x)![h.signal as 'shared_payment' | 'long_answers']);
          const p = Math.max(1, outside.filter((v) => v >= h.value).length) / (outside.length + 1);
          return { ...h, p, bits: -Math.log2(p) };
        })
      : hits,
  ]),
);
const kin = new Map<number, number[]>();
const card0 = fleet.filter((a) => cardOf(a) === 0);
const keyGroups = poolKeyGroups(signals, population, hitsByAccount, [{ key: 'payment:1', members: card0 }], clusterOf, kin);

describe('key groups', () => {
  it('are weighed against the accounts not linked to them: the community holding them is left out', () => {
    expect(linkedAccounts(card0, clusterOf, kin).sort()).toEqual([...fleet, ...crowd].sort());
    // An account linked to nobody leaves out only itself.
    expect(linkedAccounts(['other-001'], clusterOf, kin)).toEqual(['other-001']);
  });

  it("find one card's accounts of a hydra that its other cards would mask", () => {
    const g = [...keyGroups.values()][0]!;
    const pooled = g.unmasked().pooled;
    // Against everyone but themselves, the other cards' holders mask them.
    expect(familyBits(g.evidence().pooled, 'provenance')).toBeLessThan(4);
    // Among everyone but these 10, 30 accounts share a card ten ways: 30 of 431 is ordinary for a card
    // (under 4 bits). Among the accounts not linked to them, nobody does.
    expect(familyBits(pooled, 'provenance')).toBeGreaterThan(8);
    // The one community is no campaign (its typical member is an ordinary account); the card's group is.
    const community: ClusterEvidence = {
      cluster: 0,
      members: fleet.length + crowd.length,
      pooled: [],
      links: [],
    };
    const v = decide({
      signals,
      accountIds,
      population,
      hitsByAccount,
      ownHits,
      clusters: new Map([[0, community]]),
      clusterOf,
      accounts: accountIds.length,
      keyGroups,
    });
    expect(v.campaigns).toHaveLength(1);
    expect([...v.campaigns[0]!.accounts].sort()).toEqual(card0);
    expect(v.campaigns[0]!.key).toBe('payment:1');
    expect(v.accounts.filter((a) => a.flagged).map((a) => a.account_id).sort()).toEqual(card0);
  });
});
