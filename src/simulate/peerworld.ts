import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { TRUTH_DIR, TRUTH_FILES } from '../eval/contracts.js';

/**
 * A peer's world, for measuring what sharing does: the benign population of one simulated provider (`peer`)
 * and the attack accounts of another (`producer`), re-keyed (account, request, key, organisation, card and
 * conversation ids rewritten under a salt), as if the same operation had opened fresh accounts at the peer.
 * The operation sends the same traffic (templates, system prompt, proxies, clients); nothing else is shared.
 * With `firstExchanges`, each attack account keeps only its first N exchanges (a peer that saw the start).
 * Writes exchanges.jsonl.gz, accounts.jsonl.gz, ip2asn.tsv (both worlds' tables) and truth/labels.jsonl.gz.
 */
export interface PeerWorldOptions {
  producer: string;
  peer: string;
  out: string;
  salt: string;
  firstExchanges?: number;
}

export interface PeerWorld {
  /** Re-keyed attack account -> the producer's id. */
  attack: Map<string, string>;
  benign: number;
  exchanges: number;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function rekey(salt: string, id: string): string {
  const m = /^([a-z]+_)(.+)$/.exec(id);
  const h = createHash('sha256').update(`${salt}\u0000${id}`).digest();
  const body = [...h.subarray(0, m?.[2]?.length ?? 18)].map((b) => ALPHABET[b % 62]).join('');
  return `${m?.[1] ?? ''}${body}`;
}

async function* lines(path: string): AsyncGenerator<Record<string, unknown>> {
  const rl = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) if (line.trim()) yield JSON.parse(line) as Record<string, unknown>;
}

async function labels(dir: string): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for await (const l of lines(join(dir, TRUTH_DIR, TRUTH_FILES.labels))) out.set(String(l.account_id), l);
  return out;
}

class GzLines {
  private readonly gz = createGzip();
  private readonly done: Promise<unknown>;
  constructor(path: string) {
    const file = createWriteStream(path);
    this.gz.pipe(file);
    this.done = once(file, 'finish');
  }
  async write(o: unknown): Promise<void> {
    if (!this.gz.write(JSON.stringify(o) + '\n')) await once(this.gz, 'drain');
  }
  async end(): Promise<void> {
    this.gz.end();
    await this.done;
  }
}

export async function buildPeerWorld(o: PeerWorldOptions): Promise<PeerWorld> {
  mkdirSync(join(o.out, TRUTH_DIR), { recursive: true });
  const producerLabels = await labels(o.producer);
  const peerLabels = await labels(o.peer);
  const attack = new Map<string, string>();
  for (const [id, l] of producerLabels) if (l.label === 'attack') attack.set(id, rekey(o.salt, id));
  const benign = new Set([...peerLabels].filter(([, l]) => l.label === 'benign').map(([id]) => id));
  const ids = (x: Record<string, unknown>) => {
    for (const f of ['request_id', 'org_id', 'api_key_id', 'conversation_id', 'payment_fingerprint'])
      if (typeof x[f] === 'string' && x[f]) x[f] = rekey(o.salt, x[f] as string);
    x.account_id = attack.get(String(x.account_id));
    return x;
  };

  const accounts = new GzLines(join(o.out, 'accounts.jsonl.gz'));
  for await (const a of lines(join(o.peer, 'accounts.jsonl.gz'))) if (benign.has(String(a.account_id))) await accounts.write(a);
  for await (const a of lines(join(o.producer, 'accounts.jsonl.gz'))) if (attack.has(String(a.account_id))) await accounts.write(ids(a));
  await accounts.end();

  // Both logs are ordered by time: merged in order, as a provider's log would be.
  const exchanges = new GzLines(join(o.out, 'exchanges.jsonl.gz'));
  const seen = new Map<string, number>();
  const peerIt = lines(join(o.peer, 'exchanges.jsonl.gz'));
  const prodIt = lines(join(o.producer, 'exchanges.jsonl.gz'));
  const nextPeer = async () => {
    for (let r = await peerIt.next(); !r.done; r = await peerIt.next()) if (benign.has(String(r.value.account_id))) return r.value;
    return undefined;
  };
  const nextProd = async () => {
    for (let r = await prodIt.next(); !r.done; r = await prodIt.next()) {
      const id = String(r.value.account_id);
      if (!attack.has(id)) continue;
      const n = (seen.get(id) ?? 0) + 1;
      seen.set(id, n);
      if (o.firstExchanges && n > o.firstExchanges) continue;
      return ids(r.value);
    }
    return undefined;
  };
  let a = await nextPeer();
  let b = await nextProd();
  let total = 0;
  while (a || b) {
    if (a && (!b || String(a.ts) <= String(b.ts))) {
      await exchanges.write(a);
      a = await nextPeer();
    } else {
      await exchanges.write(b);
      b = await nextProd();
    }
    total += 1;
  }
  await exchanges.end();

  const truth = new GzLines(join(o.out, TRUTH_DIR, TRUTH_FILES.labels));
  for (const [id, l] of peerLabels) if (benign.has(id)) await truth.write(l);
  for (const [id, l] of producerLabels) if (attack.has(id)) await truth.write({ ...l, account_id: attack.get(id) });
  await truth.end();

  const tsv = new Set<string>();
  for (const dir of [o.peer, o.producer]) for (const line of readFileSync(join(dir, 'ip2asn.tsv'), 'utf8').split('\n')) if (line.trim()) tsv.add(line);
  const ipNum = (ip: string) => ip.split('.').reduce((n, x) => n * 256 + Number(x), 0);
  writeFileSync(join(o.out, 'ip2asn.tsv'), [...tsv].sort((x, y) => ipNum(x.split('\t')[0]!) - ipNum(y.split('\t')[0]!)).join('\n') + '\n');
  return { attack, benign: benign.size, exchanges: total };
}
