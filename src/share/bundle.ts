import type { Candidate } from './collect.js';
import { hmacHex, simhashMask, type GroupKey, type KeyedKind } from './keys.js';
import { parsePattern, stixPath, stixString } from './pattern.js';
import { inCidr } from './asn.js';
import { INDICATOR_KINDS, KEYED_KINDS, NETWORK_KINDS, type IndicatorKind, type RedactionPolicy } from './policy.js';
import {
  distillwatchIdentity,
  EXTENSION_ID,
  extensionDefinition,
  LLM_REQUEST_TYPE,
  scoId,
  sdoId,
  stixTime,
  tlpMarking,
  TLP2_IDS,
  type StixBundle,
  type StixObject,
  type TlpLevel,
} from './stix.js';

/** What the bundle says about the campaign itself (from campaigns.json), none of it about any one account. */
export interface CampaignSummary {
  campaign_id: string;
  accounts: number;
  exchanges: number;
  first_seen: string;
  last_seen: string;
  confidence: number;
  reasons: string[];
  capabilities: Record<string, number>;
  models: { model: string; exchanges: number }[];
  countries: { country: string; exchanges: number }[];
  daily: { day: string; exchanges: number }[];
}

export interface ExportInput {
  producer: string;
  /** When the findings were written: every object's created/modified, so a re-export is identical. */
  generatedAt: string;
  campaign: CampaignSummary;
  candidates: Candidate[];
  policy: RedactionPolicy;
  key: GroupKey | null;
  tlp: TlpLevel;
}

/** A candidate that stays home, and why. */
export interface Withheld {
  kind: IndicatorKind;
  value: string;
  reason: string;
  campaign_accounts: number;
  outside_accounts: number;
}

/** One indicator that leaves: its kind, the value as shared (keyed where text), and its reach here. */
export interface Shared extends Candidate {
  shared_value: string;
  pattern: string;
  indicator_id: string;
}

export interface ExportResult {
  bundle: StixBundle;
  shared: Shared[];
  withheld: Withheld[];
}

const SIGHTING_MAX = 999_999_999;

const PATTERN_PROPERTY: Record<IndicatorKind, (v: string) => string> = {
  ipv4_network: (v) => `[${stixPath('ipv4-addr', 'value')} ISSUBSET ${stixString(v)}]`,
  ipv6_network: (v) => `[${stixPath('ipv6-addr', 'value')} ISSUBSET ${stixString(v)}]`,
  asn: (v) => `[${stixPath('autonomous-system', 'number')} = ${Number(v)}]`,
  user_agent: (v) => `[${stixPath('network-traffic', 'extensions', 'http-request-ext', 'request_header', 'User-Agent')} = ${stixString(v)}]`,
  tls_fingerprint: (v) => `[${stixPath(LLM_REQUEST_TYPE, 'tls_fingerprint')} = ${stixString(v)}]`,
  system_prompt: (v) => `[${stixPath(LLM_REQUEST_TYPE, 'system_prompt_hmac')} = ${stixString(v)}]`,
  tool_list: (v) => `[${stixPath(LLM_REQUEST_TYPE, 'tool_list_hmac')} = ${stixString(v)}]`,
  prompt_opening: (v) => `[${stixPath(LLM_REQUEST_TYPE, 'prompt_opening_hmac')} = ${stixString(v)}]`,
  prompt_line: (v) => `[${stixPath(LLM_REQUEST_TYPE, 'prompt_line_hmac')} = ${stixString(v)}]`,
  prompt_simhash: (v) => `[${stixPath(LLM_REQUEST_TYPE, 'prompt_simhash_masked')} = ${stixString(v)}]`,
};

const KIND_TITLE: Record<IndicatorKind, string> = {
  ipv4_network: 'IPv4 network',
  ipv6_network: 'IPv6 network',
  asn: 'Autonomous system',
  user_agent: 'User agent',
  tls_fingerprint: 'TLS client fingerprint',
  system_prompt: 'System prompt (keyed fingerprint)',
  tool_list: 'Declared tool list (keyed fingerprint)',
  prompt_opening: 'Prompt template opening (keyed fingerprint)',
  prompt_line: 'Prompt template instruction line (keyed fingerprint)',
  prompt_simhash: 'Prompt template SimHash signature (masked)',
};

/** The value as it leaves: text keys HMAC'd under the group key, SimHashes masked, the rest as they are. */
function sharedValue(c: Candidate, key: GroupKey | null): string {
  if (c.kind === 'prompt_simhash') {
    const masked = (BigInt(c.value) ^ simhashMask(key!)) & 0xffffffffn;
    return masked.toString(16).padStart(8, '0');
  }
  if (KEYED_KINDS.includes(c.kind)) return hmacHex(key!, c.kind as KeyedKind, c.value);
  return c.value;
}

/** Applies the redaction policy: what may leave, and the reason for everything that may not. */
export function selectIndicators(candidates: Candidate[], policy: RedactionPolicy, key: GroupKey | null): { keep: Candidate[]; withheld: Withheld[] } {
  const keep: Candidate[] = [];
  const withheld: Withheld[] = [];
  const hold = (c: Candidate, reason: string) =>
    withheld.push({ kind: c.kind, value: c.value, reason, campaign_accounts: c.campaign_accounts, outside_accounts: c.outside_accounts });
  const perKind = new Map<IndicatorKind, number>();
  // Most campaign exchanges first, so the per-kind cap keeps the indicators that cover most of the operation.
  const ordered = [...candidates].sort(
    (a, b) => INDICATOR_KINDS.indexOf(a.kind) - INDICATOR_KINDS.indexOf(b.kind) || b.exchanges - a.exchanges || (a.value < b.value ? -1 : 1),
  );
  for (const c of ordered) {
    const isNetwork = NETWORK_KINDS.includes(c.kind);
    const total = c.campaign_accounts + c.outside_accounts;
    if (!policy.kinds.includes(c.kind)) hold(c, 'kind not allowed by the redaction policy');
    else if (KEYED_KINDS.includes(c.kind) && !key) hold(c, 'text fingerprint and no sharing key (--key-file or DISTILLWATCH_SHARE_KEY)');
    else if (isNetwork && policy.drop_networks.some((d) => inCidr(c.value.split('/')[0]!, d) || inCidr(d.split('/')[0]!, c.value)))
      hold(c, 'network listed in drop_networks');
    else if (c.kind === 'asn' && policy.drop_asns.includes(Number(c.value))) hold(c, 'autonomous system listed in drop_asns');
    // Not the policy's to relax: a network any other account used or signed up from holds a customer's IP.
    else if (isNetwork && c.outside_accounts > 0) hold(c, `network also used by ${c.outside_accounts} account(s) outside the campaign`);
    else if (!isNetwork && c.kind !== 'asn' && c.campaign_accounts < policy.min_campaign_accounts)
      hold(c, `seen on ${c.campaign_accounts} campaign account(s), fewer than ${policy.min_campaign_accounts}`);
    else if (c.outside_accounts > policy.max_outside_accounts || (total > 0 && c.outside_accounts / total > policy.max_outside_share))
      hold(c, `matches ${c.outside_accounts} account(s) outside the campaign in our own traffic`);
    else if ((perKind.get(c.kind) ?? 0) >= policy.max_per_kind) hold(c, `over the cap of ${policy.max_per_kind} indicators of this kind`);
    else {
      perKind.set(c.kind, (perKind.get(c.kind) ?? 0) + 1);
      keep.push(c);
    }
  }
  return { keep, withheld };
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Builds the STIX 2.1 bundle of one campaign. Pure: the same input gives the same bytes. */
export function buildBundle(input: ExportInput): ExportResult {
  const { producer, campaign, policy, key, tlp } = input;
  const created = stixTime(input.generatedAt);
  const first = stixTime(campaign.first_seen);
  const last = stixTime(campaign.last_seen);
  const marking = [TLP2_IDS[tlp]];
  const producerId = sdoId('identity', 'producer', producer);
  const common = (type: string, id: string) => ({
    type,
    spec_version: '2.1',
    id,
    created_by_ref: producerId,
    created,
    modified: created,
    object_marking_refs: marking,
  });
  const ext = (props: Record<string, unknown>) => ({ extensions: { [EXTENSION_ID]: { extension_type: 'property-extension', ...dropEmpty(props) } } });

  const { keep, withheld } = selectIndicators(input.candidates, policy, key);
  const campaignId = sdoId('campaign', producer, campaign.campaign_id, first);
  const intrusionSetId = sdoId('intrusion-set', producer, campaign.campaign_id, first);
  const infrastructureId = sdoId('infrastructure', producer, campaign.campaign_id, first);

  const objects: StixObject[] = [];
  objects.push({
    type: 'identity',
    spec_version: '2.1',
    id: producerId,
    created,
    modified: created,
    name: producer,
    identity_class: 'organization',
    sectors: ['technology'],
    object_marking_refs: marking,
  });
  objects.push(distillwatchIdentity(), extensionDefinition(), tlpMarking(tlp));

  const days = campaign.daily.length;
  const caps = Object.entries(campaign.capabilities).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  objects.push({
    ...common('campaign', campaignId),
    name: `Adversarial distillation campaign ${campaign.campaign_id} seen by ${producer}`,
    description:
      `Accounts operated together to harvest model outputs through the API (adversarial distillation), from ${first.slice(0, 10)} to ${last.slice(0, 10)}` +
      (caps.length ? `, aimed mostly at ${caps.slice(0, 3).map(([k]) => k.replace(/_/g, ' ')).join(', ')}` : '') +
      '. Indicators are network ranges, client fingerprints and keyed fingerprints of prompt templates; no prompt, account or customer data.',
    objective: 'Harvest a model\'s answers at scale through fraudulent accounts to train a competing model.',
    first_seen: first,
    last_seen: last,
    confidence: Math.round(Math.min(1, Math.max(0, campaign.confidence)) * 100),
    ...ext({
      detector: 'distillwatch',
      detection_reasons: campaign.reasons,
      ...(policy.include_capabilities ? { capability_targets: Object.fromEntries(caps.map(([k, v]) => [k, round4(v)])) } : {}),
      ...(policy.include_volume
        ? { volume: { accounts: campaign.accounts, exchanges: campaign.exchanges, active_days: days, peak_exchanges_per_day: Math.max(0, ...campaign.daily.map((d) => d.exchanges)) } }
        : {}),
      ...(policy.include_models ? { models: campaign.models.slice(0, 10) } : {}),
      ...(policy.include_countries ? { egress_countries: campaign.countries.filter((c) => c.country).slice(0, 10) } : {}),
    }),
  });
  objects.push({
    ...common('intrusion-set', intrusionSetId),
    name: `Operator of distillation campaign ${campaign.campaign_id} (${producer})`,
    description: 'The unidentified operator running the campaign\'s accounts, proxies and prompt templates.',
    first_seen: first,
    last_seen: last,
    goals: ['train a competing model on harvested outputs'],
    primary_motivation: 'organizational-gain',
  });

  // Infrastructure: the networks and autonomous systems the campaign came from, as observables.
  const scos: StixObject[] = [];
  const scoOf = new Map<string, string>();
  for (const c of keep.filter((k) => NETWORK_KINDS.includes(k.kind) || k.kind === 'asn')) {
    const type = c.kind === 'ipv4_network' ? 'ipv4-addr' : c.kind === 'ipv6_network' ? 'ipv6-addr' : 'autonomous-system';
    const contributing: Record<string, string | number> = c.kind === 'asn' ? { number: Number(c.value) } : { value: c.value };
    const id = scoId(type, contributing);
    scoOf.set(`${c.kind} ${c.value}`, id);
    scos.push({ type, spec_version: '2.1', id, ...contributing, ...(c.kind === 'asn' && c.org ? { name: c.org } : {}), object_marking_refs: marking });
  }
  objects.push({
    ...common('infrastructure', infrastructureId),
    name: `Egress network of distillation campaign ${campaign.campaign_id}`,
    description: 'Commercial proxy, VPN and cloud exits the campaign\'s accounts sent their requests from.',
    infrastructure_types: ['anonymization'],
    first_seen: first,
    last_seen: last,
  });
  objects.push(...scos);
  let observedId: string | undefined;
  if (scos.length > 0) {
    observedId = sdoId('observed-data', producer, campaign.campaign_id, first);
    objects.push({
      ...common('observed-data', observedId),
      first_observed: first,
      last_observed: last,
      number_observed: Math.max(1, Math.min(SIGHTING_MAX, campaign.exchanges)),
      object_refs: scos.map((s) => s.id),
    });
  }

  const shared: Shared[] = [];
  const relationships: StixObject[] = [];
  const rel = (type: string, source: string, target: string) =>
    relationships.push({ ...common('relationship', sdoId('relationship', type, source, target)), relationship_type: type, source_ref: source, target_ref: target });
  const sightings: StixObject[] = [];
  for (const c of keep) {
    const value = sharedValue(c, key);
    const pattern = PATTERN_PROPERTY[c.kind](value);
    parsePattern(pattern); // never let out a pattern the grammar rejects
    const id = sdoId('indicator', producer, c.kind, value);
    shared.push({ ...c, shared_value: value, pattern, indicator_id: id });
    objects.push({
      ...common('indicator', id),
      name: `${KIND_TITLE[c.kind]} of distillation campaign ${campaign.campaign_id}`,
      indicator_types: ['malicious-activity', 'attribution'],
      pattern,
      pattern_type: 'stix',
      pattern_version: '2.1',
      valid_from: stixTime(c.first_seen),
      ...ext({
        indicator_kind: c.kind,
        match_rule: NETWORK_KINDS.includes(c.kind) ? 'cidr' : c.kind === 'prompt_simhash' ? 'hamming' : 'exact',
        ...(c.kind === 'prompt_simhash' ? { max_hamming_distance: policy.simhash_max_distance } : {}),
        ...(KEYED_KINDS.includes(c.kind) ? { key_id: key!.id } : {}),
        campaign_accounts: c.campaign_accounts,
        campaign_exchanges: c.exchanges,
        outside_accounts: c.outside_accounts,
      }),
    });
    sightings.push({
      ...common('sighting', sdoId('sighting', producer, id)),
      sighting_of_ref: id,
      first_seen: stixTime(c.first_seen),
      last_seen: stixTime(c.last_seen),
      count: Math.min(SIGHTING_MAX, c.exchanges),
      where_sighted_refs: [producerId],
      ...(observedId && scoOf.has(`${c.kind} ${c.value}`) ? { observed_data_refs: [observedId] } : {}),
    });
    rel('indicates', id, campaignId);
    const sco = scoOf.get(`${c.kind} ${c.value}`);
    if (sco) rel('consists-of', infrastructureId, sco);
  }
  rel('attributed-to', campaignId, intrusionSetId);
  rel('uses', campaignId, infrastructureId);
  rel('uses', intrusionSetId, infrastructureId);
  objects.push(...sightings, ...relationships);

  const bundleId = `bundle--${sdoId('bundle', ...objects.map((o) => o.id).sort()).split('--')[1]}`;
  return { bundle: { type: 'bundle', id: bundleId, objects }, shared, withheld };
}

/** STIX custom properties hold no nulls and no empty lists: leave such properties out. */
function dropEmpty(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0)),
  );
}
