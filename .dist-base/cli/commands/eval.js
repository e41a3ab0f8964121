import { Command } from 'commander';
import { TRUTH_DIR_CONTENTS } from '../../eval/contracts.js';
import { evaluate } from '../../eval/evaluate.js';
import { renderEvalReport } from '../../eval/render.js';
import { printJson, progressBar } from '../common.js';
export function evalCommand() {
    return new Command('eval')
        .description("Score detectors' findings against a simulated world's ground truth: account precision, recall and " +
        'false-positive rate (overall, per benign cohort, per attack cohort and campaign), campaigns found and how ' +
        'whole they were reported, relays by attack share, ranking by risk, time to detection from hunts at ' +
        'several cut-offs, and the hunt quality targets. One column per detector.')
        .requiredOption('--truth <dir>', `the simulator's truth directory (${TRUTH_DIR_CONTENTS})`)
        .option('--findings <dirs...>', 'findings directory (accounts.jsonl, campaigns.json); several, or the option repeated, give one column each')
        .option('--timeline <dirs...>', "findings of hunts run with --until at several cut-offs (or a parent directory of them), for time to detection; " +
        'grouped by detector; a detector without a --findings column gets one, scored on its latest cut-off')
        .option('--fail-on-targets', 'exit 1 when any detector misses a target (for CI gates)')
        .option('--json', 'print everything as JSON')
        .addHelpText('after', `
Examples:
  distillwatch eval --truth world/truth --findings world/findings
  distillwatch eval --truth world/truth --findings hunt/ --findings baseline/ --json
  distillwatch eval --truth world/truth --timeline daily/ --fail-on-targets     # daily/<day>/ each a hunt --until <day>
Findings: accounts.jsonl (one line per account judged: account_id, risk, flagged, campaign_id, reasons) and
campaigns.json (detector, generated_at, until, campaigns). Accounts absent from the findings count as not
flagged with risk 0. Exits 0 when scoring worked, even if targets are missed (unless --fail-on-targets).`)
        .action(async (opts) => {
        const bar = progressBar(!opts.json);
        const report = await evaluate({
            truth: opts.truth,
            findings: opts.findings,
            timeline: opts.timeline,
            onFileStart: (label) => bar.start(label.length > 60 ? '…' + label.slice(-59) : label),
            onProgress: (f) => bar.update(f),
        }).finally(() => bar.stop());
        if (opts.json)
            printJson(report);
        else
            process.stdout.write(renderEvalReport(report) + '\n');
        if (opts.failOnTargets && !report.targetsMet) {
            process.stderr.write('distillwatch eval: targets missed (--fail-on-targets)\n');
            process.exitCode = 1;
        }
    });
}
//# sourceMappingURL=eval.js.map