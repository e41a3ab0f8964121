import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { HOSTING_AS_WORDS, WELL_KNOWN_CLOUD_RANGES } from '../hunt/ipinfo.js';

/**
 * Client IPs in the guard: allow-list ranges, and whether an address sits in a hosting network. The hosting
 * test is the hunt's (src/hunt/ipinfo.ts): the operator's IP-to-ASN table (iptoasn.com TSV) with the same AS
 * name words, else the same built-in cloud ranges, so a request the guard calls "from a hosting network" is
 * one the hunt counts in `datacenter_ip`. IPv4 only, as in the hunt.
 */

/** `::ffff:1.2.3.4` (an IPv4 client on a dual-stack socket) is 1.2.3.4. */
export function normaliseIp(ip: string): string {
  return ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
}

function v4ToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return (((p[0] ?? 0) << 24) >>> 0) + ((p[1] ?? 0) << 16) + ((p[2] ?? 0) << 8) + (p[3] ?? 0);
}

function v6ToBigInt(ip: string): bigint {
  let s = ip;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4?.[1]) {
    const n = v4ToInt(v4[1]);
    s = s.slice(0, -v4[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
}

/**
 * A dotted-quad IPv4 address as a number, or -1 when `ip` is not one by node's `isIP` (four decimal octets of
 * 0-255, no leading zeros): read by hand, as the hosting test runs on every request.
 */
function v4OrMinus1(ip: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 0x30 && c <= 0x39) {
      if (digits > 0 && octet === 0) return -1; // a leading zero
      octet = octet * 10 + (c - 0x30);
      if (++digits > 3 || octet > 255) return -1;
    } else return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  mask: bigint;
}

export function parseCidr(text: string): Cidr | null {
  const [addr, bitsText] = text.trim().split('/') as [string, string | undefined];
  const family = isIP(addr);
  if (family === 0) return null;
  const width = family === 4 ? 32 : 128;
  const bits = bitsText === undefined ? width : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > width) return null;
  const value = family === 4 ? BigInt(v4ToInt(addr)) : v6ToBigInt(addr);
  const all = (1n << BigInt(width)) - 1n;
  const mask = all ^ ((1n << BigInt(width - bits)) - 1n);
  return { family: family as 4 | 6, base: value & mask, mask };
}

export function inCidrs(ip: string, cidrs: Cidr[]): boolean {
  if (cidrs.length === 0) return false;
  const family = isIP(ip);
  if (family === 0) return false;
  const value = family === 4 ? BigInt(v4ToInt(ip)) : v6ToBigInt(ip);
  return cidrs.some((c) => c.family === family && (value & c.mask) === c.base);
}

/** Sorted, non-overlapping-enough IPv4 ranges that are hosting networks; binary search per lookup. */
export class HostingRanges {
  private constructor(
    private readonly starts: Uint32Array,
    private readonly ends: Uint32Array,
  ) {}

  /** From the operator's IP-to-ASN TSV when given (only the hosting rows are kept), else the built-in ranges. */
  static load(asnFile?: string | null): HostingRanges {
    const ranges: [number, number][] = [];
    if (asnFile) {
      const words = HOSTING_AS_WORDS.map((w) => w.toLowerCase());
      for (const line of readFileSync(asnFile, 'utf8').split('\n')) {
        const [start, end, asn, , org] = line.split('\t');
        if (!start || !end || !org || asn === '0' || isIP(start) !== 4 || isIP(end) !== 4) continue;
        const o = org.toLowerCase();
        if (words.some((w) => o.includes(w))) ranges.push([v4ToInt(start), v4ToInt(end)]);
      }
    } else {
      for (const [c] of WELL_KNOWN_CLOUD_RANGES) {
        const p = parseCidr(c);
        if (p && p.family === 4) ranges.push([Number(p.base), Number(p.base | (~p.mask & 0xffffffffn))]);
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    return new HostingRanges(Uint32Array.from(ranges, (r) => r[0]), Uint32Array.from(ranges, (r) => r[1]));
  }

  get size(): number {
    return this.starts.length;
  }

  has(ip: string): boolean {
    const v = v4OrMinus1(ip);
    if (v < 0) return false;
    // The last range starting at or before v.
    let lo = 0;
    let hi = this.starts.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] ?? 0) <= v) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    // Ranges may nest (an AS inside a larger one); look back a little for one that still covers v.
    for (let i = at; i >= 0 && i > at - 8; i--) if ((this.ends[i] ?? 0) >= v) return true;
    return false;
  }
}
