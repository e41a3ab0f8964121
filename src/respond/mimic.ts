import { randomInt } from 'node:crypto';

/**
 * The headers a blocked request's generic error carries, shaped like the upstream's own answers. A real API's
 * responses carry its headers (`server`, a version, a request id, rate-limit and processing-time figures); an error
 * with none of them would tell an attacker that something in front of the API answered, and so which requests
 * tripped it. The shape is learnt from the upstream's responses as they pass (at most one a second, so the hot
 * path pays nothing): headers seen with the same value in two answers running are copied, any other (request ids,
 * counters, timings, and whatever has not yet been seen twice) gets a fresh value of the same form, never one
 * another customer was sent. Nothing is invented for an upstream never seen: the error then carries only its
 * content type, as before.
 */

/** Set by the proxy itself, or describing the body: never copied. */
const OWN = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer',
  'content-type', 'content-length', 'content-encoding', 'etag', 'last-modified', 'set-cookie', 'cache-control',
]);
/** Names that say the value is per request, even before a second answer has shown it change. */
const PER_REQUEST = /(^|-)(id|ray|trace|span|traceparent|request-id|req-id)$/i;

export class HeaderShape {
  /**
   * Learnt from the upstream's server errors (5xx) when it has sent any (what a real error carries), else from its
   * answers; client errors (a 429's retry-after) are not what a server error carries, and are not read.
   */
  private readonly errors: Learnt;
  private readonly answers: Learnt;

  constructor(everyMs = 1_000) {
    this.errors = new Learnt(everyMs);
    this.answers = new Learnt(everyMs);
  }

  /** An upstream response's status and raw headers (node's flat [name, value, ...] list). */
  observe(status: number, raw: string[], now = Date.now()): void {
    if (status >= 500) this.errors.observe(raw, now);
    else if (status < 400) this.answers.observe(raw, now);
  }

  /** Headers for one generic error, in the upstream's order, as node's flat list. */
  headers(now = Date.now()): string[] {
    return (this.errors.seen ? this.errors : this.answers).headers(now);
  }
}

class Learnt {
  private last: [string, string][] | null = null;
  private readonly varying = new Set<string>();
  /** Headers seen with one value in two answers running: only these are copied as they are. */
  private readonly constant = new Set<string>();
  private seenAt = -Infinity;

  constructor(private readonly everyMs: number) {}

  get seen(): boolean {
    return this.last !== null;
  }

  observe(raw: string[], now: number): void {
    if (now - this.seenAt < this.everyMs) return;
    this.seenAt = now;
    const pairs: [string, string][] = [];
    for (let i = 0; i + 1 < raw.length; i += 2) if (!OWN.has(raw[i]!.toLowerCase())) pairs.push([raw[i]!, raw[i + 1]!]);
    if (this.last) {
      const before = new Map(this.last.map(([k, v]) => [k.toLowerCase(), v]));
      for (const [k, v] of pairs) {
        const was = before.get(k.toLowerCase());
        if (was === undefined) continue;
        if (was !== v) this.varying.add(k.toLowerCase());
        else this.constant.add(k.toLowerCase());
      }
    }
    this.last = pairs;
  }

  headers(now: number): string[] {
    const out: string[] = [];
    for (const [k, v] of this.last ?? []) {
      const name = k.toLowerCase();
      if (name === 'date') out.push(k, new Date(now).toUTCString());
      // (Copied only once seen unchanged: a header naming the customer, such as an organisation, may look constant
      // in one answer and would hand one customer's name to another.)
      else if (this.constant.has(name) && !this.varying.has(name) && !PER_REQUEST.test(name)) out.push(k, v);
      else out.push(k, sameForm(v));
    }
    return out;
  }
}

const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LOWER.toUpperCase();
const HEX = '0123456789abcdef';
const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)]!;

/**
 * A fresh value of the same form: a leading word and its separator (`req_`, `chatcmpl-`) and every punctuation
 * mark kept; a long run of letters and digits (an id) redrawn character by character from each one's class (a run
 * of lowercase hex stays hex); in a short run (a figure and its unit: `6ms`, `4999`, `SJC`) only the digits are
 * redrawn, a number keeping its count of digits and gaining no leading zero.
 */
export function sameForm(value: string): string {
  const prefix = /^[A-Za-z]{2,12}[_-]/.exec(value)?.[0] ?? '';
  const number = (digits: string) => (digits.length > 1 ? pick(DIGITS.slice(1)) : pick(DIGITS)) + [...digits.slice(1)].map(() => pick(DIGITS)).join('');
  const id = (run: string) =>
    /^[0-9a-f]+$/.test(run) ? [...run].map(() => pick(HEX)).join('') : [...run].map((c) => pick(/[0-9]/.test(c) ? DIGITS : /[a-z]/.test(c) ? LOWER : UPPER)).join('');
  return prefix + value.slice(prefix.length).replace(/[A-Za-z0-9]+/g, (run) => (run.length >= 8 ? id(run) : run.replace(/[0-9]+/g, number)));
}
