import { describe, expect, it } from 'vitest';
import { degradeBody } from './actions.js';
import { MemoryCounters, estimate } from './counters.js';
import { compile, decide } from './decide.js';
import { EMPTY_FACTS, requestFacts } from './facts.js';
import { HostingRanges, inCidrs, parseCidr } from './ip.js';
import { DEFAULT_SYNC_MS, PolicyError, validatePolicy } from './policy.js';
import { ResponseTap } from './tap.js';
import { NO_PEERS, type Snapshot, type Verdict } from './verdicts.js';

function snapshot(verdicts: Record<string, Verdict>, judged: string[] = []): Snapshot {
  const map = new Map(Object.entries(verdicts));
  const campaigns = new Map<string, string[]>();
  for (const [a, v] of map) if (v.campaign) campaigns.set(v.campaign, [...(campaigns.get(v.campaign) ?? []), a]);
  return { verdicts: map, judged: new Set([...map.keys(), ...judged]), campaigns, fingerprints: new Map(), keys: new Map(), peers: NO_PEERS, source: 'test', version: '1', loadedAt: '' };
}
const member = (campaign: string): Verdict => ({ tier: 'campaign', flagged: true, risk: 0.9, campaign, reasons: ['template_shared'] });
const who = (account_id: string, ip: string | null = '198.51.100.7') => ({ account_id, api_key_id: null, ip });

describe('policy validation', () => {
  it('names the path of a bad field', () => {
    const bad = { version: 1, rules: [{ name: 'a', do: { type: 'delay', ms: 'soon' } }] };
    expect(() => validatePolicy(bad, 'p.yaml')).toThrow(/p\.yaml: rules\[0\]\.do\[0\]\.ms: expected a duration/);
    expect(() => validatePolicy({ version: 1, rules: [{ name: 'a', when: { tier: ['campain'] } }] }, 'p.yaml')).toThrow(/rules\[0\]\.when\.tier\[0\]/);
    expect(() => validatePolicy({ version: 1, rules: [{ name: 'a', quota: { scope: 'campaign', limit: 0, window: '1h', then: { type: 'block' } } }] }, 'p')).toThrow(
      /rules\[0\]\.quota\[0\]\.limit: /,
    );
    expect(() => validatePolicy({ version: 1, allow: { ips: ['10.0.0.0/33'] } }, 'p')).toThrow(/allow\.ips\[0\]: not an IPv4\/IPv6/);
    expect(() => validatePolicy({ version: 1, rules: [{ name: 'x' }, { name: 'x' }] }, 'p')).toThrow(PolicyError);
    expect(() => validatePolicy({ version: 1, typo: true }, 'p')).toThrow(/Unrecognized key/);
    expect(() => validatePolicy({ version: 2 }, 'p')).toThrow(/version/);
  });

  it('reads durations and single actions', () => {
    const p = validatePolicy({ version: 1, rules: [{ name: 'a', do: { type: 'delay', ms: '1.5s', jitter: 200 }, quota: { scope: 'account', limit: 3, window: '1m', then: { type: 'block' } } }] });
    expect(p.rules[0]!.do).toEqual([{ type: 'delay', ms: 1500, jitter: 200 }]);
    expect(p.rules[0]!.quota?.[0]?.window).toBe(60_000);
    expect(p.faults.counters).toBe('open');
  });

  it('reads how often the Redis counters sync: lagged by default, exact with 0, bounded, and long enough windows', () => {
    expect(validatePolicy({ version: 1 }).counters.sync_every).toBe(DEFAULT_SYNC_MS);
    expect(DEFAULT_SYNC_MS).toBeGreaterThan(0);
    expect(validatePolicy({ version: 1, counters: { sync_every: 0 } }).counters.sync_every).toBe(0);
    expect(validatePolicy({ version: 1, counters: { sync_every: '100ms' } }).counters.sync_every).toBe(100);
    expect(() => validatePolicy({ version: 1, counters: { sync_every: '20s' } }, 'p')).toThrow(/p: counters\.sync_every: at most 10s/);
    expect(() => validatePolicy({ version: 1, counters: { sync_every: -1 } }, 'p')).toThrow(/counters\.sync_every/);
    expect(() => validatePolicy({ version: 1, counters: { sync: '1s' } }, 'p')).toThrow(/Unrecognized key/);
    const quota = (window: string) => ({ version: 1, counters: { sync_every: '500ms' }, rules: [{ name: 'a', quota: { scope: 'account', limit: 3, window, then: { type: 'block' } } }] });
    expect(() => validatePolicy(quota('2s'), 'p')).toThrow(/p: rules\[0\]\.quota\[0\]\.window: 2000ms is shorter than 10 x counters\.sync_every \(500ms\)/);
    expect(validatePolicy(quota('5s')).rules[0]!.quota![0]!.window).toBe(5000);
  });
});

describe('decide', () => {
  const hosting = HostingRanges.load(null);
  const policy = validatePolicy({
    version: 1,
    allow: { accounts: ['acct_vip'], ips: ['192.0.2.0/24'] },
    rules: [
      { name: 'campaign', when: { tier: ['campaign'] }, do: { type: 'degrade', max_tokens: 64 }, quota: { scope: 'campaign', limit: 4, window: '1h', then: { type: 'block' } } },
      { name: 'probe', when: { evidence_any: ['logit_bias_probe'] }, do: { type: 'block' } },
    ],
  });
  const c = compile(policy, hosting);

  it('a campaign shares one quota across its accounts, and nobody else is touched', async () => {
    const counters = new MemoryCounters();
    const snap = snapshot({ a1: member('K'), a2: member('K'), a3: member('K') }, ['b1']);
    const actions: string[] = [];
    for (let i = 0; i < 9; i++) actions.push((await decide(c, who(`a${(i % 3) + 1}`), EMPTY_FACTS, snap, counters)).action);
    expect(actions.filter((a) => a === 'degrade')).toHaveLength(4);
    expect(actions.filter((a) => a === 'block')).toHaveLength(5);
    const benign = await decide(c, who('b1'), EMPTY_FACTS, snap, counters);
    expect(benign.action).toBe('allow');
    const vip = await decide(c, who('acct_vip'), requestFacts('chat.completions', { logit_bias: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [i, 5])), max_tokens: 1 }), snap, counters);
    expect(vip.reasons).toEqual(['allow_list']);
    const fromAllowedNet = await decide(c, who('a1', '192.0.2.10'), EMPTY_FACTS, snap, counters);
    expect(fromAllowedNet.action).toBe('allow');
    await counters.close();
  });

  it("names the peer whose network or client indicator a request matches, and acts only where the policy says", async () => {
    const counters = new MemoryCounters();
    const snap: Snapshot = {
      ...snapshot({}, ['u1', 'u2']),
      peers: { networks: new Map([['Lab A', [parseCidr('203.0.113.0/24')!]]]), userAgents: new Map([['harvest-bot/1.0', 'Lab B']]), tlsFingerprints: new Map() },
    };
    const logPeers = compile(validatePolicy({ version: 1, rules: [{ name: 'peer', when: { evidence_any: ['peer_indicator'] }, do: { type: 'log' } }] }), hosting);
    const fromNet = await decide(logPeers, { ...who('u1', '203.0.113.9'), user_agent: 'curl/8' }, EMPTY_FACTS, snap, counters);
    expect(fromNet.evidence).toContain('peer_indicator');
    expect(fromNet.reasons).toContain('peer:Lab A');
    expect(fromNet.action).toBe('log');
    const byClient = await decide(logPeers, { ...who('u2', '198.51.100.7'), user_agent: 'harvest-bot/1.0' }, EMPTY_FACTS, snap, counters);
    expect(byClient.reasons).toContain('peer:Lab B');
    const clean = await decide(logPeers, { ...who('u2', '198.51.100.7'), user_agent: 'curl/8' }, EMPTY_FACTS, snap, counters);
    expect(clean.evidence).not.toContain('peer_indicator');
    expect(clean.action).toBe('allow');
    // A policy that says nothing of peers' indicators does nothing with them (they never act alone by default).
    expect((await decide(c, { ...who('u1', '203.0.113.9') }, EMPTY_FACTS, snap, counters)).action).toBe('allow');
    await counters.close();
  });

  it('request-level evidence uses the hunt floors', async () => {
    const counters = new MemoryCounters();
    const bias = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), 10]));
    const probe = requestFacts('chat.completions', { messages: [{ role: 'user', content: 'x' }], logit_bias: bias(64), max_tokens: 1 });
    expect((await decide(c, who('z'), probe, null, counters)).evidence).toContain('logit_bias_probe');
    // Below the floor, or a normal-length answer: not a probe.
    const small = requestFacts('chat.completions', { logit_bias: bias(63), max_tokens: 1 });
    expect((await decide(c, who('z'), small, null, counters)).action).toBe('allow');
    const long = requestFacts('chat.completions', { logit_bias: bias(200), max_tokens: 500 });
    expect((await decide(c, who('z'), long, null, counters)).action).toBe('allow');
    const cot = requestFacts('messages', { system: 'x', messages: [{ role: 'user', content: [{ type: 'text', text: 'Solve it. Show your reasoning step by step.' }] }] });
    const d = await decide(c, who('z', '3.5.5.5'), cot, snapshot({}), counters);
    expect(d.evidence).toEqual(expect.arrayContaining(['cot_elicitation', 'hosting_ip', 'unknown_account']));
    const lp = requestFacts('chat.completions', { messages: [{ role: 'user', content: 'The' }], logprobs: true, top_logprobs: 20, max_tokens: 1 });
    expect((await decide(c, who('z'), lp, null, counters)).evidence).toContain('logprob_probe');
    await counters.close();
  });

  it('fails open or closed when the counters fail', async () => {
    const broken = { kind: 'redis' as const, take: () => Promise.reject(new Error('down')), peek: () => Promise.reject(new Error('down')), close: async () => {} };
    const snap = snapshot({ a1: member('K') });
    const open = await decide(c, who('a1'), EMPTY_FACTS, snap, broken);
    expect(open.action).toBe('degrade');
    expect(open.reasons).toEqual(expect.arrayContaining(['counters_unavailable', 'fail_open']));
    const closed = compile(validatePolicy({ ...policy, faults: { ...policy.faults, counters: 'closed' } }), hosting);
    const shut = await decide(closed, who('a1'), EMPTY_FACTS, snap, broken);
    expect(shut.action).toBe('block');
    expect(shut.reasons).toContain('fail_closed');
    // Someone no metered rule applies to never touches the counters.
    expect((await decide(closed, who('b'), EMPTY_FACTS, snap, broken)).action).toBe('allow');
  });
});

describe('counters', () => {
  it('the sliding window weighs the previous bucket by what is left of it', async () => {
    expect(estimate(2, 10, 1000, 5250)).toBe(2 + 10 * 0.75);
    const m = new MemoryCounters();
    const w = { key: 'k', limit: 3, windowMs: 1000 };
    const t = 10_000;
    expect((await m.take([w], t)).admitted).toBe(true);
    expect((await m.take([w], t + 1)).admitted).toBe(true);
    expect((await m.take([w], t + 2)).admitted).toBe(true);
    expect((await m.take([w], t + 3)).admitted).toBe(false);
    // Half-way into the next bucket, half of the 3 still count: room for one.
    expect((await m.take([w], t + 1500)).admitted).toBe(true);
    expect((await m.take([w], t + 1501)).admitted).toBe(false);
    // All-or-nothing: a refusal by one window consumes nothing in the other.
    const other = { key: 'other', limit: 100, windowMs: 1000 };
    await m.take([other, w], t + 1502);
    expect(await m.peek(other, t + 1502)).toBe(0);
    await m.close();
  });
});

describe('request rewriting and reading', () => {
  it('degrade caps and drops what each API calls it', () => {
    const chatBody: Record<string, unknown> = { max_tokens: 4096, logprobs: true, top_logprobs: 5, logit_bias: { 1: 2 }, reasoning_effort: 'high' };
    expect(degradeBody('chat.completions', chatBody, { max_tokens: 100, drop_reasoning: true, drop_logprobs: true, drop_logit_bias: true })).toEqual(
      expect.arrayContaining(['max_tokens=100', '-logprobs', '-top_logprobs', '-logit_bias', '-reasoning_effort']),
    );
    expect(chatBody).toEqual({ max_tokens: 100 });
    const small: Record<string, unknown> = { max_tokens: 10 };
    expect(degradeBody('chat.completions', small, { max_tokens: 100, drop_reasoning: false, drop_logprobs: false, drop_logit_bias: false })).toEqual([]);
    const msg: Record<string, unknown> = { max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: 4000 } };
    degradeBody('messages', msg, { max_tokens: 512, drop_reasoning: true, drop_logprobs: false, drop_logit_bias: false });
    expect(msg).toEqual({ max_tokens: 512 });
  });

  it('reads request facts as ingest maps them', () => {
    const f = requestFacts('chat.completions', {
      model: 'm',
      messages: [{ role: 'system', content: 'sys' }, { role: 'user', content: 'first' }, { role: 'assistant', content: 'a' }, { role: 'user', content: [{ type: 'text', text: 'last' }] }],
      max_completion_tokens: 5,
      tools: [{ type: 'function', function: { name: 'run' } }],
    });
    expect(f).toMatchObject({ model: 'm', prompt: 'last', system: 'sys', max_tokens: 5, tool_names: ['run'] });
    const a = requestFacts('messages', { messages: [{ role: 'user', content: 'q' }, { role: 'user', content: [{ type: 'tool_result', content: 'x' }] }] });
    expect(a.prompt).toBe('q');
  });

  it('the tap reads usage and text from SSE split anywhere', () => {
    const stream = [
      'data: {"id":"c1","model":"m","choices":[{"delta":{"content":"Hel"}}]}\n\n',
      'data: {"id":"c1","choices":[{"delta":{"content":"lo"}}]}\n\ndata: {"choices":[],"usage":{"prompt_tokens":9,"completion_tokens":2}}\n\ndata: [DONE]\n\n',
    ].join('');
    const bytes = Buffer.from(stream);
    for (const cut of [1, 7, 30, 64, bytes.length - 3]) {
      const t = new ResponseTap('chat.completions', true);
      t.push(bytes.subarray(0, cut));
      t.push(bytes.subarray(cut));
      const r = t.finish();
      expect(r.text).toBe('Hello');
      expect(r.usage).toEqual({ prompt_tokens: 9, completion_tokens: 2 });
    }
    // A multi-byte character split between chunks stays whole.
    const t = new ResponseTap('messages', true);
    const ev = Buffer.from('data: {"type":"content_block_delta","delta":{"type":"text_delta","text":"é"}}\n\n');
    const at = ev.indexOf(Buffer.from('é')) + 1;
    t.push(ev.subarray(0, at));
    t.push(ev.subarray(at));
    expect(t.finish().text).toBe('é');
  });

  it('a stream of same-shaped events reads each one as a parse would, whatever its text', () => {
    // Content events that share their shape are read without a parse (tap.ts, Template): texts with escapes,
    // quotes, multi-byte characters, a key-like text, and an event of another shape in between must all still
    // read as JSON.parse reads them.
    const texts = ['plain', 'a "quote"', 'line\nbreak', 'é😀', '"content":"x"', '\\', '', 'tab\there', '\u2028'];
    const chunk = (t: string) => `data: {"id":"c9","model":"m","choices":[{"index":0,"delta":{"content":${JSON.stringify(t)}}}]}\n\n`;
    const stream = [
      ...texts.map(chunk),
      'data: {"id":"c9","model":"m","choices":[{"index":0,"delta":{"content":"odd","role":"assistant"}}]}\n\n',
      ...texts.map(chunk),
      'data: {"id":"c9","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":19}}\n\ndata: [DONE]\n\n',
    ].join('');
    const bytes = Buffer.from(stream);
    for (const size of [1, 5, 64, bytes.length]) {
      const t = new ResponseTap('chat.completions', true);
      for (let at = 0; at < bytes.length; at += size) t.push(bytes.subarray(at, at + size));
      const r = t.finish();
      expect(r.text).toBe(texts.join('') + 'odd' + texts.join(''));
      expect(r.deltas).toBe(2 * texts.length + 1);
      expect(r.usage).toEqual({ prompt_tokens: 3, completion_tokens: 19 });
    }
  });

  it("reads an event whatever blanks follow its data: field, and skips [DONE] and empty data lines", () => {
    const ev = (lead: string, text: string) => `data:${lead}{"id":"c2","model":"m","choices":[{"index":0,"delta":{"content":"${text}"}}]}\n\n`;
    for (const lead of ['', ' ', '  ', '\t', ' \t ', '\u000b', '\u00a0 ']) {
      const stream = [ev(lead, 'a'), ev(lead, 'b'), 'data:\n\n', 'data:   \n\n', ev(lead, 'c'), `data:${lead}{"choices":[],"usage":{"prompt_tokens":1,"completion_tokens":3}}\r\n\r\n`, 'data:[DONE]\n\n', 'data: \t[DONE]\n\n', 'data: [DONE] \n\n'].join('');
      const bytes = Buffer.from(stream);
      for (const size of [1, 3, bytes.length]) {
        const t = new ResponseTap('chat.completions', true);
        for (let at = 0; at < bytes.length; at += size) t.push(bytes.subarray(at, at + size));
        const r = t.finish();
        expect(r.text).toBe('abc');
        expect(r.deltas).toBe(3);
        expect(r.usage).toEqual({ prompt_tokens: 1, completion_tokens: 3 });
      }
    }
  });

  it('CIDRs of both families', () => {
    expect(inCidrs('10.1.2.3', [parseCidr('10.0.0.0/8')!])).toBe(true);
    expect(inCidrs('11.1.2.3', [parseCidr('10.0.0.0/8')!])).toBe(false);
    expect(inCidrs('2001:db8::1', [parseCidr('2001:db8::/32')!])).toBe(true);
    expect(inCidrs('2001:db9::1', [parseCidr('2001:db8::/32')!])).toBe(false);
    expect(HostingRanges.load(null).has('3.1.2.3')).toBe(true);
    expect(HostingRanges.load(null).has('203.0.113.9')).toBe(false);
  });
});
