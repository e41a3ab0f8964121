import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import type { Warehouse } from '../warehouse/warehouse.js';
import type { GroupKey } from './keys.js';
import { orOfTests, parsePattern, PatternError, type Literal } from './pattern.js';
import { KEYED_KINDS, type IndicatorKind } from './policy.js';
import { EXTENSION_ID, LLM_REQUEST_TYPE, stixTime, tlpOf } from './stix.js';

/**
 * Reading peers' bundles. Whatever a peer sends is checked before anything is stored: the bundle's shape
 * (zod), each indicator's pattern against the STIX grammar (pattern.ts), its producer and TLP marking. Each
 * comparison of a supported form becomes one row of peer_indicators; anything else is skipped and reported.
 */

const idRe = /^[a-z][a-z0-9-]+[a-z0-9]--[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-5][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;
const objectSchema = z.object({ type: z.string().min(3), id: z.string().regex(idRe, 'a STIX identifier (type--UUID)') }).passthrough();
const bundleSchema = z.object({
  type: z.literal('bundle'),
  id: z.string().regex(/^bundle--/, 'a bundle id'),
  objects: z.array(objectSchema).min(1),
});
const indicatorSchema = z
  .object({
    type: z.literal('indicator'),
    spec_version: z.literal('2.1'),
    id: z.string(),
    created_by_ref: z.string().optional(),
    modified: z.string(),
    pattern: z.string().min(1),
    pattern_type: z.string(),
    valid_from: z.string(),
    valid_until: z.string().optional(),
    revoked: z.boolean().optional(),
    object_marking_refs: z.array(z.string()).optional(),
    extensions: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  })
  .passthrough();
const extensionSchema = z
  .object({
    key_id: z.string().regex(/^[0-9a-f]{16}$/).optional(),
    max_hamming_distance: z.number().int().min(0).max(16).optional(),
    campaign_accounts: z.number().int().nonnegative().optional(),
    outside_accounts: z.number().int().nonnegative().optional(),
  })
  .passthrough();

export interface PeerIndicatorRow {
  producer_id: string;
  producer: string;
  bundle_id: string;
  indicator_id: string;
  campaign_id: string;
  campaign_name: string;
  tlp: string;
  kind: IndicatorKind;
  value: string;
  match_rule: 'exact' | 'cidr' | 'hamming';
  max_distance: number;
  key_id: string;
  peer_campaign_accounts: number;
  peer_outside_accounts: number;
  valid_from: string;
  valid_until: string | null;
  modified: string;
  pattern: string;
  source_file: string;
}

export interface ImportResult {
  file: string;
  bundle_id: string;
  producer: string;
  tlp: string;
  indicators: number;
  rows: number;
  inserted: number;
  unmatchable: number;
  key_ids: string[];
  skipped: { id: string; reason: string }[];
}

const IPV4_CIDR = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/(?:3[0-2]|[12]?\d))?$/;
const IPV6_CIDR = /^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(?:\/(?:12[0-8]|1[01]\d|[1-9]?\d))?$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** The LLM-request properties of distillwatch's patterns and the kinds they carry. */
const REQUEST_PROPERTIES: Record<string, IndicatorKind> = {
  tls_fingerprint: 'tls_fingerprint',
  system_prompt_hmac: 'system_prompt',
  tool_list_hmac: 'tool_list',
  prompt_opening_hmac: 'prompt_opening',
  prompt_line_hmac: 'prompt_line',
  prompt_simhash_masked: 'prompt_simhash',
};

/** One comparison of a pattern as (kind, value), or the reason it is not one distillwatch can match. */
function toKindValue(objectType: string, steps: (string | number)[], op: string, lit: Literal): { kind: IndicatorKind; value: string } | string {
  const path = `${objectType}:${steps.join('.')}`;
  const str = lit.type === 'string' ? lit.value : null;
  if ((objectType === 'ipv4-addr' || objectType === 'ipv6-addr') && steps.length === 1 && steps[0] === 'value' && (op === '=' || op === 'ISSUBSET' || op === 'IN')) {
    const v4 = objectType === 'ipv4-addr';
    if (str === null || !(v4 ? IPV4_CIDR : IPV6_CIDR).test(str)) return `${path}: not an ${v4 ? 'IPv4' : 'IPv6'} address or CIDR`;
    return { kind: v4 ? 'ipv4_network' : 'ipv6_network', value: str.includes('/') ? str : `${str}/${v4 ? 32 : 128}` };
  }
  if (objectType === 'autonomous-system' && steps.join('.') === 'number' && (op === '=' || op === 'IN')) {
    if (lit.type !== 'int' || lit.value < 0) return `${path}: not an AS number`;
    return { kind: 'asn', value: String(lit.value) };
  }
  if (objectType === 'network-traffic' && steps.join('.').toLowerCase() === 'extensions.http-request-ext.request_header.user-agent' && (op === '=' || op === 'IN')) {
    if (str === null) return `${path}: not a string`;
    return { kind: 'user_agent', value: str };
  }
  if (objectType === LLM_REQUEST_TYPE && steps.length === 1 && typeof steps[0] === 'string' && REQUEST_PROPERTIES[steps[0]] && (op === '=' || op === 'IN')) {
    const kind = REQUEST_PROPERTIES[steps[0]]!;
    if (str === null) return `${path}: not a string`;
    if (kind === 'prompt_simhash' && !/^[0-9a-f]{8}$/.test(str)) return `${path}: not 8 hex digits`;
    if (KEYED_KINDS.includes(kind) && kind !== 'prompt_simhash' && !HEX64.test(str)) return `${path}: not an HMAC-SHA256 (64 hex digits)`;
    return { kind, value: str };
  }
  return `${path} ${op}: not a comparison distillwatch matches`;
}

/** Validates one bundle's text and turns its indicators into rows; throws when the bundle itself is unusable. */
export function readBundle(text: string, file: string): { rows: PeerIndicatorRow[]; result: ImportResult } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON: ${(e as Error).message}`);
  }
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${file}: not a STIX bundle: ${i.path.join('.') || '(top level)'}: ${i.message}`);
  }
  const bundle = parsed.data;
  const byId = new Map(bundle.objects.map((o) => [o.id, o as Record<string, unknown>]));
  const campaignOf = new Map<string, { id: string; name: string }>();
  for (const o of bundle.objects) {
    if (o.type === 'relationship' && o.relationship_type === 'indicates' && typeof o.source_ref === 'string' && typeof o.target_ref === 'string') {
      const target = byId.get(o.target_ref);
      if (target?.type === 'campaign' || target?.type === 'intrusion-set') campaignOf.set(o.source_ref, { id: o.target_ref, name: String(target.name ?? '') });
    }
  }
  const rows: PeerIndicatorRow[] = [];
  const skipped: { id: string; reason: string }[] = [];
  const producers = new Set<string>();
  const tlps = new Set<string>();
  let indicators = 0;
  for (const o of bundle.objects.filter((x) => x.type === 'indicator')) {
    indicators += 1;
    const ind = indicatorSchema.safeParse(o);
    if (!ind.success) {
      const i = ind.error.issues[0]!;
      skipped.push({ id: o.id, reason: `${i.path.join('.')}: ${i.message}` });
      continue;
    }
    const x = ind.data;
    if (x.pattern_type !== 'stix') {
      skipped.push({ id: x.id, reason: `pattern_type ${x.pattern_type}: only STIX patterns are matched` });
      continue;
    }
    if (x.revoked) {
      skipped.push({ id: x.id, reason: 'revoked by its producer' });
      continue;
    }
    let tests;
    try {
      tests = orOfTests(parsePattern(x.pattern));
    } catch (e) {
      skipped.push({ id: x.id, reason: `pattern does not parse under the STIX grammar: ${e instanceof PatternError ? e.message : String(e)}` });
      continue;
    }
    if (!tests) {
      skipped.push({ id: x.id, reason: 'pattern is not a comparison of one value (or an OR of such): not matched' });
      continue;
    }
    const producerObj = x.created_by_ref ? byId.get(x.created_by_ref) : undefined;
    const producer = producerObj?.type === 'identity' && typeof producerObj.name === 'string' ? producerObj.name : `unnamed producer ${x.created_by_ref ?? '(none)'}`;
    const tlp = (x.object_marking_refs ?? []).map((ref) => tlpOf(byId.get(ref) ?? { id: ref })).find((t) => t !== undefined) ?? 'unmarked';
    const extRaw = x.extensions?.[EXTENSION_ID];
    const ext = extensionSchema.safeParse(extRaw ?? {});
    if (!ext.success) {
      skipped.push({ id: x.id, reason: `extension ${EXTENSION_ID}: ${ext.error.issues[0]!.path.join('.')}: ${ext.error.issues[0]!.message}` });
      continue;
    }
    let validFrom: string;
    let modified: string;
    let validUntil: string | null;
    try {
      validFrom = stixTime(x.valid_from);
      modified = stixTime(x.modified);
      validUntil = x.valid_until ? stixTime(x.valid_until) : null;
    } catch (e) {
      skipped.push({ id: x.id, reason: (e as Error).message });
      continue;
    }
    const values: { kind: IndicatorKind; value: string }[] = [];
    let bad: string | undefined;
    for (const t of tests) {
      for (const lit of Array.isArray(t.value) ? t.value : [t.value]) {
        const kv = toKindValue(t.path.objectType, t.path.steps, t.op, lit);
        if (typeof kv === 'string') bad ??= kv;
        else values.push(kv);
      }
    }
    if (bad || values.length === 0) {
      skipped.push({ id: x.id, reason: bad ?? 'no value' });
      continue;
    }
    producers.add(producer);
    tlps.add(tlp);
    const campaign = campaignOf.get(x.id);
    for (const v of values) {
      const keyed = KEYED_KINDS.includes(v.kind);
      rows.push({
        producer_id: x.created_by_ref ?? '',
        producer,
        bundle_id: bundle.id,
        indicator_id: x.id,
        campaign_id: campaign?.id ?? '',
        campaign_name: campaign?.name ?? '',
        tlp,
        kind: v.kind,
        value: v.value,
        match_rule: v.kind === 'ipv4_network' || v.kind === 'ipv6_network' ? 'cidr' : v.kind === 'prompt_simhash' ? 'hamming' : 'exact',
        max_distance: v.kind === 'prompt_simhash' ? (ext.data.max_hamming_distance ?? 3) : 0,
        key_id: keyed ? (ext.data.key_id ?? '') : '',
        peer_campaign_accounts: ext.data.campaign_accounts ?? 0,
        peer_outside_accounts: ext.data.outside_accounts ?? 0,
        valid_from: validFrom,
        valid_until: validUntil,
        modified,
        pattern: x.pattern,
        source_file: basename(file),
      });
    }
  }
  return {
    rows,
    result: {
      file,
      bundle_id: bundle.id,
      producer: [...producers].join(', ') || '(none)',
      tlp: [...tlps].join(', ') || '(none)',
      indicators,
      rows: rows.length,
      inserted: 0,
      unmatchable: 0,
      key_ids: [...new Set(rows.map((r) => r.key_id).filter(Boolean))],
      skipped,
    },
  };
}

/** Imports bundles into the warehouse. With a key, it is stored (peer_keys) so the hunt can key its own values. */
export async function importBundles(wh: Warehouse, files: string[], key: GroupKey | null): Promise<ImportResult[]> {
  if (key) await wh.insertRows('peer_keys', [{ key_id: key.id, key_hex: key.bytes.toString('hex') }]);
  const held = new Set((await wh.query<{ key_id: string }>('SELECT DISTINCT key_id FROM peer_keys')).map((r) => r.key_id));
  const results: ImportResult[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`${file}: ${(e as Error).message}`);
    }
    const { rows, result } = readBundle(text, file);
    // What is already stored in this version (same indicator, value and modified time) is not counted again.
    const known = new Set(
      (
        await wh.query<{ k: string }>(
          `SELECT concat(indicator_id, ' ', value, ' ', toString(modified)) AS k FROM peer_indicators FINAL WHERE bundle_id = {b:String}`,
          { b: result.bundle_id },
        )
      ).map((r) => r.k),
    );
    const fresh = rows.filter((r) => !known.has(`${r.indicator_id} ${r.value} ${r.modified.replace('T', ' ').replace('Z', '')}`));
    if (fresh.length > 0) await wh.insertRows('peer_indicators', fresh.map((r) => ({ ...r, valid_from: r.valid_from.replace('Z', ''), valid_until: r.valid_until?.replace('Z', '') ?? null, modified: r.modified.replace('Z', '') })));
    result.inserted = fresh.length;
    result.unmatchable = rows.filter((r) => KEYED_KINDS.includes(r.kind) && !held.has(r.key_id)).length;
    results.push(result);
  }
  return results;
}
