import { Command, Option } from 'commander';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify as toYaml } from 'yaml';
import { BASELINES } from '../../baselines/index.js';
import { TRUTH_DIR } from '../../eval/contracts.js';
import { evaluate } from '../../eval/evaluate.js';
import { readTruth } from '../../eval/truth.js';
import { buildMatrix, renderMatrixMarkdown, renderMatrixText, worldResult, type Matrix, type WorldResult } from '../../eval/matrix.js';
import { FAMILIES, randomWorld, worldSeed, type RandomWorld } from '../../simulate/redteam.js';
import { simulate } from '../../simulate/simulate.js';
import { printJson, progressBar } from '../common.js';

interface RedteamCliOptions {
  worlds: string;
  seed: string;
  worldSeeds?: string;
  scale: string;
  prompts?: string;
  promptsShare: string;
  out?: string;
  baselines: string;
  keep?: string | boolean;
  json?: boolean;
  markdown?: string;
  failOnTargets?: boolean;
  printScenario?: string;
}

const CLI = fileURLToPath(new URL('../main.js', import.meta.url));

/** Runs one of our own commands in a child process (the embedded engine opens one warehouse per process). */
function runCli(args: string[]): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`distillwatch ${args[0]} exited with ${code}: ${Buffer.concat(err).toString('utf8').trim().split('\n').slice(-5).join('\n')}`));
    });
  });
}

function number(name: string, text: string, opts: { integer?: boolean; min?: number; max?: number } = {}): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v))) throw new Error(`--${name} ${text}: expected ${opts.integer ? 'an integer' : 'a number'}`);
  if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) throw new Error(`--${name} ${text}: expected a value in [${opts.min ?? '-inf'}, ${opts.max ?? 'inf'}]`);
  return v;
}

export interface RedteamRunOptions {
  seeds: number[];
  scale: number;
  prompts: string | null;
  promptsShare: number;
  out: string;
  baselines: string[];
  keep: 'all' | 'worst' | 'none';
  say: (msg: string) => void;
  bar: ReturnType<typeof progressBar>;
}

/** One world: simulate, ingest, hunt, the baselines, eval; its results for the matrix. */
async function runWorld(index: number, seed: number, world: RandomWorld, o: RedteamRunOptions, count: number): Promise<WorldResult> {
  const dir = join(o.out, `world-${String(index + 1).padStart(3, '0')}-seed-${seed}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'scenario.yaml'), `# ${world.scenario.description}\n# Reproduce: distillwatch simulate --scenario scenario.yaml --seed ${seed} --out sim${world.realPrompts && o.prompts ? ` --prompts ${o.prompts}` : ''}\n${toYaml(world.document)}`);
  writeFileSync(join(dir, 'world.json'), JSON.stringify({ seed, scale: world.scale, realPrompts: world.realPrompts, campaigns: world.campaigns, benignGroups: world.benignGroups, planned: world.planned }, null, 2) + '\n');
  const sim = join(dir, 'sim');
  const wh = join(dir, 'warehouse');
  const label = `world ${index + 1}/${count}`;
  const seconds: Record<string, number> = {};
  const timed = async <T>(step: string, f: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    o.bar.start(`${label} ${step}`);
    try {
      return await f();
    } finally {
      o.bar.stop();
      seconds[step] = (seconds[step] ?? 0) + (Date.now() - t0) / 1000;
    }
  };
  const usePrompts = world.realPrompts && o.prompts ? o.prompts : undefined;
  const simulated = await timed('simulate', () =>
    simulate({ scenario: world.scenario, scale: 1, seed, out: sim, prompts: usePrompts, onProgress: (d, n) => o.bar.update(d / n) }),
  );
  await timed('ingest', () => runCli(['ingest', '--data', wh, join(sim, 'exchanges.jsonl.gz'), '--accounts', join(sim, 'accounts.jsonl.gz'), '--json']));
  // Attack accounts that sent nothing, by their labels (the harness may read the truth; the detectors never do).
  const truth = await readTruth(join(sim, TRUTH_DIR));
  const dormant: Record<string, number> = {};
  truth.ids.forEach((_, i) => {
    const c = truth.campaign[i]!;
    if (c >= 0 && truth.silent[i] === 1) dormant[truth.campaigns[c]!.id] = (dormant[truth.campaigns[c]!.id] ?? 0) + 1;
  });
  await timed('hunt', () => runCli(['hunt', '--data', wh, '--out', join(dir, 'hunt'), '--asn-db', join(sim, 'ip2asn.tsv'), '--json']));
  for (const b of o.baselines) await timed('baselines', () => runCli(['baseline', b, '--data', wh, '--out', join(dir, b), '--json']));
  const report = await timed('eval', () => evaluate({ truth: join(sim, TRUTH_DIR), findings: [join(dir, 'hunt'), ...o.baselines.map((b) => join(dir, b))] }));
  writeFileSync(join(dir, 'eval.json'), JSON.stringify(report, null, 2) + '\n');
  seconds.total = Object.values(seconds).reduce((a, b) => a + b, 0);
  const result = worldResult(report, {
    index,
    seed,
    realPrompts: usePrompts !== undefined,
    dir,
    exchanges: simulated.exchanges,
    days: world.scenario.days,
    seconds,
    campaigns: world.campaigns,
    dormant,
  });
  if (o.keep === 'none') {
    rmSync(dir, { recursive: true, force: true });
    result.dir = null;
  }
  return result;
}

/** Runs the worlds one after the other and sums them up. */
export async function runRedteam(o: RedteamRunOptions): Promise<Matrix> {
  const results: WorldResult[] = [];
  for (const [i, seed] of o.seeds.entries()) {
    const world = randomWorld(seed, { scale: o.scale, realPromptsShare: o.prompts ? o.promptsShare : 0 });
    o.say(`world ${i + 1}/${o.seeds.length} (seed ${seed}): ${world.campaigns.map((c) => `${c.id} ${c.accounts}`).join(', ')}; ${world.planned.benignAccounts} benign accounts, ${world.scenario.days} days${world.realPrompts && o.prompts ? ', corpus prompts' : ''}`);
    let r: WorldResult;
    try {
      r = await runWorld(i, seed, world, o, o.seeds.length);
    } catch (e) {
      throw new Error(`world ${i + 1} (seed ${seed}) failed; its files are in ${join(o.out, `world-${String(i + 1).padStart(3, '0')}-seed-${seed}`)}: ${(e as Error).message}`);
    }
    results.push(r);
    const h = Object.values(r.detectors)[0]!;
    o.say(
      `  ${r.exchanges.toLocaleString('en-US')} exchanges in ${(r.seconds.total ?? 0).toFixed(0)} s; hunt: recall ${h.recall === null ? 'n/a' : `${(h.recall * 100).toFixed(1)}%`}, ` +
        `${h.fp} benign flagged${h.worstCohort ? ` (worst ${h.worstCohort.cohort} ${h.worstCohort.flagged} of ${h.worstCohort.accounts})` : ''}, AUC ${h.auc?.toFixed(4) ?? 'n/a'}`,
    );
  }
  const matrix = buildMatrix(results);
  if (o.keep === 'worst') {
    for (const w of matrix.worlds) {
      if (w.dir && !matrix.worstSeeds.includes(w.seed)) {
        rmSync(w.dir, { recursive: true, force: true });
        w.dir = null;
      }
    }
  }
  return matrix;
}

export function redteamCommand(): Command {
  return new Command('redteam')
    .description(
      'Red-team the hunt on random worlds: generate N worlds (1-3 distillation campaigns each, of families ' +
        `${FAMILIES.join(', ')}, from 1 account to thousands, tactics drawn from wide ranges, inside 2,000-6,000 benign ` +
        'accounts with every hard negative), and for each simulate, ingest, hunt, run the baselines and score them. ' +
        'Prints recall per attack family and campaign size, benign false positives per world (worst cohort, benign ' +
        'groups flagged whole), relays, the worst world, and the targets judged on the worst world, never the mean.',
    )
    .addOption(new Option('--worlds <n>', 'how many worlds').default('10'))
    .addOption(new Option('--seed <n>', 'seed of the run: world i gets a seed derived from it').default('1'))
    .option('--world-seeds <list>', 'run exactly these world seeds (comma-separated; e.g. a worst world reported earlier) instead of --worlds/--seed')
    .addOption(new Option('--scale <f>', 'multiplies benign accounts, campaign sizes and volumes (0.2: quick smoke runs)').default('1'))
    .option('--prompts <dir>', 'a prompt corpus (../shared/corpora format): some worlds draw real prompts from it')
    .addOption(new Option('--prompts-share <f>', 'with --prompts: share of worlds that draw real prompts (decided per world seed)').default('0.5'))
    .option('--out <dir>', 'where the per-world working directories and redteam.json go (default: a temporary directory)')
    .addOption(new Option('--baselines <list>', `baselines to run beside the hunt, comma-separated (${BASELINES.map((b) => b.name).join(', ')}), or none`).default('rules,iforest'))
    .option('--keep [which]', 'keep the per-world directories: all (default when given) or worst (only the worst worlds)')
    .option('--markdown <file>', 'also write the matrix as Markdown (for docs/detection.md)')
    .option('--fail-on-targets', 'exit 1 when the hunt misses a target')
    .option('--print-scenario <seed>', 'print the scenario of this world seed as YAML (with --scale) and exit')
    .option('--json', 'print the matrix as JSON')
    .addHelpText(
      'after',
      `
Each world runs simulate (in this process), then ingest, hunt and each baseline as child processes (the
embedded engine opens one warehouse per process), then eval. A world of ~300,000 exchanges takes about
20-30 s on 2 cores with the default baselines. Worlds are numbered from 1; world i's seed is derived from
--seed, and the same seed gives the same world byte for byte.

Examples:
  distillwatch redteam --worlds 30 --seed 1 --out ./rt-runs --keep worst --markdown matrix.md
  distillwatch redteam --world-seeds 1234567 --out ./rt-one --keep          # one world again, files kept
  distillwatch redteam --print-scenario 1234567 > world.yaml                # its scenario, for simulate
  distillwatch redteam --worlds 3 --scale 0.2 --baselines none --json       # a quick smoke run`,
    )
    .action(async (opts: RedteamCliOptions) => {
      const scale = number('scale', opts.scale, { min: 0.01, max: 10 });
      if (opts.printScenario !== undefined) {
        const w = randomWorld(number('print-scenario', opts.printScenario, { integer: true }), { scale });
        process.stdout.write(`# ${w.scenario.description}\n${toYaml(w.document)}`);
        return;
      }
      const seeds = opts.worldSeeds
        ? opts.worldSeeds.split(',').filter((s) => s.trim() !== '').map((s) => number('world-seeds', s, { integer: true }))
        : Array.from({ length: number('worlds', opts.worlds, { integer: true, min: 1, max: 10_000 }) }, (_, i) => worldSeed(number('seed', opts.seed, { integer: true }), i));
      if (seeds.length === 0) throw new Error('--world-seeds: no seeds given');
      const baselines = opts.baselines === 'none' || opts.baselines.trim() === '' ? [] : opts.baselines.split(',').map((s) => s.trim());
      for (const b of baselines) if (!BASELINES.some((x) => x.name === b)) throw new Error(`--baselines: no baseline named "${b}" (choose from ${BASELINES.map((x) => x.name).join(', ')}, or none)`);
      const prompts = opts.prompts ? resolve(opts.prompts) : null;
      if (prompts && !existsSync(prompts)) throw new Error(`--prompts ${opts.prompts}: no such directory`);
      const promptsShare = number('prompts-share', opts.promptsShare, { min: 0, max: 1 });
      const keep = opts.keep === undefined ? 'none' : opts.keep === true || opts.keep === 'all' ? 'all' : opts.keep === 'worst' ? 'worst' : null;
      if (keep === null) throw new Error(`--keep ${String(opts.keep)}: expected all or worst`);
      const temporary = !opts.out;
      const out = opts.out ? resolve(opts.out) : mkdtempSync(join(tmpdir(), 'distillwatch-redteam-'));
      mkdirSync(out, { recursive: true });
      const quiet = opts.json === true && process.stderr.isTTY !== true;
      const say = (msg: string) => {
        if (!quiet) process.stderr.write(`${msg}\n`);
      };
      const bar = progressBar(!opts.json);
      const t0 = Date.now();
      let matrix: Matrix;
      try {
        matrix = await runRedteam({ seeds, scale, prompts, promptsShare, out, baselines, keep, say, bar });
      } catch (e) {
        bar.stop();
        throw e;
      }
      const command = `distillwatch redteam ${opts.worldSeeds ? `--world-seeds ${seeds.join(',')}` : `--worlds ${seeds.length} --seed ${opts.seed}`}${scale !== 1 ? ` --scale ${scale}` : ''}${prompts ? ` --prompts ${opts.prompts} --prompts-share ${promptsShare}` : ''} --baselines ${baselines.join(',') || 'none'}`;
      const record = { command, seconds: (Date.now() - t0) / 1000, out: temporary && keep === 'none' ? null : out, ...matrix };
      if (!temporary || keep !== 'none') writeFileSync(join(out, 'redteam.json'), JSON.stringify(record, null, 2) + '\n');
      if (temporary && keep === 'none') rmSync(out, { recursive: true, force: true });
      if (opts.markdown) writeFileSync(opts.markdown, renderMatrixMarkdown(matrix, { command }));
      if (opts.json) printJson(record);
      else {
        process.stdout.write(renderMatrixText(matrix) + '\n');
        if (record.out) process.stdout.write(`\nresults: ${join(out, 'redteam.json')}${keep !== 'none' ? `; world directories kept (${keep}) in ${out}` : ''}\n`);
      }
      const hunt = matrix.detectors[0];
      if (opts.failOnTargets && hunt && matrix.targets.some((t) => t.detectors[hunt]?.pass === false)) process.exitCode = 1;
    });
}
