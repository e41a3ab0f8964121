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
export declare const TRACE_FILES: {
    readonly azureCode: "AzureLLMInferenceTrace_code_2023.csv.gz";
    readonly azureConv: "AzureLLMInferenceTrace_conv_2023.csv.gz";
    readonly servegenDataset: "servegen_deepseek-r1_chunk-0-dataset.json";
    readonly servegenRates: readonly ["servegen_m-small_per_client_rates.csv.gz", "servegen_deepseek-r1_per_client_rates.csv.gz", "servegen_mm-image_per_client_rates.csv.gz"];
};
export declare class TraceError extends Error {
}
/** Fits everything from a directory holding the trace files under their published names. */
export declare function fitTraces(dir: string): Promise<TraceFit>;
