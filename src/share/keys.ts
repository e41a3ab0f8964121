import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The sharing group's key. Text fingerprints (system prompts, tool lists, prompt templates) leave only as
 * HMAC-SHA256 under a key the group agreed on, so a peer can match them against its own traffic only if
 * it holds the key, and nobody outside can test guesses of a prompt against them.
 *
 * What is keyed is distillwatch's 64-bit key of the text (cityHash64, computed at ingest: ingest/features.ts),
 * not the text: a peer matches from the features it already stores, never reading its customers' text again.
 */
export interface GroupKey {
  bytes: Buffer;
  /** Public name of the key (a truncated HMAC of a constant): says which key a bundle used, reveals nothing of it. */
  id: string;
}

export const KEY_ENV = 'DISTILLWATCH_SHARE_KEY';
const MIN_KEY_BYTES = 16;

/** A key from text: 64+ hex digits are the key's bytes, anything else its UTF-8 bytes. */
export function groupKeyFrom(text: string, where: string): GroupKey {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64,}$/.test(t) && t.length % 2 === 0 ? Buffer.from(t, 'hex') : Buffer.from(t, 'utf8');
  if (bytes.length < MIN_KEY_BYTES) throw new Error(`${where}: the sharing key must be at least ${MIN_KEY_BYTES} bytes (hex or text), got ${bytes.length}`);
  return { bytes, id: createHmac('sha256', bytes).update('distillwatch share key id').digest('hex').slice(0, 16) };
}

/** The key from --key-file, or else the environment; null when neither is given. */
export function loadGroupKey(keyFile: string | undefined, env: NodeJS.ProcessEnv = process.env): GroupKey | null {
  if (keyFile) {
    let text: string;
    try {
      text = readFileSync(keyFile, 'utf8');
    } catch (e) {
      throw new Error(`--key-file ${keyFile}: ${(e as Error).message}`);
    }
    return groupKeyFrom(text, keyFile);
  }
  const v = env[KEY_ENV];
  return v ? groupKeyFrom(v, KEY_ENV) : null;
}

/** Kinds of keyed values: the label is part of the HMAC input, so a system prompt's key never matches a template's. */
export type KeyedKind = 'system_prompt' | 'tool_list' | 'prompt_opening' | 'prompt_line';

export const keyedMessage = (kind: KeyedKind, key64: string) => `${kind}:${key64}`;

export function hmacHex(key: GroupKey, kind: KeyedKind, key64: string): string {
  return createHmac('sha256', key.bytes).update(keyedMessage(kind, key64)).digest('hex');
}

/** The 32-bit mask XORed into prompt SimHashes: Hamming distances survive it, the raw sketch does not. */
export function simhashMask(key: GroupKey): bigint {
  return BigInt('0x' + createHmac('sha256', key.bytes).update('distillwatch simhash mask').digest('hex').slice(0, 8));
}

/**
 * HMAC-SHA256 in ClickHouse SQL, so a warehouse keys its own values in the engine:
 * SHA256((K xor opad) || SHA256((K xor ipad) || message)). The padded keys are bound as hex parameters
 * ({name_ipad}, {name_opad}); `message` is an SQL String expression.
 */
export function hmacSql(message: string, name = 'k'): string {
  return `lower(hex(SHA256(concat(unhex({${name}_opad:String}), SHA256(concat(unhex({${name}_ipad:String}), ${message}))))))`;
}

export function hmacSqlParams(key: GroupKey, name = 'k'): Record<string, string> {
  // A key longer than the hash's block is replaced by its hash (RFC 2104).
  const k = key.bytes.length > 64 ? createHash('sha256').update(key.bytes).digest() : key.bytes;
  const block = Buffer.alloc(64);
  k.copy(block);
  const pad = (b: number) => Buffer.from(block.map((x) => x ^ b)).toString('hex');
  return { [`${name}_ipad`]: pad(0x36), [`${name}_opad`]: pad(0x5c) };
}
