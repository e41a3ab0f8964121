#!/usr/bin/env node
// bench/rehunt: the hunt after one more day of traffic, against the hunt before it. Takes bench/hunt's
// simulated world (seed-2026, default --scale 0.1; simulated first if missing), splits off its last day,
// ingests the rest into a fresh warehouse and hunts it, then ingests the last day and hunts again, each
// step a fresh CLI process. Issue 14's target: the second hunt within 10% of a full hunt.
// Usage: node bench/rehunt.mjs [--scale 0.1] [--seed 1] [--record]
// DISTILLWATCH_BENCH_CLI=<path to cli/main.js> runs another build.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, arg, flag, fmt, machine, recordSection, runNode as run } from './lib.mjs';
import { openWarehouse } from '../dist/warehouse/warehouse.js';

const scale = arg('scale', '0.1');
const seed = arg('seed', '1');
const sim = join(ROOT, '.bench-data', `hunt-${scale}-${seed}`, 'sim');
const dir = join(ROOT, '.bench-data', `rehunt-${scale}-${seed}`);
const cli = process.env.DISTILLWATCH_BENCH_CLI ?? join(ROOT, 'dist', 'cli', 'main.js');

if (!existsSync(join(sim, 'truth', 'campaigns.json'))) {
  console.error(`simulating seed-2026 at scale ${scale} ...`);
  mkdirSync(sim, { recursive: true });
  run([cli, 'simulate', '--scenario', 'seed-2026', '--scale', scale, '--seed', seed, '--out', sim, '--json'], 'simulate');
}

// Split the world's files at the start of its last day, line for line (the records are not re-encoded).
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const scratch = await openWarehouse({ data: join(dir, 'scratch') });
const exchanges = join(sim, 'exchanges.jsonl.gz');
const accounts = join(sim, 'accounts.jsonl.gz');
const tsOf = (field) => `parseDateTime64BestEffort(JSONExtractString(line, '${field}'), 3, 'UTC')`;
const [{ last }] = await scratch.query(`SELECT toString(max(toDate(${tsOf('ts')}))) AS last FROM file({path:String}, 'LineAsString', 'line String')`, { path: exchanges });
const parts = {};
for (const [name, path, field] of [['exchanges', exchanges, 'ts'], ['accounts', accounts, 'created_at']]) {
  for (const [side, cond] of [['before', '<'], ['day', '>=']]) {
    const out = join(dir, `${name}-${side}.jsonl.gz`);
    await scratch.command(
      `INSERT INTO FUNCTION file({out:String}, 'TSVRaw', 'line String')
       SELECT line FROM file({path:String}, 'LineAsString', 'line String') WHERE ${tsOf(field)} ${cond} toDateTime64({last:String}, 3, 'UTC')`,
      { out, path, last },
    );
    parts[`${name}-${side}`] = out;
  }
}
await scratch.close();
rmSync(join(dir, 'scratch'), { recursive: true, force: true });

const data = join(dir, 'wh');
const asn = ['--asn-db', join(sim, 'ip2asn.tsv')];
const exchangesIn = (summary) => summary.files.filter((f) => f.kind === 'exchange').reduce((a, f) => a + f.inserted, 0);
const before = JSON.parse(run([cli, 'ingest', '--data', data, parts['exchanges-before'], '--accounts', parts['accounts-before'], '--json'], 'ingest').stdout);
console.error(`ingested all but the last day (${last}): ${fmt(exchangesIn(before))} exchanges`);
const first = run([cli, 'hunt', '--data', data, '--out', join(dir, 'findings-before'), ...asn, '--json'], 'hunt');
console.error(`hunt before the last day: ${first.seconds.toFixed(1)} s`);
const day = JSON.parse(run([cli, 'ingest', '--data', data, parts['exchanges-day'], '--accounts', parts['accounts-day'], '--json'], 'ingest').stdout);
console.error(`ingested the last day: ${fmt(exchangesIn(day))} exchanges`);
const again = run([cli, 'hunt', '--data', data, '--out', join(dir, 'findings-after'), ...asn, '--json'], 'hunt');
console.error(`hunt after it: ${again.seconds.toFixed(1)} s`);
rmSync(dir, { recursive: true, force: true });

const ratio = again.seconds / first.seconds;
const md = `
## Re-hunt after one more day (\`bench/rehunt\`)${scale === '0.1' ? '' : ` at --scale ${scale}`}

\`node bench/rehunt.mjs --scale ${scale} --seed ${seed}\` on ${machine()}: seed-2026 at scale ${scale} without its last day (${last}), ${fmt(exchangesIn(before))} exchanges, hunted; then its last day, ${fmt(exchangesIn(day))} exchanges, ingested and hunted again.

| run | seconds | peak memory | this / full hunt |
|---|---:|---:|---:|
| full hunt (all but the last day) | ${first.seconds.toFixed(1)} | ${fmt(first.peakMiB)} MiB | 1.00x |
| hunt after the last day is ingested | ${again.seconds.toFixed(1)} | ${fmt(again.peakMiB)} MiB | **${ratio.toFixed(2)}x** |

Target: the hunt after one more day within 10% of a full hunt: ${ratio <= 0.1 ? 'met' : 'NOT met'} (${(ratio * 100).toFixed(0)}%).
`;
console.log(md.trim());
if (flag('record')) recordSection(scale === '0.1' ? 'rehunt' : `rehunt-scale-${scale}`, md);
