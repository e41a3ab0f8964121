import { StringDecoder } from 'node:string_decoder';
import type { Endpoint } from './facts.js';

/**
 * Reads an upstream response as it streams past, chunk by chunk, without holding it: the answer's text (up to a
 * cap) and its usage block, for the exchange log. The bytes the client gets are untouched; this only looks.
 * Server-sent events are split into lines incrementally; a plain JSON answer is kept (up to a cap) and parsed
 * once it has been sent in full.
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

const MAX_LINE = 4 * 2 ** 20;

export class ResponseTap {
  private readonly decoder = new StringDecoder('utf8');
  private line = '';
  private body: Buffer[] = [];
  private bodyBytes = 0;
  private overflow = false;
  private textParts: string[] = [];
  private textChars = 0;
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
    const text = this.line + this.decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.onLine(text.slice(start, nl));
      start = nl + 1;
    }
    this.line = text.length - start > MAX_LINE ? '' : text.slice(start);
  }

  private addText(t: unknown): void {
    if (typeof t !== 'string') return;
    this.out.deltas++;
    if (this.textChars >= this.maxText) return;
    this.textParts.push(t);
    this.textChars += t.length;
  }

  private onLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (!line.startsWith('data:')) return;
    const data = line.slice(5).trimStart();
    if (data === '[DONE]' || data === '') return;
    let ev: unknown;
    try {
      ev = JSON.parse(data);
    } catch {
      return;
    }
    if (!isObj(ev)) return;
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
      const rest = this.line + this.decoder.end();
      if (rest) this.onLine(rest);
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
