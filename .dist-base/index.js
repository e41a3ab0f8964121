// The library surface: what other tools embed. The CLI is built on exactly these.
export * from './schema/index.js';
export { openWarehouse, DEFAULT_DATA_DIR } from './warehouse/warehouse.js';
export { ingest, IngestError } from './ingest/ingest.js';
export { simulate } from './simulate/simulate.js';
export { hunt } from './hunt/hunt.js';
export { DEFAULT_HUNT_CONFIG } from './hunt/context.js';
export { SIGNALS } from './hunt/signals/index.js';
export { defineSignal } from './hunt/signal.js';
export { writeFindings } from './hunt/findings.js';
export { writeReport } from './report/report.js';
export { evaluate, renderEvalReport } from './eval/index.js';
export * from './eval/contracts.js';
//# sourceMappingURL=index.js.map