import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A hash chain over the files of a findings directory, so an annex printed today can be checked against the
 * files later: each link is SHA-256 over the previous link, the file's name and the file's own SHA-256, in
 * name order. Changing, adding or removing any file changes the head.
 */
export interface ChainLink {
  file: string;
  bytes: number;
  sha256: string;
  link: string;
}

export const CHAIN_SEED = 'distillwatch findings hash chain v1';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

export function hashChain(dir: string): { links: ChainLink[]; head: string } {
  const files = readdirSync(dir)
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
  let prev = sha256(CHAIN_SEED);
  const links: ChainLink[] = [];
  for (const file of files) {
    const body = readFileSync(join(dir, file));
    const digest = sha256(body);
    prev = sha256(`${prev}\n${file}\n${digest}`);
    links.push({ file, bytes: body.length, sha256: digest, link: prev });
  }
  return { links, head: prev };
}

/** Recomputes the chain of `dir` and says which files differ from the recorded links, if any. */
export function verifyChain(dir: string, recorded: { links: ChainLink[]; head: string }): { ok: boolean; problems: string[] } {
  const now = hashChain(dir);
  const problems: string[] = [];
  const before = new Map(recorded.links.map((l) => [l.file, l]));
  for (const l of now.links) {
    const r = before.get(l.file);
    if (!r) problems.push(`${l.file}: not in the annex`);
    else if (r.sha256 !== l.sha256) problems.push(`${l.file}: changed (SHA-256 ${l.sha256}, annex ${r.sha256})`);
  }
  for (const r of recorded.links) if (!now.links.some((l) => l.file === r.file)) problems.push(`${r.file}: missing`);
  if (now.head !== recorded.head && problems.length === 0) problems.push('chain head differs');
  return { ok: problems.length === 0, problems };
}
