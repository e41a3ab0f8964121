import { Command, Option } from 'commander';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { renderFrontierMarkdown, renderFrontierText } from '../../eval/adversary/frontier.js';
import { reportFromRecord, runAdversary } from '../../eval/adversary/run.js';
import type { EvaluationRecord } from '../../eval/adversary/search.js';
import type { FrontierReport } from '../../eval/adversary/frontier.js';
import { background, DIMENSIONS, isTactics, worldDocument } from '../../simulate/adversary.js';
import { printJson, progressBar } from '../common.js';

interface AdversaryCliOptions {
  sizes: string;
  budget: string;
  seed: string;
  worldSeed: string;
  days: string;
  worldScale: string;
  prompts?: string;
  replayEvery: string;
  maxExchanges: string;
  randomShare: string;
  ladder: string;
  out?: string;
  keep?: boolean;
  json?: boolean;
  markdown?: string;
  printScenario?: string;
  from?: string;
}

function number(name: string, text: string, opts: { integer?: boolean; min?: number; max?: number } = {}): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || (opts.integer && !Number.isInteger(v))) throw new Error(`--${name} ${text}: expected ${opts.integer ? 'an integer' : 'a number'}`);
  if ((opts.min !== undefined && v < opts.min) || (opts.max !== undefined && v > opts.max)) throw new Error(`--${name} ${text}: expected a value in [${opts.min ?? '-inf'}, ${opts.max ?? 'inf'}]`);
  return v;
}

export function adversaryCommand(): Command {
  return new Command('adversary')
    .description(
      'Search for the cheapest way to harvest unflagged: for each operation size (accounts), search the tactic space ' +
        '(requests per account per day, timing, infrastructure, sign-up and cards, content variation, system prompt, ' +
        'focus, request shape, client) for the configuration that harvests the most exchanges before the current hunt ' +
        'detects it, each configuration simulated inside a fixed benign background with every hard negative and hunted ' +
        'at replay cut-offs. Prints the evasion frontier: exchanges harvested per day before detection, against size.',
    )
    .addOption(new Option('--sizes <list>', 'operation sizes to search, in accounts, comma-separated').default('1,10,100,1000'))
    .addOption(new Option('--budget <n>', 'evaluations run per size (configurations that cannot beat the best are pruned for free)').default('40'))
    .addOption(new Option('--seed <n>', 'seed of the search and of every configuration\'s simulation').default('1'))
    .addOption(new Option('--world-seed <n>', 'red-team world whose benign population is the background (27: 14 days, ~3,000 accounts, classes, a hackathon, startups, labs)').default('27'))
    .addOption(new Option('--days <n>', 'length of the window in days').default('14'))
    .addOption(new Option('--world-scale <f>', 'scale of the background (its accounts and volume)').default('1'))
    .option('--prompts <dir>', 'a prompt corpus (../shared/corpora format): the background draws real prompts, and real prompts become a tactic')
    .addOption(new Option('--replay-every <hours>', 'hours between the hunt\'s cut-offs (the provider hunts this often)').default('24'))
    .addOption(new Option('--max-exchanges <n>', 'campaign exchanges one evaluation may simulate at most (caps the rate of big operations)').default('150000'))
    .addOption(new Option('--random-share <f>', 'share of the budget spent on random search before refinement').default('0.5'))
    .addOption(new Option('--ladder <n>', 'when the best goes unflagged at the highest rate --max-exchanges allows, run it again at 2x, 4x, ... that rate, up to n rungs beyond the budget, until flagged').default('2'))
    .option('--out <dir>', 'working directory: the background (reused by later runs with the same world), adversary.json, and with --keep every evaluation (default: a temporary directory)')
    .option('--keep', 'keep every evaluation\'s directory (campaign simulation, warehouse, job, result)')
    .option('--markdown <file>', 'also write the frontier as Markdown (for docs/redteam.md)')
    .option('--print-scenario <json>', 'print the whole world (background and one configuration, JSON as in adversary.json, with "accounts") as a scenario YAML for simulate, and exit')
    .option('--from <adversary.json>', 'render the frontier of a recorded run again (with --markdown, --json) instead of searching')
    .option('--json', 'print the frontier and every evaluation as JSON')
    .addHelpText(
      'after',
      `
Harvested before detection: the hunt is replayed at cut-offs every --replay-every hours. An account's served
exchanges count as harvested up to the first cut-off at which it is flagged (flags stick: the provider acts
on them); the campaign is detected at the first cut-off by which a strict majority of its accounts has been
flagged, and from then on nothing counts. The frontier row of a size is its best configuration (ties: the
cheaper). When the best goes unflagged at the highest rate --max-exchanges allows, the volume ladder runs it
again at twice the rate, four times, ... (--ladder rungs), so the frontier is located, not just bounded.

The background is simulated and loaded once (and reused by later runs in the same --out); each evaluation
simulates the campaign alone, loads it into a copy of the background's warehouse and hunts in a child
process. An evaluation takes 5-15 s when the hunt catches the campaign early or it cannot beat the best, and
about a minute when it runs unflagged through all 14 daily cut-offs (2 shared cores).

Dimensions: ${Object.entries(DIMENSIONS).map(([k, v]) => `${k} (${v.join(', ')})`).join('; ')}.

Examples:
  distillwatch adversary --sizes 1,10,100,1000 --budget 40 --seed 1 --out ./adv --markdown frontier.md
  distillwatch adversary --sizes 10 --budget 4 --days 7 --world-scale 0.3 --json        # a quick smoke run
  distillwatch adversary --from ./adv/adversary.json --markdown frontier.md              # re-render a recorded run
  distillwatch adversary --print-scenario '{"accounts":10,"rate":200,...}' > world.yaml  # one configuration's world
     (background and campaign in one scenario; the search simulated them apart, so not byte for byte its traffic)`,
    )
    .action(async (opts: AdversaryCliOptions) => {
      const seed = number('seed', opts.seed, { integer: true });
      const worldSeed = number('world-seed', opts.worldSeed, { integer: true, min: 1 });
      const days = number('days', opts.days, { integer: true, min: 2, max: 60 });
      const worldScale = number('world-scale', opts.worldScale, { min: 0.01, max: 10 });
      if (opts.printScenario !== undefined) {
        let doc: unknown;
        try {
          doc = JSON.parse(opts.printScenario);
        } catch {
          throw new Error('--print-scenario: expected a JSON object of the tactics and "accounts"');
        }
        const { accounts, ...t } = (doc ?? {}) as { accounts?: unknown };
        if (!Number.isInteger(accounts) || (accounts as number) < 1) throw new Error('--print-scenario: "accounts" must be a positive integer');
        if (!isTactics(t)) throw new Error(`--print-scenario: expected every dimension with one of its values (${Object.keys(DIMENSIONS).join(', ')})`);
        const bg = background(worldSeed, { days, scale: worldScale });
        process.stdout.write(`# Reproduce: distillwatch simulate --scenario world.yaml --seed ${seed} --out sim${opts.prompts ? ` --prompts ${opts.prompts}` : ''}\n${toYaml(worldDocument(bg, t, accounts as number))}`);
        return;
      }
      if (opts.from !== undefined) {
        if (!existsSync(opts.from)) throw new Error(`--from ${opts.from}: no such file`);
        let recorded: FrontierReport & { evaluations: EvaluationRecord[] };
        try {
          recorded = JSON.parse(readFileSync(opts.from, 'utf8')) as typeof recorded;
          if (!Array.isArray(recorded.rows) || !Array.isArray(recorded.evaluations)) throw new Error('no rows or evaluations');
        } catch (e) {
          throw new Error(`--from ${opts.from}: not an adversary.json (${(e as Error).message})`);
        }
        const report = reportFromRecord(recorded);
        if (opts.markdown) writeFileSync(opts.markdown, renderFrontierMarkdown(report));
        if (opts.json) printJson({ ...report, evaluations: recorded.evaluations });
        else process.stdout.write(renderFrontierText(report.rows) + '\n');
        return;
      }
      const sizes = opts.sizes.split(',').filter((s) => s.trim() !== '').map((s) => number('sizes', s.trim(), { integer: true, min: 1, max: 100_000 }));
      if (sizes.length === 0) throw new Error('--sizes: no sizes given');
      const budget = number('budget', opts.budget, { integer: true, min: 1, max: 10_000 });
      const replayHours = number('replay-every', opts.replayEvery, { min: 1, max: 24 * days });
      const maxExchanges = number('max-exchanges', opts.maxExchanges, { integer: true, min: 100 });
      const randomShare = number('random-share', opts.randomShare, { min: 0, max: 1 });
      const ladder = number('ladder', opts.ladder, { integer: true, min: 0, max: 10 });
      const prompts = opts.prompts ? resolve(opts.prompts) : null;
      if (prompts && !existsSync(prompts)) throw new Error(`--prompts ${opts.prompts}: no such directory`);
      const temporary = !opts.out;
      const out = opts.out ? resolve(opts.out) : mkdtempSync(join(tmpdir(), 'distillwatch-adversary-'));
      mkdirSync(out, { recursive: true });
      const quiet = opts.json === true && process.stderr.isTTY !== true;
      const say = (msg: string) => {
        if (!quiet) process.stderr.write(`${msg}\n`);
      };
      const bar = progressBar(!opts.json);
      const command =
        `distillwatch adversary --sizes ${sizes.join(',')} --budget ${budget} --seed ${seed} --world-seed ${worldSeed} --days ${days}` +
        `${worldScale !== 1 ? ` --world-scale ${worldScale}` : ''}${prompts ? ` --prompts ${opts.prompts}` : ''} --replay-every ${replayHours} --max-exchanges ${maxExchanges}` +
        `${randomShare !== 0.5 ? ` --random-share ${randomShare}` : ''} --ladder ${ladder}`;
      let run;
      try {
        run = await runAdversary({ sizes, budget, seed, worldSeed, days, worldScale, prompts, replayHours, maxExchanges, randomShare, ladder, out, keep: opts.keep === true, say, bar });
      } catch (e) {
        bar.stop();
        throw e;
      } finally {
        if (temporary && !opts.keep) rmSync(out, { recursive: true, force: true });
      }
      run.report.command = command;
      const record = { ...run.report, out: temporary && !opts.keep ? null : out, evaluations: run.searches.flatMap((s) => s.records) };
      if (!temporary || opts.keep) writeFileSync(join(out, 'adversary.json'), JSON.stringify(record, null, 2) + '\n');
      if (opts.markdown) writeFileSync(opts.markdown, renderFrontierMarkdown(run.report));
      if (opts.json) printJson(record);
      else {
        process.stdout.write(renderFrontierText(run.report.rows) + '\n');
        if (record.out) process.stdout.write(`\nevery evaluation: ${join(out, 'adversary.json')}\n`);
      }
    });
}
