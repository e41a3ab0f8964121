// The library surface: what other tools embed. The CLI is built on exactly these.
export * from './schema/index.js';
export { openWarehouse, DEFAULT_DATA_DIR, type Warehouse, type OpenOptions } from './warehouse/warehouse.js';
export { ingest, IngestError, type IngestOptions, type IngestSummary, type LoadSummary } from './ingest/ingest.js';
