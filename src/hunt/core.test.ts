import { describe, expect, it } from 'vitest';
import type { AccountVerdict, CampaignVerdict } from './decide.js';
import { coreOf } from './hunt.js';
import type { SignalHit } from './population.js';

// Only what coreOf reads: each account's provenance hits, each campaign's members and pooled evidence.
const hit = (signal: string, bits: number): SignalHit => ({ signal, group: 'account', value: 0, support: 1, p: 2 ** -bits, bits });
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

  it('keeps every account of a campaign made on behaviour alone, whose accounts show no provenance', () => {
    const members = ids('old', 5);
    const core = coreOf({ accounts: members.map((a) => account(a, [])), campaigns: [campaign(members, [])] });
    expect([...core.keys()].sort()).toEqual(members);
  });
});
