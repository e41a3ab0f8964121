import type { ClusterEvidence } from '../src/hunt/decide.js';
import { poolKeyGroups } from '../src/hunt/hunt.js';
import { Population, type SignalHit } from '../src/hunt/population.js';
import type { Signal } from '../src/hunt/signal.js';

/**
 * A hand-made population for the decision's tests: each account's value per signal, and its community. Returns what
 * `decide` reads, built as the hunt builds it: each account's hits placed among everyone (`hitsByAccount`) and among
 * the accounts not linked to it (`ownHits`, its community left out), and a community's pooled evidence (its typical
 * member per signal, against everyone but itself: the hunt pools a community without kin so).
 */
export function decideFixture(signals: Signal[], valuesOf: Map<string, Record<string, number>>, clusterOf: Map<string, number>) {
  const accountIds = [...valuesOf.keys()].sort();
  const value = (a: string, s: Signal) => valuesOf.get(a)![s.id]!;
  const population = new Population(signals, new Map(signals.map((s) => [s.id, accountIds.map((a) => value(a, s))])), accountIds.length);
  const hitFor = (s: Signal, v: number, p: number): SignalHit => ({ signal: s.id, group: s.group, value: v, support: 20, p, bits: -Math.log2(p) });
  const hitsByAccount = new Map<string, SignalHit[]>(
    accountIds.map((a) => [
      a,
      signals.map((s) => {
        const { count, scored } = population.atLeast(s.id, value(a, s));
        return hitFor(s, value(a, s), count / scored);
      }),
    ]),
  );
  const ownHits = new Map<string, SignalHit[]>(
    accountIds.map((a) => {
      const home = clusterOf.get(a);
      const outside = accountIds.filter((x) => home === undefined || clusterOf.get(x) !== home);
      return [
        a,
        signals.map((s) => {
          const v = value(a, s);
          const atLeast = outside.filter((x) => (s.direction === 'high' ? value(x, s) >= v : value(x, s) <= v)).length;
          return hitFor(s, v, Math.max(1, atLeast) / (outside.length + 1));
        }),
      ];
    }),
  );
  const pooledOf = (members: string[]) => [...poolKeyGroups(signals, population, hitsByAccount, [{ key: 'x', members }], new Map(), new Map()).values()][0]!.evidence().pooled;
  const community = (cluster: number, members: string[]): ClusterEvidence => ({ cluster, members: members.length, pooled: pooledOf(members), links: [] });
  return { accountIds, population, hitsByAccount, ownHits, pooledOf, community };
}
