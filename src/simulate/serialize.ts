import { gzipSync } from 'node:zlib';
import { CAPABILITIES, PROMPT_PERSONAS, PROMPT_STYLES, type Capability, type PromptGenerator, type PromptRequest } from './prompts/types.js';
import { Random } from './rng.js';
import { CLIENT_STACKS, type ClientName } from './world.js';

/**
 * Turns decided events into JSON lines and gzip members. This is the expensive half of the simulator
 * (the prompt text, the token arithmetic that depends on it, JSON, compression), so it runs in worker
 * threads: the engine hands over fixed-size chunks of events in columns, each chunk comes back as one
 * gzip member, and the members are written in order (a file of concatenated members is one valid gzip
 * file). A chunk's bytes depend only on the chunk, so the output is the same for any number of workers.
 */

export const SYSTEM_POLICIES = ['none', 'product', 'account', 'shared', 'generated'] as const;
export const CACHE_KINDS = ['agent', 'chat', 'template', 'none'] as const;
export const CHUNK_EVENTS = 4096;

/** What never changes during a run: accounts' and actors' fixed fields, in columns. */
export interface StaticTables {
  seed: number;
  models: string[];
  accounts: {
    id: string[];
    org: (string | null)[];
    fingerprint: string[];
    endpoint: string[];
    toolsJson: string[];
    toolTokens: number[];
    uaClient: ClientName[];
    version: number[];
    /** When a spoofer copied its User-Agent (NaN: the client updates itself). */
    uaFrozenAt: number[];
    cachesHistory: boolean[];
    keys: string[][];
  };
  actors: {
    acct: number[];
    /** Index into PROMPT_PERSONAS. */
    persona: number[];
    /** Index into SYSTEM_POLICIES. */
    system: number[];
    /** Index into CACHE_KINDS. */
    cache: number[];
    scope: string[];
    /** Index into PROMPT_STYLES (0: the persona's own text). */
    style: number[];
  };
}

/** A chunk of events, in columns (typed arrays move between threads without copying). */
export interface EventChunk {
  n: number;
  ts: Float64Array;
  actor: Int32Array;
  seed: Uint32Array;
  turn: Int32Array;
  cap: Uint8Array;
  /** Bit 0 chain of thought, 1 tools declared, 2 prefix warm in cache, 3 rate limited. */
  flags: Uint8Array;
  para: Float64Array;
  model: Uint8Array;
  key: Uint8Array;
  /** -1 = null. */
  maxTokens: Int32Array;
  budget: Int32Array;
  n_: Int32Array;
  top: Int32Array;
  /** NaN = null. */
  temp: Float64Array;
  bias: Int32Array;
  out: Int32Array;
  ctx: Int32Array;
  extra: Int32Array;
  rid: string[];
  conv: string[];
  tkey: string[];
  bench: string[];
  ip: string[];
}

export function newChunk(n: number): EventChunk {
  return {
    n,
    ts: new Float64Array(n),
    actor: new Int32Array(n),
    seed: new Uint32Array(n),
    turn: new Int32Array(n),
    cap: new Uint8Array(n),
    flags: new Uint8Array(n),
    para: new Float64Array(n),
    model: new Uint8Array(n),
    key: new Uint8Array(n),
    maxTokens: new Int32Array(n),
    budget: new Int32Array(n),
    n_: new Int32Array(n),
    top: new Int32Array(n),
    temp: new Float64Array(n),
    bias: new Int32Array(n),
    out: new Int32Array(n),
    ctx: new Int32Array(n),
    extra: new Int32Array(n),
    rid: new Array<string>(n),
    conv: new Array<string>(n),
    tkey: new Array<string>(n),
    bench: new Array<string>(n),
    ip: new Array<string>(n),
  };
}

/** The typed arrays of a chunk, to transfer rather than copy. */
export const chunkBuffers = (c: EventChunk): ArrayBuffer[] =>
  [c.ts, c.actor, c.seed, c.turn, c.cap, c.flags, c.para, c.model, c.key, c.maxTokens, c.budget, c.n_, c.top, c.temp, c.bias, c.out, c.ctx, c.extra].map((a) => a.buffer as ArrayBuffer);

const DAY_MS = 86_400_000;
const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const AGENT_CLIENTS = new Set<ClientName>(['claude-cli', 'cline', 'aider']);
const tok = (s: string | null) => (s ? Math.ceil(s.length / 4) : 0);
const nul = (v: number) => (v < 0 ? 'null' : String(v));

export class Serializer {
  private readonly rng = new Random(0);
  private readonly systems = new Map<string, string | null>();
  private readonly systemJson = new Map<string | null, string>();
  private readonly uaJson = new Map<string, string>();
  private buf: Buffer;
  private hourStart = -1;
  private hourPrefix = '';

  constructor(
    private readonly t: StaticTables,
    private readonly generator: PromptGenerator,
    private readonly level = 1,
  ) {
    this.buf = Buffer.allocUnsafe(8 << 20);
  }

  /** One gzip member holding the chunk's lines. */
  member(c: EventChunk): Buffer {
    let off = 0;
    for (let i = 0; i < c.n; i++) {
      const line = this.line(c, i);
      if (off + line.length * 3 > this.buf.length) {
        const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, off + line.length * 3));
        this.buf.copy(bigger, 0, 0, off);
        this.buf = bigger;
      }
      off += this.buf.write(line, off);
    }
    return gzipSync(this.buf.subarray(0, off), { level: this.level });
  }

  /** ISO-8601 UTC with milliseconds, as Date#toISOString writes it (the hour's prefix is kept). */
  private iso(ts: number): string {
    const inHour = ts - this.hourStart;
    if (inHour < 0 || inHour >= 3_600_000) {
      this.hourStart = ts - (ts % 3_600_000);
      this.hourPrefix = new Date(this.hourStart).toISOString().slice(0, 14);
      return this.iso(ts);
    }
    const ms = inHour % 1000;
    const sec = Math.floor(inHour / 1000);
    return `${this.hourPrefix}${PAD2[Math.floor(sec / 60)]}:${PAD2[sec % 60]}.${PAD3[ms]}Z`;
  }

  /** A system prompt that is a function of its key alone (never of the request that first needed it). */
  private cachedSystem(key: string, req: PromptRequest): string | null {
    const cacheKey = `${req.persona}|${key}`;
    let s = this.systems.get(cacheKey);
    if (s === undefined) {
      const canonical: PromptRequest = { persona: req.persona, capability: 'general', chainOfThought: false, templateKey: key, paraphrase: 0, turn: 1 };
      s = this.generator.generate(canonical, new Random(this.t.seed, 'system', key)).system;
      this.systems.set(cacheKey, s);
    }
    return s;
  }

  /**
   * A campaign's long shared system prompt: of the instruction prompts the generator writes for the
   * campaign's keys, the shortest that is still long (any long one serves the tactic; a shorter one keeps
   * every line of the campaign, and so the output, smaller).
   */
  private sharedSystem(scope: string, req: PromptRequest): string | null {
    const cacheKey = `shared||${scope}`;
    let s = this.systems.get(cacheKey);
    if (s === undefined) {
      s = null;
      for (let j = 0; j < 16; j++) {
        const got = this.cachedSystem(`${scope}~s${j}:t0`, req);
        if (got !== null && got.length >= 400 && (s === null || got.length < s.length)) s = got;
      }
      this.systems.set(cacheKey, s);
    }
    return s;
  }

  private systemText(system: string | null): string {
    let j = this.systemJson.get(system);
    if (j === undefined) {
      j = system === null ? 'null' : JSON.stringify(system);
      if (this.systemJson.size > 20_000) this.systemJson.clear();
      this.systemJson.set(system, j);
    }
    return j;
  }

  private userAgent(acct: number, t: number): string {
    const a = this.t.accounts;
    const client = a.uaClient[acct]!;
    // Spoofers copy a User-Agent once and keep sending it; real agents update themselves.
    const frozen = a.uaFrozenAt[acct]!;
    const at = Number.isNaN(frozen) ? t : frozen;
    const version = a.version[acct]!;
    const key = `${client}|${version}|${Math.floor(at / DAY_MS)}`;
    let ua = this.uaJson.get(key);
    if (ua === undefined) {
      ua = JSON.stringify(CLIENT_STACKS[client].userAgent(version, at, this.rng));
      if (this.uaJson.size > 100_000) this.uaJson.clear();
      this.uaJson.set(key, ua);
    }
    return ua;
  }

  line(c: EventChunk, i: number): string {
    const t = this.t;
    const actor = c.actor[i]!;
    const acct = t.actors.acct[actor]!;
    const A = t.accounts;
    const persona = PROMPT_PERSONAS[t.actors.persona[actor]!]!;
    const flags = c.flags[i]!;
    const limited = (flags & 8) !== 0;
    const tools = (flags & 2) !== 0;
    const warm = (flags & 4) !== 0;
    const turn = c.turn[i]!;
    const seed = c.seed[i]!;
    const req: PromptRequest = {
      persona,
      capability: CAPABILITIES[c.cap[i]!] as Capability,
      chainOfThought: (flags & 1) !== 0,
      paraphrase: c.para[i]!,
      turn,
    };
    const tkey = c.tkey[i]!;
    if (tkey !== '') req.templateKey = tkey;
    const bench = c.bench[i]!;
    if (bench !== '') req.benchmark = bench;
    const style = t.actors.style[actor]!;
    if (style > 0) req.style = PROMPT_STYLES[style];
    const text = this.generator.generate(req, this.rng.reseed(seed));

    let system: string | null;
    switch (SYSTEM_POLICIES[t.actors.system[actor]!]) {
      case 'none':
        system = null;
        break;
      case 'product': {
        // The client product's own system prompt: an agent's is the same for all who run (or claim) it.
        const client = A.uaClient[acct]!;
        system = AGENT_CLIENTS.has(client)
          ? this.cachedSystem(`agent:${client}`, { ...req, persona: 'coding_agent' })
          : this.cachedSystem(`product:${client}:${acct % 6}`, req);
        break;
      }
      case 'account':
        system = this.cachedSystem(`account:${A.id[acct]}`, req);
        break;
      case 'shared':
        system = this.sharedSystem(t.actors.scope[actor]!, req);
        break;
      default:
        system = text.system;
    }

    // Tokens: the stable prefix (system prompt, tool definitions), the history, and what is new.
    const ctx = c.ctx[i]!;
    const prefix = tok(system) + (tools ? A.toolTokens[acct]! : 0);
    const fresh = tok(text.prompt) + c.extra[i]!;
    let input = prefix + ctx + fresh;
    let read = 0;
    let write = 0;
    if (!limited) {
      switch (CACHE_KINDS[t.actors.cache[actor]!]) {
        case 'agent':
          // Everything up to the newest message comes from the cache; the new material is written to it.
          read = (turn > 1 || warm ? prefix : 0) + ctx;
          write = fresh + (turn > 1 || warm ? 0 : prefix);
          input = 3 + (seed % 40);
          break;
        case 'chat':
          if (A.cachesHistory[acct] && turn > 1) {
            read = prefix + ctx;
            input = fresh;
          }
          break;
        case 'template': {
          // The template's fixed instructions lead the prompt; with the system prompt they are the cached prefix.
          const skeleton = prefix + Math.round(tok(text.prompt) * 0.6);
          if (warm) read = skeleton;
          else write = skeleton;
          input = ctx + fresh + prefix - skeleton;
          break;
        }
      }
    }
    const out = limited ? 0 : c.out[i]!;
    const model = t.models[c.model[i]!]!;
    const speed = model.includes('small') ? 8 : 22;
    const latency = limited ? 15 + (seed % 60) : Math.round(250 + (seed % 900) + out * speed * (0.8 + ((seed >>> 10) % 400) / 1000) + (input + read) / 50);
    const ts = c.ts[i]!;
    const org = A.org[acct]!;
    const conv = c.conv[i]!;
    const temp = c.temp[i]!;
    return (
      `{"request_id":"${c.rid[i]}","ts":"${this.iso(ts)}","account_id":"${A.id[acct]}","org_id":${org === null ? 'null' : `"${org}"`},` +
      `"api_key_id":"${A.keys[acct]![c.key[i]!]}","ip":"${c.ip[i]}","user_agent":${this.userAgent(acct, ts)},"client_fingerprint":"${A.fingerprint[acct]}",` +
      `"model":${JSON.stringify(model)},"endpoint":"${A.endpoint[acct]}","status":${limited ? 429 : 200},"input_tokens":${input},"output_tokens":${out},` +
      `"cache_read_tokens":${read},"cache_write_tokens":${write},"max_tokens":${nul(c.maxTokens[i]!)},"n":${nul(c.n_[i]!)},"top_logprobs":${nul(c.top[i]!)},` +
      `"temperature":${Number.isNaN(temp) ? 'null' : temp},"logit_bias_size":${c.bias[i]},"reasoning_budget":${nul(c.budget[i]!)},"tool_names":${tools ? A.toolsJson[acct] : '[]'},` +
      `"conversation_id":${conv === '' ? 'null' : `"${conv}"`},"turn":${turn},"system":${this.systemText(system)},` +
      `"prompt":${JSON.stringify(text.prompt)},"response":${limited ? '""' : JSON.stringify(text.response)},"latency_ms":${latency}}\n`
    );
  }
}
