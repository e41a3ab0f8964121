import { Argument, Command, Option } from 'commander';
import { resolve } from 'node:path';
import { BASELINES, findBaseline, resolveParams, runBaseline } from '../../baselines/index.js';
import { formatTable, printJson, progressBar, warehouseOptions, withWarehouse } from '../common.js';
function isoOrThrow(name, v) {
    if (v === undefined)
        return null;
    const t = Date.parse(/^\d+$/.test(v) ? new Date(Number(v)).toISOString() : v);
    if (Number.isNaN(t))
        throw new Error(`--${name} ${v}: not a timestamp (use ISO-8601, e.g. 2026-05-01T00:00:00Z)`);
    return new Date(t).toISOString();
}
/** Every baseline's parameters as options, once per flag, grouped under their baseline in --help. */
function parameterOptions() {
    const byFlag = new Map();
    for (const b of BASELINES) {
        for (const p of b.params) {
            const seen = byFlag.get(p.flag);
            if (seen) {
                seen.owners.push(b.name);
                continue;
            }
            const option = new Option(`--${p.flag} <${p.kind === 'path' ? 'file' : p.kind === 'integer' ? 'n' : 'x'}>`, p.description).helpGroup(`${b.name} options:`);
            if (p.default !== null)
                option.default(String(p.default));
            byFlag.set(p.flag, { option, owners: [b.name] });
        }
    }
    return [...byFlag.values()];
}
/** Words of a paragraph in lines of at most `width` characters, each indented. */
function wrap(text, width, indent) {
    const lines = [];
    let line = '';
    for (const word of text.split(/\s+/)) {
        if (line && indent.length + line.length + 1 + word.length > width) {
            lines.push(indent + line);
            line = word;
        }
        else
            line = line ? `${line} ${word}` : word;
    }
    if (line)
        lines.push(indent + line);
    return lines;
}
function helpText() {
    const lines = ['', 'Baselines:'];
    for (const b of BASELINES)
        lines.push(`  ${b.name.padEnd(20)} ${b.summary}`);
    lines.push('');
    for (const b of BASELINES) {
        lines.push(`${b.name} (writes detector "${b.detector}"):`, ...wrap(b.description, 100, '  '), '');
    }
    lines.push('Every baseline writes OUT/accounts.jsonl (one line per account with exchanges in the window: account_id, risk', '0..1, flagged, campaign_id, reasons, evidence) and OUT/campaigns.json (detector, generated_at, until, the', 'parameters, campaigns). None groups accounts into campaigns: campaign_id is null and the campaign list is', 'empty, except signals-no-linking, which writes what the hunt writes with linking off.', '', 'Examples:', '  distillwatch baseline rules --data ./dw --out ./baselines/rules', '  distillwatch baseline prada --data ./dw --out ./baselines/prada --until 2026-05-01T00:00:00Z', '  distillwatch baseline iforest --data ./dw --out ./baselines/iforest --contamination 0.05 --seed 7', 'Then: distillwatch eval --truth <simulation>/truth --findings ./findings ./baselines/rules ./baselines/prada');
    return lines.join('\n');
}
export function baselineCommand() {
    const params = parameterOptions();
    const cmd = warehouseOptions(new Command('baseline')
        .description('Run a baseline detector over the warehouse and write its findings in the contract `distillwatch eval` scores, ' +
        'to compare with the hunt side by side: the rules security teams write first (rules), a per-account ' +
        'stream test in the style of PRADA (prada), an isolation forest over per-account features (iforest), and ' +
        'the hunt\'s own signals with cross-account linking turned off (signals-no-linking).')
        .addArgument(new Argument('<name>', 'the baseline to run').choices(BASELINES.map((b) => b.name)))
        .requiredOption('--out <dir>', 'where to write accounts.jsonl and campaigns.json')
        .option('--since <time>', 'only exchanges at or after this time (ISO-8601)')
        .option('--until <time>', 'only exchanges at or before this time, and accounts created by then: no look-ahead')
        .option('--json', 'print the summary as JSON'));
    for (const { option } of params)
        cmd.addOption(option);
    return cmd.addHelpText('after', helpText()).action(async (name, opts, self) => {
        const baseline = findBaseline(name);
        const given = {};
        for (const { option, owners } of params) {
            const key = option.attributeName();
            const fromUser = self.getOptionValueSource(key) === 'cli';
            const p = baseline.params.find((x) => `--${x.flag}` === option.long);
            if (!p) {
                if (fromUser)
                    throw new Error(`${option.long} is an option of ${owners.join(', ')}, not of ${name}`);
                continue;
            }
            const raw = opts[key];
            if (raw === undefined)
                continue;
            if (p.kind === 'path')
                given[p.key] = String(raw);
            else {
                const v = Number(raw);
                if (String(raw).trim() === '' || !Number.isFinite(v))
                    throw new Error(`${option.long} ${String(raw)}: expected a number`);
                given[p.key] = v;
            }
        }
        resolveParams(baseline, given); // fail on a bad value before opening the warehouse
        const window = { since: isoOrThrow('since', opts.since), until: isoOrThrow('until', opts.until) };
        const out = resolve(opts.out);
        const bar = progressBar(!opts.json);
        const t0 = Date.now();
        const summary = await withWarehouse(opts, async (wh) => {
            bar.start(`baseline ${name}`);
            return runBaseline(baseline, { wh, window, out, onStep: (_step, f) => bar.update(f) }, given).finally(() => bar.stop());
        });
        const seconds = (Date.now() - t0) / 1000;
        if (opts.json)
            printJson({ ...summary, seconds });
        else
            process.stdout.write(renderSummary(summary, seconds) + '\n');
    });
}
function renderSummary(s, seconds) {
    const lines = [
        `${s.detector}: ${s.accounts.toLocaleString('en-US')} accounts` +
            (s.until ? ` up to ${s.until}` : '') +
            (s.judged !== s.accounts ? `, ${s.judged.toLocaleString('en-US')} judged` : '') +
            `, ${s.flagged.toLocaleString('en-US')} flagged in ${seconds.toFixed(1)} s`,
    ];
    const reasons = Object.entries(s.reasons).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    if (reasons.length)
        lines.push('', formatTable(['reason', 'flagged accounts'], reasons.slice(0, 15)));
    lines.push('', `findings: ${s.out}/accounts.jsonl, campaigns.json`);
    return lines.join('\n');
}
//# sourceMappingURL=baseline.js.map