/**
 * Sliding-window counters for quotas, per account and per campaign. One algorithm in two places (this
 * process, or Redis shared by every guard replica): a window of W ms is two fixed buckets, the current one and
 * the one before; the count "in the last W ms" is the current bucket plus the previous one weighted by the part
 * of it still inside the window. Two numbers per key, whatever the rate, and exact when traffic is even.
 *
 * `take` is all-or-nothing: a request is admitted (and counted in every window) only if every window has room;
 * a refused request consumes nothing, so an attacker over quota does not push the window forward.
 */

export interface Window {
  /** e.g. `campaign:cmp-20260422-ab12cd34` or `account:acct_1`, plus the rule and quota it belongs to. */
  key: string;
  limit: number;
  windowMs: number;
}

export interface TakeResult {
  admitted: boolean;
  /** The estimated count in each window before this request, in the order given. */
  counts: number[];
}

export interface Counters {
  readonly kind: 'memory' | 'redis';
  /** Redis counters: how often a replica syncs with Redis (0: every request is taken in Redis). */
  readonly syncMs?: number;
  take(windows: Window[], nowMs?: number): Promise<TakeResult>;
  /** The current estimate of a window (admin API). */
  peek(w: Window, nowMs?: number): Promise<number>;
  close(): Promise<void>;
}

/** The estimate from the two buckets: shared by both implementations (the Lua script computes the same). */
export function estimate(cur: number, prev: number, windowMs: number, nowMs: number): number {
  const into = (nowMs % windowMs) / windowMs;
  return cur + prev * (1 - into);
}

interface Slot {
  bucket: number;
  cur: number;
  prev: number;
}

export class MemoryCounters implements Counters {
  readonly kind = 'memory' as const;
  private readonly slots = new Map<string, Slot>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly maxKeys = 1_000_000) {
    // Keys idle for two windows hold nothing; drop them so memory follows the active keys only.
    this.sweeper = setInterval(() => this.sweep(Date.now()), 30_000);
    this.sweeper.unref();
  }

  private slot(w: Window, now: number): Slot {
    const id = `${w.key}|${w.windowMs}`;
    const bucket = Math.floor(now / w.windowMs);
    let s = this.slots.get(id);
    if (!s) {
      if (this.slots.size >= this.maxKeys) this.sweep(now);
      s = { bucket, cur: 0, prev: 0 };
      this.slots.set(id, s);
    } else if (s.bucket !== bucket) {
      s.prev = s.bucket === bucket - 1 ? s.cur : 0;
      s.cur = 0;
      s.bucket = bucket;
    }
    return s;
  }

  private sweep(now: number): void {
    for (const [id, s] of this.slots) {
      const windowMs = Number(id.slice(id.lastIndexOf('|') + 1));
      if (Math.floor(now / windowMs) - s.bucket >= 2) this.slots.delete(id);
    }
  }

  async take(windows: Window[], nowMs = Date.now()): Promise<TakeResult> {
    const slots = windows.map((w) => this.slot(w, nowMs));
    const counts = slots.map((s, i) => estimate(s.cur, s.prev, windows[i]!.windowMs, nowMs));
    const admitted = counts.every((c, i) => c + 1 <= windows[i]!.limit);
    if (admitted) for (const s of slots) s.cur++;
    return { admitted, counts };
  }

  async peek(w: Window, nowMs = Date.now()): Promise<number> {
    const s = this.slot(w, nowMs);
    return estimate(s.cur, s.prev, w.windowMs, nowMs);
  }

  get size(): number {
    return this.slots.size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
  }
}
