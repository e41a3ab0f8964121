import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { FindingAccount, FindingCampaign, FindingsCampaignsFile } from '../eval/contracts.js';
import type { BaselineWindow } from './window.js';

/** Rounds numbers for files people read (4 decimals), like the hunt's findings. */
export const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

export interface BaselineFindings {
  /** The detector name eval prints as the column header, e.g. `baseline-rules`. */
  detector: string;
  window: BaselineWindow;
  /** The parameters the baseline ran with, recorded so a score can be reproduced. */
  parameters: Record<string, unknown>;
  accounts: FindingAccount[];
  /** Baselines judge accounts alone; none groups them, so this is empty unless a baseline says otherwise. */
  campaigns?: FindingCampaign[];
}

/**
 * Writes the findings contract (src/eval/contracts.ts): OUT/accounts.jsonl, one line per account in the
 * window, and OUT/campaigns.json with the detector's name, the cut-off and the parameters.
 */
export async function writeBaselineFindings(dir: string, f: BaselineFindings): Promise<{ accountsFile: string; campaignsFile: string }> {
  mkdirSync(dir, { recursive: true });
  const accountsFile = join(dir, 'accounts.jsonl');
  const out = createWriteStream(accountsFile);
  for (const a of f.accounts) {
    if (!out.write(JSON.stringify(a) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  const file: FindingsCampaignsFile = {
    detector: f.detector,
    generated_at: new Date().toISOString(),
    until: f.window.until,
    since: f.window.since,
    parameters: f.parameters,
    campaigns: f.campaigns ?? [],
  };
  const campaignsFile = join(dir, 'campaigns.json');
  writeFileSync(campaignsFile, JSON.stringify(file, null, 2) + '\n');
  return { accountsFile, campaignsFile };
}
