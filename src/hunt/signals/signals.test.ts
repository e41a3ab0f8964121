import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers.js';
import { World, WORLD_DAY, WORLD_START, type ExchangeSpec } from '../../../test/world.js';
import { ingest } from '../../ingest/ingest.js';
import { openWarehouse, type Warehouse } from '../../warehouse/warehouse.js';
import { DEFAULT_HUNT_CONFIG, makeContext } from '../context.js';
import { buildAccountFeatures, buildExchangeFeatures } from '../features.js';
import { buildIpInfo } from '../ipinfo.js';
import { buildLinkKeys } from '../link.js';
import { scoreSignals } from '../score.js';
import { SIGNALS } from './index.js';
import { buildPeerMatches } from '../../share/match.js';

/**
 * Every signal against a small world: it must stand out on accounts showing its behaviour, and stay quiet
 * on the legitimate look-alikes its design is meant to tell apart.
 */

const tmp = tempDir();
let wh: Warehouse;
let bits: Map<string, Map<string, number>>; // signal -> account -> bits

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

function buildWorld(): World {
  const w = new World(11);
  for (const id of range('user', 150)) w.ordinaryUser(id);

  const steady = (id: string, make: (i: number, t: number) => ExchangeSpec, count = 60, gapMs = 3_600_000) => {
    // Each account on its own clock (a shared one would make them all start sessions in step).
    const phase = w.int(gapMs);
    for (let i = 0; i < count; i++) {
      const t = WORLD_START + 2 * WORLD_DAY + phase + i * gapMs + w.int(gapMs / 2);
      w.exchange(make(i, t));
    }
  };
  const userLike = (id: string, over: Partial<ExchangeSpec>) => {
    w.account({ account_id: id });
    steady(id, (i, t) => ({ account_id: id, ts: t, ip: '73.1.2.3', turn: 1 + (i % 3), ...over }));
  };

  for (const id of range('maxout', 5)) userLike(id, { max_tokens: 32_000 });
  for (const id of range('cot', 5)) userLike(id, { prompt: `Solve this and show your reasoning step by step: ${w.words(10)}` });
  for (const id of range('rubric', 5)) userLike(id, { prompt: `Score this response on a scale of 1 to 10 using the rubric below: ${w.words(10)}` });
  for (const id of range('maxreason', 5)) userLike(id, { reasoning_budget: 32_000 });
  for (const id of range('single', 5)) {
    w.account({ account_id: id });
    steady(id, (_i, t) => ({ account_id: id, ts: t, ip: '73.1.2.4', turn: 1 }));
  }
  for (const id of range('cap', 5)) userLike(id, { prompt: `Implement a python function that parses ${w.words(3)} and write a unit test for it` });
  // Output-layer extraction: hundreds of biased tokens, one token back.
  for (const id of range('logit', 5)) userLike(id, { logit_bias_size: 300, max_tokens: 1 });
  for (const id of range('logprob', 5)) userLike(id, { top_logprobs: 5, max_tokens: 800 });
  for (const id of range('dist', 5)) userLike(id, { prompt: 'zeta omega kappa ' + Array.from({ length: 12 }, () => w.pick(['sigma', 'delta', 'theta', 'lambda', 'rho', 'tau'])).join(' ') });

  // Clockwork around the clock: every 10 minutes, 24/7, a few seconds of jitter.
  for (const id of range('cron', 5)) {
    w.account({ account_id: id });
    for (let i = 0; i < 400; i++) w.exchange({ account_id: id, ts: WORLD_START + i * 600_000 + w.int(5_000), ip: '73.9.9.9' });
  }
  // An orchestrator's jobs: 16 accounts start together (within a minute) three times a day at times no
  // clock explains, work a few minutes, and are quiet in between. And the same work on each account's own
  // clock: as many jobs, at its own times.
  const jobsAt = () => Array.from({ length: 24 }, (_, j) => WORLD_START + (2 + Math.floor(j / 3)) * WORLD_DAY + (j % 3) * 7 * 3_600_000 + w.int(3 * 3_600_000));
  const work = (id: string, starts: number[]) => {
    w.account({ account_id: id });
    for (const t0 of starts) {
      const t = t0 + w.int(60_000);
      for (let k = 0; k < 3; k++) w.exchange({ account_id: id, ts: t + k * 120_000, ip: `73.4.${w.int(250)}.${1 + w.int(250)}`, conversation_id: `c-${id}-${t}`, turn: 1 + k });
    }
  };
  const shared = jobsAt();
  for (const id of range('sync', 16)) work(id, shared);
  for (const id of range('solo', 8)) work(id, jobsAt());

  // Free tier (5 rpm) kept at 4 requests a minute, minute after minute.
  for (const id of range('ratelim', 5)) {
    w.account({ account_id: id, tier: 'free' });
    for (let m = 0; m < 60; m++) for (let k = 0; k < 4; k++) w.exchange({ account_id: id, ts: WORLD_START + m * 60_000 + k * 14_000, ip: '73.9.9.8' });
  }
  for (const id of range('limited', 5)) userLike(id, { status: 429 });

  // Genuine coding agents: their UA (three releases in use, half on the latest), their TLS stack (two builds of
  // it: a third of them on a platform whose TLS extension list differs, one JA4_b), long cached prefixes.
  const agentSystem = 'You are an autonomous coding agent. '.repeat(20);
  for (const [k, id] of range('agent', 12).entries()) {
    w.account({ account_id: id });
    const ja4 = k % 3 === 0 ? 't13d1716h2_5b57614c22b0_eca864cca44a' : 't13d1715h2_5b57614c22b0_3d5424432f57';
    steady(id, (i, t) => ({
      account_id: id, ts: t, ip: `98.${w.int(9)}.1.1`, user_agent: `claude-cli/1.0.${29 + Math.min(2, k % 4)}`, client_fingerprint: ja4,
      system: agentSystem, tool_names: ['Bash', 'Edit', 'Read'], turn: 1 + (i % 8), cache_read_tokens: 20_000, input_tokens: 500,
    }));
  }
  // Claims to be the agent, but a different TLS stack and no cache.
  for (const id of range('spoof', 5)) {
    w.account({ account_id: id });
    steady(id, (_i, t) => ({
      account_id: id, ts: t, ip: '73.5.5.5', user_agent: 'claude-cli/1.0.31', client_fingerprint: 't13d301100_aaaaaaaaaaaa_bbbbbbbbbbbb',
      system: agentSystem, tool_names: ['Bash', 'Edit', 'Read'], turn: 1, cache_read_tokens: 0, input_tokens: 20_000,
    }));
  }
  // One campaign template, slots varying, from several accounts.
  const langs = ['Rust', 'Go', 'Kotlin', 'Haskell', 'Elixir', 'Scala'];
  for (const id of range('tmpl', 8)) {
    w.account({ account_id: id });
    steady(id, (_i, t) => ({
      account_id: id, ts: t, ip: '73.6.6.6',
      prompt: `You are given the following engineering task. Implement it in ${w.pick(langs)} with full error handling, then explain the design decisions and trade-offs you made: ${w.words(6)}`,
    }));
  }
  // A batch pipeline: one template, one account, lots of volume.
  w.account({ account_id: 'batch-0', tier: 'enterprise', created_at: new Date(WORLD_START - 400 * WORLD_DAY).toISOString() });
  steady('batch-0', (_i, t) => ({
    account_id: 'batch-0', ts: t, ip: '3.80.1.2',
    prompt: `Classify the sentiment of the following customer review as positive, negative or neutral and return JSON: ${w.words(15)}`,
  }), 300, 300_000);

  for (const id of range('dc', 5)) userLike(id, { ip: `3.90.${w.int(200)}.${1 + w.int(200)}` });
  for (const id of range('churn', 5)) {
    w.account({ account_id: id });
    steady(id, (_i, t) => ({ account_id: id, ts: t, ip: `${20 + w.int(150)}.${w.int(250)}.${w.int(250)}.${1 + w.int(250)}` }));
  }
  // A phone user: home Wi-Fi and two carrier networks.
  for (const id of range('mobile', 5)) {
    w.account({ account_id: id });
    const nets = ['73.20.1.5', '100.64.8.9', '172.58.3.3'];
    steady(id, (i, t) => ({ account_id: id, ts: t, ip: nets[i % 3]! }));
  }
  for (const id of range('geo', 5)) {
    w.account({ account_id: id, billing_country: 'US' });
    steady(id, (_i, t) => ({ account_id: id, ts: t, ip: `45.150.${w.int(250)}.${1 + w.int(200)}` }));
  }
  for (const id of range('new', 5)) {
    w.account({ account_id: id, created_at: new Date(WORLD_START + 2 * WORLD_DAY - 3_600_000).toISOString(), verified: false });
    steady(id, (_i, t) => ({ account_id: id, ts: t, ip: '73.7.7.7' }));
  }
  // A household on one card: each member uses it as much as they like.
  range('payshare', 6).forEach((id, k) => {
    w.account({ account_id: id, payment_fingerprint: 'pf-shared-card' });
    steady(id, (i, t) => ({ account_id: id, ts: t, ip: '73.1.2.3', turn: 1 + (i % 3) }), 20 * 2 ** k, 3_600_000 / 2 ** k);
  });
  // A fleet on one card: the load divided evenly, the same requests a day from every account.
  for (const id of range('fleet', 6)) {
    w.account({ account_id: id, payment_fingerprint: 'pf-fleet-card' });
    steady(id, (_i, t) => ({ account_id: id, ts: t, ip: `73.3.${w.int(250)}.${1 + w.int(250)}` }), 96, 900_000);
  }
  for (const id of range('vol', 5)) {
    w.account({ account_id: id, created_at: new Date(WORLD_START + 2 * WORLD_DAY - 3_600_000).toISOString() });
    steady(id, (_i, t) => ({ account_id: id, ts: t, ip: '73.8.8.8' }), 600, 120_000);
  }
  // Multiple-choice evaluation: real questions scored with logprobs and a bias on the answer letters,
  // each question re-sent run after run with the same settings.
  const questions = Array.from({ length: 12 }, () => `Which of the following best describes ${w.words(8)}? A) ${w.words(2)} B) ${w.words(2)} C) ${w.words(2)} D) ${w.words(2)}`);
  // (Each of these accounts with its own volume: equal volumes over a shared key would read as load spread;
  // and one session each: dozens more accounts with session starts would move synchronised_starts' scale.)
  const varied = (id: string, k: number, over: () => Partial<ExchangeSpec>) => {
    w.account({ account_id: id });
    steady(id, (i, t) => ({ account_id: id, ts: t, ip: '73.1.2.3', turn: 1 + (i % 3), ...over() }), 40 + 9 * k, 1_200_000);
  };
  range('mcq', 5).forEach((id, k) => varied(id, k, () => ({ top_logprobs: 20, max_tokens: 1, logit_bias_size: 4, prompt: w.pick(questions) })));
  // Several answers to each prompt.
  range('multin', 5).forEach((id, k) => varied(id, k, () => ({ n: 4 })));
  // Self-instruct / evol-instruct meta-prompts.
  range('synth', 5).forEach((id, k) =>
    varied(id, k, () => ({
      prompt: w.pick([
        `You are asked to come up with a set of 20 diverse task instructions about ${w.words(3)}. Try not to repeat the verb to maximize diversity.`,
        `I want you act as a Prompt Rewriter. Rewrite a given prompt into a more complex version.\n#The Given Prompt#:\n${w.words(12)}\n#Rewritten Prompt#:`,
      ]),
    })),
  );
  // A reasoning harvest: maximal reasoning, 4 samples a request, from a cloud range, every 30 minutes for 5 days;
  // and a lab running the same kind of study in one six-hour burst.
  // A top-logprob sweep over throwaway prompts of a word or two, one token back. (No draws from the world's
  // random source: the shared one makes every later account's clock differ.)
  range('lpsweep', 5).forEach((id, k) => {
    w.account({ account_id: id });
    for (let i = 0; i < 40 + 9 * k; i++) {
      w.exchange({ account_id: id, ts: WORLD_START + 5 * WORLD_DAY + k * 3_600_000 + i * 60_000, ip: '73.1.2.5', top_logprobs: 20, max_tokens: 1, prompt: ['The', 'A', 'Hello', 'x'][i % 4]!, response: 'x' });
    }
  });
  range('harvest', 5).forEach((id, k) => {
    w.account({ account_id: id });
    for (let i = 0; i < 200 + 9 * k; i++) {
      w.exchange({ account_id: id, ts: WORLD_START + WORLD_DAY + i * 1_800_000 + w.int(600_000), ip: `3.91.${w.int(200)}.${1 + w.int(200)}`, reasoning_budget: 32_000, n: 4, prompt: `Solve step by step: ${w.words(12)}` });
    }
  });
  // Accounts whose client a peer shared as an indicator (share import: a row of peer_indicators below).
  for (const id of range('peer', 5)) userLike(id, { user_agent: 'harvest-client/9.9' });
  range('labburst', 5).forEach((id, k) => {
    w.account({ account_id: id });
    const t0 = WORLD_START + (3 + k) * WORLD_DAY + w.int(12 * 3_600_000);
    for (let i = 0; i < 200 + 9 * k; i++) {
      w.exchange({ account_id: id, ts: t0 + i * 90_000, ip: '3.92.1.1', reasoning_budget: 32_000, n: 8, prompt: `Solve step by step: ${w.words(12)}` });
    }
  });
  // Complete answers several times the usual length; and users of a model that thinks aloud, every answer of
  // it that long (long for the model they ask is what counts). Last, so earlier accounts' clocks stay as they were.
  for (const id of range('longans', 5)) userLike(id, { output_tokens: 3_000 + w.int(3_000) });
  for (const id of range('thinker', 12)) userLike(id, { model: 'reasoner-1', output_tokens: 3_000 + w.int(3_000) });
  // A fleet claiming an old release of the agent that no real user still runs, more accounts than its real users.
  for (const id of range('oldspoof', 15)) {
    w.account({ account_id: id });
    steady(id, (_i, t) => ({ account_id: id, ts: t, ip: '73.5.5.6', user_agent: 'claude-cli/1.0.9', client_fingerprint: 't13d301100_aaaaaaaaaaaa_bbbbbbbbbbbb', tool_names: ['Bash', 'Edit', 'Read'] }));
  }
  // Residential proxy exits: every day a new consumer network (another ISP's range), a few requests a day for 8 days.
  // And a commuter: home and office ISPs on alternate days, over as many days.
  range('proxyrot', 5).forEach((id, k) => {
    w.account({ account_id: id });
    for (let d = 0; d < 8; d++) for (let i = 0; i < 4; i++) {
      w.exchange({ account_id: id, ts: WORLD_START + (2 + d) * WORLD_DAY + (9 + 3 * i) * 3_600_000 + k * 60_000, ip: `${110 + ((d * 11 + k * 3) % 100)}.${d}.${k}.${1 + i}` });
    }
  });
  range('commuter', 5).forEach((id, k) => {
    w.account({ account_id: id });
    for (let d = 0; d < 8; d++) for (let i = 0; i < 4; i++) {
      w.exchange({ account_id: id, ts: WORLD_START + (2 + d) * WORLD_DAY + (8 + 3 * i) * 3_600_000 + k * 60_000, ip: d % 2 ? `74.${k}.1.1` : `103.${k}.2.2` });
    }
  });
  // A datacenter proxy pool rotated per request over 12 small hosting companies: 10 of them every day, for 6 days.
  // And a person on three networks every day (home ISP, phone carrier, office ISP).
  range('dcpool', 5).forEach((id, k) => {
    w.account({ account_id: id });
    for (let d = 0; d < 6; d++) for (let i = 0; i < 10; i++) {
      w.exchange({ account_id: id, ts: WORLD_START + (2 + d) * WORLD_DAY + (8 + i) * 3_600_000 + k * 60_000, ip: `45.${(i + d + k) % 12}.${k}.${1 + i}` });
    }
  });
  range('threenets', 5).forEach((id, k) => {
    w.account({ account_id: id });
    for (let d = 0; d < 6; d++) for (let i = 0; i < 6; i++) {
      w.exchange({ account_id: id, ts: WORLD_START + (2 + d) * WORLD_DAY + (7 + 2 * i) * 3_600_000 + k * 60_000, ip: [`74.${k}.1.1`, `1.${k}.3.3`, `103.${k}.2.2`][i % 3]! });
    }
  });
  // Conversations of long answers (3,000-5,000 tokens): a script asking its next question 20 s after each answer is
  // complete, a person reading each (15-20 minutes: about 250 words a minute), and an agent loop whose next turn (a
  // tool's result) comes at once.
  const conversations = (id: string, pauseMs: () => number, tools: string[] = []) => {
    w.account({ account_id: id });
    for (let c = 0; c < 8; c++) {
      let t = WORLD_START + (2 + c) * WORLD_DAY + (9 + w.int(8)) * 3_600_000;
      for (let turn = 1; turn <= 4; turn++) {
        const latency = 40_000 + w.int(20_000);
        w.exchange({ account_id: id, ts: t, ip: '73.5.6.7', conversation_id: `c-${id}-${c}`, turn, output_tokens: 3_000 + w.int(2_000), latency_ms: latency, tool_names: tools });
        t += latency + pauseMs();
      }
    }
  };
  for (const id of range('unread', 5)) conversations(id, () => 15_000 + w.int(10_000));
  for (const id of range('reader', 5)) conversations(id, () => 15 * 60_000 + w.int(5 * 60_000));
  for (const id of range('agentloop', 5)) conversations(id, () => 2_000 + w.int(3_000), ['bash', 'edit']);
  // A lab's sampling study with the harvest's shape (maximal reasoning, 4 samples, every 30 minutes for 4 days and
  // more) from its campus network rather than the cloud. (Last, and no draws: earlier accounts' clocks stay.)
  range('campuslab', 5).forEach((id, k) => {
    w.account({ account_id: id });
    for (let i = 0; i < 200 + 9 * k; i++) {
      w.exchange({ account_id: id, ts: WORLD_START + WORLD_DAY + i * 1_800_000 + k * 60_000, ip: `128.2.${k}.${1 + (i % 200)}`, reasoning_budget: 32_000, n: 4, prompt: `Solve step by step: study item ${i}` });
    }
  });
  // Five of the ordinary users are on a free plan with no payment method on file.
  for (const id of range('user', 5)) w.accounts.find((a) => a.account_id === id)!.payment_fingerprint = null;
  return w;
}

beforeAll(async () => {
  const w = buildWorld();
  const files = w.write(tmp.dir);
  // The operator's IP-to-ASN table: ISP ranges in the US, a hosting range, a foreign ISP.
  const asn = join(tmp.dir, 'ip2asn.tsv');
  writeFileSync(
    asn,
    [
      ['1.0.0.0', '2.255.255.255', '64500', 'US', 'Example ISP'],
      ['3.0.0.0', '3.255.255.255', '16509', 'US', 'AMAZON-02'],
      ['4.0.0.0', '44.255.255.255', '64501', 'US', 'Example Broadband'],
      // twelve small hosting companies (a datacenter proxy pool's)
      ...Array.from({ length: 12 }, (_, i) => [`45.${i}.0.0`, `45.${i}.255.255`, `${64900 + i}`, 'NL', `Example VPS Host ${i}`]),
      ['45.150.0.0', '45.150.255.255', '64999', 'NL', 'Example Transit NL'],
      ['46.0.0.0', '99.255.255.255', '64502', 'US', 'Example Cable'],
      // one consumer ISP per /8 from 100 up (the proxy exits' networks)
      ...Array.from({ length: 124 }, (_, i) => [`${100 + i}.0.0.0`, `${100 + i}.255.255.255`, `${65000 + i}`, 'US', `Example Regional ISP ${i}`]),
    ].map((r) => r.join('\t')).join('\n') + '\n',
  );
  wh = await openWarehouse({ data: join(tmp.dir, 'data') });
  await ingest(wh, { exchanges: [files.exchanges], accounts: [files.accounts] });
  const ctx = makeContext(wh, { ...DEFAULT_HUNT_CONFIG, asnFile: asn });
  await buildIpInfo(ctx);
  await buildExchangeFeatures(ctx);
  await buildAccountFeatures(ctx);
  await wh.insertRows('peer_indicators', [
    { producer_id: 'identity--00000000-0000-4000-8000-000000000001', producer: 'Peer', bundle_id: 'bundle--x', indicator_id: 'indicator--x', campaign_id: '', campaign_name: '', tlp: 'amber',
      kind: 'user_agent', value: 'harvest-client/9.9', match_rule: 'exact', max_distance: 0, key_id: '', peer_campaign_accounts: 10, peer_outside_accounts: 0,
      valid_from: '2026-01-01 00:00:00.000', valid_until: null, modified: '2026-01-01 00:00:00.000', pattern: '', source_file: 'x.json' },
  ]);
  await buildPeerMatches(ctx);
  await buildLinkKeys(ctx);
  await scoreSignals(ctx, SIGNALS);
  const rows = await wh.query<{ signal: string; account_id: string; bits: number }>('SELECT signal, account_id, bits FROM _hunt_signal_scores');
  bits = new Map();
  for (const r of rows) {
    if (!bits.has(r.signal)) bits.set(r.signal, new Map());
    bits.get(r.signal)!.set(r.account_id, r.bits);
  }
});
afterAll(async () => {
  await wh?.close();
  tmp.cleanup();
});

const bitsOf = (signal: string, prefix: string) =>
  [...(bits.get(signal) ?? new Map<string, number>())].filter(([a]) => a.startsWith(`${prefix}-`)).map(([, b]) => b);

/** Each row: the signal, the accounts showing its behaviour, the look-alikes it must not mistake for them. */
const CASES: { signal: string; fires: string; quietOn?: string[] }[] = [
  { signal: 'volume_intensity', fires: 'vol' },
  { signal: 'max_output', fires: 'maxout' },
  { signal: 'long_answers', fires: 'longans', quietOn: ['user', 'thinker', 'maxout'] },
  { signal: 'cot_elicitation', fires: 'cot' },
  { signal: 'max_reasoning_budget', fires: 'maxreason' },
  { signal: 'rubric_grading', fires: 'rubric' },
  { signal: 'single_turn', fires: 'single' },
  { signal: 'unread_answers', fires: 'unread', quietOn: ['user', 'reader', 'agentloop'] },
  { signal: 'timing_regularity', fires: 'cron', quietOn: ['user'] },
  { signal: 'always_on', fires: 'cron', quietOn: ['user'] },
  { signal: 'synchronised_starts', fires: 'sync', quietOn: ['user', 'solo'] },
  { signal: 'rate_limit_pressure', fires: 'ratelim', quietOn: ['user', 'vol'] },
  { signal: 'rate_limited', fires: 'limited', quietOn: ['user', 'ratelim'] },
  { signal: 'load_spread', fires: 'fleet', quietOn: ['payshare'] },
  { signal: 'capability_targeting', fires: 'cap' },
  { signal: 'template_shared', fires: 'tmpl', quietOn: ['batch', 'user'] },
  { signal: 'cache_mismatch', fires: 'spoof', quietOn: ['agent'] },
  { signal: 'client_mismatch', fires: 'spoof', quietOn: ['agent', 'user'] },
  { signal: 'datacenter_ip', fires: 'dc', quietOn: ['user', 'mobile'] },
  { signal: 'ip_churn', fires: 'churn', quietOn: ['user', 'mobile'] },
  { signal: 'country_mismatch', fires: 'geo', quietOn: ['user', 'dc'] },
  { signal: 'proxy_rotation', fires: 'proxyrot', quietOn: ['user', 'mobile', 'dc', 'agent', 'harvest'] },
  { signal: 'exit_spread', fires: 'dcpool', quietOn: ['user', 'mobile', 'dc', 'agent', 'harvest', 'commuter', 'proxyrot', 'threenets'] },
  { signal: 'new_account', fires: 'new', quietOn: ['user'] },
  { signal: 'shared_payment', fires: 'payshare', quietOn: ['user'] },
  { signal: 'logit_sweep', fires: 'logit', quietOn: ['logprob', 'mcq', 'user'] },
  { signal: 'logprob_sweep', fires: 'lpsweep', quietOn: ['logprob', 'mcq', 'user'] },
  { signal: 'repeated_sampling', fires: 'multin', quietOn: ['user'] },
  { signal: 'reasoning_harvest', fires: 'harvest', quietOn: ['labburst', 'campuslab', 'maxreason', 'multin', 'user'] },
  { signal: 'instruction_synthesis', fires: 'synth', quietOn: ['user', 'cot', 'rubric'] },
  { signal: 'distribution_shift', fires: 'dist' },
  { signal: 'peer_indicator', fires: 'peer', quietOn: ['user', 'spoof', 'agent'] },
];

describe('signals', () => {
  it('has a test case for every registered signal', () => {
    expect(CASES.map((c) => c.signal).sort()).toEqual(SIGNALS.map((s) => s.id).sort());
  });

  it('documents every signal (what, why, confounders) and gives it a known group', () => {
    for (const s of SIGNALS) {
      expect(s.measures.length, s.id).toBeGreaterThan(20);
      expect(s.why.length, s.id).toBeGreaterThan(20);
      expect(s.confounders.length, s.id).toBeGreaterThan(10);
    }
  });

  it('gives the signals with a floor a value that reaches it on the attack and stays far under it on its look-alikes', async () => {
    const rows = await wh.query<{ signal: string; account_id: string; raw: number }>(
      `SELECT signal, account_id, raw FROM _hunt_signal_scores WHERE signal IN ('logit_sweep', 'logprob_sweep', 'reasoning_harvest')`,
    );
    const raw = (signal: string, prefix: string) => rows.filter((r) => r.signal === signal && r.account_id.startsWith(`${prefix}-`)).map((r) => r.raw);
    const floor = (id: string) => SIGNALS.find((s) => s.id === id)!.floor!.value;
    // 60 probes each in this small world: under the floor of 100, but the count is exact.
    expect(raw('logit_sweep', 'logit')).toEqual([60, 60, 60, 60, 60]);
    expect(Math.max(...raw('logit_sweep', 'mcq'), ...raw('logit_sweep', 'logprob'))).toBe(0);
    expect(raw('logprob_sweep', 'lpsweep').sort((a, b) => a - b)).toEqual([40, 49, 58, 67, 76]);
    expect(Math.max(...raw('logprob_sweep', 'mcq'))).toBe(0);
    // Harvest hours: 4 days and more around the clock, against one burst of 6 hours.
    for (const v of raw('reasoning_harvest', 'harvest')) expect(v).toBeGreaterThanOrEqual(floor('reasoning_harvest'));
    expect(Math.max(...raw('reasoning_harvest', 'labburst'))).toBe(0);
    // The same study from a campus network: no machine in the cloud, no harvest hours.
    expect(raw('reasoning_harvest', 'campuslab')).toEqual([0, 0, 0, 0, 0]);
    for (const s of SIGNALS.filter((x) => x.floor)) expect(s.floor!.why.length, s.id).toBeGreaterThan(100);
  });

  it('proxy_rotation: a new network every day is all new days; a commuter between two ISPs one; a phone user on three and the cloud none', async () => {
    const rows = await wh.query<{ account_id: string; raw: number }>(`SELECT account_id, raw FROM _hunt_signal_scores WHERE signal = 'proxy_rotation'`);
    const raw = (prefix: string) => rows.filter((r) => r.account_id.startsWith(`${prefix}-`)).map((r) => r.raw);
    expect(raw('proxyrot')).toEqual([1, 1, 1, 1, 1]);
    expect(raw('commuter').map((v) => v.toFixed(3))).toEqual(Array(5).fill((1 / 7).toFixed(3)));
    expect(Math.max(...raw('mobile'), ...raw('user'))).toBe(0);
    // hosting networks are not consumer networks: a cloud range hopping between addresses scores 0
    expect(raw('harvest')).toEqual([0, 0, 0, 0, 0]);
    expect(Math.max(...bitsOf('proxy_rotation', 'commuter'))).toBeLessThan(Math.min(...bitsOf('proxy_rotation', 'proxyrot')));
  });

  it('exit_spread: a datacenter pool of twelve hosts counts its typical day beyond three networks; a person on three, a commuter, a daily proxy and the cloud none', async () => {
    const rows = await wh.query<{ account_id: string; raw: number }>(`SELECT account_id, raw FROM _hunt_signal_scores WHERE signal = 'exit_spread'`);
    const raw = (prefix: string) => rows.filter((r) => r.account_id.startsWith(`${prefix}-`)).map((r) => r.raw);
    expect(raw('dcpool')).toEqual([7, 7, 7, 7, 7]);
    expect(raw('threenets')).toEqual([0, 0, 0, 0, 0]);
    // a new ISP once a day is proxy_rotation's: one network a day is no spread
    expect(Math.max(...raw('proxyrot'), ...raw('commuter'), ...raw('harvest'), ...raw('user'))).toBe(0);
    // the one evidence of a hidden origin in two groups, each a way of the campaign's (campaignProvenance)
    expect(SIGNALS.find((s) => s.id === 'exit_spread')!.group).toBe('exits');
    expect(SIGNALS.find((s) => s.id === 'proxy_rotation')!.group).toBe('origin');
  });

  it('shared_payment: an account with no card on file is measured, as its own payer, like a customer with a card of its own', async () => {
    const rows = await wh.query<{ account_id: string; raw: number }>(`SELECT account_id, raw FROM _hunt_signal_scores WHERE signal = 'shared_payment'`);
    const raw = (prefix: string) => rows.filter((r) => r.account_id.startsWith(`${prefix}-`)).map((r) => r.raw);
    // (measured, not missing: a linked group's typical member is then one of all its members, not of its card holders)
    const cardless = range('user', 5);
    expect(rows.filter((r) => cardless.includes(r.account_id)).map((r) => r.raw)).toEqual([1, 1, 1, 1, 1]);
    // no evidence either way, as for every ordinary user with a card of their own
    expect(Math.max(...bitsOf('shared_payment', 'user'))).toBeCloseTo(0, 9);
    expect(bitsOf('shared_payment', 'user').length).toBe(150);
    expect(Math.min(...bitsOf('shared_payment', 'payshare'))).toBeGreaterThan(4);
  });

  it('client_mismatch: a fleet outnumbering the real users on an old release it claims still mismatches, the real users do not', () => {
    const fleet = bitsOf('client_mismatch', 'oldspoof');
    const agents = bitsOf('client_mismatch', 'agent');
    expect(fleet.length).toBe(15);
    expect(Math.min(...fleet)).toBeGreaterThanOrEqual(2);
    expect(Math.max(0, ...agents)).toBeLessThan(Math.min(...fleet));
  });

  it('links accounts that start their sessions together, and only them', async () => {
    const rows = await wh.query<{ account_id: string; keys: string }>(
      `SELECT a.account_id AS account_id, count() AS keys FROM _hunt_keys AS k INNER JOIN _hunt_acct AS a ON a.acct = k.acct
       WHERE k.kind = 'sync_start' GROUP BY a.account_id`,
    );
    const keys = new Map(rows.map((r) => [r.account_id, Number(r.keys)]));
    // Most of the 24 jobs are a crowded bucket (one in a busy hour, or split by a bucket boundary, may fall
    // short of the bar).
    for (const id of range('sync', 16)) expect(keys.get(id) ?? 0, id).toBeGreaterThanOrEqual(12);
    // Anyone else holds a key only by starting in a job's bucket by chance: once or twice.
    for (const [id, n] of keys) if (!id.startsWith('sync-')) expect(n, id).toBeLessThanOrEqual(2);
  });

  for (const c of CASES) {
    it(`${c.signal}: stands out on ${c.fires}-*${c.quietOn ? `, quiet on ${c.quietOn.join(', ')}` : ''}`, () => {
      const fired = bitsOf(c.signal, c.fires);
      const background = bitsOf(c.signal, 'user').sort((a, b) => a - b);
      expect(fired.length, `${c.fires} accounts scored`).toBeGreaterThan(0);
      // Every account showing the behaviour is more extreme than 95% of ordinary users (all of them when
      // ordinary users are not scored at all), and at least 1 in 4 of the whole population (this world is full of single-purpose accounts).
      const p95 = background.length ? background[Math.floor(background.length * 0.95)]! : 0;
      expect(Math.min(...fired), `${c.signal} on ${c.fires} against ordinary users`).toBeGreaterThan(p95);
      expect(Math.min(...fired), `${c.signal} on ${c.fires}`).toBeGreaterThanOrEqual(2);
      for (const q of c.quietOn ?? []) {
        const quiet = bitsOf(c.signal, q);
        if (quiet.length === 0) continue; // not scored at all: quiet by construction
        const median = [...quiet].sort((a, b) => a - b)[Math.floor(quiet.length / 2)]!;
        expect(median, `${c.signal} on ${q}: median`).toBeLessThan(3);
        expect(Math.max(...quiet), `${c.signal}: every ${q} below every ${c.fires}`).toBeLessThan(Math.min(...fired));
      }
    });
  }
});
