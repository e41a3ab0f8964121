import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FITTED_TRACES } from './fitted.js';
import { fitTraces, TRACE_FILES } from './traces.js';

const TRACES = join(import.meta.dirname, '..', '..', '..', 'shared', 'traces');
const dir = mkdtempSync(join(tmpdir(), 'dw-traces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A small trace directory in the published formats, with known shapes. */
function writeTraces(at: string, opts: { badRate?: boolean } = {}) {
  const azure = (ctx: number, out: number) =>
    gzipSync(['TIMESTAMP,ContextTokens,GeneratedTokens', ...Array.from({ length: 200 }, (_, i) => `2023-11-16 18:17:0${i % 10}.0,${ctx * (i % 2 ? 2 : 0.5)},${out}`)].join('\n'));
  writeFileSync(join(at, TRACE_FILES.azureCode), azure(1000, 20));
  writeFileSync(join(at, TRACE_FILES.azureConv), azure(400, 150));
  writeFileSync(join(at, TRACE_FILES.servegenDataset), JSON.stringify({ 0: { input_tokens: '{100: 0.5, 400: 0.5}', output_tokens: '{1000: 1.0}', reason_ratio: '{0.5: 1.0}' } }));
  for (const f of TRACE_FILES.servegenRates) {
    const rows = ['client_id,window_start_s,rate_rps,cv,iat_dist,param1,param2'];
    for (let w = 0; w < 144; w++) {
      // Client 0 is ten times client 1; the daily peak is at hour 20.
      const hour = Math.floor((w * 600) / 3600) % 24;
      const boost = hour === 20 ? 3 : 1;
      rows.push(`0,${w * 600},${opts.badRate && w === 5 ? 'fast' : 1 * boost},1.0,Gamma,1.0,1.0`);
      rows.push(`1,${w * 600},${0.1 * boost},2.0,Weibull,0.5,1.0`);
    }
    writeFileSync(join(at, f), gzipSync(rows.join('\n')));
  }
}

describe('trace fitting', () => {
  it('fits lengths, arrivals, the daily rhythm and client inequality', async () => {
    const d = join(dir, 'ok');
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d);
    writeTraces(d);
    const fit = await fitTraces(d);
    expect(fit.tokens.codeContext.median).toBeCloseTo(1000, -1);
    expect(fit.tokens.chatOutput.median).toBeCloseTo(150, 0);
    expect(fit.tokens.chatOutput.sigma).toBe(0);
    expect(fit.tokens.reasoningOutput.median).toBeCloseTo(1000, 0);
    expect(fit.tokens.reasoningShare).toBe(0.5);
    expect(fit.arrival.gammaShape).toBe(1);
    expect(fit.arrival.weibullShare).toBe(0.5);
    expect(fit.arrival.weibullShape).toBe(0.5);
    expect(fit.arrival.hourly).toHaveLength(24);
    expect(fit.arrival.hourly.indexOf(Math.max(...fit.arrival.hourly))).toBe(20);
    expect(fit.arrival.top5Share).toBe(1);
  });

  it('names the file, line and field of bad input', async () => {
    const d = join(dir, 'bad');
    mkdirSync(d, { recursive: true });
    writeTraces(d, { badRate: true });
    await expect(fitTraces(d)).rejects.toThrow(/servegen_m-small_per_client_rates\.csv\.gz: line \d+: field rate_rps: expected a number, got "fast"/);
    await expect(fitTraces(join(dir, 'missing'))).rejects.toThrow(/no such traces directory/);
    rmSync(join(d, TRACE_FILES.azureConv));
    await expect(fitTraces(d)).rejects.toThrow(/AzureLLMInferenceTrace_conv_2023\.csv\.gz: no such trace file/);
  });

  it.skipIf(!existsSync(TRACES))('ships exactly the fit of the reference traces', async () => {
    const fit = await fitTraces(TRACES);
    expect({ ...fit, source: FITTED_TRACES.source }).toEqual(FITTED_TRACES);
  });
});
