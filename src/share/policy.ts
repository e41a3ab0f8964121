import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** Every kind of indicator an export can carry. */
export const INDICATOR_KINDS = [
  'ipv4_network',
  'ipv6_network',
  'asn',
  'user_agent',
  'tls_fingerprint',
  'system_prompt',
  'tool_list',
  'prompt_opening',
  'prompt_line',
  'prompt_simhash',
] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** Kinds whose value is derived from text and leaves only keyed (keys.ts). */
export const KEYED_KINDS: readonly IndicatorKind[] = ['system_prompt', 'tool_list', 'prompt_opening', 'prompt_line', 'prompt_simhash'];
export const NETWORK_KINDS: readonly IndicatorKind[] = ['ipv4_network', 'ipv6_network'];

/**
 * The redaction policy: what may leave in a bundle. The defaults are the safe choice; a file (YAML or JSON)
 * can narrow them or, within limits, widen them. Two rules are not the policy's to relax: no network
 * leaves that any account outside the campaign used or signed up from (no customer's IP), and text leaves
 * only as keyed fingerprints.
 */
export const redactionPolicySchema = z
  .object({
    /** Kinds of indicators allowed to leave. */
    kinds: z.array(z.enum(INDICATOR_KINDS)).default([...INDICATOR_KINDS]),
    /** An indicator must be seen on at least this many of the campaign's accounts (networks: 1). */
    min_campaign_accounts: z.number().int().min(1).default(3),
    /**
     * An indicator leaves only if at most this many accounts outside the campaign show it in our own traffic,
     * and at most `max_outside_share` of the accounts showing it are outside: it must not point at our customers.
     */
    max_outside_accounts: z.number().int().min(0).default(2),
    max_outside_share: z.number().min(0).max(1).default(0.05),
    /** IPv4 and IPv6 networks are shared as prefixes this long at most (a /24 rather than single addresses). */
    ipv4_prefix: z.number().int().min(8).max(32).default(24),
    ipv6_prefix: z.number().int().min(16).max(128).default(48),
    /** Networks (CIDR) and autonomous systems never to share, whatever they did. */
    drop_networks: z.array(z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'a CIDR such as 10.0.0.0/8')).default([]),
    drop_asns: z.array(z.number().int().nonnegative()).default([]),
    /** At most this many indicators of each kind (the ones seen on the most campaign exchanges first). */
    max_per_kind: z.number().int().min(1).default(200),
    /** Hamming distance within which a peer matches a prompt-template SimHash signature (of 32 bits). */
    simhash_max_distance: z.number().int().min(0).max(8).default(3),
    /** What the campaign object says about the operation. */
    include_capabilities: z.boolean().default(true),
    include_volume: z.boolean().default(true),
    include_countries: z.boolean().default(true),
    include_models: z.boolean().default(true),
  })
  .strict();
export type RedactionPolicy = z.infer<typeof redactionPolicySchema>;

export const DEFAULT_POLICY: RedactionPolicy = redactionPolicySchema.parse({});

/** Reads a policy file; errors name the file and the field. */
export function loadPolicy(path: string | undefined): RedactionPolicy {
  if (!path) return DEFAULT_POLICY;
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new Error(`--redaction ${path}: ${(e as Error).message}`);
  }
  const r = redactionPolicySchema.safeParse(raw ?? {});
  if (!r.success) {
    const issue = r.error.issues[0]!;
    throw new Error(`--redaction ${path}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return r.data;
}
