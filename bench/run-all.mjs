#!/usr/bin/env node
// `npm run bench`: runs every benchmark in bench/ and records each one's section in docs/benchmarks.md.
// Usage: node bench/run-all.mjs [options passed to every benchmark, e.g. --scale 0.1]
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { helpIfAsked } from './lib.mjs';

helpIfAsked(fileURLToPath(import.meta.url));

const dir = fileURLToPath(new URL('.', import.meta.url));
const benches = readdirSync(dir).filter((f) => f.endsWith('.mjs') && !['lib.mjs', 'run-all.mjs'].includes(f)).sort();
let failed = 0;
for (const b of benches) {
  console.error(`\n=== bench/${b} ===`);
  const r = spawnSync(process.execPath, [`${dir}${b}`, '--record', ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
