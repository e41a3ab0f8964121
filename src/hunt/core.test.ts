import { describe, expect, it } from 'vitest';
import type { AccountVerdict, CampaignVerdict } from './decide.js';
import { applyGroupWatch, applyMembership, GROUP_WATCH_REASON } from './decide.js';
import { behaviourShown, campaignLinkedGroups, coreJudge, coreOf, floorsOfKind, fragmentsOf, halfFloorsShown, homeOf, profileHits, reachesPartOfFloor, typicalValue, unmeasuredLinked, usesToolingOf, wokeCarries, wokeWith } from './hunt.js';
import { Population, type SignalHit } from './population.js';
import { SIGNALS } from './signals/index.js';

// Only what coreOf reads: each account's provenance hits, each campaign's members and pooled evidence.
const hit = (signal: string, bits: number): SignalHit => ({ signal, group: signal === 'proxy_rotation' ? 'origin' : 'account', value: 0, support: 1, p: 2 ** -bits, bits });
const account = (account_id: string, hits: SignalHit[]) => ({ account_id, hits }) as unknown as AccountVerdict;
const campaign = (accounts: string[], pooled: SignalHit[]) => ({ campaign_id: 'C001', accounts, pooled }) as unknown as CampaignVerdict;
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('coreOf', () => {
  it('leaves out the established accounts community detection put in a campaign, even when they are half of it', () => {
    // Ten throwaway identities on one card, and eleven accounts of an evaluation team sending the same public
    // benchmark prompts: three with a trace of account evidence, eight with none (no card others share).
    const fleet = ids('fleet', 10);
    const team = ids('team', 11);
    const accounts = [
      ...fleet.map((a) => account(a, [hit('shared_payment', 10), hit('new_account', 3)])),
      ...team.slice(0, 3).map((a) => account(a, [hit('new_account', 0.9)])),
      ...team.slice(3).map((a) => account(a, [])),
    ];
    // What made it a campaign: its typical member pays with a card ten payers share.
    const core = coreOf({ accounts, campaigns: [campaign([...fleet, ...team], [hit('shared_payment', 10)])] });
    // (The median member alone is a team account at 0.9 bits: half of it let the team's three in.)
    expect([...core.keys()].sort()).toEqual(fleet);
  });

  it('takes an account that shows one of the ways a campaign hides: fresh accounts from the cloud, old ones behind rotating exits', () => {
    // An operation's new accounts work from the cloud; its bought old accounts come through residential exits.
    const proxied = ids('proxied', 6);
    const fresh = ids('fresh', 5);
    const labs = ids('lab', 4);
    const accounts = [
      ...proxied.map((a) => account(a, [hit('new_account', 1), hit('proxy_rotation', 9)])),
      ...fresh.map((a) => account(a, [hit('new_account', 4), hit('proxy_rotation', 0)])),
      // an established evaluation lab in the same community: on its own networks (measured: 0) or the cloud only
      ...labs.map((a, i) => account(a, i % 2 ? [hit('new_account', 1)] : [hit('new_account', 1), hit('proxy_rotation', 0)])),
    ];
    const core = coreOf({ accounts, campaigns: [campaign([...proxied, ...fresh, ...labs], [hit('new_account', 4.4), hit('proxy_rotation', 8.9)])] });
    expect([...core.keys()].sort()).toEqual([...fresh, ...proxied]);
  });

  it('does not take an established account on its record when the campaign hides only behind rotating exits', () => {
    // A campaign of old accounts bought for the job: its account records say little (1 bit), its exits a lot.
    const proxied = ids('proxied', 5);
    const labs = ids('lab', 6);
    const accounts = [
      ...proxied.map((a) => account(a, [hit('new_account', 0.9), hit('proxy_rotation', 8)])),
      ...labs.map((a) => account(a, [hit('new_account', 1.1)])),
    ];
    const core = coreOf({ accounts, campaigns: [campaign([...proxied, ...labs], [hit('new_account', 1), hit('proxy_rotation', 8)])] });
    expect([...core.keys()].sort()).toEqual(proxied);
  });

  it('keeps every account of a campaign made on behaviour alone, whose accounts show no provenance', () => {
    const members = ids('old', 5);
    const core = coreOf({ accounts: members.map((a) => account(a, [])), campaigns: [campaign(members, [])] });
    expect([...core.keys()].sort()).toEqual(members);
  });
});

describe('campaignLinkedGroups', () => {
  it('puts the accounts of a campaign\'s linked group that no membership test took on the watch queue, and nobody else', () => {
    const cluster = ids('linked', 6);
    const clusterOf = new Map([...cluster.map((a) => [a, 7] as const), ['stranger', 9] as const]);
    const c = { campaign_id: 'C001', cluster: 7, accounts: cluster.slice(0, 4), pooled: [{ signal: 'volume_intensity', group: 'volume', value: 1, support: 6, p: 2 ** -30, bits: 30 }], bars: { behaviour: 20, provenance: 4 } } as unknown as CampaignVerdict;
    const groups = campaignLinkedGroups([c], clusterOf);
    expect(groups.map((g) => g.accounts.sort())).toEqual([cluster]);
    expect(groups[0]!.behaviour).toBe(30);
    const verdict = (account_id: string, tier: AccountVerdict['tier']) =>
      ({ account_id, tier, reasons: [], own: { confidence: 0.1 }, risk: 0.01, hits: [] }) as unknown as AccountVerdict;
    const accounts = [...cluster.slice(0, 4).map((a) => verdict(a, 'campaign')), ...cluster.slice(4).map((a) => verdict(a, null)), verdict('stranger', null)];
    expect(applyGroupWatch(accounts, groups, () => false)).toBe(2);
    expect(accounts.filter((a) => a.tier === 'watch').map((a) => a.account_id)).toEqual(cluster.slice(4));
    for (const a of accounts.filter((x) => x.tier === 'watch')) expect(a.reasons).toContain(GROUP_WATCH_REASON);
  });
});

describe('fragmentsOf', () => {
  it('remembers, for each account of a campaign merged from several, the campaign it was found in and how that was judged', () => {
    const v = (campaign_id: string, cluster: number, accounts: string[], bits: number) =>
      ({ campaign_id, cluster, accounts, pooled: [{ signal: 'volume_intensity', group: 'volume', value: 1, support: 3, p: 2 ** -bits, bits }] }) as unknown as CampaignVerdict;
    const hydra = ids('hydra', 4);
    const chat = ids('chat', 3);
    const alone = ids('other', 3);
    const before = [v('C001', 5, hydra, 30), v('C002', 8, chat, 20), v('C003', 9, alone, 25)];
    // Community 8 merged into 5 (they share scaffolding); community 9 stands alone.
    const merged = [v('C001', 5, [...hydra, ...chat], 24), v('C002', 9, alone, 25)];
    const fragments = fragmentsOf(merged, before, new Map([[8, 5]]));
    expect([...fragments.keys()].sort()).toEqual([...chat, ...hydra].sort());
    const ofChat = fragments.get(chat[0]!)!;
    expect(ofChat.campaign_id).toBe('C001/C002');
    expect(ofChat.pooled[0]!.bits).toBe(20);
    // weighed against the accounts not linked to the merged campaign: its cluster and accounts
    expect(ofChat.cluster).toBe(5);
    expect(ofChat.accounts).toEqual([...hydra, ...chat]);
    expect(fragments.get(hydra[0]!)!.campaign_id).toBe('C001/C001');
  });
});

describe('unmeasuredLinked', () => {
  it("leaves undecided the accounts of a campaign's community and kin that could not show its provenance, not those that could and did not", () => {
    // A campaign of rotating exits: its accounts with too few days have no proxy_rotation measure; an established
    // customer with weeks of traffic on one home network was measured (0 bits) and is the campaign's outsider.
    const own = ids('own', 3);
    const kin = ids('kin', 2);
    const measuredNone = 'measured-none';
    const clusterOf = new Map([...own.map((a) => [a, 1] as const), ...kin.map((a) => [a, 2] as const), [measuredNone, 1] as const, ['other', 3] as const]);
    const accounts = [...own, ...kin, 'other'].map((a) => account(a, [hit('new_account', 0)])).concat(account(measuredNone, [hit('new_account', 0), hit('proxy_rotation', 0)]));
    const c = { ...campaign(own, [hit('proxy_rotation', 7)]), cluster: 1 } as CampaignVerdict;
    const linked = unmeasuredLinked({ accounts, campaigns: [c], clusterOf, kin: new Map([[1, [2]], [2, [1]], [3, []]]) });
    expect([...linked.keys()].sort()).toEqual([...kin, ...own].sort());
    expect(new Set(linked.values())).toEqual(new Set(['C001']));
  });

  it('leaves undecided, for a campaign whose accounts woke together, the linked accounts that woke outside its span too', () => {
    // The campaign's provenance is its wakes (woke_together over a bit of new_account): every account was measured for
    // new_account, so only a wake can say it came the campaign's way. One woke days after the campaign's span (a later
    // wave), one was at work when the window began, one was opened in the window: only the first is undecided.
    const own = ids('own', 3);
    const clusterOf = new Map([...own, 'later-wave', 'at-work', 'opened'].map((a) => [a, 1] as const));
    const accounts = [...clusterOf.keys()].map((a) => account(a, [hit('new_account', a === 'opened' ? 5 : 0.5)]));
    const wokeAt = new Map([['own-0', 150], ['own-1', 160], ['own-2', 170], ['later-wave', 400]]);
    const woke = { signal: 'woke_together', group: 'signup', value: 0.9, support: 3, p: 2 ** -5, bits: 5, span: { from: 100, to: 200, bits: 4.5 } } as SignalHit;
    const byWakes = { ...campaign(own, [hit('new_account', 1), woke]), cluster: 1 } as CampaignVerdict;
    const v = { accounts, campaigns: [byWakes], clusterOf, kin: new Map([[1, []]]) };
    expect([...unmeasuredLinked(v, wokeAt).keys()].sort()).toEqual(['later-wave', ...own].sort());
    // (without the wakes, every one of them was measured: none undecided)
    expect([...unmeasuredLinked(v).keys()]).toEqual([]);
    // a campaign of new accounts whose wakes are a reason too: its ways include the wake
    const byNewAccounts = { ...campaign(own, [hit('new_account', 6), woke]), cluster: 1 } as CampaignVerdict;
    expect([...unmeasuredLinked({ ...v, campaigns: [byNewAccounts] }, wokeAt).keys()].sort()).toEqual(['later-wave', ...own].sort());
    // a campaign whose wakes are no reason (3 bits): a wake of its own does not make an account undecided
    const weakWakes = { ...campaign(own, [hit('new_account', 6), { ...woke, bits: 3, p: 2 ** -3 }]), cluster: 1 } as CampaignVerdict;
    expect([...unmeasuredLinked({ ...v, campaigns: [weakWakes] }, wokeAt).keys()]).toEqual([]);
  });

  it("takes a key group's campaign to the community holding half its accounts, and that community's kin", () => {
    // Three holders of a template, a campaign as a key group (its id is no community's): two of them in community 1.
    const holders = ['h-0', 'h-1', 'h-2'];
    const rest = ids('rest', 3);
    const clusterOf = new Map([['h-0', 1], ['h-1', 1], ['h-2', 3], ...rest.map((a) => [a, 1] as const), ['kin-0', 2], ['far-0', 3]]);
    const accounts = [...holders, ...rest, 'kin-0', 'far-0'].map((a) => account(a, [hit('new_account', 0)]));
    const c = { ...campaign(holders, [hit('proxy_rotation', 7)]), cluster: 1_000_004 } as CampaignVerdict;
    const linked = unmeasuredLinked({ accounts, campaigns: [c], clusterOf, kin: new Map([[1, [2]], [2, [1]], [3, []]]) });
    // community 1 (its two holders and the rest) and its kin, not community 3 where one holder stands alone
    expect([...linked.keys()].sort()).toEqual(['h-0', 'h-1', 'kin-0', ...rest].sort());
  });
});

describe('typicalValue', () => {
  it('is a value at least half the group reaches in the signal\'s direction, never the mean of two halves', () => {
    // Two accounts on a dozen networks a day and two on none: half the group does not make all of it a pool.
    expect(typicalValue([0, 0, 13, 13], 'high')).toBe(0);
    expect(typicalValue([0, 0, 13, 13], 'low')).toBe(13);
    expect(typicalValue([1, 4, 9], 'high')).toBe(4);
    expect(typicalValue([1, 2, 3, 4, 5, 6], 'high')).toBe(3);
    expect(typicalValue([], 'high')).toBe(0);
  });
});

describe('homeOf', () => {
  // Community 1: a chat harvest's 10 accounts; community 2: 6 ordinary users.
  const clusterOf = new Map<string, number>([...ids('harvest', 10).map((a) => [a, 1] as const), ...ids('user', 6).map((a) => [a, 2] as const)]);
  const membersOf = new Map([[1, ids('harvest', 10)], [2, ids('user', 6)]]);
  it('is a community campaign\'s own community', () => {
    expect(homeOf({ cluster: 2, accounts: ids('user', 6) }, clusterOf, membersOf)).toBe(2);
  });
  it('is, for a key group, the community holding at least half its accounts, else none', () => {
    // 4 holders of one template: 3 of the harvest's community, 1 ordinary user
    expect(homeOf({ cluster: 1_000_007, accounts: [...ids('harvest', 3), 'user-0'] }, clusterOf, membersOf)).toBe(1);
    // split evenly between the two communities, and accounts in none: still the one holding half
    expect(homeOf({ cluster: 1_000_008, accounts: ['harvest-0', 'user-0', 'user-1', 'nobody'] }, clusterOf, membersOf)).toBe(2);
    expect(homeOf({ cluster: 1_000_009, accounts: ['harvest-0', 'user-0', 'nobody', 'none'] }, clusterOf, membersOf)).toBeUndefined();
  });
});

describe('profileHits', () => {
  it("weighs the rest of a key group's community on their own evidence, not accounts of other communities", () => {
    // A key group's campaign of three template holders (two in community 1), each confirmed by its traffic; one
    // account of community 1 that sent no template, and one of community 3, both with the campaign's rotating exits.
    const holders = ['h-0', 'h-1', 'h-2'];
    const clusterOf = new Map([['h-0', 1], ['h-1', 1], ['h-2', 3], ['rest-0', 1], ['far-0', 3]]);
    const rotating = [hit('proxy_rotation', 8)];
    const verdict = (a: string) => ({ account_id: a, hits: rotating, own: { provenance: 8, floors: [] } }) as unknown as AccountVerdict;
    const c = { ...campaign(holders, rotating), cluster: 1_000_004, basis: 'behaviour_and_provenance', bars: { behaviour: 20, provenance: 4 } } as unknown as CampaignVerdict;
    const confirmed = holders.map((a) => ({ account_id: a, campaign_id: 'C001', test: 'traffic' as const, exchanges: 12, hits: 12, expected: 0, bits: 40 }));
    // (a judge every account's behaviour satisfies: what is tested here is who is weighed)
    const judge = Object.assign(() => true, { assess: () => ({ shown: 30, own: 30, matches: true, clearsBar: true }) });
    const v = { accounts: [...holders, 'rest-0', 'far-0'].map(verdict), campaigns: [c], clusterOf, kin: new Map<number, number[]>(), fragments: new Map() };
    const hits = profileHits(v, confirmed, judge as unknown as Parameters<typeof profileHits>[2], new Map());
    expect(hits.map((h) => [h.account_id, h.campaign_id, h.test])).toEqual([['rest-0', 'C001', 'profile']]);
  });

  it("takes an account on one of the campaign's ways only when that way is a reason of its own", () => {
    // A hydra whose typical member is new (6 bits) and leaves through rotating exits (9 bits). Linked to it by
    // public benchmark questions: an evaluation lab's account opened twelve days before (3 bits of new account, half
    // the hydra's, on its own network), and one of the hydra's own accounts, new (5 bits), with too few days to
    // show its exits.
    const holders = ['h-0', 'h-1', 'h-2'];
    const clusterOf = new Map([...holders.map((a) => [a, 1] as const), ['lab-0', 1] as const, ['thin-0', 1] as const]);
    const newBits = new Map([['lab-0', 3], ['thin-0', 5]]);
    const verdict = (a: string) => {
      const hits = newBits.has(a) ? [hit('new_account', newBits.get(a)!), hit('proxy_rotation', 0)] : [hit('new_account', 6), hit('proxy_rotation', 9)];
      return { account_id: a, hits, own: { provenance: hits.reduce((s, h) => s + h.bits, 0), floors: [] } } as unknown as AccountVerdict;
    };
    // (a community's campaign: its accounts are the community's until the sweep decides)
    const c = { ...campaign([...holders, 'lab-0', 'thin-0'], [hit('new_account', 6), hit('proxy_rotation', 9)]), cluster: 1, basis: 'behaviour_and_provenance', bars: { behaviour: 20, provenance: 2.5 } } as unknown as CampaignVerdict;
    const confirmed = holders.map((a) => ({ account_id: a, campaign_id: 'C001', test: 'traffic' as const, exchanges: 12, hits: 12, expected: 0, bits: 40 }));
    const judge = Object.assign(() => true, { assess: () => ({ shown: 30, own: 30, matches: true, clearsBar: true }) });
    const v = { accounts: [...holders, 'lab-0', 'thin-0'].map(verdict), campaigns: [c], clusterOf, kin: new Map<number, number[]>(), fragments: new Map() };
    const hits = profileHits(v, confirmed, judge as unknown as Parameters<typeof profileHits>[2], new Map());
    expect(hits.map((h) => h.account_id)).toEqual(['thin-0']);
  });
});

describe('profileHits and half a floor', () => {
  it("takes a linked account doing half a floor's work when the campaign's typical member does, whatever its provenance", () => {
    // A log-probability sweep made a campaign on both families, its typical member at 169 probes (floor 200); two
    // linked accounts opened a day later than most, under the campaign's provenance bar: one at 120 probes, one at 80.
    const holders = ['h-0', 'h-1', 'h-2'];
    const clusterOf = new Map([...holders, 'late-0', 'late-1'].map((a) => [a, 1] as const));
    const probes = new Map([['late-0', 120], ['late-1', 80]]);
    const verdict = (a: string) => {
      const hits = [{ ...hit('new_account', probes.has(a) ? 2 : 6), value: 1 }, { signal: 'logprob_sweep', group: 'extraction', value: probes.get(a) ?? 169, support: 150, p: 2 ** -9, bits: 9 } as SignalHit];
      return { account_id: a, hits, own: { provenance: probes.has(a) ? 2 : 6, floors: [] } } as unknown as AccountVerdict;
    };
    const pooled = [hit('new_account', 6), { signal: 'logprob_sweep', group: 'extraction', value: 169, support: 3, p: 2 ** -10, bits: 10 } as SignalHit];
    const c = { ...campaign([...holders, 'late-0', 'late-1'], pooled), cluster: 1, basis: 'behaviour_and_provenance', bars: { behaviour: 20, provenance: 4.8 } } as unknown as CampaignVerdict;
    const confirmed = holders.map((a) => ({ account_id: a, campaign_id: 'C001', test: 'traffic' as const, exchanges: 12, hits: 12, expected: 0, bits: 40 }));
    const judge = Object.assign(() => true, { assess: () => ({ shown: 30, own: 30, matches: true, clearsBar: true }), reasonOutside: () => false });
    const v = { accounts: [...holders, 'late-0', 'late-1'].map(verdict), campaigns: [c], clusterOf, kin: new Map<number, number[]>(), fragments: new Map() };
    const floors = new Map([['logprob_sweep', 200]]);
    expect(profileHits(v, confirmed, judge as unknown as Parameters<typeof profileHits>[2], floors).map((h) => h.account_id)).toEqual(['late-0']);
    // a campaign whose typical member does under half the floor's work asks for its provenance as before
    const light = { ...c, pooled: [hit('new_account', 6), { ...pooled[1]!, value: 90 }] } as CampaignVerdict;
    expect(profileHits({ ...v, campaigns: [light] }, confirmed, judge as unknown as Parameters<typeof profileHits>[2], floors)).toEqual([]);
    expect(halfFloorsShown(pooled, floors)).toEqual(['logprob_sweep']);
  });

  it('takes into a campaign of old accounts carried by a logit-bias floor a linked account doing half the log-probability floor', () => {
    // Old accounts sweeping logit biases (typical member 450 requests, floor 100) and, in the same community, accounts
    // of the operation reading top log-probabilities: 180 probes (floor 200), or 60.
    const holders = ['h-0', 'h-1', 'h-2'];
    const probes = new Map([['lp-0', 180], ['lp-1', 60]]);
    const clusterOf = new Map([...holders, ...probes.keys()].map((a) => [a, 1] as const));
    const sweep = (signal: string, value: number) => ({ signal, group: 'extraction', value, support: 150, p: 2 ** -9, bits: 9 }) as SignalHit;
    const verdict = (a: string) =>
      ({ account_id: a, hits: [probes.has(a) ? sweep('logprob_sweep', probes.get(a)!) : sweep('logit_sweep', 450)], own: { provenance: 0, floors: [] } }) as unknown as AccountVerdict;
    const c = { ...campaign([...holders, ...probes.keys()], [sweep('logit_sweep', 450)]), cluster: 1, basis: 'overwhelming_behaviour', floors: ['logit_sweep'], bars: { behaviour: 20, provenance: 4 } } as unknown as CampaignVerdict;
    const confirmed = holders.map((a) => ({ account_id: a, campaign_id: 'C001', test: 'traffic' as const, exchanges: 12, hits: 12, expected: 0, bits: 40 }));
    // (whether an account's work is a reason against the accounts outside the campaign: the judge's, tested below)
    let outside = (_a: string) => false;
    const judge = Object.assign(() => true, { assess: () => ({ shown: 30, own: 30, matches: true, clearsBar: true }), reasonOutside: (_c: unknown, a: string) => outside(a) });
    const v = { accounts: [...holders, ...probes.keys()].map(verdict), campaigns: [c], clusterOf, kin: new Map<number, number[]>(), fragments: new Map() };
    const floors = new Map([['logit_sweep', 100], ['logprob_sweep', 200]]);
    const extraction = new Map<string, SignalHit['group']>([['logit_sweep', 'extraction'], ['logprob_sweep', 'extraction']]);
    const run = (groups?: Map<string, SignalHit['group']>) => profileHits(v, confirmed, judge as unknown as Parameters<typeof profileHits>[2], floors, groups).map((h) => h.account_id);
    expect(run(extraction)).toEqual(['lp-0']);
    // a floor taken as its own signal's kind only: neither
    expect(run()).toEqual([]);
    // under half the floor, its 60 probes a reason against the accounts outside the campaign: taken too
    outside = (a) => a === 'lp-1';
    expect(run(extraction)).toEqual(['lp-0', 'lp-1']);
    expect(run()).toEqual([]);
  });

  it("weighs an account's floored work against the accounts outside the campaign and its kin", () => {
    // A campaign of five accounts sweeping top log-probabilities (300 probes each) and, in its community, one at 80
    // probes; kin to it, a community of the operation's at 90. Outside: ordinary accounts at 0, an evaluation lab's at 8
    // and 2, and `sweepers` more accounts at 120 probes.
    const judgeWith = (ordinary: number, sweepers: number) => {
      const values = new Map<string, number>([...ids('c', 5).map((a) => [a, 300] as const), ['lp-0', 80], ['kin-0', 90], ['kin-1', 90], ['kin-2', 90], ['lab-0', 8], ['lab-1', 2]]);
      for (const a of ids('user', ordinary)) values.set(a, 0);
      for (const a of ids('sweeper', sweepers)) values.set(a, 120);
      const hitOf = (a: string) => ({ signal: 'logprob_sweep', group: 'extraction', value: values.get(a)!, support: 100, p: 0.5, bits: 1 }) as SignalHit;
      const hitsByAccount = new Map([...values.keys()].map((a) => [a, [hitOf(a)]]));
      const clusterOf = new Map<string, number>([...ids('c', 5), 'lp-0'].map((a) => [a, 1]));
      for (const a of ['kin-0', 'kin-1', 'kin-2']) clusterOf.set(a, 2);
      const population = new Population(SIGNALS, new Map([['logprob_sweep', [...values.values()]]]), values.size);
      const c = { campaign_id: 'C001', cluster: 1, accounts: [...ids('c', 5), 'lp-0'], pooled: [hitOf('c-0')] } as unknown as CampaignVerdict;
      const judge = coreJudge(SIGNALS, population, clusterOf, hitsByAccount, new Map([[1, [2]], [2, [1]]]), [c]);
      return (a: string) => judge.reasonOutside(c, a, hitOf(a));
    };
    // 30 accounts outside, none as far: 1 in 31
    expect(judgeWith(28, 0)('lp-0')).toBe(true);
    // one more sweeper outside (2 in 32) does not hide it; three (3 in 34), and fewer than 15 outside, do
    expect(judgeWith(28, 1)('lp-0')).toBe(true);
    expect(judgeWith(28, 3)('lp-0')).toBe(false);
    expect(judgeWith(10, 0)('lp-0')).toBe(false);
    // the kin community's accounts are not outside: measured against the same 30, each is a reason too
    expect(judgeWith(28, 0)('kin-0')).toBe(true);
    // an account of the evaluation lab's, at 8 probes, is one of many outside at 8 or more once sweepers are there
    expect(judgeWith(28, 3)('lab-0')).toBe(false);
  });
});

describe('profileHits and old accounts woken together', () => {
  // A chat harvest of old accounts, each on a card of its own, found as a campaign by when they started (woke_together:
  // most of them made their first requests of the window between t=100 and t=200, a span one account in which shows
  // 4.5 bits). Linked to it and behaving like it: one of its accounts that woke at 150, one that woke at 300, and an
  // evaluation lab's account at work since the window began (no wake). None has provenance of its own to show.
  const holders = ['h-0', 'h-1', 'h-2'];
  const others = ['in-0', 'late-0', 'lab-0'];
  const clusterOf = new Map([...holders, ...others].map((a) => [a, 1] as const));
  const wokeAt = new Map([['h-0', 120], ['h-1', 130], ['h-2', 140], ['in-0', 150], ['late-0', 300]]);
  const verdict = (a: string) => ({ account_id: a, hits: [hit('new_account', 0.5)], own: { provenance: 0.5, floors: [] } }) as unknown as AccountVerdict;
  const woke = (bits: number, spanBits: number) => ({ signal: 'woke_together', group: 'signup', value: 0.9, support: 6, p: 2 ** -bits, bits, span: { from: 100, to: 200, bits: spanBits } }) as SignalHit;
  const confirmed = holders.map((a) => ({ account_id: a, campaign_id: 'C001', test: 'traffic' as const, exchanges: 12, hits: 12, expected: 0, bits: 40 }));
  const judge = Object.assign(() => true, { assess: () => ({ shown: 30, own: 30, matches: true, clearsBar: true }) });
  const run = (pooled: SignalHit[]) => {
    const c = { ...campaign([...holders, ...others], pooled), cluster: 1, basis: 'behaviour_and_provenance', bars: { behaviour: 20, provenance: 4.4 } } as unknown as CampaignVerdict;
    const v = { accounts: [...holders, ...others].map(verdict), campaigns: [c], clusterOf, kin: new Map<number, number[]>(), fragments: new Map() };
    return profileHits(v, confirmed, judge as unknown as Parameters<typeof profileHits>[2], new Map(), new Map(), wokeAt);
  };

  it('takes a linked account that woke with the campaign, and neither the one that woke later nor the one at work all along', () => {
    const hits = run([hit('new_account', 0.5), woke(5, 4.5)]);
    expect(hits.map((h) => h.account_id)).toEqual(['in-0']);
    // (the findings say when it woke, and what that shows)
    expect(hits[0]!.woke).toEqual({ at: 150, bits: 4.5 });
    expect(hits[0]!.provenance).toBe('woke_with_campaign');
  });

  it('asks for a reason of its own: wakes that say less, or a span that says less, take no one', () => {
    expect(run([hit('new_account', 0.5), woke(3.5, 3.5)])).toEqual([]);
    expect(run([hit('new_account', 0.5), woke(9, 4.2)])).toEqual([]);
    // and without the wake, the account's own provenance is asked for, as before
    expect(run([hit('new_account', 0.5)])).toEqual([]);
    expect(wokeWith([woke(5, 4.5)], 150)).toBe(4.5);
    expect(wokeWith([woke(5, 4.5)], 99)).toBe(0);
    expect(wokeWith([woke(5, 4.5)], undefined)).toBe(0);
    // a campaign made by accounts opened together: not this
    expect(wokeWith([{ ...woke(5, 4.5), signal: 'opened_together' }], 150)).toBe(0);
  });

  it("does not take a new account for a campaign of old accounts woken together, whatever its record shows", () => {
    // An evaluation runner's account opened days before (5 bits of new account, over the bar), linked to the harvest
    // and behaving like it, with no wake: a new account is not what this campaign is.
    const c = (pooled: SignalHit[]) =>
      ({ ...campaign([...holders, 'new-0'], pooled), cluster: 1, basis: 'behaviour_and_provenance', bars: { behaviour: 20, provenance: 4.4 } }) as unknown as CampaignVerdict;
    const fresh = { account_id: 'new-0', hits: [hit('new_account', 5)], own: { provenance: 5, floors: [] } } as unknown as AccountVerdict;
    const v = (pooled: SignalHit[]) => ({ accounts: [...holders.map(verdict), fresh], campaigns: [c(pooled)], clusterOf: new Map([...clusterOf, ['new-0', 1]]), kin: new Map<number, number[]>(), fragments: new Map() });
    const take = (pooled: SignalHit[]) => profileHits(v(pooled), confirmed, judge as unknown as Parameters<typeof profileHits>[2], new Map(), new Map(), wokeAt).map((h) => h.account_id);
    expect(wokeCarries([hit('new_account', 0.9), woke(5, 4.5)])).toBe(true);
    expect(take([hit('new_account', 0.9), woke(5, 4.5)])).toEqual([]);
    // when new accounts are what the campaign mostly is, its wakes beside them, the account's record is asked for as before
    expect(wokeCarries([hit('new_account', 6), woke(5, 4.5)])).toBe(false);
    expect(take([hit('new_account', 6), woke(5, 4.5)])).toEqual(['new-0']);
  });
});

describe('profileHits and a forged client', () => {
  // A harvest of old, verified accounts on residential exits, each with a card of its own, claiming to be a coding
  // agent from Python's TLS stack: its typical account forges the client on 98% of its requests (10 bits against the
  // accounts outside it). Linked to it and behaving like it, none with provenance to show: one of its accounts forging
  // the client on every request, a customer behind a TLS-intercepting proxy (the agent's claim on the proxy's stack)
  // on every request, one whose forgery the accounts outside the campaign match (the judge says it is no reason
  // there), and one on the campaign's forgery for a fifth of its requests.
  const holders = ['h-0', 'h-1', 'h-2'];
  const others = ['forger-0', 'intercepted-0', 'common-0', 'some-0', 'plain-0'];
  const clusterOf = new Map([...holders, ...others].map((a) => [a, 1] as const));
  const forged = (value: number, bits: number): SignalHit => ({ signal: 'client_mismatch', group: 'cache', value, support: 40, p: 2 ** -bits, bits });
  const own: Record<string, SignalHit[]> = { 'forger-0': [forged(1, 10.5)], 'intercepted-0': [forged(1, 10.5)], 'common-0': [forged(1, 10.5)], 'some-0': [forged(0.2, 3)], 'plain-0': [] };
  // each account's tooling: the agent's claim on Python's stack, or on the intercepting proxy's
  const keys = new Map([...holders, 'forger-0', 'common-0', 'some-0'].map((a) => [a, 'agent-on-python'] as [string, string]).concat([['intercepted-0', 'agent-on-proxy']]));
  const verdict = (a: string) => ({ account_id: a, hits: [hit('new_account', 0.5), ...(own[a] ?? [])], own: { provenance: 0.5, floors: [] } }) as unknown as AccountVerdict;
  const confirmed = holders.map((a) => ({ account_id: a, campaign_id: 'C001', test: 'traffic' as const, exchanges: 12, hits: 12, expected: 0, bits: 40 }));
  const judge = Object.assign(() => true, {
    assess: () => ({ shown: 30, own: 30, matches: true, clearsBar: true }),
    reasonOutside: (_c: CampaignVerdict, a: string) => a !== 'common-0',
  });
  const run = (pooled: SignalHit[], tooling = new Map([['client_mismatch', keys]])) => {
    const c = { ...campaign([...holders, ...others], pooled), cluster: 1, basis: 'behaviour_and_provenance', bars: { behaviour: 20, provenance: 4.9 } } as unknown as CampaignVerdict;
    const v = { accounts: [...holders, ...others].map(verdict), campaigns: [c], clusterOf, kin: new Map<number, number[]>(), fragments: new Map() };
    return profileHits(v, confirmed, judge as unknown as Parameters<typeof profileHits>[2], new Map(), new Map(), new Map(), tooling);
  };
  const takes = (pooled: SignalHit[], tooling?: Map<string, Map<string, string>>) => run(pooled, tooling).map((h) => h.account_id);

  it("takes a linked account forging the client as the campaign's accounts do, on their stack, and no one else", () => {
    const hits = run([hit('new_account', 1), hit('shared_payment', 4.4), forged(0.98, 10)]);
    expect(hits.map((h) => h.account_id)).toEqual(['forger-0']);
    // (the findings say what tied it to the operation)
    expect(hits[0]!.provenance).toBe('same_tooling');
  });

  it("asks the forgery of the campaign's typical account, as a reason, and of a signal that names tooling", () => {
    expect(takes([hit('new_account', 1), hit('shared_payment', 4.4), forged(0.98, 3)])).toEqual([]);
    expect(takes([hit('new_account', 1), hit('shared_payment', 4.4)])).toEqual([]);
    expect(takes([hit('new_account', 1), hit('shared_payment', 4.4), forged(0.98, 10)], new Map())).toEqual([]);
    expect(usesToolingOf([forged(0.98, 10)], [forged(0.5, 6)], ['client_mismatch'], () => true)).toBe(true);
    expect(usesToolingOf([forged(0.98, 10)], [forged(0.48, 6)], ['client_mismatch'], () => true)).toBe(false);
  });
});

describe('reachesPartOfFloor', () => {
  it("is half the floor of one of the campaign's floored signals, on that signal", () => {
    const floors = new Map([['logprob_sweep', 200], ['logit_sweep', 100]]);
    const probes = (value: number, signal = 'logprob_sweep') => [{ ...hit(signal, 4), value }];
    expect(reachesPartOfFloor(probes(120), ['logprob_sweep'], floors)).toBe(true);
    expect(reachesPartOfFloor(probes(99), ['logprob_sweep'], floors)).toBe(false);
    // half of another signal's floor is not the campaign's
    expect(reachesPartOfFloor(probes(120, 'logit_sweep'), ['logprob_sweep'], floors)).toBe(false);
  });
});

describe('behaviourShown', () => {
  const shown = (signal: string, group: SignalHit['group'], bits: number): SignalHit => ({ signal, group, value: 0, support: 1, p: 2 ** -bits, bits });
  // A campaign whose accounts follow up quickly with long answers at a harvester's volume.
  const campaignHits = [shown('unread_answers', 'conversation', 7), shown('long_answers', 'output', 8), shown('max_output', 'output', 3), shown('volume_intensity', 'volume', 6), shown('timing_regularity', 'timing', 2)];
  it("counts the campaign's groups of REASON_BITS or more, each up to the campaign's bits", () => {
    const same = [shown('unread_answers', 'conversation', 9), shown('long_answers', 'output', 5), shown('timing_regularity', 'timing', 9)];
    expect(behaviourShown(campaignHits, same, false)).toEqual({ own: 21, shown: 12 });
    expect(behaviourShown(campaignHits, same, true)).toEqual({ own: 21, shown: 12 });
  });
  it('on the same signals, does not count one behaviour of a group for another: single requests are not quick follow-ups', () => {
    // A startup's coding agent: one request per task, answers cut at the limit, a busy account.
    const agent = [shown('single_turn', 'conversation', 6), shown('max_output', 'output', 10), shown('volume_intensity', 'volume', 5)];
    expect(behaviourShown(campaignHits, agent, false)).toEqual({ own: 21, shown: 19 });
    // the campaign's own max_output is 3 bits: that much of the agent's counts, on the same signal
    expect(behaviourShown(campaignHits, agent, true)).toEqual({ own: 21, shown: 8 });
  });
  it("counts a floored signal's kin of the same kind of work: a log-probability sweep shows a logit-bias sweep's", () => {
    // A logit-bias extraction's campaign, and an account of the same operation reading top log-probabilities instead.
    const extraction = [shown('logit_sweep', 'extraction', 9), shown('timing_regularity', 'timing', 7), shown('single_turn', 'conversation', 6)];
    const logprobs = [shown('logprob_sweep', 'extraction', 9), shown('timing_regularity', 'timing', 7)];
    expect(behaviourShown(extraction, logprobs, true)).toEqual({ own: 22, shown: 7 });
    const alike = new Map([['logit_sweep', ['logprob_sweep']], ['logprob_sweep', ['logit_sweep']]]);
    expect(behaviourShown(extraction, logprobs, true, alike)).toEqual({ own: 22, shown: 16 });
    // (not a behaviour of another kind in the same family: long answers are not an extraction sweep)
    expect(behaviourShown(extraction, [shown('long_answers', 'output', 9)], true, alike)).toEqual({ own: 22, shown: 0 });
  });
});

describe('floorsOfKind', () => {
  it('adds the floored signals of the same group of evidence, and only those', () => {
    const groups = new Map<string, SignalHit['group']>([
      ['logit_sweep', 'extraction'],
      ['logprob_sweep', 'extraction'],
      ['reasoning_harvest', 'sampling'],
    ]);
    expect(floorsOfKind(['logit_sweep'], groups).sort()).toEqual(['logit_sweep', 'logprob_sweep']);
    expect(floorsOfKind(['reasoning_harvest'], groups)).toEqual(['reasoning_harvest']);
    // without the groups, a floor is its own signal's kind only
    expect(floorsOfKind(['logit_sweep'], new Map())).toEqual(['logit_sweep']);
  });
});

describe('applyMembership', () => {
  it("gives an account whose best campaign is dropped for too few members to its next best, not to none", () => {
    // A swarm's campaign confirmed 5 accounts; a small operation's 2 accounts matched it by their profile, and matched
    // a little better a campaign holding only them: alone they are a pair, not a campaign.
    const swarm = ids('swarm', 5);
    const pair = ids('pair', 2);
    const own = { score: 30, behaviour: 30, provenance: 5, coordination: 0, top: ['volume_intensity'], floors: [], alone: false, concealed: false, aloneAtGroupBars: false, confidence: 0.4 };
    const accounts = [...swarm, ...pair].map((a) => ({ account_id: a, tier: null, flagged: false, campaign_id: null, reasons: [], risk: 0, hits: [], own, watchable: false, cluster: null, score: 30 }) as unknown as AccountVerdict);
    const c = (id: string, score: number) => ({ campaign_id: id, accounts: [] as string[], score, confidence: 0.9, pooled: [] }) as unknown as CampaignVerdict;
    const v = { accounts, campaigns: [c('C001', 40), c('C002', 30)] };
    const hit = (account_id: string, campaign_id: string, test: 'traffic' | 'profile', bits: number) => ({ account_id, campaign_id, test, hits: 1, exchanges: 1, expected: 0, bits });
    applyMembership(v, [...swarm.map((a) => hit(a, 'C001', 'traffic', 40)), ...pair.map((a) => hit(a, 'C001', 'profile', 22.5)), ...pair.map((a) => hit(a, 'C002', 'profile', 22.9))]);
    expect(v.campaigns.map((x) => x.campaign_id)).toEqual(['C001']);
    for (const a of [...swarm, ...pair]) expect(accounts.find((x) => x.account_id === a)!.campaign_id, a).toBe('C001');
    expect(accounts.find((x) => x.account_id === 'pair-0')!.reasons[0]).toBe('campaign_profile');
  });

  it('voids the profile hits of a campaign whose core all went to another, and keeps them while some of it stays', () => {
    // One operation cut in two by community detection: C002's members match C001's fingerprints better than their
    // own. Three customers matched C002 only by behaving like it.
    const run = (stayers: number) => {
      const pieceA = ids('a', 5);
      const pieceB = ids('b', 4);
      const likeB = ids('like', 3);
      const own = { score: 30, behaviour: 30, provenance: 5, coordination: 0, top: [], floors: [], alone: false, concealed: false, aloneAtGroupBars: false, confidence: 0.4 };
      const account = (a: string, campaign_id: string | null) => ({ account_id: a, tier: campaign_id ? 'campaign' : null, flagged: campaign_id !== null, campaign_id, reasons: [], risk: 0, hits: [], own, watchable: false, cluster: null, score: 30 }) as unknown as AccountVerdict;
      const accounts = [...pieceA.map((a) => account(a, 'C001')), ...pieceB.map((a) => account(a, 'C002')), ...likeB.map((a) => account(a, null))];
      const c = (id: string) => ({ campaign_id: id, accounts: [] as string[], score: 30, confidence: 0.9, pooled: [] }) as unknown as CampaignVerdict;
      const v = { accounts, campaigns: [c('C001'), c('C002')] };
      const hit = (account_id: string, campaign_id: string, test: 'traffic' | 'profile', bits: number) => ({ account_id, campaign_id, test, hits: 1, exchanges: 1, expected: 0, bits });
      applyMembership(v, [
        ...pieceA.map((a) => hit(a, 'C001', 'traffic', 40)),
        // (the first `stayers` of C002's members match its own fingerprints best)
        ...pieceB.map((a, i) => hit(a, i < stayers ? 'C002' : 'C001', 'traffic', 40)),
        ...likeB.map((a) => hit(a, 'C002', 'profile', 25)),
      ]);
      return { v, likeB: likeB.map((a) => accounts.find((x) => x.account_id === a)!) };
    };
    const gathered = run(0);
    expect(gathered.v.campaigns.map((x) => [x.campaign_id, x.accounts.length])).toEqual([['C001', 9]]);
    for (const a of gathered.likeB) expect([a.campaign_id, a.flagged], a.account_id).toEqual([null, false]);
    const stays = run(1);
    expect(stays.v.campaigns.map((x) => x.accounts.length).sort()).toEqual([4, 8]);
    for (const a of stays.likeB) expect(a.reasons[0], a.account_id).toBe('campaign_profile');
  });

  it('does not raise a campaign on accounts whose own best campaigns were dropped', () => {
    // Three holders of one key, each matching better a campaign too small to stand: the key's campaign would stand
    // only on what is left of them.
    const holders = ['x', 'y', 'z'];
    const own = { score: 30, behaviour: 30, provenance: 5, coordination: 0, top: [], floors: [], alone: false, concealed: false, aloneAtGroupBars: false, confidence: 0.4 };
    const accounts = holders.map((a) => ({ account_id: a, tier: null, flagged: false, campaign_id: null, reasons: [], risk: 0, hits: [], own, watchable: false, cluster: null, score: 30 }) as unknown as AccountVerdict);
    const c = (id: string) => ({ campaign_id: id, accounts: [] as string[], score: 30, confidence: 0.9, pooled: [] }) as unknown as CampaignVerdict;
    const v = { accounts, campaigns: [c('C001'), c('C002'), c('C003')] };
    const hit = (account_id: string, campaign_id: string, bits: number) => ({ account_id, campaign_id, test: 'profile' as const, hits: 1, exchanges: 1, expected: 0, bits });
    applyMembership(v, [hit('x', 'C001', 54), hit('y', 'C001', 52), hit('z', 'C002', 22), hit('x', 'C003', 23), hit('y', 'C003', 20), hit('z', 'C003', 21)]);
    expect(v.campaigns).toEqual([]);
    for (const a of accounts) expect(a.campaign_id, a.account_id).toBeNull();
  });
});
