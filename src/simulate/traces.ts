import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/**
 * Fits the numbers the simulator takes from real serving traces (the ../shared/traces format): token
 * lengths (Azure LLM inference traces, ServeGen per-client token distributions) and per-client arrival
 * processes (ServeGen: Gamma/Weibull inter-arrival fits per client and 10-minute window). The package
 * ships the fit of the reference traces (`fitted.ts`); `--traces DIR` refits from files of the same names.
 */

/** A log-normal length distribution: median and log-space standard deviation. */
export interface LogNormalFit {
  median: number;
  sigma: number;
}

export interface TraceFit {
  /** Where the numbers came from. */
  source: string;
  tokens: {
    /** Azure conversation service: whole context and generated tokens. */
    chatContext: LogNormalFit;
    chatOutput: LogNormalFit;
    /** Azure coding service: whole context and generated tokens (completions, hence short). */
    codeContext: LogNormalFit;
    codeOutput: LogNormalFit;
    /** ServeGen reasoning model (deepseek-r1): prompt and output tokens, and the reasoning share of output. */
    reasoningInput: LogNormalFit;
    reasoningOutput: LogNormalFit;
    reasoningShare: number;
  };
  arrival: {
    /** Request-weighted median Gamma shape of per-client inter-arrival times (1 = Poisson; < 1 = bursty). */
    gammaShape: number;
    /** Request-weighted median coefficient of variation of inter-arrival times. */
    cv: number;
    /** Share of client windows whose inter-arrivals fit a Weibull better than a Gamma. */
    weibullShare: number;
    /** Median Weibull shape among those windows. */
    weibullShape: number;
    /** A service's rhythm over the day: 24 hourly multipliers, mean 1 (the longest trace). */
    hourly: number[];
    /** Log-space standard deviation of clients' total volumes (median over services): how unequal clients are. */
    clientVolumeSigma: number;
    /** Share of requests sent by the five largest clients (median over services). */
    top5Share: number;
  };
}

export const TRACE_FILES = {
  azureCode: 'AzureLLMInferenceTrace_code_2023.csv.gz',
  azureConv: 'AzureLLMInferenceTrace_conv_2023.csv.gz',
  servegenDataset: 'servegen_deepseek-r1_chunk-0-dataset.json',
  servegenRates: ['servegen_m-small_per_client_rates.csv.gz', 'servegen_deepseek-r1_per_client_rates.csv.gz', 'servegen_mm-image_per_client_rates.csv.gz'],
} as const;

export class TraceError extends Error {}

async function* csvRows(path: string): AsyncGenerator<{ line: number; cells: Record<string, string> }> {
  if (!existsSync(path)) throw new TraceError(`${path}: no such trace file`);
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: string[] | undefined;
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      const cells = line.split(',');
      if (!header) {
        header = cells.map((c) => c.trim());
        continue;
      }
      yield { line: n, cells: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])) };
    }
  } finally {
    lines.close();
    raw.destroy();
  }
}

function num(path: string, line: number, cells: Record<string, string>, field: string): number {
  const v = Number(cells[field]);
  if (cells[field] === undefined || cells[field] === '' || !Number.isFinite(v)) {
    throw new TraceError(`${path}: line ${line}: field ${field}: expected a number, got ${JSON.stringify(cells[field] ?? null)}`);
  }
  return v;
}

const round = (x: number, digits = 3) => Number(x.toFixed(digits));

/** Log-normal fit of (value, weight) pairs: weighted mean and standard deviation of log values. */
function logNormalOf(pairs: Iterable<[number, number]>): LogNormalFit {
  let w = 0;
  let s = 0;
  let ss = 0;
  for (const [v, wt] of pairs) {
    const l = Math.log(Math.max(1, v));
    w += wt;
    s += wt * l;
    ss += wt * l * l;
  }
  if (w === 0) throw new TraceError('no token counts to fit');
  const mu = s / w;
  return { median: round(Math.exp(mu), 1), sigma: round(Math.sqrt(Math.max(0, ss / w - mu * mu))) };
}

function weightedMedian(pairs: [number, number][]): number {
  const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((a, [, w]) => a + w, 0);
  let acc = 0;
  for (const [v, w] of sorted) {
    acc += w;
    if (acc >= total / 2) return v;
  }
  return sorted[sorted.length - 1]?.[0] ?? NaN;
}

const median = (xs: number[]) => weightedMedian(xs.map((x) => [x, 1]));

async function azureFit(path: string): Promise<{ context: LogNormalFit; output: LogNormalFit }> {
  const ctx: [number, number][] = [];
  const out: [number, number][] = [];
  for await (const { line, cells } of csvRows(path)) {
    ctx.push([num(path, line, cells, 'ContextTokens'), 1]);
    out.push([num(path, line, cells, 'GeneratedTokens'), 1]);
  }
  return { context: logNormalOf(ctx), output: logNormalOf(out) };
}

/** ServeGen stores each window's distribution as a Python dict literal, `{45: 0.0097, 46: 0.0117, ...}`. */
function pmf(path: string, window: string, field: string, text: unknown): [number, number][] {
  if (typeof text === 'object' && text !== null) return Object.entries(text).map(([k, v]) => [Number(k), Number(v)]);
  if (typeof text !== 'string') throw new TraceError(`${path}: window ${window}: field ${field}: expected a distribution`);
  const pairs: [number, number][] = [];
  for (const m of text.matchAll(/(-?[\d.eE+-]+)\s*:\s*(-?[\d.eE+-]+)/g)) pairs.push([Number(m[1]), Number(m[2])]);
  if (text.trim() !== '{}' && pairs.length === 0) throw new TraceError(`${path}: window ${window}: field ${field}: not a {value: probability} map`);
  return pairs;
}

function servegenDatasetFit(path: string) {
  if (!existsSync(path)) throw new TraceError(`${path}: no such trace file`);
  let doc: Record<string, Record<string, unknown>>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new TraceError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const input: [number, number][] = [];
  const output: [number, number][] = [];
  const share: [number, number][] = [];
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

interface RatesFit {
  windows: { dist: string; shape: number; cv: number; requests: number }[];
  hourly: number[];
  spanSeconds: number;
  clientVolumeSigma: number;
  top5Share: number;
}

async function servegenRatesFit(path: string): Promise<RatesFit> {
  const windows: RatesFit['windows'] = [];
  const hourly = new Array<number>(24).fill(0);
  const perClient = new Map<string, number>();
  let span = 0;
  for await (const { line, cells } of csvRows(path)) {
    const start = num(path, line, cells, 'window_start_s');
    const rate = num(path, line, cells, 'rate_rps');
    span = Math.max(span, start + 600);
    if (rate <= 0) continue;
    const requests = rate * 600;
    const client = cells.client_id ?? '';
    perClient.set(client, (perClient.get(client) ?? 0) + requests);
    hourly[Math.floor((start % 86400) / 3600)]! += requests;
    const dist = cells.iat_dist ?? '';
    if (dist === 'Gamma' || dist === 'Weibull') {
      windows.push({ dist, shape: num(path, line, cells, 'param1'), cv: num(path, line, cells, 'cv'), requests });
    } else if (dist !== '' && dist !== 'Exponential') {
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
export async function fitTraces(dir: string): Promise<TraceFit> {
  if (!existsSync(dir)) throw new TraceError(`${dir}: no such traces directory`);
  const code = await azureFit(join(dir, TRACE_FILES.azureCode));
  const conv = await azureFit(join(dir, TRACE_FILES.azureConv));
  const reasoning = servegenDatasetFit(join(dir, TRACE_FILES.servegenDataset));
  const rates: RatesFit[] = [];
  for (const f of TRACE_FILES.servegenRates) rates.push(await servegenRatesFit(join(dir, f)));

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
