/**
 * A tiny hand-built world for hunt tests: a background of ordinary users, the benign personas that look
 * like distillation on the surface, and accounts showing one attack behaviour each. Every record is
 * written by hand-rolled, seeded code so a test can say exactly which behaviour an account has.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { DEFAULT_HUNT_CONFIG } from '../src/hunt/context.js';
import { hunt, type HuntOptions, type HuntResult } from '../src/hunt/hunt.js';
import { ingest } from '../src/ingest/ingest.js';
import { seededRandom } from '../src/util/rng.js';
import { openWarehouse, type Warehouse } from '../src/warehouse/warehouse.js';
import { tempDir } from './helpers.js';

export interface WorldExchange {
  request_id: string;
  ts: string;
  account_id: string;
  org_id: string | null;
  api_key_id: string | null;
  ip: string;
  user_agent: string | null;
  client_fingerprint: string | null;
  model: string;
  endpoint: string;
  status: number;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  max_tokens: number | null;
  n: number | null;
  top_logprobs: number | null;
  temperature: number | null;
  logit_bias_size: number;
  reasoning_budget: number | null;
  tool_names: string[];
  conversation_id: string | null;
  turn: number;
  system: string | null;
  prompt: string | null;
  response: string | null;
  latency_ms: number | null;
}

export interface WorldAccount {
  account_id: string;
  org_id: string | null;
  created_at: string;
  email_domain: string | null;
  payment_fingerprint: string | null;
  billing_country: string | null;
  tier: string | null;
  signup_ip: string | null;
  verified: boolean | null;
}

/** An exchange to add: any fields to set, with `ts` in epoch milliseconds. */
export type ExchangeSpec = Omit<Partial<WorldExchange>, 'ts'> & { account_id: string; ts: number };

const START = Date.parse('2026-04-01T00:00:00Z');
const DAY = 86_400_000;

const WORDS = (
  'garden recipe travel budget email letter poem story history music movie weather health exercise sleep coffee ' +
  'meeting resume interview birthday party gift holiday flight hotel museum language french spanish grammar essay ' +
  'summary article book novel chapter character plot painting photo camera phone laptop printer wifi router ' +
  'insurance mortgage tax salary invoice spreadsheet chart presentation slide project deadline team manager ' +
  'dog cat plant soup bread cake salad pasta rice chicken fish vegetable fruit apple banana orange lemon'
).split(' ');

export class World {
  readonly exchanges: WorldExchange[] = [];
  readonly accounts: WorldAccount[] = [];
  private readonly rnd: () => number;
  private seq = 0;

  constructor(seed = 7) {
    this.rnd = seededRandom(seed);
  }

  rand(): number {
    return this.rnd();
  }
  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  words(k: number): string {
    return Array.from({ length: k }, () => this.pick(WORDS)).join(' ');
  }

  account(a: Partial<WorldAccount> & { account_id: string }): WorldAccount {
    const acct: WorldAccount = {
      org_id: null,
      created_at: new Date(START - 200 * DAY + this.int(150) * DAY).toISOString(),
      email_domain: this.pick(['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'icloud.com']),
      payment_fingerprint: `pf-${a.account_id}`,
      billing_country: 'US',
      tier: 'build',
      signup_ip: `73.${this.int(200)}.${this.int(250)}.${1 + this.int(250)}`,
      verified: true,
      ...a,
    };
    this.accounts.push(acct);
    return acct;
  }

  exchange(e: ExchangeSpec): void {
    const { ts, ...rest } = e;
    this.exchanges.push({
      request_id: `q${(this.seq++).toString(36)}-${this.int(1e9).toString(36)}`,
      org_id: null,
      api_key_id: null,
      ip: '73.10.20.30',
      user_agent: 'Mozilla/5.0 ChatApp/2.1',
      client_fingerprint: 't13d1516h2_8daaf6152771_e5627efa2ab1',
      model: 'frontier-1',
      endpoint: 'messages',
      status: 200,
      input_tokens: 200 + this.int(800),
      output_tokens: 100 + this.int(900),
      cache_read_tokens: 0,
      cache_write_tokens: 0,
      max_tokens: 1024 * (1 + this.int(4)),
      n: null,
      top_logprobs: null,
      temperature: 0.7,
      logit_bias_size: 0,
      reasoning_budget: null,
      tool_names: [],
      conversation_id: null,
      turn: 1,
      system: null,
      prompt: `please help me with ${this.words(8 + this.int(20))}`,
      response: 'Sure, here you go.',
      latency_ms: 800 + this.int(4000),
      ...rest,
      ts: new Date(ts).toISOString(),
    });
  }

  /** A person: a few sessions on some days, daytime hours, multi-turn, one home network. */
  ordinaryUser(id: string, opts: { days?: number } = {}): void {
    this.account({ account_id: id });
    const home = `73.${this.int(200)}.${this.int(250)}.${1 + this.int(250)}`;
    const days = opts.days ?? 20;
    for (let d = 0; d < days; d++) {
      if (this.rand() < 0.4) continue;
      const sessions = 1 + this.int(2);
      for (let s = 0; s < sessions; s++) {
        let t = START + d * DAY + (8 + this.int(12)) * 3_600_000 + this.int(3_600_000);
        const conv = `c-${id}-${d}-${s}`;
        const turns = 1 + this.int(4);
        for (let turn = 1; turn <= turns; turn++) {
          this.exchange({ account_id: id, ts: t, ip: home, conversation_id: conv, turn, cache_read_tokens: turn > 1 ? 300 + this.int(500) : 0 });
          t += 30_000 + this.int(600_000);
        }
      }
    }
  }

  /** Writes exchanges.jsonl and accounts.jsonl into `dir` and returns their paths. */
  write(dir: string): { exchanges: string; accounts: string } {
    const exchanges = join(dir, 'exchanges.jsonl');
    const accounts = join(dir, 'accounts.jsonl');
    const sorted = [...this.exchanges].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
    writeFileSync(exchanges, sorted.map((x) => JSON.stringify(x)).join('\n') + '\n');
    writeFileSync(accounts, this.accounts.map((x) => JSON.stringify(x)).join('\n') + '\n');
    return { exchanges, accounts };
  }
}

export const WORLD_START = START;
export const WORLD_DAY = DAY;

/**
 * Writes a test world, ingests it into a fresh warehouse and hunts it once for the test file (vitest's
 * beforeAll/afterAll), giving the result, one account's verdict, and the warehouse for further queries.
 */
export function huntedWorld(build: () => World, opts: HuntOptions = {}) {
  const tmp = tempDir();
  let wh: Warehouse | undefined;
  let result: HuntResult | undefined;
  beforeAll(async () => {
    const files = build().write(tmp.dir);
    wh = await openWarehouse({ data: join(tmp.dir, 'data') });
    await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
    result = await hunt(wh, DEFAULT_HUNT_CONFIG, opts);
  }, 120_000);
  afterAll(async () => {
    await wh?.close();
    tmp.cleanup();
  });
  const get = () => result!;
  return {
    result: get,
    verdict: (id: string) => get().accounts.find((a) => a.account_id === id)!,
    warehouse: () => wh!,
  };
}
