import { Command } from 'commander';
import { type IngestSummary } from '../../ingest/ingest.js';
export declare function ingestCommand(): Command;
export declare function renderIngestSummary(s: IngestSummary): string;
