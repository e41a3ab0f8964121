import { describe, expect, it } from 'vitest';
import { decideFixture } from '../../test/decide-fixtures.js';
import { decide } from './decide.js';
import { familyBits } from './population.js';
import { SIGNALS } from './signals/index.js';

// Three behaviours (each its own group, so their bits add up) and one way an account's provenance shows: its card.
const BEHAVIOURS = ['long_answers', 'volume_intensity', 'rate_limited'] as const;
const signals = SIGNALS.filter((s) => (BEHAVIOURS as readonly string[]).includes(s.id) || s.id === 'shared_payment');
type Values = Record<string, number>;
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
// A population whose behaviour spreads wide: 900 ordinary customers (200 of them couples sharing a card), and 1,100
// heavy ones (agents, labs, pipelines), each pushing each behaviour as far as its own workload goes. The rest pay
// with a card of their own.
const ordinary = ids('ordinary', 900);
const heavy = ids('heavy', 1100);
// A harvest spread thin: 60 accounts on 3 cards, 20 each, every account a little beyond most customers on each behaviour.
const swarm = ids('swarm', 60);
// A class of 60 students on one card, ordinary in what they ask.
const students = ids('student', 60);
// A team of 30 heavy users linked by their tool: as heavy as the swarm, each on its own card.
const team = ids('team', 30);
// A crew of 40 as heavy as the swarm, two to a card: provenance beyond a group's bar, short of a single account's.
const crew = ids('crew', 40);

const valuesOf = new Map<string, Values>();
const low = (i: number): Values => Object.fromEntries(BEHAVIOURS.map((b, k) => [b, 1 + ((i * 7 + 3 * k) % 10) * 0.1]));
const at = (v: number, i: number): Values => Object.fromEntries(BEHAVIOURS.map((b, k) => [b, v + ((i + k) % 5) * 0.01]));
ordinary.forEach((a, i) => valuesOf.set(a, { ...low(i), shared_payment: i < 200 ? 2 : 1 }));
// (each behaviour its own spread: a heavy user pushes some far, not all)
heavy.forEach((a, i) => valuesOf.set(a, { ...Object.fromEntries(BEHAVIOURS.map((b, k) => [b, 2 + (((i * [7, 13, 29][k]! + 5 * k) % heavy.length) / heavy.length) * 4])), shared_payment: 1 }));
swarm.forEach((a, i) => valuesOf.set(a, { ...at(5.6, i), shared_payment: 20 }));
students.forEach((a, i) => valuesOf.set(a, { ...low(i), shared_payment: 60 }));
team.forEach((a, i) => valuesOf.set(a, { ...at(5.6, i), shared_payment: 1 }));
crew.forEach((a, i) => valuesOf.set(a, { ...at(5.6, i), shared_payment: 2 }));
const clusterOf = new Map<string, number>([
  ...swarm.map((a) => [a, 1] as const),
  ...students.map((a) => [a, 2] as const),
  ...team.map((a) => [a, 3] as const),
  ...crew.map((a) => [a, 4] as const),
]);
const { accountIds, population, hitsByAccount, ownHits, pooledOf, community } = decideFixture(signals, valuesOf, clusterOf);
const verdict = decide({
  signals,
  accountIds,
  population,
  hitsByAccount,
  ownHits,
  clusters: new Map([
    [1, community(1, swarm)],
    [2, community(2, students)],
    [3, community(3, team)],
    [4, community(4, crew)],
  ]),
  clusterOf,
  accounts: accountIds.length,
});
const behaviourOf = (members: string[]) => familyBits(pooledOf(members), 'behaviour');
const provenanceOf = (members: string[]) => familyBits(pooledOf(members), 'provenance');
const swarmCampaign = () => verdict.campaigns.find((x) => x.cluster === 1);

describe('a linked group whose provenance carries it', () => {
  it('is a campaign when its behaviour is a reason, though short of the group bar: a harvest spread thin over accounts on shared cards', () => {
    const c = swarmCampaign();
    expect(c?.basis).toBe('overwhelming_provenance');
    expect([...c!.accounts].sort()).toEqual(swarm);
    // Short of the bar a group showing both families must clear (the heavy customers spread it wide)...
    expect(behaviourOf(swarm)).toBeLessThan(verdict.thresholds.behaviour);
    // ...beyond the bars it was judged at: its behaviour a reason, its provenance a single account's bar, which lies
    // beyond the group's.
    expect(c!.bars.behaviour).toBeLessThan(verdict.thresholds.behaviour);
    expect(Math.max(behaviourOf(swarm), c!.medianMember ?? 0)).toBeGreaterThanOrEqual(c!.bars.behaviour);
    expect(c!.bars.provenance).toBeGreaterThan(verdict.thresholds.provenance);
    expect(provenanceOf(swarm)).toBeGreaterThanOrEqual(c!.bars.provenance);
    expect(verdict.accounts.filter((a) => a.flagged).map((a) => a.account_id).sort()).toEqual(swarm);
  });

  it('is not a class on one card that asks what customers ask', () => {
    expect(provenanceOf(students)).toBeGreaterThanOrEqual(provenanceOf(swarm));
    expect(verdict.campaigns.some((c) => c.cluster === 2)).toBe(false);
  });

  it('needs the provenance: heavy users linked by their tool, behaving as the harvest does, are no campaign', () => {
    // (beyond the behaviour bar the harvest was held to)
    expect(behaviourOf(team)).toBeGreaterThanOrEqual(swarmCampaign()!.bars.behaviour);
    expect(verdict.campaigns.some((c) => c.cluster === 3)).toBe(false);
  });

  it("needs a single account's provenance: a crew two to a card, beyond a group's provenance bar, is no campaign", () => {
    expect(behaviourOf(crew)).toBeGreaterThanOrEqual(swarmCampaign()!.bars.behaviour);
    const miss = verdict.nearMisses.find((g) => g.cluster === 4);
    expect(miss!.provenance).toBeGreaterThanOrEqual(miss!.bars.provenance);
    expect(miss!.behaviour).toBeLessThan(miss!.bars.behaviour);
    expect(verdict.campaigns.some((c) => c.cluster === 4)).toBe(false);
  });
});
