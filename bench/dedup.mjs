#!/usr/bin/env node
// bench/dedup: ingest's duplicate check (which rows of the newest batch repeat a key) on an ingested
// warehouse, against the same check grouping the key strings themselves (how ingest did it before), each
// in a fresh process so peak memory is its own. Prints seconds, peak memory and the ratio.
// Usage: node bench/dedup.mjs [--data DIR] [--record]
// DIR defaults to the largest warehouse bench/hunt left in .bench-data (--scale 1, then 0.1).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, arg, flag, fmt, machine, recordSection } from './lib.mjs';

const STRING_GROUPING = `WITH keepers AS (
       SELECT request_id AS key, min(tuple(_batch, _source_line)) AS keeper
       FROM exchanges
       WHERE request_id IN (SELECT request_id FROM exchanges WHERE _batch = {batch:UInt32})
       GROUP BY request_id
       HAVING count() > 1
     )
     SELECT _batch AS batch, _source_line AS line
     FROM exchanges
     WHERE request_id IN (SELECT key FROM keepers)
       AND (request_id, tuple(_batch, _source_line)) NOT IN (SELECT key, keeper FROM keepers)`;

if (flag('child')) {
  // One check, in this process: prints its row count.
  const { openWarehouse } = await import('../dist/warehouse/warehouse.js');
  const { duplicateRowsSql } = await import('../dist/ingest/ingest.js');
  const wh = await openWarehouse({ data: arg('data') });
  const [{ batch }] = await wh.query('SELECT max(_batch) AS batch FROM exchanges');
  const select = arg('child') === 'baseline' ? STRING_GROUPING : duplicateRowsSql('exchanges', 'request_id', 'first');
  await wh.command('DROP TABLE IF EXISTS _bench_dedup');
  await wh.command(`CREATE TABLE _bench_dedup ENGINE = MergeTree ORDER BY (batch, line) AS ${select}`, { batch: Number(batch) });
  const [{ n }] = await wh.query('SELECT count() AS n FROM _bench_dedup');
  await wh.command('DROP TABLE _bench_dedup');
  await wh.close();
  console.log(JSON.stringify({ rows: Number(n) }));
  process.exit(0);
}

const data = arg('data', [join(ROOT, '.bench-data', 'hunt-1-1', 'wh'), join(ROOT, '.bench-data', 'hunt-0.1-1', 'wh')].find((d) => existsSync(join(d, 'store'))));
if (!data) {
  console.error('bench/dedup: no ingested warehouse (run bench/hunt first, or give --data DIR): skipped');
  process.exit(0);
}
const self = fileURLToPath(import.meta.url);
function run(which) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, self, '--child', which, '--data', data], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${which} failed:\n${r.stderr}`);
  const [kb, seconds] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { seconds, peakMiB: kb / 1024, rows: JSON.parse(r.stdout.trim().split('\n').at(-1)).rows };
}
const counted = spawnSync(process.execPath, ['--input-type=module', '-e', `
  const { openWarehouse } = await import(${JSON.stringify(join(ROOT, 'dist', 'warehouse', 'warehouse.js'))});
  const wh = await openWarehouse({ data: ${JSON.stringify(data)} });
  const [r] = await wh.query('SELECT count() AS n FROM exchanges');
  console.log(r.n); await wh.close();`], { encoding: 'utf8' });
if (counted.status !== 0) throw new Error(`counting the exchanges of ${data} failed:\n${counted.stderr}`);
const exchanges = Number(counted.stdout.trim());
console.error(`bench/dedup: ${fmt(exchanges)} exchanges in ${data}`);
const baseline = run('baseline');
const product = run('product');
if (baseline.rows !== product.rows) throw new Error(`the two checks disagree: ${baseline.rows} and ${product.rows} rows`);
const md = `## Ingest's duplicate check (\`bench/dedup\`)

\`node bench/dedup.mjs\` on ${machine()}: the newest batch of a warehouse of ${fmt(exchanges)} exchanges checked for repeated request ids.
Each run is a fresh process, so its peak memory is its own.

| run | seconds | peak memory | this / ingest's check |
|---|---:|---:|---:|
| baseline: grouping the request ids as strings | ${baseline.seconds.toFixed(1)} | ${fmt(baseline.peakMiB)} MiB | ${(baseline.seconds / product.seconds).toFixed(1)}x time, ${(baseline.peakMiB / product.peakMiB).toFixed(1)}x memory |
| ingest's check: 64-bit hashes first, strings only where a hash repeats | ${product.seconds.toFixed(1)} | ${fmt(product.peakMiB)} MiB | 1.0x |

Both found ${fmt(product.rows)} rows to drop.
`;
console.log(md);
if (flag('record')) recordSection('dedup', md);
