import { FEATURES_TABLE } from '../ingest/features.js';
import { MIN_TEMPLATE_PROMPT_CHARS } from '../hunt/signals/template-sharing.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { AsnTable } from './asn.js';
import { buildBundle, type ExportResult } from './bundle.js';
import { collectCandidates, type Candidate, type CampaignWindow } from './collect.js';
import { campaignSummary, loadCampaign } from './findings.js';
import type { GroupKey } from './keys.js';
import type { RedactionPolicy } from './policy.js';
import type { TlpLevel } from './stix.js';

export interface ExportOptions {
  findings: string;
  campaign: string;
  producer: string;
  policy: RedactionPolicy;
  key: GroupKey | null;
  tlp: TlpLevel;
  asnDb: string | null;
}

/** One campaign of a findings directory, from the warehouse it was hunted in, as a STIX bundle. */
export async function exportCampaign(wh: Warehouse, o: ExportOptions): Promise<ExportResult> {
  const f = loadCampaign(o.findings, o.campaign);
  const window: CampaignWindow = { accounts: f.campaign.accounts, since: f.since, until: f.until };
  const candidates = await collectCandidates(wh, window, o.policy, AsnTable.load(o.asnDb));
  await fuzzyOutside(wh, window, candidates, o.policy);
  return buildBundle({
    producer: o.producer,
    generatedAt: f.generatedAt,
    campaign: campaignSummary(f.campaign),
    candidates,
    policy: o.policy,
    key: o.key,
    tlp: o.tlp,
  });
}

/**
 * A SimHash signature is matched by peers within a Hamming distance, so its reach outside the campaign is
 * counted the same way (the exact count under-states it). Done for the signatures that could leave.
 */
async function fuzzyOutside(wh: Warehouse, w: CampaignWindow, candidates: Candidate[], policy: RedactionPolicy): Promise<void> {
  const sims = candidates
    .filter((c) => c.kind === 'prompt_simhash' && c.campaign_accounts >= policy.min_campaign_accounts)
    .sort((a, b) => b.exchanges - a.exchanges)
    .slice(0, policy.max_per_kind * 2);
  if (sims.length === 0) return;
  const rows = await wh.query<{ s: string; outside: string }>(
    `SELECT toString(sig) AS s, uniqExact(account_id) AS outside
     FROM ${FEATURES_TABLE} ARRAY JOIN {sims:Array(UInt64)} AS sig
     WHERE ts >= parseDateTime64BestEffort({since:String}, 3, 'UTC') AND ts <= parseDateTime64BestEffort({until:String}, 3, 'UTC')
       AND prompt_len >= ${MIN_TEMPLATE_PROMPT_CHARS} AND NOT account_id IN {accounts:Array(String)}
       AND bitCount(bitXor(simhash, sig)) <= {d:UInt8}
     GROUP BY sig`,
    { sims: sims.map((c) => Number(c.value)), accounts: w.accounts, d: policy.simhash_max_distance, since: w.since ?? '1970-01-01T00:00:00Z', until: w.until ?? '2299-12-31T23:59:59Z' },
  );
  const outside = new Map(rows.map((r) => [r.s, Number(r.outside)]));
  for (const c of sims) c.outside_accounts = Math.max(c.outside_accounts, outside.get(c.value) ?? 0);
}
