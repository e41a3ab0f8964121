import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { FindingAccount, FindingsCampaignsFile } from '../eval/contracts.js';
import { familyBits } from './population.js';
import type { HuntResult } from './hunt.js';

export const DETECTOR_NAME = 'distillwatch-hunt';

/** Rounds for files people read; the numbers keep 4 significant decimals. */
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Writes the findings contract (src/eval/contracts.ts): accounts.jsonl, one line per account judged, with
 * reason codes and the numbers behind them; campaigns.json, every campaign with its evidence.
 * With `redact`, prompt examples are replaced by their SHA-256 so the files can be shared.
 */
export async function writeFindings(result: HuntResult, dir: string, opts: { redact?: boolean; detector?: string } = {}): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const out = createWriteStream(join(dir, 'accounts.jsonl'));
  for (const a of result.accounts) {
    const line: FindingAccount = {
      account_id: a.account_id,
      risk: r4(a.risk),
      flagged: a.flagged,
      tier: a.tier,
      campaign_id: a.campaign_id,
      reasons: a.reasons,
      evidence: {
        score_bits: r4(a.score),
        // Its own evidence against the accounts not linked to it, per family, in bits.
        own_bits: { behaviour: r4(a.own.behaviour), provenance: r4(a.own.provenance), coordination: r4(a.own.coordination) },
        ...(a.own.floors.length
          ? { floors: Object.fromEntries(a.own.floors.map((f) => [f.signal, { value: r4(f.value), floor: f.floor, support: f.support }])) }
          : {}),
        ...(a.sweep?.test === 'traffic'
          ? { campaign_fingerprints: { matching_exchanges: a.sweep.hits, exchanges: a.sweep.exchanges, expected_by_chance: r4(a.sweep.expected), bits: r4(a.sweep.bits) } }
          : a.sweep?.test === 'timing'
            ? { campaign_synchrony: { starts_with_campaign: a.sweep.hits, session_starts: a.sweep.exchanges, expected_by_chance: r4(a.sweep.expected), bits: r4(a.sweep.bits) } }
            : a.sweep?.test === 'exits'
              ? { campaign_exits: { network_days_on_exits: a.sweep.hits, network_days: a.sweep.exchanges, expected_by_chance: r4(a.sweep.expected), bits: r4(a.sweep.bits) } }
            : a.sweep?.test === 'profile'
              ? {
                  campaign_profile: {
                    behaviour_bits_shown: r4(a.sweep.hits),
                    campaign_behaviour_bits: r4(a.sweep.expected),
                    // (what tied it to the operation besides its behaviour: floor_work, woke_with_campaign, same_tooling, own_provenance)
                    ...(a.sweep.provenance ? { provenance_by: a.sweep.provenance } : {}),
                    // (an old account that started when the campaign's old accounts did: its first request, and the bits)
                    ...(a.sweep.woke ? { woke_with_campaign: { first_request: new Date(a.sweep.woke.at).toISOString(), bits: r4(a.sweep.woke.bits) } } : {}),
                  },
                }
              : a.sweep
                ? {
                    campaign_provenance: {
                      shared_with_campaign: a.sweep.shared ?? [],
                      // (opened from the campaign's network on a day it owned: on its days there, the accounts opened outside any
                      // campaign, against what the network's ordinary days explain)
                      ...(a.sweep.shared?.includes('signup_network')
                        ? { signup_network: { days_owned: a.sweep.networkDays ?? 0, opened_outside_campaigns: a.sweep.hits, expected_by_chance: r4(a.sweep.expected), bits: r4(a.sweep.bits) } }
                        : {}),
                    },
                  }
                : {}),
        // A campaign's scaffolding it sends, in a way unlike the campaign's own requests (the sweep's spread test).
        ...(a.unlike
          ? { campaign_scaffolding_unlike: { campaign_id: a.unlike.campaign_id, matching_exchanges: a.unlike.hits, exchanges: a.unlike.exchanges, best_spread_z: r4(a.unlike.best_z), campaign_accounts_compared: a.unlike.compared } }
          : {}),
        // Its risk is its confidence against the accounts showing the pattern its linked group is explained by.
        ...(a.rankedWithin
          ? { ranked_within_pattern: { pattern: a.rankedWithin.pattern, pattern_bar_bits: r4(a.rankedWithin.bar), confidence: r4(a.rankedWithin.confidence) } }
          : {}),
        ...(a.groupWatch && a.tier === 'watch'
          ? { linked_group: { accounts: a.groupWatch.size, behaviour_bits: r4(a.groupWatch.behaviour), bar_bits: r4(a.groupWatch.bar) } }
          : {}),
        // An account that sent nothing, opened with a campaign's accounts (ranked, not acted on: applyOpenedWith).
        ...(a.openedWith && a.tier === null
          ? { opened_with_campaign: { campaign_id: a.openedWith.campaign_id, opened: new Date(a.openedWith.opened).toISOString(), by: a.openedWith.by, bits: r4(a.openedWith.bits) } }
          : {}),
        // The linked group it was a campaign with until a pattern of people explained the group (not acted on for it).
        ...(a.explained ? { explained_group: { pattern: a.explained.pattern, accounts_showing_it: a.explained.accounts, share: r4(a.explained.share) } } : {}),
        ...(a.stream ? { campaign_stream: { key: a.stream.key, stream_requests: a.stream.requests, exchanges: a.stream.exchanges, share: r4(a.stream.requests / Math.max(1, a.stream.exchanges)) } } : {}),
        signals: Object.fromEntries(a.hits.filter((h) => h.bits >= 1).map((h) => [h.signal, { value: r4(h.value), bits: r4(h.bits), support: h.support }])),
        // Peers' indicators its traffic matched, by producer (the reasons name them as peer:<producer>).
        ...(a.peer ? { peer_indicators: a.peer } : {}),
        // Legitimate patterns it shows (an explanation for the analyst, not an exoneration: see docs/hunt.md).
        ...(a.resembles?.length ? { resembles: Object.fromEntries(a.resembles.map((r) => [r.pattern, r.numbers])) } : {}),
      },
    };
    if (!out.write(JSON.stringify(line) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');

  const file: FindingsCampaignsFile = {
    detector: opts.detector ?? DETECTOR_NAME,
    generated_at: result.generatedAt,
    until: result.config.until,
    since: result.config.since,
    window: result.window,
    thresholds_bits: {
      behaviour: r4(result.thresholds.behaviour),
      provenance: r4(result.thresholds.provenance),
      ...(result.thresholds.alone ? { alone: { behaviour: r4(result.thresholds.alone.behaviour), provenance: r4(result.thresholds.alone.provenance) } } : {}),
    },
    campaigns: result.campaigns.map((c) => ({
      campaign_id: c.campaign_id,
      accounts: c.accounts,
      confidence: r4(c.confidence),
      reasons: c.reasons,
      exchanges: c.exchanges,
      first_seen: c.first_seen,
      last_seen: c.last_seen,
      score_bits: r4(c.score),
      // Why it is a campaign: its pooled bits per family of evidence, and the bars it cleared.
      family_bits: {
        behaviour: r4(familyBits(c.pooled, 'behaviour')),
        provenance: r4(familyBits(c.pooled, 'provenance')),
        coordination: r4(familyBits(c.pooled, 'coordination')),
        // When its median member's own behaviour is more than the per-signal medians' sum: the behaviour it was judged by.
        ...(c.medianMember !== undefined ? { behaviour_median_member: r4(c.medianMember) } : {}),
      },
      basis: c.basis,
      ...(c.floors.length ? { floors_reached: c.floors } : {}),
      bars_bits: { behaviour: r4(c.bars.behaviour), provenance: r4(c.bars.provenance) },
      signals: c.pooled
        .filter((h) => h.bits >= 1)
        .sort((a, b) => b.bits - a.bits)
        .map((h) => ({ signal: h.signal, group: h.group, value: r4(h.value), bits: r4(h.bits), share_of_accounts_as_extreme: h.p })),
      links: c.links,
      daily: c.daily,
      capabilities: Object.fromEntries(Object.entries(c.capabilities).map(([k, v]) => [k, r4(v)])),
      models: c.models,
      infrastructure: c.infrastructure,
      accounts_created: c.accounts_created,
      tiers: c.tiers,
      shared_keys: c.shared_keys.map((k) => (opts.redact ? { ...k, example: undefined } : k)),
      examples: c.examples.map((e) => (opts.redact ? { prompt_sha256: e.prompt_sha256 } : e)),
      ...(c.resembles ? { resembles: c.resembles } : {}),
    })),
    // Peers' imported indicators: per producer what they matched and flagged, and the ones muted.
    ...(result.peer ? { peer_indicators: result.peer } : {}),
    // Linked groups that cleared one family's bar without being campaigns, and what legitimate pattern most
    // of their accounts show.
    linked_groups: result.linkedGroups.map((g) => ({
      accounts: g.accounts,
      family_bits: { behaviour: r4(g.behaviour), provenance: r4(g.provenance), coordination: r4(g.coordination) },
      bars_bits: { behaviour: r4(g.bars.behaviour), provenance: r4(g.bars.provenance) },
      resembles: g.resembles,
    })),
  };
  writeFileSync(join(dir, 'campaigns.json'), JSON.stringify(file, null, 2) + '\n');
}
