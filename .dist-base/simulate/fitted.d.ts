import type { TraceFit } from './traces.js';
/**
 * The fit of the reference traces (../shared/traces: Azure LLM inference traces 2023, CC-BY-4.0; alibaba
 * ServeGen per-client rates and token distributions, Apache-2.0), shipped so the simulator needs no trace
 * files. Produced by `fitTraces` in traces.ts: token lengths as log-normals (mean and sd of log tokens);
 * arrivals as request-weighted medians of the per-client, per-10-minute Gamma/Weibull fits; the daily
 * rhythm from the longest (14-day) trace; client inequality from clients' total volumes. Regenerate with
 * `distillwatch simulate --traces ../shared/traces --print-fit`; a test checks these match that fit.
 */
export declare const FITTED_TRACES: TraceFit;
