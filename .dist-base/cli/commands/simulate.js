import { Command, Option } from 'commander';
import { TRUTH_DIR, TRUTH_DIR_CONTENTS } from '../../eval/contracts.js';
import { FITTED_TRACES } from '../../simulate/fitted.js';
import { builtinScenarios } from '../../simulate/scenario.js';
import { simulate } from '../../simulate/simulate.js';
import { fitTraces } from '../../simulate/traces.js';
import { formatTable, printJson, progressBar } from '../common.js';
function number(name, text, integer = false) {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
        throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'}, got ${JSON.stringify(text)}`);
    }
    return v;
}
function scenarioHelp() {
    const list = builtinScenarios();
    if (list.length === 0)
        return '  (none found)';
    const width = Math.max(...list.map((s) => s.name.length));
    return list.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`).join('\n');
}
export function simulateCommand() {
    return new Command('simulate')
        .description('Generate a simulated provider\'s API traffic: a benign population (chat users, coding agents, batch pipelines, ' +
        'eval runners, relays, university classes, researchers) and distillation campaigns with their tactics. Writes ' +
        'OUT/exchanges.jsonl.gz and OUT/accounts.jsonl.gz in the ingest schema, OUT/ip2asn.tsv (the operator\'s ' +
        `IP-to-ASN table), and the ground truth apart in OUT/${TRUTH_DIR}/ (${TRUTH_DIR_CONTENTS}). Same scenario, ` +
        'scale, seed and inputs give byte-identical files.')
        .option('--scenario <name|file>', 'a built-in scenario (listed below) or a scenario file (YAML or JSON)')
        .option('--scale <f>', 'multiplies account counts, and so volume; per-account behaviour stays the same', '1')
        .option('--seed <n>', 'seed of every random choice', '1')
        .option('--out <dir>', 'output directory (created if needed; files in it are replaced)')
        .option('--prompts <dir>', 'draw prompts from a corpus directory (benign/ and distill/ JSONL.gz with a prompt field) instead of the built-in generators')
        .option('--traces <dir>', 'refit arrival processes and token lengths from trace files (the ../shared/traces names and formats)')
        .option('--print-fit', 'print the fitted trace parameters (of --traces, or the shipped fit) as JSON and exit')
        .addOption(new Option('--workers <n>', 'worker threads writing the output (default: one per core)'))
        .option('--json', 'print the summary as JSON')
        .addHelpText('after', `
Built-in scenarios:
${scenarioHelp()}

Examples:
  distillwatch simulate --scenario seed-2026 --scale 0.01 --seed 1 --out /tmp/s
  distillwatch ingest --data ./dw /tmp/s/exchanges.jsonl.gz --accounts /tmp/s/accounts.jsonl.gz
  distillwatch simulate --scenario adaptive-all --scale 0.05 --out /tmp/a --prompts ../shared/corpora
  distillwatch simulate --scenario my-scenario.yaml --out /tmp/m --traces ../shared/traces
Scale: --scale 1 of seed-2026 is ~25,000 attack accounts, ~28.8M attack exchanges and over 500,000
benign accounts; --scale 0.01 is a faithful miniature that takes seconds.`)
        .action(async (opts) => {
        if (opts.printFit) {
            printJson(opts.traces ? await fitTraces(opts.traces) : FITTED_TRACES);
            return;
        }
        if (!opts.scenario)
            throw new Error('--scenario is required (a built-in name or a file; see --help)');
        if (!opts.out)
            throw new Error('--out is required');
        const scale = number('scale', opts.scale);
        if (!(scale > 0))
            throw new Error(`--scale must be positive, got ${opts.scale}`);
        const bar = progressBar(!opts.json);
        bar.start(`simulating ${opts.scenario}`);
        const summary = await simulate({
            scenario: opts.scenario,
            scale,
            seed: number('seed', opts.seed, true),
            out: opts.out,
            prompts: opts.prompts,
            traces: opts.traces,
            workers: opts.workers === undefined ? undefined : number('workers', opts.workers, true),
            onProgress: (day, days) => bar.update(day / days),
        }).finally(() => bar.stop());
        if (opts.json)
            printJson(summary);
        else
            process.stdout.write(renderSimulateSummary(summary) + '\n');
    });
}
export function renderSimulateSummary(s) {
    const rows = s.cohorts.map((c) => [c.cohort, c.label, c.accounts, c.exchanges, c.campaign_exchanges, c.rate_limited]);
    const benign = s.cohorts.filter((c) => c.label === 'benign');
    const sum = (xs, f) => xs.reduce((a, c) => a + f(c), 0);
    return [
        `${s.scenario} at scale ${s.scale}, seed ${s.seed}: ${s.start} to ${s.end} (prompts: ${s.generator}; traces: ${s.traces})`,
        '',
        formatTable(['cohort', 'label', 'accounts', 'exchanges', 'campaign exchanges', 'rate limited'], [...rows, ['total', '', s.accounts, s.exchanges, s.attack_exchanges, sum(s.cohorts, (c) => c.rate_limited)]]),
        '',
        `benign accounts per attack account: ${(sum(benign, (c) => c.accounts) / Math.max(1, s.accounts - sum(benign, (c) => c.accounts))).toFixed(1)}; ` +
            `${s.exchanges.toLocaleString('en-US')} exchanges in ${s.seconds.toFixed(1)} s (${s.exchanges_per_second.toLocaleString('en-US')}/s)`,
        `traffic: ${s.files.exchanges}, ${s.files.accounts}, ${s.files.ip2asn}`,
        `ground truth (for eval only): ${s.files.labels}, ${s.files.campaigns}`,
    ].join('\n');
}
//# sourceMappingURL=simulate.js.map