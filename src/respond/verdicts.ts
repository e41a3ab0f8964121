import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Tier } from '../eval/contracts.js';
import { TIERS } from '../eval/contracts.js';
import { DEFAULT_DATA_DIR, openWarehouse, type OpenOptions, type Warehouse } from '../warehouse/warehouse.js';
import { inCidrs, parseCidr, type Cidr } from './ip.js';
import { findServer } from '../warehouse/serve.js';

class NotServed extends Error {
  constructor(dir: string) {
    super(`the warehouse ${dir} is not served by a running \`distillwatch watch\` (the guard reads an embedded warehouse only through it)`);
  }
}

/**
 * The latest verdicts, held in memory for the guard's per-request look-ups and swapped whole when a hunt or
 * `watch` writes new ones (no restart). Two sources:
 * - the warehouse's `current_verdicts` (what `watch` records after each hunt), re-read when the `hunts` table
 *   gains a row; campaigns are keyed by their lasting `campaign_key`;
 * - else a findings directory (`accounts.jsonl`, `campaigns.json` of `hunt --out`), re-read when either file
 *   changes; campaigns are keyed by the hunt's campaign id.
 * A failed reload keeps the last good snapshot; only a store that never loaded one is "unavailable".
 */

export interface Verdict {
  tier: Tier | null;
  flagged: boolean;
  risk: number;
  /** The campaign's key: every account of a campaign has the same one. */
  campaign: string | null;
  reasons: string[];
}

export interface Snapshot {
  /** Accounts with a tier or a campaign (the ones rules are about). */
  verdicts: Map<string, Verdict>;
  /** Every account the hunt judged (to tell a never-seen account apart). */
  judged: Set<string>;
  /** Campaign key to its accounts. */
  campaigns: Map<string, string[]>;
  /** SHA-256 of example prompts of each campaign, to the campaign key. */
  fingerprints: Map<string, string>;
  /** API key id (as logged) to account, from the warehouse's exchanges. */
  keys: Map<string, string>;
  /** Peers' imported indicators a single request can be matched against (peer_indicators), by producer. */
  peers: PeerIndicators;
  source: string;
  version: string;
  loadedAt: string;
}

export interface VerdictSourceOptions {
  /** Warehouse to read `current_verdicts` from (when it has any). */
  warehouse?: Pick<OpenOptions, 'data' | 'clickhouseUrl'>;
  /** Findings directory used when the warehouse has no verdicts (or there is none). */
  findings?: string;
  /** Load the API-key-to-account map from the warehouse's exchanges. */
  keyMap?: boolean;
}

/**
 * The peers' indicators the guard matches in each request: networks (the client's address), user agents and
 * TLS fingerprints (exact). Indicators the latest hunt muted (matching mostly established customers) are left
 * out, as the hunt leaves them out.
 */
export interface PeerIndicators {
  /** Each producer's networks (the client's address is parsed once per producer, not once per network). */
  networks: Map<string, Cidr[]>;
  userAgents: Map<string, string>;
  tlsFingerprints: Map<string, string>;
}

export const NO_PEERS: PeerIndicators = { networks: new Map(), userAgents: new Map(), tlsFingerprints: new Map() };

/** The producers whose indicators this request matches (sorted, each once). */
export function peersMatching(p: PeerIndicators, who: { ip: string | null; user_agent?: string | null; client_fingerprint?: string | null }): string[] {
  const out = new Set<string>();
  if (who.user_agent && p.userAgents.has(who.user_agent)) out.add(p.userAgents.get(who.user_agent)!);
  if (who.client_fingerprint && p.tlsFingerprints.has(who.client_fingerprint)) out.add(p.tlsFingerprints.get(who.client_fingerprint)!);
  if (who.ip) for (const [producer, cidrs] of p.networks) if (inCidrs(who.ip, cidrs)) out.add(producer);
  return [...out].sort();
}

/** Muted indicator ids in a hunt's campaigns.json (its `peer_indicators.muted`). */
function mutedIn(file: string): Set<string> {
  if (!existsSync(file)) return new Set();
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { peer_indicators?: { muted?: { indicator_id?: string }[] } };
  return new Set((doc.peer_indicators?.muted ?? []).map((m) => m.indicator_id).filter((id): id is string => typeof id === 'string'));
}

/** Loads the live network and client indicators peers shared; none when the warehouse predates them. */
export async function loadPeers(wh: Warehouse, muted: Set<string>): Promise<PeerIndicators> {
  let rows: { producer: string; indicator_id: string; kind: string; value: string }[];
  try {
    rows = await wh.query(
      `SELECT producer, indicator_id, kind, value FROM peer_indicators FINAL
       WHERE kind IN ('ipv4_network', 'ipv6_network', 'user_agent', 'tls_fingerprint')
         AND valid_from <= now64(3) AND (valid_until IS NULL OR valid_until > now64(3))
       ORDER BY producer, kind, value`,
    );
  } catch {
    return NO_PEERS; // (a warehouse from before `share import` existed has no peer_indicators table)
  }
  const p: PeerIndicators = { networks: new Map(), userAgents: new Map(), tlsFingerprints: new Map() };
  for (const r of rows) {
    if (muted.has(r.indicator_id)) continue;
    if (r.kind === 'user_agent') p.userAgents.set(r.value, r.producer);
    else if (r.kind === 'tls_fingerprint') p.tlsFingerprints.set(r.value, r.producer);
    else {
      const cidr = parseCidr(r.value);
      if (cidr) (p.networks.get(r.producer) ?? p.networks.set(r.producer, []).get(r.producer)!).push(cidr);
    }
  }
  return p;
}

const tierOf = (t: unknown): Tier | null => ((TIERS as readonly string[]).includes(String(t)) ? (t as Tier) : null);

function campaignsFrom(verdicts: Map<string, Verdict>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [a, v] of verdicts) if (v.campaign) (out.get(v.campaign) ?? out.set(v.campaign, []).get(v.campaign)!).push(a);
  return out;
}

/** Example prompt hashes of each campaign in a campaigns.json, keyed by `keyOf(campaign id)`. */
function fingerprintsFrom(file: string, keyOf: (campaignId: string) => string | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(file)) return out;
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { campaigns?: { campaign_id?: string; examples?: { prompt_sha256?: string }[] }[] };
  for (const c of doc.campaigns ?? []) {
    const key = c.campaign_id ? keyOf(c.campaign_id) : null;
    if (!key) continue;
    for (const e of c.examples ?? []) if (e.prompt_sha256) out.set(e.prompt_sha256, key);
  }
  return out;
}

function findingsVersion(dir: string): string | null {
  const a = join(dir, 'accounts.jsonl');
  if (!existsSync(a)) return null;
  const c = join(dir, 'campaigns.json');
  const sa = statSync(a);
  const sc = existsSync(c) ? statSync(c) : null;
  return `findings:${sa.mtimeMs}:${sa.size}:${sc?.mtimeMs ?? 0}:${sc?.size ?? 0}`;
}

export function loadFindings(dir: string, version: string): Snapshot {
  const verdicts = new Map<string, Verdict>();
  const judged = new Set<string>();
  const text = readFileSync(join(dir, 'accounts.jsonl'), 'utf8');
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (!line.trim()) continue;
    let a: { account_id?: unknown; tier?: unknown; flagged?: unknown; risk?: unknown; campaign_id?: unknown; reasons?: unknown };
    try {
      a = JSON.parse(line) as typeof a;
    } catch {
      throw new Error(`${join(dir, 'accounts.jsonl')}:${lineNo}: not JSON`);
    }
    if (typeof a.account_id !== 'string') continue;
    judged.add(a.account_id);
    const tier = tierOf(a.tier);
    const campaign = typeof a.campaign_id === 'string' && a.campaign_id ? a.campaign_id : null;
    if (tier || campaign || a.flagged === true) {
      verdicts.set(a.account_id, {
        tier,
        flagged: a.flagged === true,
        risk: typeof a.risk === 'number' ? a.risk : 0,
        campaign,
        reasons: Array.isArray(a.reasons) ? a.reasons.filter((r): r is string => typeof r === 'string') : [],
      });
    }
  }
  return {
    verdicts,
    judged,
    campaigns: campaignsFrom(verdicts),
    fingerprints: fingerprintsFrom(join(dir, 'campaigns.json'), (id) => id),
    keys: new Map(),
    peers: NO_PEERS,
    source: `findings ${dir}`,
    version,
    loadedAt: new Date().toISOString(),
  };
}

type Load = { version: string; load: () => Promise<Snapshot> } | null;

/** What the warehouse has now: null when it has recorded no hunt. */
async function warehouseState(opts: VerdictSourceOptions): Promise<Load> {
  if (!opts.warehouse) return null;
  if (!opts.warehouse.clickhouseUrl) {
    // The embedded engine is read only through the process that holds it (`watch` serves it): opening it here
    // would run the engine on the guard's own thread, stalling every request during a read, and would race
    // `watch` for the directory. Not served: no verdicts from it (the findings directory is the fallback).
    const dir = resolve(opts.warehouse.data ?? DEFAULT_DATA_DIR);
    if (!existsSync(dir) || !(await findServer(dir))) throw new NotServed(dir);
  }
  // Shared: when `watch` holds the embedded directory this is a read-only client of it, with no lease. Never
  // migrated from here: the guard only reads (a warehouse without the verdict tables has no verdicts).
  const wh = await openWarehouse({ ...opts.warehouse, shared: true, migrate: false });
  try {
    const [h] = await wh.query<{ hunts: string; last: string | null; dir: string; verdicts: string }>(
      `SELECT count() AS hunts, toString(max(finished_at)) AS last, argMax(findings_dir, finished_at) AS dir,
              (SELECT count() FROM verdicts) AS verdicts FROM hunts`,
    );
    // Populated = a recorded hunt that judged someone (watch's first hunt of an empty warehouse judges no one).
    if (!h || Number(h.hunts) === 0 || Number(h.verdicts) === 0) return null;
    const version = `warehouse:${h.hunts}:${h.last}`;
    return {
      version,
      load: async () => {
        const wh2 = await openWarehouse({ ...opts.warehouse, shared: true, migrate: false });
        try {
          const rows = await wh2.query<{ account_id: string; tier: string; flagged: number; risk: number; campaign_key: string; reasons: string[] }>(
            `SELECT account_id, tier, flagged, risk, campaign_key, reasons FROM current_verdicts`,
          );
          const verdicts = new Map<string, Verdict>();
          const judged = new Set<string>();
          const byId = new Map<string, string>();
          for (const r of rows) {
            judged.add(r.account_id);
            const tier = tierOf(r.tier);
            const campaign = r.campaign_key || null;
            if (tier || campaign || Number(r.flagged) === 1)
              verdicts.set(r.account_id, { tier, flagged: Number(r.flagged) === 1, risk: Number(r.risk), campaign, reasons: r.reasons });
          }
          // The latest hunt's campaign ids map to lasting keys through its accounts.
          const ids = await wh2.query<{ campaign_id: string; key: string }>(
            `SELECT campaign_id, any(campaign_key) AS key FROM verdicts WHERE hunt_id = (SELECT argMax(hunt_id, finished_at) FROM hunts)
             AND campaign_id != '' GROUP BY campaign_id`,
          );
          for (const r of ids) byId.set(r.campaign_id, r.key);
          const keys = new Map<string, string>();
          if (opts.keyMap) {
            const kr = await wh2.queryArrays<[string, string]>(
              `SELECT api_key_id, argMax(account_id, ts) FROM exchanges WHERE api_key_id IS NOT NULL AND api_key_id != '' GROUP BY api_key_id`,
            );
            for (const [k, a] of kr) keys.set(k, a);
          }
          let fingerprints = new Map<string, string>();
          let muted = new Set<string>();
          try {
            if (h.dir) {
              fingerprints = fingerprintsFrom(join(h.dir, 'campaigns.json'), (id) => byId.get(id) ?? null);
              muted = mutedIn(join(h.dir, 'campaigns.json'));
            }
          } catch {
            // The findings directory of the hunt is optional here: the verdicts are what the guard needs.
          }
          const peers = await loadPeers(wh2, muted);
          return {
            verdicts, judged, campaigns: campaignsFrom(verdicts), fingerprints, keys, peers,
            source: `warehouse ${wh2.location}`, version, loadedAt: new Date().toISOString(),
          };
        } finally {
          await wh2.close();
        }
      },
    };
  } finally {
    await wh.close();
  }
}

export class VerdictStore {
  private snap: Snapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private loading: Promise<void> | null = null;
  lastError: string | null = null;
  private listeners: ((s: Snapshot) => void)[] = [];

  constructor(private readonly opts: VerdictSourceOptions) {}

  /** Verdicts from a snapshot given directly (tests, the decide API's callers). */
  static fixed(snap: Snapshot): VerdictStore {
    const s = new VerdictStore({});
    s.snap = snap;
    return s;
  }

  get snapshot(): Snapshot | null {
    return this.snap;
  }

  get available(): boolean {
    return this.snap !== null;
  }

  onChange(fn: (s: Snapshot) => void): void {
    this.listeners.push(fn);
  }

  /** Looks for new verdicts and loads them if there are; never throws (the error is kept in lastError). */
  refresh(): Promise<void> {
    this.loading ??= this.doRefresh().finally(() => (this.loading = null));
    return this.loading;
  }

  private async doRefresh(): Promise<void> {
    try {
      let next: Load = null;
      try {
        next = await warehouseState(this.opts);
      } catch (e) {
        // The warehouse may be absent, not served or busy; the findings directory is the fallback.
        if (!this.opts.findings) {
          if (this.snap && e instanceof NotServed) return; // watch restarting: keep what was loaded
          throw e;
        }
      }
      if (!next && this.opts.findings) {
        const dir = this.opts.findings;
        const version = findingsVersion(dir);
        if (version) next = { version, load: async () => loadFindings(dir, version) };
      }
      if (!next) {
        if (!this.snap) this.lastError = 'no verdicts yet: the warehouse has recorded no hunt and no findings directory has accounts.jsonl';
        return;
      }
      if (this.snap?.version === next.version) return;
      this.snap = await next.load();
      this.lastError = null;
      for (const l of this.listeners) l(this.snap);
    } catch (e) {
      this.lastError = (e as Error).message;
    }
  }

  start(everyMs: number): Promise<void> {
    const first = this.refresh();
    this.timer = setInterval(() => void this.refresh(), everyMs);
    this.timer.unref();
    return first;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.loading;
  }
}
