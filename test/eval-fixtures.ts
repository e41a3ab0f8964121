import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FindingAccount, TruthCampaign, TruthLabel } from '../src/eval/contracts.js';

/**
 * A hand-made world small enough to score by hand, for eval's tests.
 *
 * Benign (20): batch b0..b9, eval_runner e0..e3, coding_agent c0..c4, relay r0.
 * Attack (14):
 *   hydra-a (10): core a0..a8, cover-relay a9 (attack_share 0.3)
 *   hydra-b (4):  core bb0, cover-relay bb1 (0.05), bb2 (0.05), bb3 (0.08)
 */
export const WORLD_START = '2026-04-20T00:00:00.000Z';
export const WORLD_END = '2026-04-25T00:00:00.000Z';

export const CAMPAIGNS: TruthCampaign[] = [
  {
    id: 'hydra-a',
    start: '2026-04-22T10:30:00.000Z',
    end: '2026-04-22T13:00:00.000Z',
    accounts: 10,
    exchanges: 1000,
    tactics: { proxies: true },
    hourly_exchanges: [100, 200, 700],
  },
  {
    id: 'hydra-b',
    start: '2026-04-21T00:00:00.000Z',
    end: '2026-04-21T02:00:00.000Z',
    accounts: 4,
    exchanges: 40,
    tactics: {},
    hourly_exchanges: [10, 30],
  },
];

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

export const LABELS: TruthLabel[] = [
  ...ids('b', 10).map((id) => ({ account_id: id, label: 'benign' as const, campaign_id: null, cohort: 'batch' })),
  ...ids('e', 4).map((id) => ({ account_id: id, label: 'benign' as const, campaign_id: null, cohort: 'eval_runner' })),
  ...ids('c', 5).map((id) => ({ account_id: id, label: 'benign' as const, campaign_id: null, cohort: 'coding_agent' })),
  { account_id: 'r0', label: 'benign', campaign_id: null, cohort: 'relay' },
  ...ids('a', 9).map((id) => ({ account_id: id, label: 'attack' as const, campaign_id: 'hydra-a', cohort: 'hydra-a/core' })),
  { account_id: 'a9', label: 'attack', campaign_id: 'hydra-a', cohort: 'hydra-a/cover-relay', attack_share: 0.3 },
  { account_id: 'bb0', label: 'attack', campaign_id: 'hydra-b', cohort: 'hydra-b/core' },
  { account_id: 'bb1', label: 'attack', campaign_id: 'hydra-b', cohort: 'hydra-b/cover-relay', attack_share: 0.05 },
  { account_id: 'bb2', label: 'attack', campaign_id: 'hydra-b', cohort: 'hydra-b/cover-relay', attack_share: 0.05 },
  { account_id: 'bb3', label: 'attack', campaign_id: 'hydra-b', cohort: 'hydra-b/cover-relay', attack_share: 0.08 },
];

export const jsonl = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';

export function writeTruth(
  dir: string,
  opts: { labels?: (TruthLabel | string)[]; campaigns?: TruthCampaign[]; labelsText?: Buffer | string } = {},
): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'campaigns.json'),
    JSON.stringify(
      { scenario: 'hand-made', seed: 1, scale: 1, start: WORLD_START, end: WORLD_END, campaigns: opts.campaigns ?? CAMPAIGNS },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'labels.jsonl.gz'), opts.labelsText ?? gzipSync(jsonl(opts.labels ?? LABELS)));
  return dir;
}

/** A finding with defaults: not flagged, risk 0, no campaign. */
export const finding = (account_id: string, over: Partial<FindingAccount> = {}): FindingAccount => ({
  account_id,
  risk: 0,
  flagged: false,
  campaign_id: null,
  reasons: [],
  ...over,
});

export function writeFindings(
  dir: string,
  accounts: (FindingAccount | string)[],
  campaignsFile: Record<string, unknown> | null = { detector: 'hunt', generated_at: '2026-04-25T00:00:00Z', until: null, campaigns: [] },
): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'accounts.jsonl'), jsonl(accounts));
  if (campaignsFile) writeFileSync(join(dir, 'campaigns.json'), JSON.stringify(campaignsFile, null, 2));
  return dir;
}

const flag = (campaign_id: string | null, risk = 0.9) => ({ flagged: true, campaign_id, risk, reasons: ['template_shared'] });

/**
 * The "hunt" findings over the world, every number of which the tests work out by hand:
 * flagged b0 (benign, in R1), a0..a3 (R1), a4..a5 (R2), bb0 (no campaign), bb1 (R1), and `ghost`
 * (not in the truth). The coding agents are absent (not flagged, risk 0).
 */
export const HUNT_ACCOUNTS: FindingAccount[] = [
  finding('b0', flag('R1', 0.6)),
  ...ids('b', 10).slice(1).map((id) => finding(id, { risk: 0.1 })),
  ...ids('e', 4).map((id) => finding(id, { risk: 0.2 })),
  finding('r0', { risk: 0.3 }),
  ...ids('a', 4).map((id) => finding(id, flag('R1'))),
  finding('a4', flag('R2')),
  finding('a5', flag('R2')),
  ...['a6', 'a7', 'a8', 'a9'].map((id) => finding(id, { risk: 0.5 })),
  finding('bb0', flag(null)),
  finding('bb1', flag('R1')),
  finding('bb2', { risk: 0.4 }),
  finding('bb3', { risk: 0.4 }),
  finding('ghost', flag('R1')),
];

export const HUNT_CAMPAIGNS = {
  detector: 'hunt',
  generated_at: '2026-04-25T00:00:00Z',
  until: null,
  campaigns: [
    { campaign_id: 'R1', accounts: ['b0', 'a0', 'a1', 'a2', 'a3', 'bb1', 'ghost'], confidence: 0.9, reasons: ['template_shared'] },
    { campaign_id: 'R2', accounts: ['a4', 'a5'], confidence: 0.8, reasons: ['synchronised'] },
  ],
};

/** Findings that flag exactly the attack accounts, each in its true campaign. */
export function perfectAccounts(): FindingAccount[] {
  return LABELS.map((l) =>
    l.label === 'attack' ? finding(l.account_id, flag(`found-${l.campaign_id}`, 1)) : finding(l.account_id, { risk: 0 }),
  );
}
