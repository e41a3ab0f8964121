/**
 * The fit of the reference traces (../shared/traces: Azure LLM inference traces 2023, CC-BY-4.0; alibaba
 * ServeGen per-client rates and token distributions, Apache-2.0), shipped so the simulator needs no trace
 * files. Produced by `fitTraces` in traces.ts: token lengths as log-normals (mean and sd of log tokens);
 * arrivals as request-weighted medians of the per-client, per-10-minute Gamma/Weibull fits; the daily
 * rhythm from the longest (14-day) trace; client inequality from clients' total volumes. Regenerate with
 * `distillwatch simulate --traces ../shared/traces --print-fit`; a test checks these match that fit.
 */
export const FITTED_TRACES = {
    source: '../shared/traces',
    tokens: {
        chatContext: {
            median: 760,
            sigma: 0.985,
        },
        chatOutput: {
            median: 151.3,
            sigma: 0.859,
        },
        codeContext: {
            median: 1095.1,
            sigma: 1.36,
        },
        codeOutput: {
            median: 16.3,
            sigma: 0.847,
        },
        reasoningInput: {
            median: 169.8,
            sigma: 0.985,
        },
        reasoningOutput: {
            median: 1154.3,
            sigma: 0.614,
        },
        reasoningShare: 0.556,
    },
    arrival: {
        gammaShape: 0.766,
        cv: 1.216,
        weibullShare: 0.288,
        weibullShape: 0.463,
        hourly: [0.84, 0.71, 0.73, 0.68, 0.71, 0.66, 0.68, 0.85, 1.02, 1.05, 1.13, 1.09, 1.06, 1.07, 1.06, 1.05, 1.09, 1.08, 1.01, 1.23, 1.46, 1.4, 1.27, 1.06],
        clientVolumeSigma: 1.828,
        top5Share: 0.56,
    },
};
//# sourceMappingURL=fitted.js.map