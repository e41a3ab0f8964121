/**
 * What an adversary harvests before it is caught, from the hunt replayed at cut-offs (a provider running the
 * hunt every few hours and acting on what it flags). The rules, stated once:
 * - an account's exchanges count as harvested up to and including the first cut-off at which the hunt flags
 *   it (they were served before that hunt ran); from then on the provider acts on it, so flags stick;
 * - the campaign is detected at the first cut-off by which a strict majority of its accounts has been
 *   flagged (eval's "most flagged", with sticky flags); from then on the provider acts on the whole cluster,
 *   so no account harvests after it;
 * - only served exchanges count (status 200; a rate-limited request returns no answer).
 * Pure bookkeeping, no files: the harness feeds it the served counts and each cut-off's flags.
 */

const HOUR = 3_600_000;

export interface CutoffObservation {
  /** Cut-off (ms) and its index. */
  cutoff: number;
  index: number;
  /** Campaign accounts flagged at this cut-off, on the watch queue at it, and benign accounts flagged at it. */
  flagged: number;
  newlyFlagged: number;
  everFlagged: number;
  watch: number;
  benignFlagged: number;
  seconds: number;
}

export interface HarvestResult {
  accounts: number;
  /** Accounts that sent at least one served exchange. */
  activeAccounts: number;
  /** Served campaign exchanges over the window, and those harvested before being flagged. */
  served: number;
  harvested: number;
  /** harvested over the window's days: what the operation nets per day. */
  harvestedPerDay: number;
  /** harvested over the days until detection (the window's when never detected): its rate while unseen. */
  ratePerDayUndetected: number;
  /** Hours from the window's start to the cut-off of first flag / of detection; null: not within the cut-offs run. */
  hoursToFirstFlag: number | null;
  hoursToDetection: number | null;
  detected: boolean;
  /** Share of accounts flagged at any cut-off run. */
  flaggedShare: number;
  /** Share of accounts on the watch queue (not acted on) at any cut-off run. */
  watchShare: number;
  /** The most benign accounts flagged at one cut-off (the hunt's cost, for the record). */
  benignFlaggedMax: number;
  /** Cut-offs run of those planned, and why the replay stopped. */
  cutoffsRun: number;
  cutoffsPlanned: number;
  stopped: 'end' | 'detected' | 'bound';
  /** Reasons the hunt gave for the campaign's accounts when it first flagged them, with counts. */
  reasons: Record<string, number>;
  timeline: CutoffObservation[];
}

/**
 * The harvest of one campaign, cut-off by cut-off: observe each cut-off's flags in time order, ask whether to
 * go on (`detected`, `upperBound`), then read `result()`.
 */
export class HarvestTally {
  private readonly firstFlag: Int32Array;
  private readonly everWatch: Uint8Array;
  private readonly totals: Float64Array;
  private detectedAt = -1;
  private observed = 0;
  private readonly timeline: CutoffObservation[] = [];
  private readonly reasons = new Map<string, number>();

  /**
   * @param accounts the campaign's accounts (dormant ones included: they count toward the majority)
   * @param served per account, served exchanges per interval: [k] holds those in (cutoffs[k-1], cutoffs[k]]
   * @param cutoffs ascending, ms; the last is the window's end
   * @param start the window's start, ms (hours are counted from it)
   */
  constructor(
    readonly accounts: readonly string[],
    private readonly served: ReadonlyMap<string, readonly number[]>,
    readonly cutoffs: readonly number[],
    readonly start: number,
  ) {
    for (let k = 1; k < cutoffs.length; k++) if (!(cutoffs[k]! > cutoffs[k - 1]!)) throw new Error('HarvestTally: cut-offs must ascend');
    this.firstFlag = new Int32Array(accounts.length).fill(-1);
    this.everWatch = new Uint8Array(accounts.length);
    this.totals = Float64Array.from(accounts, (a) => (served.get(a) ?? []).reduce((x, y) => x + y, 0));
  }

  get detected(): boolean {
    return this.detectedAt >= 0;
  }

  get done(): boolean {
    return this.detected || this.observed >= this.cutoffs.length;
  }

  /** The next cut-off to run, or null when done. */
  get next(): number | null {
    return this.done ? null : this.cutoffs[this.observed]!;
  }

  /**
   * Records the hunt at the next cut-off: the campaign accounts it flagged (with reasons), those it put on
   * the watch queue, and how many benign accounts it flagged.
   */
  observe(flagged: ReadonlyMap<string, readonly string[]>, watch: ReadonlySet<string>, benignFlagged: number, seconds = 0): CutoffObservation {
    if (this.done) throw new Error('HarvestTally: observe after the replay is done');
    const k = this.observed++;
    let now = 0;
    let fresh = 0;
    this.accounts.forEach((a, i) => {
      const why = flagged.get(a);
      if (why) {
        now++;
        if (this.firstFlag[i]! < 0) {
          this.firstFlag[i] = k;
          fresh++;
          for (const r of why) this.reasons.set(r, (this.reasons.get(r) ?? 0) + 1);
        }
      }
      if (watch.has(a)) this.everWatch[i] = 1;
    });
    const ever = this.firstFlag.reduce((n, f) => n + (f >= 0 ? 1 : 0), 0);
    if (this.detectedAt < 0 && 2 * ever > this.accounts.length) this.detectedAt = k;
    const obs: CutoffObservation = { cutoff: this.cutoffs[k]!, index: k, flagged: now, newlyFlagged: fresh, everFlagged: ever, watch: watch.size, benignFlagged, seconds };
    this.timeline.push(obs);
    return obs;
  }

  /** Served exchanges of account i up to and including interval k. */
  private upTo(i: number, k: number): number {
    const xs = this.served.get(this.accounts[i]!) ?? [];
    let s = 0;
    for (let j = 0; j <= k && j < xs.length; j++) s += xs[j]!;
    return s;
  }

  /** Harvested so far: each account up to its first flag, the detection, or the last cut-off observed. */
  harvestedSoFar(): number {
    const last = this.detected ? this.detectedAt : this.observed - 1;
    let h = 0;
    for (let i = 0; i < this.accounts.length; i++) {
      const f = this.firstFlag[i]!;
      h += this.upTo(i, f >= 0 ? Math.min(f, last) : last);
    }
    return h;
  }

  /** The most the campaign can still harvest: as far as observed, then everything of the accounts not yet flagged. */
  upperBound(): number {
    if (this.detected) return this.harvestedSoFar();
    const last = this.observed - 1;
    let h = 0;
    for (let i = 0; i < this.accounts.length; i++) {
      const f = this.firstFlag[i]!;
      h += f >= 0 ? this.upTo(i, f) : this.totals[i]!;
    }
    return last < 0 ? this.totals.reduce((a, b) => a + b, 0) : h;
  }

  result(stopped: HarvestResult['stopped'] = this.detected ? 'detected' : this.observed >= this.cutoffs.length ? 'end' : 'bound'): HarvestResult {
    const end = this.cutoffs.at(-1) ?? this.start;
    const days = (end - this.start) / (24 * HOUR);
    // Stopped on the bound: nothing more is known, so the rest of the accounts' exchanges count (an upper bound).
    const harvested = stopped === 'bound' ? this.upperBound() : this.harvestedSoFar();
    const served = this.totals.reduce((a, b) => a + b, 0);
    const first = this.timeline.find((o) => o.everFlagged > 0);
    const detection = this.detected ? this.cutoffs[this.detectedAt]! : null;
    const undetectedDays = detection !== null ? (detection - this.start) / (24 * HOUR) : days;
    const n = this.accounts.length;
    return {
      accounts: n,
      activeAccounts: this.totals.reduce((a, t) => a + (t > 0 ? 1 : 0), 0),
      served,
      harvested,
      harvestedPerDay: days > 0 ? harvested / days : 0,
      ratePerDayUndetected: undetectedDays > 0 ? harvested / undetectedDays : 0,
      hoursToFirstFlag: first ? (first.cutoff - this.start) / HOUR : null,
      hoursToDetection: detection !== null ? (detection - this.start) / HOUR : null,
      detected: this.detected,
      flaggedShare: n > 0 ? this.firstFlag.reduce((a, f) => a + (f >= 0 ? 1 : 0), 0) / n : 0,
      watchShare: n > 0 ? this.everWatch.reduce((a, w) => a + w, 0) / n : 0,
      benignFlaggedMax: this.timeline.reduce((a, o) => Math.max(a, o.benignFlagged), 0),
      cutoffsRun: this.observed,
      cutoffsPlanned: this.cutoffs.length,
      stopped,
      reasons: Object.fromEntries([...this.reasons].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))),
      timeline: this.timeline,
    };
  }
}

/** Replay cut-offs every `stepHours` from the window's start, the last at its end (the full hunt). */
export function replayCutoffs(start: number, end: number, stepHours: number): number[] {
  if (!(stepHours > 0)) throw new Error(`replay step must be positive, got ${stepHours}`);
  const step = stepHours * HOUR;
  const out: number[] = [];
  for (let t = start + step; t < end; t += step) out.push(t);
  out.push(end);
  return out;
}

/** Which interval of the cut-offs an exchange at `ts` falls in: the first k with ts <= cutoffs[k]. */
export function intervalOf(ts: number, cutoffs: readonly number[]): number {
  let lo = 0;
  let hi = cutoffs.length - 1;
  if (ts > cutoffs[hi]!) return hi;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ts <= cutoffs[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
