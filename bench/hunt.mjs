#!/usr/bin/env node
// bench/hunt: simulates and ingests seed-2026 (default --scale 0.1), then in the same run times, each in a
// fresh process so peak memory is its own:
//   - the plain baseline: one GROUP BY account_id aggregate over the table (two variants: one that only
//     counts, and one that reads the same text columns the hunt must read);
//   - the full hunt (features, signals, linking, clustering, membership, report data).
// It prints exchanges/s, peak memory and the ratio, and extrapolates to --scale 1.
// Usage: node bench/hunt.mjs [--scale 0.1] [--seed 1] [--record]
// --record writes docs/benchmarks.md's "hunt" section at --scale 0.1, and a section of its own at any other scale.
// DISTILLWATCH_BENCH_CLI=<path to cli/main.js> runs another build (e.g. a copy, so rebuilding meanwhile is safe).
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, arg, flag, fmt, machine, recordSection, runNode as run } from './lib.mjs';

const scale = arg('scale', '0.1');
const seed = arg('seed', '1');
const dir = join(ROOT, '.bench-data', `hunt-${scale}-${seed}`);
const sim = join(dir, 'sim');
const data = join(dir, 'wh');
const cli = process.env.DISTILLWATCH_BENCH_CLI ?? join(ROOT, 'dist', 'cli', 'main.js');
mkdirSync(dir, { recursive: true });

if (!existsSync(join(sim, 'truth', 'campaigns.json'))) {
  console.error(`simulating seed-2026 at scale ${scale} ...`);
  run([cli, 'simulate', '--scenario', 'seed-2026', '--scale', scale, '--seed', seed, '--out', sim, '--json'], 'simulate');
}
let ingested = null;
if (!existsSync(join(data, 'store'))) {
  console.error('ingesting ...');
  rmSync(data, { recursive: true, force: true });
  ingested = run([cli, 'ingest', '--data', data, join(sim, 'exchanges.jsonl.gz'), '--accounts', join(sim, 'accounts.jsonl.gz'), '--json'], 'ingest');
}
// A warehouse ingested by an earlier release gets its features derived first (a no-op when it has them).
const migrated = run([cli, 'migrate', '--data', data, '--json'], 'migrate');
const backfilled = JSON.parse(migrated.stdout).backfilled;
if (backfilled.exchanges > 0) console.error(`migrate: ${Object.keys(backfilled.tables).join(" and ")} derived for ${fmt(backfilled.exchanges)} exchanges in ${migrated.seconds.toFixed(1)} s`);
const count = JSON.parse(run([cli, 'query', '--data', data, '--json', 'SELECT count() AS n, uniqExact(account_id) AS a FROM exchanges'], 'count').stdout)[0];
const exchanges = Number(count.n);
console.error(`${fmt(exchanges)} exchanges, ${fmt(Number(count.a))} accounts`);

const aggCount = run([cli, 'query', '--data', data, '--format', 'Null', 'SELECT account_id, count() FROM exchanges GROUP BY account_id'], 'aggregate (count)');
const aggText = run(
  [cli, 'query', '--data', data, '--format', 'Null',
    `SELECT account_id, count(), sum(input_tokens), sum(output_tokens), uniq(ip), avg(length(prompt)), avg(length(system)),
            countIf(turn = 1), max(ts) FROM exchanges GROUP BY account_id`],
  'aggregate (text columns)',
);
const hunt = run([cli, 'hunt', '--data', data, '--out', join(dir, 'findings'), '--asn-db', join(sim, 'ip2asn.tsv'), '--json'], 'hunt');
const timings = JSON.parse(hunt.stdout).timings_s;
const evalOut = JSON.parse(run([cli, 'eval', '--findings', join(dir, 'findings'), '--truth', join(sim, 'truth'), '--json'], 'eval').stdout);

const eps = (s) => fmt(exchanges / s);
const ratioText = hunt.seconds / aggText.seconds;
const ratioCount = hunt.seconds / aggCount.seconds;
const full = hunt.seconds / Number(scale);
const atFullScale = Number(scale) === 1;
const md = `
## Hunt (\`bench/hunt\`)${scale === '0.1' ? '' : ` at --scale ${scale}`}

\`node bench/hunt.mjs --scale ${scale} --seed ${seed}\` on ${machine()}: seed-2026 at scale ${scale}, ${fmt(exchanges)} exchanges.
Each run is a fresh process (CLI), so its time includes opening the warehouse and its peak memory is its own.

| run | seconds | exchanges/s | peak memory | hunt / this |
|---|---:|---:|---:|---:|
| baseline: \`SELECT account_id, count() ... GROUP BY account_id\` | ${aggCount.seconds.toFixed(1)} | ${eps(aggCount.seconds)} | ${fmt(aggCount.peakMiB)} MiB | ${ratioCount.toFixed(1)}x |
| baseline: one \`GROUP BY account_id\` also over the text columns (\`length(prompt)\`, \`length(system)\`, tokens, IPs) | ${aggText.seconds.toFixed(1)} | ${eps(aggText.seconds)} | ${fmt(aggText.peakMiB)} MiB | **${ratioText.toFixed(1)}x** |
| \`distillwatch hunt\` (all steps, findings and report) | ${hunt.seconds.toFixed(1)} | ${eps(hunt.seconds)} | ${fmt(hunt.peakMiB)} MiB | 1.0x |

${ingested ? `Ingest in this run (validate, quarantine, reconcile, deduplicate): ${ingested.seconds.toFixed(0)} s, ${eps(ingested.seconds)} exchanges/s, peak ${fmt(ingested.peakMiB)} MiB.\n\n` : ''}Hunt steps (s): ${Object.entries(timings).map(([k, v]) => `${k} ${Number(v).toFixed(1)}`).join(', ')} (clusters and signals run side by side: their times overlap).

Target: the hunt within 5x of one per-account aggregate over the same columns: ${ratioText <= 5 ? 'met' : 'NOT met'} (${ratioText.toFixed(1)}x).
${atFullScale
  ? `Measured at --scale 1: ${(full / 60).toFixed(1)} minutes; target under 15 minutes: ${full <= 900 ? 'met' : 'NOT met'}.`
  : `A straight line from this run to --scale 1 says about ${(full / 60).toFixed(0)} minutes; the measured run at --scale 1 (its own section) is the figure that counts: that world holds about 12x these exchanges, and the steps around the graph (clusters, pool, decide) grow faster than linearly.`}
Detection at this scale: ${evalOut.detectors?.[0] ? `recall ${(evalOut.detectors[0].overall?.recall * 100).toFixed(2)}%, false-positive rate ${(evalOut.detectors[0].overall?.falsePositiveRate * 100).toFixed(3)}%` : 'see eval'}.
`;
console.log(md.trim());
if (flag('record')) recordSection(scale === '0.1' ? 'hunt' : `hunt-scale-${scale}`, md);
