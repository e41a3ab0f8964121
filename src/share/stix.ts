import { createHash } from 'node:crypto';

/**
 * STIX 2.1 building blocks: deterministic identifiers, timestamps, the official TLP 2.0 markings and the
 * distillwatch extension. Every id is a UUIDv5 over stable inputs, so exporting the same campaign twice
 * gives byte-identical bundles and a peer importing both keeps one copy of each object.
 */

export type StixObject = Record<string, unknown> & { type: string; id: string };

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

/** The OASIS namespace for the ids of cyber-observable objects (STIX 2.1, section 2.9). */
export const STIX_SCO_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/** distillwatch's namespace for the ids of the domain and relationship objects it writes. */
export const DISTILLWATCH_NAMESPACE = 'f7d94009-8958-4c18-8176-eb15f1be3fee';

/** RFC 4122 UUIDv5 (SHA-1 of namespace and name). */
export function uuidv5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** A domain or relationship object's id: its type and a UUIDv5 of the parts that make it this object. */
export const sdoId = (type: string, ...parts: (string | number)[]) => `${type}--${uuidv5(JSON.stringify([type, ...parts]), DISTILLWATCH_NAMESPACE)}`;

/**
 * A cyber-observable's id as STIX 2.1 defines it: UUIDv5 in the OASIS namespace over the canonical JSON of
 * its id-contributing properties (for ipv4-addr/ipv6-addr `value`, for autonomous-system `number`), so two
 * producers naming the same network give it the same id.
 */
export function scoId(type: string, contributing: Record<string, string | number>): string {
  const canonical = JSON.stringify(Object.fromEntries(Object.entries(contributing).sort(([a], [b]) => (a < b ? -1 : 1))));
  return `${type}--${uuidv5(canonical, STIX_SCO_NAMESPACE)}`;
}

/** A STIX timestamp with milliseconds ("2026-04-22T01:19:05.876Z") from ISO-8601 or ClickHouse's "2026-04-22 01:19:05.876". */
export function stixTime(t: string): string {
  const iso = /^\d{4}-\d{2}-\d{2} \d/.test(t) && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) ? `${t.replace(' ', 'T')}Z` : t;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${t}`);
  return new Date(ms).toISOString();
}

// ---- TLP 2.0 -------------------------------------------------------------------------------------

/** The extension OASIS defined for TLP 2.0 markings (cti-stix-common-objects, extension-definition-specifications/tlp-2.0). */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type TlpLevel = (typeof TLP_LEVELS)[number];

/** The official TLP 2.0 marking-definition ids: every STIX consumer knows them by id, so they must not be minted. */
export const TLP2_IDS: Record<TlpLevel, string> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

/** The official TLP 2.0 marking-definition object of a level, as OASIS publishes it. */
export function tlpMarking(level: TlpLevel): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

/** The TLP level of a marking-definition object (TLP 2.0 by its official id or extension, TLP 1.0 by definition), if it is one. */
export function tlpOf(o: Record<string, unknown>): TlpLevel | 'white' | undefined {
  const byId = (Object.entries(TLP2_IDS) as [TlpLevel, string][]).find(([, id]) => id === o.id)?.[0];
  if (byId) return byId;
  const ext = (o.extensions as Record<string, { tlp_2_0?: unknown }> | undefined)?.[TLP2_EXTENSION_ID]?.tlp_2_0;
  if (typeof ext === 'string' && (TLP_LEVELS as readonly string[]).includes(ext)) return ext as TlpLevel;
  const v1 = o.definition_type === 'tlp' ? (o.definition as { tlp?: unknown } | undefined)?.tlp : undefined;
  if (v1 === 'white') return 'white';
  if (typeof v1 === 'string' && (TLP_LEVELS as readonly string[]).includes(v1)) return v1 as TlpLevel;
  return undefined;
}

// ---- distillwatch's extension --------------------------------------------------------------------

/** The author of the extension definition: the project, the same for every producer (so the extension has one id). */
export const DISTILLWATCH_IDENTITY_ID = sdoId('identity', 'distillwatch project');
export const EXTENSION_ID = `extension-definition--${uuidv5('distillwatch llm-abuse property extension 1.0', DISTILLWATCH_NAMESPACE)}`;
export const EXTENSION_CREATED = '2026-07-01T00:00:00.000Z';

/** The custom observable type the indicators' patterns name for what an LLM API request carries (no STIX type has it). */
export const LLM_REQUEST_TYPE = 'x-llm-api-request';

export function distillwatchIdentity(): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: DISTILLWATCH_IDENTITY_ID,
    created: EXTENSION_CREATED,
    modified: EXTENSION_CREATED,
    name: 'distillwatch',
    description: 'Open-source detector of adversarial distillation campaigns in LLM API traffic; author of the llm-abuse property extension.',
    identity_class: 'system',
  };
}

export function extensionDefinition(): StixObject {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: EXTENSION_ID,
    created_by_ref: DISTILLWATCH_IDENTITY_ID,
    created: EXTENSION_CREATED,
    modified: EXTENSION_CREATED,
    name: 'distillwatch LLM API abuse properties',
    description:
      'Properties STIX has no type for, carried on campaign and indicator objects: capability targets and volume of a distillation ' +
      'campaign; the kind of each indicator, how to match it (exact, CIDR, or Hamming distance for prompt-template SimHash signatures), ' +
      `the sharing-group key it is keyed with, and how many accounts it matched inside and outside the campaign. Patterns on ${LLM_REQUEST_TYPE} ` +
      'objects name per-request fingerprints: system_prompt_hmac, tool_list_hmac, prompt_opening_hmac, prompt_line_hmac (HMAC-SHA256 under the ' +
      "group's key of distillwatch's 64-bit key of the text), prompt_simhash_masked (the prompt's 32-bit SimHash XORed with a mask derived from " +
      'that key) and tls_fingerprint.',
    schema: 'https://github.com/distillwatch/distillwatch/blob/main/docs/sharing.md',
    version: '1.0',
    extension_types: ['property-extension'],
  };
}
