import { describe, expect, it } from 'vitest';
import { Random } from './rng.js';
import { ASNS, CLIENT_STACKS, CLIENTS, COUNTRIES, parseCidr, TLS_STACKS, World } from './world.js';

// Words that mark an AS as a hosting network, as an operator's tooling reads AS names.
const HOSTING = /amazon|google|microsoft|digitalocean|hetzner|ovh|akamai|vultr|oracle|alibaba|tencent|leaseweb|contabo|m247|datacamp|cloud|hosting|server|vps|colo/i;

describe('the simulated internet', () => {
  it('announces every prefix once: no two ranges overlap', () => {
    const ranges = ASNS.flatMap((a) => a.prefixes.map((p) => ({ ...parseCidr(p), p, asn: a.asn }))).sort((a, b) => a.start - b.start);
    for (let i = 1; i < ranges.length; i++) {
      const prev = ranges[i - 1]!;
      expect(ranges[i]!.start, `${prev.p} (AS${prev.asn}) overlaps ${ranges[i]!.p}`).toBeGreaterThanOrEqual(prev.start + prev.size);
    }
  });

  it('names hosting networks as hosting and ISPs, carriers and universities as not', () => {
    for (const a of ASNS) expect(HOSTING.test(a.name), `${a.name} (${a.kind})`).toBe(a.kind === 'datacenter');
  });

  it('has home and mobile networks in every country people are billed in', () => {
    const w = new World();
    for (const c of COUNTRIES) {
      expect(w.networksOf('residential', c.code).some((n) => n.country === c.code), c.code).toBe(true);
    }
    expect(w.networksOf('mobile').length).toBeGreaterThan(10);
    expect(w.universities().every((u) => u.entry.domain)).toBe(true);
  });

  it('writes an iptoasn.com table covering every address it hands out', () => {
    const w = new World();
    const rows = w.ip2asnTsv().trimEnd().split('\n').map((l) => l.split('\t'));
    for (const r of rows) {
      expect(r).toHaveLength(5);
      expect(r[0]).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
      expect(Number(r[2])).toBeGreaterThan(0);
      expect(r[3]).toMatch(/^[A-Z]{2}$/);
    }
    const num = (ip: string) => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
    const ranges = rows.map((r) => [num(r[0]!), num(r[1]!)] as const);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1]);
    const rng = new Random(1);
    for (const n of w.networks) {
      for (let k = 0; k < 20; k++) {
        const ip = num(n.address(rng));
        expect(ranges.some(([a, b]) => ip >= a && ip <= b)).toBe(true);
        expect(ip % 256).not.toBe(0);
      }
    }
  });

  it('gives each client a real-looking User-Agent and a TLS fingerprint of its stack', () => {
    const rng = new Random(2);
    const t = Date.UTC(2026, 4, 1);
    for (const c of CLIENTS) {
      const ua = CLIENT_STACKS[c].userAgent(3, t, rng);
      expect(ua.length, c).toBeGreaterThan(5);
      expect(TLS_STACKS[CLIENT_STACKS[c].tls].length).toBeGreaterThan(0);
    }
    expect(CLIENT_STACKS['claude-cli'].userAgent(0, t, rng)).toMatch(/^claude-cli\/1\.0\.\d+ \(external, cli\)$/);
    // Agents update themselves: a later date, a later release.
    const later = CLIENT_STACKS['claude-cli'].userAgent(0, t + 30 * 86_400_000, rng);
    expect(later).not.toBe(CLIENT_STACKS['claude-cli'].userAgent(0, t, rng));
    for (const fps of Object.values(TLS_STACKS)) for (const fp of fps) expect(fp).toMatch(/^t13d\d{4}h[12]_[0-9a-f]{12}_[0-9a-f]{12}$/);
  });
});
