#!/usr/bin/env node
// bench/guard: the inline guard against a bare pass-through proxy built on the same HTTP stack (the guard's own
// proxy with no decision), in one run, both in front of one local mock upstream that streams SSE. autocannon
// drives each arm in turn for --seconds. The guard runs as `distillwatch guard` with Redis counters on (a quota
// rule meters every request; with the product's default `counters.sync_every` the guard decides it locally and
// syncs with Redis every interval, with `--sync 0` every request is a Redis round trip), the exchange sink and
// the audit log on. Prints the sync interval used, req/s, latency percentiles, the added p99 and the req/s ratio.
//   --sync MS    the policy's counters.sync_every (default: the product's default, printed)
//   --soak S     also run the guard alone for S seconds and sample its resident memory (flat = no leak)
//   --streams N  also open N concurrent slow streams through the guard and check every one arrives whole
// Usage: node bench/guard.mjs [--seconds 10] [--connections 32] [--sync MS] [--soak 300] [--streams 10000] [--record]
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, Agent } from 'node:http';
import { createServer as netServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, arg, flag, fmt, machine, recordSection } from './lib.mjs';

const self = fileURLToPath(import.meta.url);
const CHUNKS = 8;

// ---- child roles -------------------------------------------------------------------------------
if (arg('child') === 'upstream') {
  // A streaming upstream: CHUNKS SSE events per answer, optionally spaced (for the concurrent-streams check).
  const gap = Number(arg('gap', '0'));
  const events = [];
  for (let i = 0; i < CHUNKS; i++) events.push(`data: ${JSON.stringify({ id: 'c1', model: 'mock', choices: [{ index: 0, delta: { content: `token${i} ` } }] })}\n\n`);
  events.push(`data: ${JSON.stringify({ id: 'c1', model: 'mock', choices: [], usage: { prompt_tokens: 20, completion_tokens: CHUNKS } })}\n\ndata: [DONE]\n\n`);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const e of events) {
        res.write(e);
        if (gap) await new Promise((r) => setTimeout(r, gap));
      }
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.maxConnections = 100_000;
  server.listen(Number(arg('port')), '127.0.0.1', () => console.log('ready'));
} else if (arg('child') === 'bare') {
  const { createProxy } = await import('../dist/respond/proxy.js');
  const server = createProxy(null, { upstream: new URL(arg('upstream')) });
  server.listen(Number(arg('port')), '127.0.0.1', () => console.log('ready'));
} else {
  await main();
}

// ---- the run -----------------------------------------------------------------------------------
function freePort() {
  return new Promise((resolve) => {
    const s = netServer();
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

async function child(args, ready = (line) => line.includes('ready')) {
  const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let buf = '';
  await new Promise((resolve, reject) => {
    p.stdout.on('data', (d) => {
      buf += d;
      if (buf.split('\n').some(ready)) resolve();
    });
    p.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
  p.removeAllListeners('exit');
  return { proc: p, output: () => buf };
}

function rssMiB(pid, field = 'VmRSS') {
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux: /proc/PID/stat, clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(url, seconds, connections, rate = 0) {
  const { default: autocannon } = await import('autocannon');
  const body = JSON.stringify({ model: 'mock', stream: true, max_tokens: 256, messages: [{ role: 'user', content: 'Write a haiku about proxies.' }] });
  const r = await autocannon({
    url: `${url}/v1/chat/completions`,
    method: 'POST',
    connections,
    duration: seconds,
    ...(rate > 0 ? { overallRate: rate } : {}),
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench', 'x-account-id': 'acct_bench' },
    body,
  });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, p999: r.latency.p99_9 ?? r.latency.p999, errors: r.errors + r.non2xx, total: r.requests.total };
}

async function streams(url, n) {
  // n concurrent slow streams; each must arrive whole ([DONE] at the end) and in several chunks.
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const body = JSON.stringify({ model: 'mock', stream: true, messages: [{ role: 'user', content: 'hi' }] });
  const t0 = Date.now();
  const one = () =>
    new Promise((resolve) => {
      const req = request(`${url}/v1/chat/completions`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-account-id': 'acct_bench' } }, (res) => {
        let text = '';
        let chunks = 0;
        res.on('data', (c) => {
          chunks++;
          text += c;
        });
        res.on('end', () => resolve(res.statusCode === 200 && text.endsWith('data: [DONE]\n\n') && chunks > 1));
        res.on('error', () => resolve(false));
      });
      req.on('error', () => resolve(false));
      req.end(body);
    });
  const ok = (await Promise.all(Array.from({ length: n }, one))).filter(Boolean).length;
  return { ok, n, seconds: (Date.now() - t0) / 1000 };
}

async function main() {
  const seconds = Number(arg('seconds', '10'));
  const connections = Number(arg('connections', '32'));
  const soak = Number(arg('soak', '0'));
  const nStreams = Number(arg('streams', '0'));
  const cli = join(ROOT, 'dist', 'cli', 'main.js');
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('bench/guard needs redis-server (apt-get install redis-server)');
  const tmp = mkdtempSync(join(tmpdir(), 'dw-bench-guard-'));
  const procs = [];
  try {
    const redisPort = await freePort();
    const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', tmp], { stdio: 'ignore' });
    procs.push(redis);
    const upPort = await freePort();
    procs.push((await child([self, '--child', 'upstream', '--port', String(upPort)])).proc);
    const upstream = `http://127.0.0.1:${upPort}`;
    const barePort = await freePort();
    const bareProc = (await child([self, '--child', 'bare', '--port', String(barePort), '--upstream', upstream])).proc;
    procs.push(bareProc);

    // The guard: Redis counters, a quota every request goes through, a campaign rule, the sink and audit log.
    const findings = join(tmp, 'findings');
    spawnSync('mkdir', ['-p', findings]);
    writeFileSync(join(findings, 'accounts.jsonl'), ['acct_c1', 'acct_c2'].map((a) => JSON.stringify({ account_id: a, risk: 0.9, flagged: true, tier: 'campaign', campaign_id: 'C001', reasons: [] })).join('\n') + '\n');
    const policy = join(tmp, 'policy.yaml');
    const syncArg = arg('sync', '');
    writeFileSync(
      policy,
      `version: 1
${syncArg !== '' ? `counters: { sync_every: ${Number(syncArg)} }\n` : ''}rules:
  - name: campaign
    when: { tier: [campaign] }
    do: { type: degrade, max_tokens: 64 }
    quota: { scope: campaign, limit: 100, window: 1h, then: { type: block } }
  - name: everyone
    do: { type: allow }
    quota: { scope: account, limit: 1000000000, window: 1h, then: { type: log } }
`,
    );
    // The sync interval the guard runs with, as it reads the policy (the product default unless --sync).
    const { loadPolicy } = await import('../dist/respond/policy.js');
    const syncMs = loadPolicy(policy).counters?.sync_every ?? 0;
    console.error(`bench/guard: Redis counters sync every ${syncMs} ms${syncMs === 0 ? ' (exact: a round trip per request)' : ''}${syncArg === '' ? ' (the default)' : ''}`);
    const guardPort = await freePort();
    const redisUrl = `redis://127.0.0.1:${redisPort}`;
    for (let i = 0; i < 50; i++) {
      if (spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout?.includes('PONG')) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const guard = await child(
      [cli, 'guard', '--upstream', upstream, '--listen', `127.0.0.1:${guardPort}`, '--findings', findings, '--no-warehouse', '--redis', redisUrl, '--policy', policy,
        '--account-header', 'x-account-id', ...(flag('no-sink') ? [] : ['--log-dir', join(tmp, 'log')]), '--json'],
      (line) => line.startsWith('{'),
    );
    procs.push(guard.proc);
    const guardUrl = `http://127.0.0.1:${guardPort}`;
    const bareUrl = `http://127.0.0.1:${barePort}`;

    console.error(`bench/guard: warming up`);
    await load(bareUrl, 2, connections);
    await load(guardUrl, 2, connections);
    console.error(`bench/guard: ${seconds} s per arm, ${connections} connections`);
    const bare = await load(bareUrl, seconds, connections);
    const guarded = await load(guardUrl, seconds, connections);
    const addedP99 = guarded.p99 - bare.p99;
    const ratio = guarded.rps / bare.rps;

    // At a fixed offered load both sustain (half the guard's saturated rate): each proxy's own CPU per request
    // (its process alone, apart from autocannon, the upstream and Redis sharing the cores) and the latency a
    // client sees when neither is saturated.
    const rate = Math.max(100, Math.round(guarded.rps / 2 / 100) * 100);
    console.error(`bench/guard: ${seconds} s per arm at ${rate} req/s`);
    // (Redis's own CPU per request is counted too: it is work the guard adds on the same cores.)
    const atRate = async (url, pid) => {
      const c0 = cpuMs(pid);
      const r0 = cpuMs(redis.pid);
      const r = await load(url, seconds, connections, rate);
      const n = Math.max(1, r.total);
      return { ...r, cpuUs: ((cpuMs(pid) - c0) * 1000) / n, redisUs: ((cpuMs(redis.pid) - r0) * 1000) / n };
    };
    const bareAt = await atRate(bareUrl, bareProc.pid);
    const guardAt = await atRate(guardUrl, guard.proc.pid);

    let soakLine = '';
    if (soak > 0) {
      console.error(`bench/guard: soak, ${soak} s`);
      const samples = [rssMiB(guard.proc.pid)];
      const started = Date.now();
      const running = load(guardUrl, soak, connections);
      while (Date.now() - started < soak * 1000) {
        await new Promise((r) => setTimeout(r, 10_000));
        samples.push(rssMiB(guard.proc.pid));
      }
      const s = await running;
      const q = (f) => samples[Math.min(samples.length - 1, Math.floor(f * samples.length))];
      soakLine = `\nSoak: \`--soak ${soak}\`: ${fmt(s.total)} requests at ${fmt(s.rps)} req/s; the guard's resident memory every 10 s: start ${fmt(samples[0])} MiB, after 10% ${fmt(q(0.1))} MiB, middle ${fmt(q(0.5))} MiB, end ${fmt(samples.at(-1))} MiB, max ${fmt(Math.max(...samples))} MiB.\n`;
    }
    let streamsLine = '';
    if (nStreams > 0) {
      // A second upstream that spaces its chunks, so the streams are all open at once.
      const slowPort = await freePort();
      procs.push((await child([self, '--child', 'upstream', '--port', String(slowPort), '--gap', '100'])).proc);
      const g2Port = await freePort();
      const g2 = await child(
        [cli, 'guard', '--upstream', `http://127.0.0.1:${slowPort}`, '--listen', `127.0.0.1:${g2Port}`, '--findings', findings, '--no-warehouse', '--redis', redisUrl,
          '--policy', policy, '--account-header', 'x-account-id', '--log-dir', join(tmp, 'log2'), '--json'],
        (line) => line.startsWith('{'),
      );
      procs.push(g2.proc);
      const r = await streams(`http://127.0.0.1:${g2Port}`, nStreams);
      streamsLine = `\nConcurrent streams: \`--streams ${nStreams}\`: ${fmt(r.ok)} of ${fmt(r.n)} streams (${CHUNKS + 1} events each, 100 ms apart, so all open at once) arrived whole through the guard in ${r.seconds.toFixed(1)} s; peak resident memory of the guard ${fmt(rssMiB(g2.proc.pid, 'VmHWM'))} MiB.\n`;
    }

    const row = (name, r) => `| ${name} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${r.p999} | ${fmt(r.errors)} |`;
    const md = `## Inline guard (\`bench/guard\`)

\`node bench/guard.mjs --seconds ${seconds} --connections ${connections}${soak ? ` --soak ${soak}` : ''}${nStreams ? ` --streams ${nStreams}` : ''}\` on ${machine()}.
autocannon, ${connections} connections, ${seconds} s per arm after a 2 s warm-up, against one local mock upstream streaming ${CHUNKS + 1} SSE events per answer.
The guard: \`distillwatch guard\` with Redis counters (every request passes a quota; ${syncMs > 0 ? `\`counters.sync_every: ${syncMs}\`${syncArg === '' ? ', the default' : ''}: decided in the guard, its counts synced with Redis every ${syncMs} ms` : '`counters.sync_every: 0`: each request makes one Redis round trip'}), the exchange sink and the audit log on. The bare proxy: the guard's own proxy code with no decision (\`createProxy(null)\`). Each runs in its own process; autocannon, the upstream and Redis share the same cores.

| arm | req/s | p50 ms | p99 ms | p99.9 ms | errors |
|---|---:|---:|---:|---:|---:|
${row('bare pass-through proxy', bare)}
${row('guard (Redis on)', guarded)}

Added latency at p99: **${addedP99} ms** (target ≤ 1 ms: ${addedP99 <= 1 ? 'met' : 'not met'}). Requests/s: **${(ratio * 100).toFixed(1)}%** of the bare proxy's (target ≥ 90%: ${ratio >= 0.9 ? 'met' : 'not met'}).

At a fixed offered load of ${fmt(rate)} req/s (half the guard's saturated rate), where neither proxy is saturated: each proxy's own CPU time per request (user + system, from /proc) and the latency a client sees.

| arm | req/s | CPU µs per request | p50 ms | p99 ms |
|---|---:|---:|---:|---:|
| bare pass-through proxy | ${fmt(bareAt.rps)} | ${fmt(bareAt.cpuUs)} | ${bareAt.p50} | ${bareAt.p99} |
| guard (Redis on) | ${fmt(guardAt.rps)} | ${fmt(guardAt.cpuUs)} | ${guardAt.p50} | ${guardAt.p99} |

The guard's CPU per request is **${(guardAt.cpuUs / bareAt.cpuUs).toFixed(2)}x** the bare proxy's (Redis's own: ${fmt(guardAt.redisUs)} µs per guarded request); added latency at p99 at this load: **${guardAt.p99 - bareAt.p99} ms**.
${soakLine}${streamsLine}`;
    console.log(md);
    console.error(`bench/guard: counters.sync_every ${syncMs} ms; guard ${(ratio * 100).toFixed(1)}% of the bare proxy's req/s, +${addedP99} ms p99; CPU per request ${(guardAt.cpuUs / bareAt.cpuUs).toFixed(2)}x (Redis ${fmt(guardAt.redisUs)} µs per request)`);
    if (flag('record')) recordSection('guard', md);
  } finally {
    for (const p of procs.reverse()) if (p.exitCode === null) p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  }
}
