// The library surface: what other tools embed. The CLI is built on exactly these.
export * from './schema/index.js';
export { openWarehouse, DEFAULT_DATA_DIR, type Warehouse, type OpenOptions } from './warehouse/warehouse.js';
export { ingest, IngestError, type IngestOptions, type IngestSummary, type LoadSummary } from './ingest/ingest.js';
export { simulate, type SimulateOptions, type SimulateSummary } from './simulate/simulate.js';
export { hunt, type HuntOptions, type HuntResult } from './hunt/hunt.js';
export { DEFAULT_HUNT_CONFIG, type HuntConfig } from './hunt/context.js';
export { SIGNALS } from './hunt/signals/index.js';
export { defineSignal, type Signal, type SignalGroup } from './hunt/signal.js';
export { writeFindings } from './hunt/findings.js';
export { writeReport } from './report/report.js';
export { evaluate, renderEvalReport, type EvalOptions, type EvalReport } from './eval/index.js';
export * from './eval/contracts.js';
