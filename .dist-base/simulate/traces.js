import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
export const TRACE_FILES = {
    azureCode: 'AzureLLMInferenceTrace_code_2023.csv.gz',
    azureConv: 'AzureLLMInferenceTrace_conv_2023.csv.gz',
    servegenDataset: 'servegen_deepseek-r1_chunk-0-dataset.json',
    servegenRates: ['servegen_m-small_per_client_rates.csv.gz', 'servegen_deepseek-r1_per_client_rates.csv.gz', 'servegen_mm-image_per_client_rates.csv.gz'],
};
export class TraceError extends Error {
}
async function* csvRows(path) {
    if (!existsSync(path))
        throw new TraceError(`${path}: no such trace file`);
    const raw = createReadStream(path);
    const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
    const lines = createInterface({ input, crlfDelay: Infinity });
    let header;
    let n = 0;
    try {
        for await (const line of lines) {
            n++;
            if (line.trim() === '')
                continue;
            const cells = line.split(',');
            if (!header) {
                header = cells.map((c) => c.trim());
                continue;
            }
            yield { line: n, cells: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])) };
        }
    }
    finally {
        lines.close();
        raw.destroy();
    }
}
function num(path, line, cells, field) {
    const v = Number(cells[field]);
    if (cells[field] === undefined || cells[field] === '' || !Number.isFinite(v)) {
        throw new TraceError(`${path}: line ${line}: field ${field}: expected a number, got ${JSON.stringify(cells[field] ?? null)}`);
    }
    return v;
}
const round = (x, digits = 3) => Number(x.toFixed(digits));
/** Log-normal fit of (value, weight) pairs: weighted mean and standard deviation of log values. */
function logNormalOf(pairs) {
    let w = 0;
    let s = 0;
    let ss = 0;
    for (const [v, wt] of pairs) {
        const l = Math.log(Math.max(1, v));
        w += wt;
        s += wt * l;
        ss += wt * l * l;
    }
    if (w === 0)
        throw new TraceError('no token counts to fit');
    const mu = s / w;
    return { median: round(Math.exp(mu), 1), sigma: round(Math.sqrt(Math.max(0, ss / w - mu * mu))) };
}
function weightedMedian(pairs) {
    const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
    const total = sorted.reduce((a, [, w]) => a + w, 0);
    let acc = 0;
    for (const [v, w] of sorted) {
        acc += w;
        if (acc >= total / 2)
            return v;
    }
    return sorted[sorted.length - 1]?.[0] ?? NaN;
}
const median = (xs) => weightedMedian(xs.map((x) => [x, 1]));
async function azureFit(path) {
    const ctx = [];
    const out = [];
    for await (const { line, cells } of csvRows(path)) {
        ctx.push([num(path, line, cells, 'ContextTokens'), 1]);
        out.push([num(path, line, cells, 'GeneratedTokens'), 1]);
    }
    return { context: logNormalOf(ctx), output: logNormalOf(out) };
}
/** ServeGen stores each window's distribution as a Python dict literal, `{45: 0.0097, 46: 0.0117, ...}`. */
function pmf(path, window, field, text) {
    if (typeof text === 'object' && text !== null)
        return Object.entries(text).map(([k, v]) => [Number(k), Number(v)]);
    if (typeof text !== 'string')
        throw new TraceError(`${path}: window ${window}: field ${field}: expected a distribution`);
    const pairs = [];
    for (const m of text.matchAll(/(-?[\d.eE+-]+)\s*:\s*(-?[\d.eE+-]+)/g))
        pairs.push([Number(m[1]), Number(m[2])]);
    if (text.trim() !== '{}' && pairs.length === 0)
        throw new TraceError(`${path}: window ${window}: field ${field}: not a {value: probability} map`);
    return pairs;
}
function servegenDatasetFit(path) {
    if (!existsSync(path))
        throw new TraceError(`${path}: no such trace file`);
    let doc;
    try {
        doc = JSON.parse(readFileSync(path, 'utf8'));
    }
    catch (e) {
        throw new TraceError(`${path}: not valid JSON (${e.message})`);
    }
    const input = [];
    const output = [];
    const share = [];
    for (const [window, d] of Object.entries(doc)) {
        input.push(...pmf(path, window, 'input_tokens', d.input_tokens));
        output.push(...pmf(path, window, 'output_tokens', d.output_tokens));
        share.push(...pmf(path, window, 'reason_ratio', d.reason_ratio));
    }
    const totalShare = share.reduce((a, [, w]) => a + w, 0);
    return {
        reasoningInput: logNormalOf(input),
        reasoningOutput: logNormalOf(output),
        reasoningShare: round(totalShare > 0 ? share.reduce((a, [v, w]) => a + v * w, 0) / totalShare : 0),
    };
}
async function servegenRatesFit(path) {
    const windows = [];
    const hourly = new Array(24).fill(0);
    const perClient = new Map();
    let span = 0;
    for await (const { line, cells } of csvRows(path)) {
        const start = num(path, line, cells, 'window_start_s');
        const rate = num(path, line, cells, 'rate_rps');
        span = Math.max(span, start + 600);
        if (rate <= 0)
            continue;
        const requests = rate * 600;
        const client = cells.client_id ?? '';
        perClient.set(client, (perClient.get(client) ?? 0) + requests);
        hourly[Math.floor((start % 86400) / 3600)] += requests;
        const dist = cells.iat_dist ?? '';
        if (dist === 'Gamma' || dist === 'Weibull') {
            windows.push({ dist, shape: num(path, line, cells, 'param1'), cv: num(path, line, cells, 'cv'), requests });
        }
        else if (dist !== '' && dist !== 'Exponential') {
            throw new TraceError(`${path}: line ${line}: field iat_dist: expected Gamma, Weibull or Exponential, got ${JSON.stringify(dist)}`);
        }
    }
    const totals = [...perClient.values()].sort((a, b) => b - a);
    const all = totals.reduce((a, b) => a + b, 0);
    const logs = totals.map(Math.log);
    const mean = logs.reduce((a, b) => a + b, 0) / Math.max(1, logs.length);
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, logs.length));
    return {
        windows,
        hourly,
        spanSeconds: span,
        clientVolumeSigma: sd,
        top5Share: all > 0 ? totals.slice(0, 5).reduce((a, b) => a + b, 0) / all : 0,
    };
}
/** Fits everything from a directory holding the trace files under their published names. */
export async function fitTraces(dir) {
    if (!existsSync(dir))
        throw new TraceError(`${dir}: no such traces directory`);
    const code = await azureFit(join(dir, TRACE_FILES.azureCode));
    const conv = await azureFit(join(dir, TRACE_FILES.azureConv));
    const reasoning = servegenDatasetFit(join(dir, TRACE_FILES.servegenDataset));
    const rates = [];
    for (const f of TRACE_FILES.servegenRates)
        rates.push(await servegenRatesFit(join(dir, f)));
    const windows = rates.flatMap((r) => r.windows);
    const gamma = windows.filter((w) => w.dist === 'Gamma');
    const weibull = windows.filter((w) => w.dist === 'Weibull');
    // The longest trace (days, not hours) gives the daily rhythm; normalised to mean 1.
    const longest = rates.reduce((a, b) => (b.spanSeconds > a.spanSeconds ? b : a));
    const hMean = longest.hourly.reduce((a, b) => a + b, 0) / 24;
    return {
        source: dir,
        tokens: {
            chatContext: conv.context,
            chatOutput: conv.output,
            codeContext: code.context,
            codeOutput: code.output,
            ...reasoning,
        },
        arrival: {
            gammaShape: round(weightedMedian(gamma.map((w) => [w.shape, w.requests]))),
            cv: round(weightedMedian(windows.map((w) => [w.cv, w.requests]))),
            weibullShare: round(weibull.length / Math.max(1, windows.length)),
            weibullShape: round(median(weibull.map((w) => w.shape))),
            hourly: longest.hourly.map((h) => round(hMean > 0 ? h / hMean : 1, 2)),
            clientVolumeSigma: round(median(rates.map((r) => r.clientVolumeSigma))),
            top5Share: round(median(rates.map((r) => r.top5Share))),
        },
    };
}
//# sourceMappingURL=traces.js.map