// Shared helpers for the benchmarks: timing, peak memory, and the markdown they report.
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * `--help` (or `-h`) for a script: prints the comment block at the top of the file (its usage) and exits. Every
 * bench script gets it by importing this module; the scripts in scripts/ call it.
 */
export function helpIfAsked(script = process.argv[1]) {
  if (!process.argv.includes('--help') && !process.argv.includes('-h')) return;
  const lines = readFileSync(script, 'utf8').split('\n');
  const head = [];
  for (const line of lines.slice(lines[0]?.startsWith('#!') ? 1 : 0)) {
    if (!line.startsWith('//')) break;
    head.push(line.replace(/^\/\/ ?/, ''));
  }
  console.log(head.join('\n'));
  process.exit(0);
}
helpIfAsked();

export function machine() {
  const c = cpus();
  return `${c.length} × ${c[0]?.model?.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

export async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/** Peak resident memory of this process so far (the embedded engine runs inside it), in MiB. */
export function peakRssMiB() {
  return process.resourceUsage().maxRSS / 1024;
}

/**
 * Runs `node <args>` as a fresh process; throws, after printing its output, if it fails. /usr/bin/time reports the
 * child's peak resident memory (the embedded engine runs inside it).
 */
export function runNode(args, label) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) {
    console.error(r.stdout, r.stderr);
    throw new Error(`${label} failed`);
  }
  const [kb, secs] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { stdout: r.stdout, seconds: secs, peakMiB: kb / 1024 };
}

export const fmt = (n, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Replaces (or appends) the section of docs/benchmarks.md between this benchmark's markers. */
export function recordSection(name, markdown) {
  const path = `${ROOT}docs/benchmarks.md`;
  const begin = `<!-- bench:${name} -->`;
  const end = `<!-- /bench:${name} -->`;
  let doc = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n\nMeasured with `npm run bench` (each script in `bench/` also runs alone). Every figure is a ratio against a baseline run in the same command on the same machine, so the ratio is what to compare across machines.\n';
  const block = `${begin}\n${markdown.trim()}\n${end}`;
  const re = new RegExp(`${begin}[\\s\\S]*?${end}`);
  doc = re.test(doc) ? doc.replace(re, block) : `${doc.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, doc);
}

export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
export const flag = (name) => process.argv.includes(`--${name}`);
