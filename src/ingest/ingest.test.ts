import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, tempDir } from '../../test/helpers.js';
import { openWarehouse, type Warehouse } from '../warehouse/warehouse.js';
import { ingest, IngestError } from './ingest.js';

const tmp = tempDir();
let wh: Warehouse;
beforeAll(async () => {
  wh = await openWarehouse({ data: join(tmp.dir, 'data') });
});
afterAll(async () => {
  await wh.close();
  tmp.cleanup();
});

const file = (name: string, content: string | Buffer) => {
  const p = join(tmp.dir, name);
  writeFileSync(p, content);
  return p;
};
const jsonl = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
const count = async (sql: string, params?: Record<string, unknown>) =>
  Number((await wh.query<{ n: string }>(sql, params))[0]?.n);
const quarantine = (path: string) =>
  readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { source_file: string; line: number; field: string; reason: string; errors: { field: string; reason: string }[]; raw: string });

describe('ingest of a file with good and malformed records', () => {
  const rows = [
    exchange({ request_id: 'g1' }),
    exchange({ request_id: 'g2', ts: 1776852000456, org_id: 'org-1', tool_names: ['bash', 'edit'] }),
    '',
    exchange({ request_id: 'b1', input_tokens: -5 }), // line 4
    'this is not json', // line 5
    exchange({ request_id: 'b2', ip: '999.1.1.1' }), // line 6
    exchange({ request_id: 'b3', ts: 'yesterday' }), // line 7
    exchange({ request_id: 'b4', ts: 1776852000 }), // line 8: epoch seconds
    exchange({ request_id: 'b5', turn: 0 }), // line 9
    exchange({ request_id: 'b6', output_tokens: 1.5 }), // line 10
    exchange({ request_id: 'b7', account_id: undefined }), // line 11
    exchange({ request_id: 'b8', tool_names: [1, 2] }), // line 12
    exchange({ request_id: 'b9', status: 'ok' }), // line 13
    '[1,2,3]', // line 14
    exchange({ request_id: 'g3', account_id: 'acct-2', logit_bias_size: undefined, tool_names: undefined }), // line 15
    exchange({ request_id: 'g1' }), // line 16: repeats line 1
  ];
  let summary: Awaited<ReturnType<typeof ingest>>;
  beforeAll(async () => {
    summary = await ingest(wh, { exchanges: [file('mixed.jsonl', jsonl(rows))] });
  });

  it('reconciles exactly: read = accepted + quarantined', () => {
    const f = summary.files[0]!;
    expect(f.read).toBe(15); // the blank line is not a record
    expect(f.blankLines).toBe(1);
    expect(f.quarantined).toBe(11);
    expect(f.accepted).toBe(4);
    expect(f.inserted).toBe(3);
    expect(f.duplicates).toBe(1);
    expect(f.read).toBe(f.accepted + f.quarantined);
  });

  it('keeps each request once', async () => {
    expect(await count('SELECT count() AS n FROM exchanges')).toBe(3);
    expect(await count('SELECT uniqExact(request_id) AS n FROM exchanges')).toBe(3);
  });

  it('writes every rejected record with its file, line, field and reason', () => {
    const q = quarantine(summary.quarantineFile!);
    const byLine = Object.fromEntries(q.map((r) => [r.line, r]));
    expect(Object.keys(byLine).map(Number)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(byLine[4]).toMatchObject({ field: 'input_tokens', reason: 'is negative' });
    expect(byLine[5]).toMatchObject({ field: '(record)', raw: 'this is not json' });
    expect(byLine[6]).toMatchObject({ field: 'ip' });
    expect(byLine[7]).toMatchObject({ field: 'ts', reason: expect.stringContaining('ISO-8601') });
    expect(byLine[8]).toMatchObject({ field: 'ts', reason: expect.stringContaining('epoch seconds') });
    expect(byLine[9]).toMatchObject({ field: 'turn', reason: 'is smaller than 1' });
    expect(byLine[10]).toMatchObject({ field: 'output_tokens', reason: 'is not an integer' });
    expect(byLine[11]).toMatchObject({ field: 'account_id', reason: 'is missing' });
    expect(byLine[12]).toMatchObject({ field: 'tool_names' });
    expect(byLine[13]).toMatchObject({ field: 'status' });
    expect(byLine[14]).toMatchObject({ field: '(record)' });
    for (const r of q) expect(r.source_file).toMatch(/mixed\.jsonl$/);
    expect(JSON.parse(byLine[4]!.raw)).toMatchObject({ request_id: 'b1', input_tokens: -5 });
  });

  it('never zeroes a bad value: rejected requests are absent, not stored with defaults', async () => {
    expect(await count("SELECT count() AS n FROM exchanges WHERE request_id LIKE 'b%'")).toBe(0);
  });

  it('stores typed values, and the documented meaning of absent fields', async () => {
    const rows = await wh.query<Record<string, unknown>>(
      "SELECT request_id, toString(ts) AS ts, org_id, tool_names, logit_bias_size FROM exchanges ORDER BY request_id",
    );
    expect(rows).toEqual([
      { request_id: 'g1', ts: '2026-04-22 10:00:00.123', org_id: null, tool_names: [], logit_bias_size: 0 },
      { request_id: 'g2', ts: '2026-04-22 10:00:00.456', org_id: 'org-1', tool_names: ['bash', 'edit'], logit_bias_size: 0 },
      { request_id: 'g3', ts: '2026-04-22 10:00:00.123', org_id: null, tool_names: [], logit_bias_size: 0 },
    ]);
  });

  it('is idempotent: loading the same file again adds nothing', async () => {
    const again = await ingest(wh, { exchanges: [join(tmp.dir, 'mixed.jsonl')] });
    expect(again.totals).toMatchObject({ read: 15, accepted: 4, inserted: 0, duplicates: 4, quarantined: 11 });
    expect(await count('SELECT count() AS n FROM exchanges')).toBe(3);
  });
});

describe('text fidelity', () => {
  it('keeps unicode byte-for-byte and prompts of 1 MB, through gzip', async () => {
    const big = 'ä'.repeat(300_000) + '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u0000 "quoted" \\ \n\t' + 'x'.repeat(400_000);
    const odd = 'emoji 😀 · RTL עברית · combining é · zero-width \u200b · CJK 中文';
    const path = file(
      'text.jsonl.gz',
      gzipSync(jsonl([exchange({ request_id: 't1', prompt: big, system: odd, response: '' }), exchange({ request_id: 't2', prompt: null })])),
    );
    const s = await ingest(wh, { exchanges: [path] });
    expect(s.totals).toMatchObject({ read: 2, inserted: 2, quarantined: 0 });
    const rows = await wh.query<{ request_id: string; prompt: string | null; system: string | null; response: string | null; bytes: string }>(
      "SELECT request_id, prompt, system, response, length(prompt) AS bytes FROM exchanges WHERE request_id IN ('t1', 't2') ORDER BY request_id",
    );
    expect(rows[0]!.prompt).toBe(big);
    expect(Number(rows[0]!.bytes)).toBe(Buffer.byteLength(big));
    expect(Number(rows[0]!.bytes)).toBeGreaterThan(1_000_000);
    expect(rows[0]!.system).toBe(odd);
    expect(rows[0]!.response).toBe('');
    expect(rows[1]!.prompt).toBeNull();
  });
});

describe('other formats and shapes', () => {
  it('reads CSV with a header in any column order, naming the bad field', async () => {
    const csv = [
      'account_id,request_id,ts,ip,model,endpoint,status,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,turn,tool_names,prompt,extra',
      'acct-c,c1,2026-04-22T10:00:00.000Z,198.51.100.1,m,messages,200,10,20,0,0,1,"[""bash""]","multi',
      'line, with comma",ignored',
      'acct-c,c2,2026-04-22T10:00:01.000Z,198.51.100.1,m,messages,429,10,20,0,0,1,,,',
      'acct-c,c3,2026-04-22T10:00:02.000Z,198.51.100.1,m,messages,200,ten,20,0,0,1',
    ].join('\n');
    const s = await ingest(wh, { exchanges: [file('ex.csv', csv + '\n')] });
    expect(s.totals).toMatchObject({ read: 3, inserted: 2, quarantined: 1 });
    expect(quarantine(s.quarantineFile!)[0]).toMatchObject({ field: 'input_tokens', reason: 'is not an integer' });
    const [c1] = await wh.query<{ prompt: string; tool_names: string[] }>("SELECT prompt, tool_names FROM exchanges WHERE request_id = 'c1'");
    expect(c1).toEqual({ prompt: 'multi\nline, with comma', tool_names: ['bash'] });
  });

  it('reads Parquet through the same validation', async () => {
    const path = join(tmp.dir, 'ex.parquet');
    await wh.exportToFile(
      `SELECT concat('p', toString(number)) AS request_id, toDateTime64('2026-04-22 00:00:00', 3, 'UTC') + number AS ts,
        'acct-p' AS account_id, '10.1.1.1' AS ip, 'm' AS model, 'messages' AS endpoint, 200 AS status,
        toInt64(number) - 1 AS input_tokens, 5 AS output_tokens, 0 AS cache_read_tokens, 0 AS cache_write_tokens, 1 AS turn,
        ['x', 'y'] AS tool_names, 'héllo' AS prompt FROM numbers(3)`,
      path,
      'Parquet',
    );
    const s = await ingest(wh, { exchanges: [path] });
    expect(s.totals).toMatchObject({ read: 3, inserted: 2, quarantined: 1 });
    expect(quarantine(s.quarantineFile!)[0]).toMatchObject({ line: 1, field: 'input_tokens', reason: 'is negative' });
    expect(await wh.query("SELECT tool_names, prompt FROM exchanges WHERE request_id = 'p2'")).toEqual([{ tool_names: ['x', 'y'], prompt: 'héllo' }]);
  });

  it('maps OpenAI chat.completions and Anthropic messages request/response logs onto the schema', async () => {
    const openai = {
      request_id: 'oa1',
      timestamp: '2026-04-22T10:00:00Z',
      account_id: 'acct-oa',
      ip: '1.1.1.1',
      user_agent: 'OpenAI/Python 1.40.0',
      latency_ms: 900,
      request: {
        model: 'gpt-x',
        messages: [
          { role: 'system', content: 'Be terse.' },
          { role: 'user', content: 'hi' },
          { role: 'assistant', content: 'hello' },
          { role: 'user', content: [{ type: 'text', text: 'Explain step by step' }] },
        ],
        max_completion_tokens: 4096,
        temperature: 0.2,
        n: 2,
        logprobs: true,
        top_logprobs: 5,
        logit_bias: { '123': -100, '456': 5 },
        tools: [{ type: 'function', function: { name: 'search' } }],
      },
      response: {
        id: 'chatcmpl-1',
        model: 'gpt-x',
        choices: [{ message: { role: 'assistant', content: 'Step 1...' } }],
        usage: { prompt_tokens: 100, completion_tokens: 50, prompt_tokens_details: { cached_tokens: 64 } },
      },
    };
    const anthropic = {
      ts: '2026-04-22T10:00:00.5Z',
      account_id: 'acct-an',
      ip: '::1',
      request: {
        model: 'claude-x',
        system: [{ type: 'text', text: 'You are a coding agent.' }],
        max_tokens: 32000,
        thinking: { type: 'enabled', budget_tokens: 16000 },
        tools: [{ name: 'Bash' }, { name: 'Edit' }],
        messages: [
          { role: 'user', content: 'fix the bug' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] },
        ],
      },
      response: {
        id: 'msg_01',
        type: 'message',
        model: 'claude-x',
        content: [{ type: 'thinking', thinking: '...' }, { type: 'text', text: 'Done.' }],
        usage: { input_tokens: 12, output_tokens: 300, cache_read_input_tokens: 20000, cache_creation_input_tokens: 500 },
      },
    };
    const s = await ingest(wh, { exchanges: [file('openai.jsonl', jsonl([openai])), file('anthropic.jsonl', jsonl([anthropic]))] });
    expect(s.files.map((f) => f.shape)).toEqual(['openai', 'anthropic']);
    expect(s.totals).toMatchObject({ read: 2, inserted: 2, quarantined: 0 });
    const rows = await wh.query(
      `SELECT request_id, account_id, model, endpoint, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,
        max_tokens, n, top_logprobs, temperature, logit_bias_size, reasoning_budget, tool_names, turn, system, prompt, response
       FROM exchanges WHERE account_id IN ('acct-oa', 'acct-an') ORDER BY account_id`,
    );
    expect(rows).toEqual([
      {
        request_id: 'msg_01', account_id: 'acct-an', model: 'claude-x', endpoint: 'messages',
        input_tokens: 12, output_tokens: 300, cache_read_tokens: 20000, cache_write_tokens: 500,
        max_tokens: 32000, n: null, top_logprobs: null, temperature: null, logit_bias_size: 0, reasoning_budget: 16000,
        tool_names: ['Bash', 'Edit'], turn: 1, system: 'You are a coding agent.', prompt: 'fix the bug', response: 'Done.',
      },
      {
        request_id: 'oa1', account_id: 'acct-oa', model: 'gpt-x', endpoint: 'chat.completions',
        input_tokens: 36, output_tokens: 50, cache_read_tokens: 64, cache_write_tokens: 0,
        max_tokens: 4096, n: 2, top_logprobs: 5, temperature: 0.2, logit_bias_size: 2, reasoning_budget: null,
        tool_names: ['search'], turn: 2, system: 'Be terse.', prompt: 'Explain step by step', response: 'Step 1...',
      },
    ]);
  });
});

describe('accounts', () => {
  it('validates account records and lets a newer snapshot replace an older one', async () => {
    const header = 'account_id,org_id,created_at,email_domain,payment_fingerprint,billing_country,tier,signup_ip,verified';
    const first = file('acc1.csv', [header, 'u1,o1,2026-04-01T00:00:00Z,gmail.com,pf1,us,free,1.2.3.4,false', 'u2,,2026-04-02T00:00:00Z,corp.com,,DE,enterprise,,true', 'u3,,2026-04-02,x.com,,DEU,gold,1.2.3,maybe'].join('\n'));
    const s1 = await ingest(wh, { exchanges: [], accounts: [first] });
    expect(s1.totals).toMatchObject({ read: 3, inserted: 2, quarantined: 1 });
    const q = quarantine(s1.quarantineFile!)[0]!;
    expect(q.errors.map((e) => e.field)).toEqual(['billing_country', 'tier', 'signup_ip', 'verified']);

    const second = file('acc2.csv', [header, 'u1,o1,2026-04-01T00:00:00Z,gmail.com,pf1,US,build,1.2.3.4,true'].join('\n'));
    const s2 = await ingest(wh, { exchanges: [], accounts: [second] });
    expect(s2.totals).toMatchObject({ read: 1, accepted: 1, duplicates: 1 });
    expect(await wh.query('SELECT account_id, billing_country, tier, verified FROM accounts ORDER BY account_id')).toEqual([
      { account_id: 'u1', billing_country: 'US', tier: 'build', verified: true },
      { account_id: 'u2', billing_country: 'DE', tier: 'enterprise', verified: true },
    ]);
  });
});

describe('unreadable input', () => {
  it('names the file and the problem, and keeps nothing from it', async () => {
    const before = await count('SELECT count() AS n FROM exchanges');
    await expect(ingest(wh, { exchanges: [join(tmp.dir, 'missing.jsonl')] })).rejects.toThrow(/missing\.jsonl: no such file/);
    await expect(ingest(wh, { exchanges: [file('notes.txt', 'x')] })).rejects.toThrow(/cannot tell the format/);
    await expect(ingest(wh, { exchanges: [file('broken.jsonl.gz', 'not gzip at all')] })).rejects.toThrow(IngestError);
    expect(await count('SELECT count() AS n FROM exchanges')).toBe(before);
  });
});
