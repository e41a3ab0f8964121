import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../src/share/bundle.js';
import { groupKeyFrom, hmacHex, hmacSql, hmacSqlParams } from '../src/share/keys.js';
import { buildPeerWorld } from '../src/simulate/peerworld.js';
import { DEFAULT_POLICY } from '../src/share/policy.js';
import { peerCanFlag } from '../src/share/match.js';
import { openWarehouse } from '../src/warehouse/warehouse.js';
import { loadPeers, peersMatching } from '../src/respond/verdicts.js';
import { runCli, tempDir } from './helpers.js';

/**
 * A peer imports Lab A's bundle of the seed-2026 hydra and hunts its own traffic: its benign population (another
 * simulated world) with the same operation on re-keyed accounts, of which it saw only each account's first 12
 * requests. The peer is named in the reasons; an untrusted producer changes no verdict; a trusted one flags
 * through its indicators; a poisoned bundle (a popular product's system prompt, tool list and user agent) is
 * muted and reported.
 */

const tmp = tempDir('dw-peer-');
const producer = join(tmp.dir, 'producer');
const peerSim = join(tmp.dir, 'peer-sim');
const world = join(tmp.dir, 'peer-world');
const wh = join(world, 'wh');
const keyText = 'c7'.repeat(32);
const keyFile = join(tmp.dir, 'group.key');
const bundle = join(tmp.dir, 'lab-a.json');
const trust = join(tmp.dir, 'trust.yaml');
let attack: Map<string, string>;
type Account = { account_id: string; flagged: boolean; tier: string | null; reasons: string[]; evidence: { peer_indicators?: { producer: string; content_exchanges: number; content_indicators: number; account_exchanges: number }[] } };

const readAccounts = (dir: string): Map<string, Account> =>
  new Map(
    readFileSync(join(dir, 'accounts.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Account)
      .map((a) => [a.account_id, a]),
  );
const hunt = async (out: string, ...extra: string[]) => {
  const r = await runCli(['hunt', '--data', wh, '--out', join(tmp.dir, out), '--asn-db', join(world, 'ip2asn.tsv'), ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return readAccounts(join(tmp.dir, out));
};
let baseline: Map<string, Account>;
let untrusted: Map<string, Account>;
let trusted: Map<string, Account>;

beforeAll(async () => {
  const d = await runCli(['demo', '--scale', '0.002', '--seed', '5', '--out', producer, '--json']);
  expect(d.code, d.stderr).toBe(0);
  writeFileSync(keyFile, keyText);
  const e = await runCli(['share', 'export', '--data', join(producer, 'warehouse'), '--findings', join(producer, 'findings'), '--campaign', 'C001', '--key-file', keyFile, '--asn-db', join(producer, 'world', 'ip2asn.tsv'), '--producer', 'Lab A', '--out', bundle]);
  expect(e.code, e.stderr).toBe(0);
  const s = await runCli(['simulate', '--scenario', 'seed-2026', '--scale', '0.002', '--seed', '6', '--out', peerSim]);
  expect(s.code, s.stderr).toBe(0);
  attack = (await buildPeerWorld({ producer: join(producer, 'world'), peer: peerSim, out: world, salt: 'peer', firstExchanges: 12 })).attack;
  const i = await runCli(['ingest', '--data', wh, join(world, 'exchanges.jsonl.gz'), '--accounts', join(world, 'accounts.jsonl.gz')]);
  expect(i.code, i.stderr).toBe(0);
  baseline = await hunt('f-baseline');
  const imp = await runCli(['share', 'import', '--data', wh, '--key-file', keyFile, bundle, '--json']);
  expect(imp.code, imp.stderr).toBe(0);
  writeFileSync(trust, 'producers: [Lab A]\n');
  untrusted = await hunt('f-untrusted');
  trusted = await hunt('f-trusted', '--peer-trust', trust);
}, 300_000);
afterAll(() => tmp.cleanup());

describe('share import', () => {
  it('stores each indicator once, and reports what it cannot use', async () => {
    const again = await runCli(['share', 'import', '--data', wh, '--key-file', keyFile, bundle, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const [r] = (JSON.parse(again.stdout) as { bundles: { producer: string; tlp: string; indicators: number; inserted: number; unmatchable: number }[] }).bundles;
    expect(r).toMatchObject({ producer: 'Lab A', tlp: 'amber', inserted: 0, unmatchable: 0 });
    expect(r!.indicators).toBeGreaterThan(50);
    // A pattern the grammar rejects, and one distillwatch cannot match, are skipped with the reason.
    const b = JSON.parse(readFileSync(bundle, 'utf8')) as { objects: Record<string, unknown>[] };
    const inds = b.objects.filter((o) => o.type === 'indicator');
    inds[0]!.pattern = "[ipv4-addr:value ISSUBSET '10.0.0.0/8'";
    inds[1]!.pattern = "[file:name = 'x.exe']";
    writeFileSync(join(tmp.dir, 'bad.json'), JSON.stringify(b));
    const bad = await runCli(['share', 'import', '--data', join(tmp.dir, 'scratch-wh'), join(tmp.dir, 'bad.json'), '--json']);
    expect(bad.code, bad.stderr).toBe(0);
    const [br] = (JSON.parse(bad.stdout) as { bundles: { skipped: { reason: string }[]; unmatchable: number }[] }).bundles;
    expect(br!.skipped.map((s) => s.reason).join('\n')).toMatch(/does not parse under the STIX grammar: expected '\]'/);
    expect(br!.skipped.map((s) => s.reason).join('\n')).toMatch(/file:name =: not a comparison distillwatch matches/);
    expect(br!.unmatchable).toBeGreaterThan(0); // no key given to that warehouse
    writeFileSync(join(tmp.dir, 'notstix.json'), '{"type": "report"}');
    const no = await runCli(['share', 'import', '--data', join(tmp.dir, 'scratch-wh'), join(tmp.dir, 'notstix.json')]);
    expect(no.code).not.toBe(0);
    expect(no.stderr).toMatch(/notstix\.json: not a STIX bundle: type/);
  });
});

describe('the hunt matches peers\' indicators', () => {
  it('names the peer in the reasons of the operation\'s re-keyed accounts', () => {
    const named = [...attack.values()].filter((id) => untrusted.get(id)?.reasons.includes('peer:Lab A'));
    expect(named.length / attack.size).toBeGreaterThan(0.9);
  });

  it('an untrusted producer changes no flag: the same accounts are flagged as without its bundle', () => {
    const flagged = (m: Map<string, Account>) => [...m.values()].filter((a) => a.flagged).map((a) => a.account_id).sort();
    expect(flagged(untrusted)).toEqual(flagged(baseline));
    expect([...untrusted.values()].some((a) => a.flagged && a.reasons[0] === 'peer_indicator')).toBe(false);
  });

  it('a trusted producer flags through its indicators: most of the operation meets its bar, few benign accounts are touched', () => {
    const meets = (a: Account | undefined) => !!a?.evidence.peer_indicators?.some((p) => p.producer === 'Lab A' && peerCanFlag(p));
    const found = [...attack.values()].filter((id) => meets(trusted.get(id)));
    expect(found.length / attack.size).toBeGreaterThan(0.85);
    for (const id of found) expect(trusted.get(id)!.flagged).toBe(true);
    const attackIds = new Set(attack.values());
    const benignTouched = [...trusted.values()].filter((a) => !attackIds.has(a.account_id) && a.evidence.peer_indicators);
    const benignFlaggedByPeer = benignTouched.filter((a) => a.flagged && a.reasons[0] === 'peer_indicator');
    expect(benignTouched.length).toBeLessThan(20);
    expect(benignFlaggedByPeer).toEqual([]);
    // An account found through the peer alone says so first.
    for (const a of trusted.values()) if (a.flagged && !baseline.get(a.account_id)?.flagged) expect(a.reasons.slice(0, 2)).toEqual(['peer_indicator', 'peer:Lab A']);
  });

  it('keys the warehouse\'s own values with HMAC-SHA256 in SQL exactly as the exporter does in JavaScript', async () => {
    const key = groupKeyFrom(keyText, 'test');
    const w = await openWarehouse({ data: wh });
    try {
      const [r] = await w.query<{ h: string }>(`SELECT ${hmacSql("concat('system_prompt:', toString(toUInt64(1234567890123)))")} AS h`, hmacSqlParams(key));
      expect(r!.h).toBe(hmacHex(key, 'system_prompt', '1234567890123'));
      const long = groupKeyFrom('x'.repeat(100), 'test');
      const [r2] = await w.query<{ h: string }>(`SELECT ${hmacSql("'tool_list:7'")} AS h`, hmacSqlParams(long));
      expect(r2!.h).toBe(hmacHex(long, 'tool_list', '7'));
    } finally {
      await w.close();
    }
  });
});

describe('the guard matches peers\' indicators in single requests', () => {
  it('finds the operation\'s networks and clients among the peer\'s indicators, naming the producer', async () => {
    const w = await openWarehouse({ data: wh });
    try {
      const peers = await loadPeers(w, new Set());
      expect(peers.networks.size + peers.userAgents.size + peers.tlsFingerprints.size).toBeGreaterThan(0);
      const rows = await w.query<{ account_id: string; ip: string; ua: string; fp: string }>(
        `SELECT account_id, any(ip) AS ip, any(ifNull(user_agent, '')) AS ua, any(ifNull(client_fingerprint, '')) AS fp
         FROM exchanges GROUP BY account_id`,
      );
      const attackIds = new Set(attack.values());
      const matched = (r: (typeof rows)[number]) => peersMatching(peers, { ip: r.ip, user_agent: r.ua, client_fingerprint: r.fp });
      const op = rows.filter((r) => attackIds.has(r.account_id));
      const hit = op.filter((r) => matched(r).includes('Lab A'));
      // (Only networks no other customer of the producer used leave, and the operation rotates exits: about half.)
      expect(hit.length / op.length).toBeGreaterThan(0.3);
      // (Networks and clients are shared with customers at any peer: the default policy only logs them.)
      const benign = rows.filter((r) => !attackIds.has(r.account_id) && matched(r).length > 0);
      expect(benign.length / Math.max(1, rows.length - op.length)).toBeLessThan(0.05);
    } finally {
      await w.close();
    }
  });
});

describe('poisoning', () => {
  it("a peer's indicators that match established customers are muted and reported, and flag nobody even when trusted", async () => {
    // Lab Evil (in the group: it holds the key) sends the system prompt, tool list and user agent most used by
    // the peer's established customers: a popular product's, which a trusted peer's word must not turn into flags.
    const w = await openWarehouse({ data: wh });
    const top = async (expr: string, where: string) =>
      (
        await w.query<{ v: string; n: string }>(
          `SELECT toString(${expr}) AS v, uniqExactIf(f.account_id, dateDiff('day', a.created_at, f.ts) >= 30) AS n
           FROM exchange_features AS f INNER JOIN accounts AS a ON a.account_id = f.account_id WHERE ${where} GROUP BY v ORDER BY n DESC, v LIMIT 1`,
        )
      )[0]!;
    let candidates;
    try {
      const sys = await top('system_key', 'system_key != 0');
      const tools = await top('tools_key', 'tools_key != 0');
      const ua = await top('ua', "ua != ''");
      expect(Number(sys.n)).toBeGreaterThan(10);
      const c = (kind: 'system_prompt' | 'tool_list' | 'user_agent', value: string) => ({ kind, value, campaign_accounts: 40, exchanges: 5000, first_seen: '2026-04-22 00:00:00.000', last_seen: '2026-06-01 00:00:00.000', outside_accounts: 0 });
      candidates = [c('system_prompt', sys.v), c('tool_list', tools.v), c('user_agent', ua.v)];
    } finally {
      await w.close();
    }
    const evil = buildBundle({
      producer: 'Lab Evil',
      generatedAt: '2026-06-06T00:00:00.000Z',
      campaign: { campaign_id: 'X1', accounts: 40, exchanges: 5000, first_seen: '2026-04-22 00:00:00.000', last_seen: '2026-06-01 00:00:00.000', confidence: 1, reasons: [], capabilities: {}, models: [], countries: [], daily: [] },
      candidates,
      policy: DEFAULT_POLICY,
      key: groupKeyFrom(keyText, 'test'),
      tlp: 'green',
    });
    expect(evil.shared.length).toBe(3);
    writeFileSync(join(tmp.dir, 'evil.json'), JSON.stringify(evil.bundle));
    expect((await runCli(['share', 'import', '--data', wh, join(tmp.dir, 'evil.json')])).code).toBe(0);
    writeFileSync(trust, 'producers: [Lab A, Lab Evil]\n');
    const after = await hunt('f-poisoned', '--peer-trust', trust);
    const campaigns = JSON.parse(readFileSync(join(tmp.dir, 'f-poisoned', 'campaigns.json'), 'utf8')) as { peer_indicators: { muted: { producer: string; kind: string; reason: string }[] } };
    const muted = campaigns.peer_indicators.muted.filter((m) => m.producer === 'Lab Evil');
    expect(muted.map((m) => m.kind).sort()).toEqual(['system_prompt', 'tool_list', 'user_agent']);
    expect(muted.every((m) => /established customers|of all accounts/.test(m.reason))).toBe(true);
    expect([...after.values()].filter((a) => a.reasons.includes('peer:Lab Evil'))).toEqual([]);
    // Lab A's indicators still work beside them.
    expect([...attack.values()].filter((id) => after.get(id)?.reasons.includes('peer:Lab A')).length / attack.size).toBeGreaterThan(0.9);
  });
});
