import { Command, Option } from 'commander';
import { ingest } from '../../ingest/ingest.js';
import { formatTable, printJson, progressBar, warehouseOptions, withWarehouse } from '../common.js';
export function ingestCommand() {
    return warehouseOptions(new Command('ingest')
        .description('Load API exchange logs (and account records) into the warehouse. Reads JSON Lines, CSV or Parquet, ' +
        'each optionally gzipped, told apart by file name; JSON Lines may also hold raw OpenAI chat.completions ' +
        'or Anthropic messages request/response pairs. Invalid records go to a quarantine file with their file, ' +
        'line, field and reason; re-loading a request_id adds nothing.')
        .argument('[files...]', 'exchange files (.jsonl, .ndjson, .json, .csv, .parquet, optionally .gz)')
        .option('--accounts <file>', 'an account record file, same formats; repeat the option for more files (it takes one file each time, so the exchange files may follow it)', (file, previous = []) => [...previous, file])
        .addOption(new Option('--shape <shape>', 'JSON record shape (default: detected from the first record)').choices([
        'canonical',
        'openai',
        'anthropic',
    ]))
        .option('--quarantine-dir <dir>', 'where to write the quarantine file (default: <data>/quarantine)')
        .option('--json', 'print the summary as JSON'))
        .addHelpText('after', `
Examples:
  distillwatch ingest --data ./dw logs/2026-06-*.jsonl.gz --accounts accounts.csv
  distillwatch ingest --data ./dw --accounts accounts-eu.csv --accounts accounts-us.csv exchanges.parquet
  distillwatch ingest --json gateway-openai.jsonl      # raw {request, response} pairs
Schema: see README.md ("The data it needs").`)
        .action(async (files, opts) => {
        const bar = progressBar(!opts.json);
        const summary = await withWarehouse(opts, (wh) => ingest(wh, {
            exchanges: files,
            accounts: opts.accounts,
            shape: opts.shape,
            quarantineDir: opts.quarantineDir,
            onFileStart: (file, i, n) => bar.start(`${i + 1}/${n} ${file.length > 40 ? '…' + file.slice(-39) : file}`),
            onProgress: (f) => bar.update(f),
        }).finally(() => bar.stop()));
        if (opts.json)
            printJson(summary);
        else
            process.stdout.write(renderIngestSummary(summary) + '\n');
    });
}
export function renderIngestSummary(s) {
    const rows = s.files.map((f) => [f.file, f.kind, f.read, f.accepted, f.inserted, f.duplicates, f.quarantined]);
    const t = s.totals;
    const lines = [
        formatTable(['file', 'kind', 'read', 'accepted', 'inserted', 'duplicates', 'quarantined'], [...rows, ['total', '', t.read, t.accepted, t.inserted, t.duplicates, t.quarantined]]),
        '',
        `read = accepted + quarantined: ${t.read} = ${t.accepted} + ${t.quarantined}` +
            (t.duplicates ? ` (${t.duplicates} accepted records were already held and added nothing)` : ''),
    ];
    const reasons = new Map();
    for (const f of s.files)
        for (const r of f.topReasons)
            reasons.set(`${r.field} ${r.reason}`, (reasons.get(`${r.field} ${r.reason}`) ?? 0) + r.count);
    if (reasons.size > 0) {
        lines.push('', 'most common rejections:');
        for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8))
            lines.push(`  ${n.toLocaleString('en-US').padStart(10)}  ${reason}`);
    }
    // A file rejected whole is almost always the wrong kind (accounts given as exchanges or the reverse).
    for (const f of s.files) {
        if (f.read > 0 && f.quarantined === f.read) {
            lines.push('', `every record of ${f.file} was rejected as ${f.kind === 'account' ? 'an account' : 'an exchange'} record: ` +
                (f.kind === 'account' ? 'if it holds exchanges, pass it without --accounts' : 'if it holds account records, pass it with --accounts'));
        }
    }
    if (s.quarantineFile)
        lines.push('', `quarantined records, with file, line, field and reason: ${s.quarantineFile}`);
    return lines.join('\n');
}
//# sourceMappingURL=ingest.js.map