import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { findingsCampaignsFileSchema } from '../eval/contracts.js';
import type { CampaignSummary } from './bundle.js';

/**
 * One campaign of a hunt's campaigns.json, with the parts of the description that sharing and the brief use.
 * The findings contract lets detectors add fields; the ones read here are what `distillwatch hunt` writes.
 */
const describedCampaignSchema = z
  .object({
    campaign_id: z.string(),
    accounts: z.array(z.string()),
    confidence: z.number(),
    reasons: z.array(z.string()),
    exchanges: z.number().int().nonnegative(),
    first_seen: z.string(),
    last_seen: z.string(),
    basis: z.string().optional(),
    daily: z.array(z.object({ day: z.string(), exchanges: z.number(), accounts: z.number() })).default([]),
    capabilities: z.record(z.string(), z.number()).default({}),
    models: z.array(z.object({ model: z.string(), exchanges: z.number() })).default([]),
    infrastructure: z
      .object({
        ips: z.number(),
        subnets: z.number(),
        asns: z.array(z.object({ asn: z.number(), org: z.string(), exchanges: z.number() })),
        countries: z.array(z.object({ country: z.string(), exchanges: z.number() })),
        hosting_share: z.number(),
        user_agents: z.array(z.object({ user_agent: z.string(), exchanges: z.number() })),
      })
      .optional(),
    accounts_created: z.array(z.object({ day: z.string(), accounts: z.number() })).default([]),
    tiers: z.record(z.string(), z.number()).default({}),
    family_bits: z.object({ behaviour: z.number(), provenance: z.number(), coordination: z.number(), behaviour_median_member: z.number().optional() }).optional(),
    bars_bits: z.object({ behaviour: z.number(), provenance: z.number() }).optional(),
    signals: z.array(z.object({ signal: z.string(), value: z.number(), bits: z.number(), share_of_accounts_as_extreme: z.number() }).passthrough()).default([]),
    links: z.array(z.object({ kind: z.string(), keys: z.number(), linked: z.number() }).passthrough()).default([]),
    resembles: z.object({ pattern: z.string(), title: z.string(), accounts: z.number(), share: z.number() }).passthrough().optional(),
  })
  .passthrough();
export type DescribedCampaign = z.infer<typeof describedCampaignSchema>;

export interface LoadedFindings {
  dir: string;
  generatedAt: string;
  since: string | null;
  until: string | null;
  window: { accounts: number; exchanges: number } | null;
  campaign: DescribedCampaign;
  campaignIds: string[];
}

/** Reads `campaigns.json` of a findings directory and the campaign asked for; errors name the file and field. */
export function loadCampaign(dir: string, campaignId: string): LoadedFindings {
  const path = join(dir, 'campaigns.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  const file = findingsCampaignsFileSchema.safeParse(raw);
  if (!file.success) throw new Error(`${path}: ${file.error.issues[0]!.path.join('.')}: ${file.error.issues[0]!.message}`);
  const ids = file.data.campaigns.map((c) => c.campaign_id);
  const index = ids.indexOf(campaignId);
  if (index < 0) throw new Error(`${path}: no campaign ${campaignId} (campaigns: ${ids.join(', ') || 'none'})`);
  const c = describedCampaignSchema.safeParse(file.data.campaigns[index]);
  if (!c.success) throw new Error(`${path}: campaigns.${index}.${c.error.issues[0]!.path.join('.')}: ${c.error.issues[0]!.message}`);
  const w = (file.data as { window?: { accounts?: number; exchanges?: number } }).window;
  return {
    dir,
    generatedAt: file.data.generated_at,
    since: (file.data as { since?: string | null }).since ?? null,
    until: file.data.until,
    window: w && typeof w.accounts === 'number' && typeof w.exchanges === 'number' ? { accounts: w.accounts, exchanges: w.exchanges } : null,
    campaign: c.data,
    campaignIds: ids,
  };
}

export function campaignSummary(c: DescribedCampaign): CampaignSummary {
  return {
    campaign_id: c.campaign_id,
    accounts: c.accounts.length,
    exchanges: c.exchanges,
    first_seen: c.first_seen,
    last_seen: c.last_seen,
    confidence: c.confidence,
    reasons: c.reasons,
    capabilities: c.capabilities,
    models: c.models,
    countries: c.infrastructure?.countries ?? [],
    daily: c.daily.map((d) => ({ day: d.day, exchanges: d.exchanges })),
  };
}
