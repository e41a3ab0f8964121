import { Command, Option } from 'commander';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { evaluate, renderEvalReport, TRUTH_DIR } from '../../eval/index.js';
import { DEFAULT_HUNT_CONFIG } from '../../hunt/context.js';
import { writeFindings } from '../../hunt/findings.js';
import { hunt } from '../../hunt/hunt.js';
import { ingest } from '../../ingest/ingest.js';
import { writeReport } from '../../report/report.js';
import { simulate } from '../../simulate/simulate.js';
import { openWarehouse } from '../../warehouse/warehouse.js';
import { formatTable, printJson, progressBar } from '../common.js';
/**
 * The newcomer's first run, on the embedded warehouse with nothing to set up: simulate a small world
 * with a distillation campaign in it, load it, hunt it, and score the hunt against what the simulation
 * knows, printing where the report is.
 */
export function demoCommand() {
    return new Command('demo')
        .description('Run the whole product once on a small simulated world: simulate seed-2026 (the defining 2026 case, with ' +
        'its legitimate look-alikes), ingest it into an embedded warehouse, hunt it, score the hunt against the ' +
        "simulation's ground truth, and write the report. Offline; nothing to set up.")
        .addOption(new Option('--out <dir>', 'where to put the world, the warehouse, the findings and the report').default('./distillwatch-demo'))
        .addOption(new Option('--scale <f>', 'size of the world (1 = the full 2026 case; the default runs in about a minute)').default('0.005'))
        .addOption(new Option('--seed <n>', 'seed of the simulation').default('1'))
        .option('--open', 'open the HTML report in a browser when done (if one is available)')
        .option('--json', 'print the summary as JSON')
        .action(async (opts) => {
        const scale = Number(opts.scale);
        const seed = Number(opts.seed);
        if (!(scale > 0 && scale <= 1))
            throw new Error(`--scale ${opts.scale}: expected a number in (0, 1]`);
        if (!Number.isInteger(seed))
            throw new Error(`--seed ${opts.seed}: expected an integer`);
        const out = resolve(opts.out);
        const sim = join(out, 'world');
        const data = join(out, 'warehouse');
        const findings = join(out, 'findings');
        rmSync(out, { recursive: true, force: true });
        const bar = progressBar(!opts.json);
        const say = (msg) => {
            if (!opts.json)
                process.stderr.write(`${msg}\n`);
        };
        const t0 = Date.now();
        say(`1/4 simulating seed-2026 at scale ${scale} (seed ${seed})`);
        bar.start('simulate');
        const world = await simulate({ scenario: 'seed-2026', scale, seed, out: sim, onProgress: (d, n) => bar.update(d / n) }).finally(() => bar.stop());
        const wh = await openWarehouse({ data });
        let result;
        try {
            say(`2/4 ingesting ${world.exchanges.toLocaleString('en-US')} exchanges of ${world.accounts.toLocaleString('en-US')} accounts`);
            await ingest(wh, {
                exchanges: [join(sim, 'exchanges.jsonl.gz')],
                accounts: [join(sim, 'accounts.jsonl.gz')],
                onFileStart: (f) => bar.start(f.endsWith('accounts.jsonl.gz') ? 'ingest accounts' : 'ingest exchanges'),
                onProgress: (f) => bar.update(f),
            }).finally(() => bar.stop());
            say('3/4 hunting');
            bar.start('hunt');
            result = await hunt(wh, { ...DEFAULT_HUNT_CONFIG, asnFile: join(sim, 'ip2asn.tsv') }, { onStep: (_s, f) => bar.update(f) }).finally(() => bar.stop());
        }
        finally {
            await wh.close();
        }
        await writeFindings(result, findings);
        const report = writeReport(result, findings);
        say('4/4 scoring the hunt against the simulation\'s ground truth');
        const scored = await evaluate({ truth: join(sim, TRUTH_DIR), findings: [findings] });
        const flagged = result.accounts.filter((a) => a.flagged);
        const reasons = new Map();
        for (const a of flagged)
            for (const r of a.reasons)
                reasons.set(r, (reasons.get(r) ?? 0) + 1);
        const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 6);
        const seconds = (Date.now() - t0) / 1000;
        if (opts.json) {
            printJson({
                out,
                report: report.html,
                seconds,
                world: { accounts: world.accounts, exchanges: world.exchanges, attack_exchanges: world.attack_exchanges },
                campaigns: result.campaigns.map((c) => ({ campaign_id: c.campaign_id, accounts: c.accounts.length, exchanges: c.exchanges, first_seen: c.first_seen, confidence: c.confidence, reasons: c.reasons })),
                flagged_accounts: flagged.length,
                top_reasons: Object.fromEntries(top),
                eval: scored,
            });
        }
        else {
            const lines = [
                '',
                `distillwatch demo: ${world.accounts.toLocaleString('en-US')} accounts, ${world.exchanges.toLocaleString('en-US')} exchanges simulated, ingested, hunted and scored in ${seconds.toFixed(0)} s`,
                '',
                `${result.campaigns.length} campaign(s) found, ${flagged.length.toLocaleString('en-US')} account(s) flagged:`,
                formatTable(['campaign', 'accounts', 'exchanges', 'first seen', 'confidence', 'top reasons'], result.campaigns.map((c) => [c.campaign_id, c.accounts.length, c.exchanges, c.first_seen ?? '', c.confidence.toFixed(2), c.reasons.slice(0, 3).join(', ')])),
                '',
                `top reasons among flagged accounts: ${top.map(([r, k]) => `${r} (${k})`).join(', ')}`,
                '',
                renderEvalReport(scored),
                '',
                `report:   ${report.html}`,
                `          ${report.markdown}`,
                `findings: ${findings}/accounts.jsonl, campaigns.json`,
                `try:      npx distillwatch query --data ${data} "SELECT account_id, count() AS n FROM exchanges GROUP BY account_id ORDER BY n DESC LIMIT 10"`,
            ];
            process.stdout.write(lines.join('\n') + '\n');
        }
        if (opts.open)
            openInBrowser(report.html);
    });
}
/** Opens a file with the desktop's handler; quietly does nothing where there is none (servers, CI). */
function openInBrowser(path) {
    const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
    const args = process.platform === 'win32' ? ['/c', 'start', '', path] : [path];
    try {
        const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
        child.on('error', () => process.stderr.write(`no browser to open ${path} with; open it yourself\n`));
        child.unref();
    }
    catch {
        process.stderr.write(`no browser to open ${path} with; open it yourself\n`);
    }
}
//# sourceMappingURL=demo.js.map