import { describe, expect, it } from 'vitest';
import { decide, MIN_CAMPAIGN_ACCOUNTS, type ClusterEvidence } from './decide.js';
import { poolKeyGroups } from './hunt.js';
import { Population, type SignalHit } from './population.js';
import { SIGNALS } from './signals/index.js';

// 300 ordinary customers, each on its own card, and a group on one card: every account of it pays with the card,
// and `active` of them send traffic, far beyond everyone else's (answers at the limit); the rest never sent a request.
const signals = SIGNALS.filter((s) => s.id === 'shared_payment' || s.id === 'long_answers' || s.id === 'volume_intensity');
const others = Array.from({ length: 300 }, (_, i) => `other-${String(i).padStart(3, '0')}`);

function judged(size: number, active: number) {
  const group = Array.from({ length: size }, (_, i) => `group-${i}`);
  const accountIds = [...others, ...group].sort();
  const value = (a: string, signal: string): number | undefined => {
    if (a.startsWith('group-')) {
      if (signal === 'shared_payment') return size;
      return Number(a.slice(6)) < active ? 20 : undefined; // idle accounts have no behaviour to measure
    }
    const i = Number(a.slice(6));
    return signal === 'shared_payment' ? 1 : 1 + (i % 10) * 0.1;
  };
  const population = new Population(
    signals,
    new Map(signals.map((s) => [s.id, accountIds.flatMap((a) => (value(a, s.id) === undefined ? [] : [value(a, s.id)!]))])),
    accountIds.length,
  );
  const hitsByAccount = new Map<string, SignalHit[]>(
    accountIds.map((a) => [
      a,
      signals.flatMap((s) => {
        const v = value(a, s.id);
        if (v === undefined) return [];
        const { count, scored } = population.atLeast(s.id, v);
        const p = count / scored;
        return [{ signal: s.id, group: s.group, value: v, support: 20, p, bits: -Math.log2(p) }];
      }),
    ]),
  );
  const clusterOf = new Map(group.map((a) => [a, 1]));
  const pooled = [...poolKeyGroups(signals, population, hitsByAccount, [{ key: 'x', members: group }], new Map(), new Map()).values()][0]!.evidence().pooled;
  const community: ClusterEvidence = { cluster: 1, members: group.length, pooled, links: [] };
  // The same accounts as a key group too (the holders of the card), judged on their own.
  const keyGroups = poolKeyGroups(signals, population, hitsByAccount, [{ key: 'payment:1', members: group }], clusterOf, new Map());
  return decide({ signals, accountIds, population, hitsByAccount, clusters: new Map([[1, community]]), clusterOf, accounts: accountIds.length, keyGroups });
}

describe('a linked group is judged as a group', () => {
  it('when at least three of its accounts sent enough to measure their behaviour', () => {
    const v = judged(MIN_CAMPAIGN_ACCOUNTS, MIN_CAMPAIGN_ACCOUNTS);
    expect(v.campaigns).toHaveLength(1);
    expect(v.accounts.filter((a) => a.flagged)).toHaveLength(MIN_CAMPAIGN_ACCOUNTS);
  });

  it('not when one or two did and the rest never sent a request: their typical member is one account', () => {
    for (const [size, active] of [
      [3, 1],
      [3, 2],
      [6, 2],
    ] as const) {
      const v = judged(size, active);
      expect(v.campaigns, `${active} of ${size} active`).toHaveLength(0);
      expect(v.accounts.filter((a) => a.flagged), `${active} of ${size} active`).toHaveLength(0);
      // It is still worth a look: a group whose typical member behaves beyond the bar.
      expect(v.behaving.some((g) => g.size === size)).toBe(true);
    }
  });
});
