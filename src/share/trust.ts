import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * The producers whose indicators may flag an account on their own (YAML or JSON):
 *
 *   producers:
 *     - Lab A                                               # by the name of its identity object
 *     - identity--75f7b2ce-2bf7-5c74-a90b-3151d8b13228      # or by its STIX id
 *
 * Everyone else's indicators only raise scores and put accounts on the watch queue.
 */
const trustSchema = z.object({ producers: z.array(z.string().min(1)).default([]) }).strict();

export function loadPeerTrust(path: string | undefined): string[] {
  if (!path) return [];
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = /\.json$/i.test(path) ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new Error(`--peer-trust ${path}: ${(e as Error).message}`);
  }
  const r = trustSchema.safeParse(raw ?? {});
  if (!r.success) throw new Error(`--peer-trust ${path}: ${r.error.issues[0]!.path.join('.') || '(top level)'}: ${r.error.issues[0]!.message}`);
  return r.data.producers;
}
