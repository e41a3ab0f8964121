import type { Endpoint } from './facts.js';

/**
 * Reads an upstream response as it streams past, chunk by chunk, without holding it: the answer's text (up to a
 * cap) and its usage block, for the exchange log. The bytes the client gets are untouched; this only looks.
 * Server-sent events are split into lines incrementally, as bytes; a plain JSON answer is kept (up to a cap) and
 * parsed once it has been sent in full.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface Tapped {
  id: string | null;
  model: string | null;
  text: string | null;
  /** The usage block in the upstream's own convention (OpenAI: prompt_tokens include cached ones; Anthropic: input_tokens exclude them). */
  usage: Obj | null;
  /** Content events seen in a stream (an output-token estimate when the stream carried no usage). */
  deltas: number;
  error: boolean;
}

/** The longest line read, in bytes (a memory bound: a longer one is skipped). */
const MAX_LINE = 4 * 2 ** 20;

/**
 * Where a text-carrying event keeps its text (the object and key), by API: the only value the tap reads that
 * changes from one content event of a stream to the next.
 */
function textSlot(endpoint: Endpoint, ev: Obj): { holder: Obj; key: string } | null {
  if (endpoint === 'messages') return ev.type === 'content_block_delta' && isObj(ev.delta) && ev.delta.type === 'text_delta' && typeof ev.delta.text === 'string' ? { holder: ev.delta, key: 'text' } : null;
  if (endpoint === 'responses') return ev.type === 'response.output_text.delta' && typeof ev.delta === 'string' ? { holder: ev, key: 'delta' } : null;
  const c = Array.isArray(ev.choices) ? ev.choices[0] : undefined;
  return isObj(c) && isObj(c.delta) && typeof c.delta.content === 'string' ? { holder: c.delta, key: 'content' } : null;
}

const SENTINEL = '\u0001dw-tap\u0002';
const SENTINEL_LITERAL = JSON.stringify(SENTINEL);
const DATA = Buffer.from('data:');

/** Whether `b` holds the bytes of `p` at `at` (a plain loop: Buffer#compare with offsets costs more for short runs). */
function bytesAt(b: Buffer, at: number, p: Buffer): boolean {
  if (at < 0 || at + p.length > b.length) return false;
  for (let i = 0; i < p.length; i++) if (b[at + i] !== p[i]) return false;
  return true;
}

/**
 * The next LF at or after `from`, or -1. A blank line (the LF right after an event's) is found by looking at
 * the first bytes; anything longer by Buffer#indexOf (memchr: a 200-byte event costs a tenth of a loop over it).
 */
function nextLf(b: Buffer, from: number): number {
  const stop = Math.min(b.length, from + 4);
  for (let i = from; i < stop; i++) if (b[i] === 0x0a) return i;
  return stop < b.length ? b.indexOf(0x0a, stop) : -1;
}

/** `[DONE]`, the end of an OpenAI stream. */
const DONE = Buffer.from('[DONE]');

/** The end (after the closing quote) of the JSON string literal opening at `at`, or -1. */
function literalEnd(s: string, at: number): number {
  for (let i = at + 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c) i++;
  }
  return -1;
}

/**
 * The value of the bytes `b[from, to)` if they are exactly one JSON string literal, else null. Plain text (no
 * quote, backslash or control byte inside) is decoded as it is, as JSON.parse would read it; anything else goes
 * through JSON.parse, which also rejects what is not one whole literal.
 */
function literalValue(b: Buffer, from: number, to: number): string | null {
  if (to - from < 2 || b[from] !== 0x22 || b[to - 1] !== 0x22) return null;
  for (let i = from + 1; i < to - 1; i++) {
    const c = b[i]!;
    if (c === 0x22 || c === 0x5c || c < 0x20) {
      try {
        const v: unknown = JSON.parse(b.toString('utf8', from, to));
        return typeof v === 'string' ? v : null;
      } catch {
        return null;
      }
    }
  }
  return b.toString('utf8', from + 1, to - 1);
}

/**
 * A stream's content events are one event with a different string in one place (`data: {"id":...,"choices":
 * [{"delta":{"content":"<here>"}}]}`): once one has been parsed, a line that is the same bytes around another
 * string literal parses to that same event with that one string changed (JSON is context free: one string token
 * stands in for another, and the bytes around it decode the same). So it is not decoded or parsed again: its
 * string is read and the parsed event reused with it. The place is proved once per stream (see `learn`). Anything
 * else (another shape, the usage event) is parsed in full.
 */
interface Template {
  /** The line's bytes before the literal (from `data:`) and after it (without a final CR). */
  prefix: Buffer;
  suffix: Buffer;
  ev: Obj;
  holder: Obj;
  key: string;
}
/** Events a stream may spend trying to learn a template (each try costs one extra parse). */
const TEMPLATE_TRIES = 3;

export class ResponseTap {
  /** Bytes of a line not yet ended (split at the LF byte, which never occurs inside a multi-byte character). */
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** The line being read outgrew MAX_LINE bytes: skip to its end. */
  private skipping = false;
  private body: Buffer[] = [];
  private bodyBytes = 0;
  private overflow = false;
  private textParts: string[] = [];
  private textChars = 0;
  private template: Template | null = null;
  private tries = 0;
  private readonly out: Tapped = { id: null, model: null, text: null, usage: null, deltas: 0, error: false };

  constructor(
    private readonly endpoint: Endpoint,
    private readonly streaming: boolean,
    private readonly maxText = 1 * 2 ** 20,
    private readonly maxBody = 8 * 2 ** 20,
  ) {}

  push(chunk: Buffer): void {
    if (!this.streaming) {
      if (this.overflow) return;
      this.bodyBytes += chunk.length;
      if (this.bodyBytes > this.maxBody) {
        this.overflow = true;
        this.body = [];
      } else this.body.push(chunk);
      return;
    }
    let start = 0;
    let nl = nextLf(chunk, 0);
    if (this.heldBytes > 0 || this.skipping) {
      if (nl < 0) {
        this.hold(chunk, 0);
        return;
      }
      if (!this.skipping) {
        this.held.push(chunk.subarray(0, nl));
        const line = Buffer.concat(this.held, this.heldBytes + nl);
        this.onLine(line, 0, line.length);
      }
      this.held = [];
      this.heldBytes = 0;
      this.skipping = false;
      start = nl + 1;
      nl = nextLf(chunk, start);
    }
    while (nl >= 0) {
      this.onLine(chunk, start, nl);
      start = nl + 1;
      nl = nextLf(chunk, start);
    }
    if (start < chunk.length) this.hold(chunk, start);
  }

  private hold(chunk: Buffer, from: number): void {
    if (this.skipping) return;
    const n = chunk.length - from;
    if (this.heldBytes + n > MAX_LINE) {
      this.held = [];
      this.heldBytes = 0;
      this.skipping = true;
      return;
    }
    this.held.push(from === 0 ? chunk : chunk.subarray(from));
    this.heldBytes += n;
  }

  private addText(t: unknown): void {
    if (typeof t !== 'string') return;
    this.out.deltas++;
    if (this.textChars >= this.maxText) return;
    this.textParts.push(t);
    this.textChars += t.length;
  }

  /** One line: the bytes `b[from, to)`, without its LF. */
  private onLine(b: Buffer, from: number, to: number): void {
    const end = to > from && b[to - 1] === 0x0d ? to - 1 : to;
    if (end - from < 5 || !bytesAt(b, from, DATA)) return;
    const t = this.template;
    if (
      t &&
      end - from >= t.prefix.length + t.suffix.length + 2 &&
      bytesAt(b, from, t.prefix) &&
      bytesAt(b, end - t.suffix.length, t.suffix)
    ) {
      const text = literalValue(b, from + t.prefix.length, end - t.suffix.length);
      if (text !== null) {
        t.holder[t.key] = text;
        this.onEvent(t.ev);
        return;
      }
    }
    // The data after `data:` and its blanks: `[DONE]` and a blank data line are read as bytes; an object is
    // decoded from its brace (what trimStart would leave). Anything else takes the general path.
    let p = from + 5;
    while (p < end && (b[p] === 0x20 || b[p] === 0x09)) p++;
    if (p === end || (end - p === DONE.length && bytesAt(b, p, DONE))) return;
    let lead: string;
    let data: string;
    let at = -1;
    if (b[p] === 0x7b) {
      at = p;
      lead = p === from + 5 ? '' : b.toString('latin1', from + 5, p);
      data = b.toString('utf8', p, end);
    } else {
      const line = b.toString('utf8', from + 5, end);
      data = line.trimStart();
      if (data === '[DONE]' || data === '') return;
      lead = line.slice(0, line.length - data.length);
    }
    let ev: unknown;
    try {
      ev = JSON.parse(data);
    } catch {
      return;
    }
    if (!isObj(ev)) return;
    if (!t && this.tries < TEMPLATE_TRIES) this.learn(b, from, end, lead, data, at, ev);
    this.onEvent(ev);
  }

  /**
   * Finds where the text of a freshly parsed content event sits in its line, and proves it: the event with a
   * sentinel string put there must carry the sentinel as its text. `lead` is the blank the line had between
   * `data:` and `data`; `at` where `data` starts in `b`, when known (else -1).
   */
  private learn(b: Buffer, from: number, end: number, lead: string, data: string, at: number, ev: Obj): void {
    const slot = textSlot(this.endpoint, ev);
    // (A text that is the sentinel itself would prove nothing.)
    if (!slot || slot.holder[slot.key] === SENTINEL) return;
    this.tries++;
    const name = `"${slot.key}"`;
    const first = data.indexOf(name);
    // With no escape anywhere, every key is written as it reads: a name found once is the slot's own key, and the
    // literal after it the text, so the parsed event itself is the template (nothing outside `out` holds its
    // text slot). Otherwise the place is proved with the sentinel.
    const plain = data.indexOf('\\') < 0 && data.indexOf(name, first + 1) < 0;
    for (let i = first; i >= 0; i = data.indexOf(name, i + 1)) {
      let j = i + name.length;
      while (data.charCodeAt(j) === 0x20 || data.charCodeAt(j) === 0x09) j++;
      if (data.charCodeAt(j) !== 0x3a) continue;
      j++;
      while (data.charCodeAt(j) === 0x20 || data.charCodeAt(j) === 0x09) j++;
      if (data.charCodeAt(j) !== 0x22) continue;
      const close = literalEnd(data, j);
      if (close < 0) return;
      let tev: Obj = ev;
      let holder: Obj = slot.holder;
      if (!plain) {
        let probeEv: unknown;
        try {
          probeEv = JSON.parse(data.slice(0, j) + SENTINEL_LITERAL + data.slice(close));
        } catch {
          continue;
        }
        const probe = isObj(probeEv) ? textSlot(this.endpoint, probeEv) : null;
        if (!probe || probe.holder[probe.key] !== SENTINEL) continue;
        // The probe's parse is a copy of its own: its text slot is rewritten for each event it stands for.
        tev = probeEv as Obj;
        holder = probe.holder;
      }
      // The template matches bytes: only when the text around the literal is these very bytes (valid UTF-8). A
      // line of as many characters as bytes, none of them a replacement character, is ASCII: its bytes are the
      // text's, one for one, and are copied as they are.
      const ascii = at >= 0 && end - at === data.length && data.indexOf('\uFFFD') < 0;
      const prefix = ascii ? Buffer.from(b.subarray(from, at + j)) : Buffer.from(`data:${lead}${data.slice(0, j)}`);
      const suffix = ascii ? Buffer.from(b.subarray(at + close, end)) : Buffer.from(data.slice(close));
      if (prefix.length + suffix.length + 2 > end - from) return;
      if (!ascii && (!bytesAt(b, from, prefix) || !bytesAt(b, end - suffix.length, suffix))) return;
      this.template = { prefix, suffix, ev: tev, holder, key: slot.key };
      return;
    }
  }

  private onEvent(ev: Obj): void {
    if (this.endpoint === 'messages') this.anthropicEvent(ev);
    else if (this.endpoint === 'responses') this.responsesEvent(ev);
    else this.chatChunk(ev);
  }

  private chatChunk(ev: Obj): void {
    if (typeof ev.id === 'string') this.out.id ??= ev.id;
    if (typeof ev.model === 'string') this.out.model ??= ev.model;
    if (isObj(ev.error)) this.out.error = true;
    if (Array.isArray(ev.choices)) {
      const c = ev.choices[0];
      if (isObj(c) && isObj(c.delta)) this.addText(c.delta.content);
    }
    if (isObj(ev.usage)) this.out.usage = ev.usage;
  }

  private anthropicEvent(ev: Obj): void {
    if (ev.type === 'message_start' && isObj(ev.message)) {
      const m = ev.message;
      if (typeof m.id === 'string') this.out.id = m.id;
      if (typeof m.model === 'string') this.out.model = m.model;
      if (isObj(m.usage)) this.out.usage = { ...m.usage };
    } else if (ev.type === 'content_block_delta' && isObj(ev.delta) && ev.delta.type === 'text_delta') {
      this.addText(ev.delta.text);
    } else if (ev.type === 'message_delta' && isObj(ev.usage)) {
      // The final counts: output_tokens (and, on newer APIs, the input counts again).
      this.out.usage = { ...(this.out.usage ?? {}), ...ev.usage };
    } else if (ev.type === 'error') this.out.error = true;
  }

  private responsesEvent(ev: Obj): void {
    const r = isObj(ev.response) ? ev.response : null;
    if (r) {
      if (typeof r.id === 'string') this.out.id ??= r.id;
      if (typeof r.model === 'string') this.out.model ??= r.model;
      if (isObj(r.usage)) this.out.usage = responsesUsage(r.usage);
    }
    if (ev.type === 'response.output_text.delta') this.addText(ev.delta);
    if (ev.type === 'response.failed' || ev.type === 'error') this.out.error = true;
  }

  finish(): Tapped {
    if (this.streaming) {
      if (this.heldBytes > 0 && !this.skipping) {
        const line = Buffer.concat(this.held, this.heldBytes);
        this.onLine(line, 0, line.length);
      }
      this.held = [];
      this.heldBytes = 0;
    } else if (!this.overflow && this.body.length) {
      try {
        this.parseWhole(JSON.parse(Buffer.concat(this.body).toString('utf8')));
      } catch {
        // Not JSON (an HTML error page from a load balancer, say): nothing to read.
      }
      this.body = [];
    }
    this.out.text = this.textParts.length ? this.textParts.join('') : null;
    return this.out;
  }

  private parseWhole(doc: unknown): void {
    if (!isObj(doc)) return;
    if (typeof doc.id === 'string') this.out.id = doc.id;
    if (typeof doc.model === 'string') this.out.model = doc.model;
    if (isObj(doc.error) || doc.type === 'error') this.out.error = true;
    if (this.endpoint === 'messages') {
      if (isObj(doc.usage)) this.out.usage = doc.usage;
      if (Array.isArray(doc.content)) for (const b of doc.content) if (isObj(b) && b.type === 'text') this.addText(b.text);
    } else if (this.endpoint === 'responses') {
      if (isObj(doc.usage)) this.out.usage = responsesUsage(doc.usage);
      if (Array.isArray(doc.output))
        for (const o of doc.output)
          if (isObj(o) && Array.isArray(o.content)) for (const c of o.content) if (isObj(c) && c.type === 'output_text') this.addText(c.text);
    } else {
      if (isObj(doc.usage)) this.out.usage = doc.usage;
      const c = Array.isArray(doc.choices) ? doc.choices[0] : null;
      if (isObj(c) && isObj(c.message)) this.addText(c.message.content);
    }
  }
}

/** The Responses API's usage block in chat.completions terms (both count cached tokens inside the input). */
function responsesUsage(u: Obj): Obj {
  const details = isObj(u.input_tokens_details) ? u.input_tokens_details : {};
  return { prompt_tokens: u.input_tokens, completion_tokens: u.output_tokens, prompt_tokens_details: { cached_tokens: details.cached_tokens ?? 0 } };
}
