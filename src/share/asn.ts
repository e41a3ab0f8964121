import { readFileSync } from 'node:fs';
import { WELL_KNOWN_CLOUD_RANGES } from '../hunt/ipinfo.js';

/**
 * IPv4 -> autonomous system, in JavaScript, for the few thousand networks of one campaign (the hunt joins its
 * whole window in the engine: hunt/ipinfo.ts). The operator's iptoasn.com TSV, or else the built-in cloud
 * ranges the hunt falls back on.
 */
export interface AsnInfo {
  asn: number;
  country: string;
  org: string;
}

interface Range extends AsnInfo {
  start: number;
  end: number;
}

export const ipv4ToInt = (ip: string): number | null => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((x) => x > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
};

export class AsnTable {
  private constructor(private readonly ranges: Range[]) {}

  static load(file: string | null): AsnTable {
    const ranges: Range[] = [];
    if (file) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new Error(`--asn-db ${file}: ${(e as Error).message}`);
      }
      for (const line of text.split('\n')) {
        const [a, b, asn, country, org] = line.split('\t');
        const start = ipv4ToInt(a ?? '');
        const end = ipv4ToInt(b ?? '');
        if (start === null || end === null || !Number(asn)) continue;
        ranges.push({ start, end, asn: Number(asn), country: country ?? '', org: (org ?? '').trim() });
      }
    } else {
      for (const [cidr, asn, org] of WELL_KNOWN_CLOUD_RANGES) {
        const [ip, bits] = cidr.split('/');
        const start = ipv4ToInt(ip!)!;
        ranges.push({ start, end: start + 2 ** (32 - Number(bits)) - 1, asn, country: '', org });
      }
    }
    ranges.sort((x, y) => x.start - y.start);
    return new AsnTable(ranges);
  }

  lookup(ip: string): AsnInfo | null {
    const v = ipv4ToInt(ip);
    if (v === null) return null;
    let lo = 0;
    let hi = this.ranges.length - 1;
    let found: Range | null = null;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.ranges[mid]!;
      if (r.start <= v) {
        found = r;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found && v <= found.end ? { asn: found.asn, country: found.country, org: found.org } : null;
  }
}

/** Whether an address (IPv4 or IPv6) lies in a CIDR. */
export function inCidr(ip: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const bits = Number(bitsText);
  const a = ipv4ToInt(ip);
  const n = ipv4ToInt(net ?? '');
  if (a !== null && n !== null) {
    if (bits === 0) return true;
    const mask = bits >= 32 ? 0xffffffff : ~(0xffffffff >>> bits) >>> 0;
    return ((a & mask) >>> 0) === ((n & mask) >>> 0);
  }
  const a6 = ipv6ToBigInt(ip);
  const n6 = ipv6ToBigInt(net ?? '');
  if (a6 === null || n6 === null) return false;
  const shift = BigInt(128 - bits);
  return a6 >> shift === n6 >> shift;
}

function ipv6ToBigInt(ip: string): bigint | null {
  if (!ip.includes(':')) return null;
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  if (ip.split('::').length > 2) return null;
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}
