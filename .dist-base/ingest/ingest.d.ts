import type { Warehouse } from '../warehouse/warehouse.js';
import { type FileFormat, type JsonShape } from './shapes.js';
export type RecordKind = 'exchange' | 'account';
export interface LoadSummary {
    file: string;
    kind: RecordKind;
    format: FileFormat;
    shape: JsonShape | 'columns';
    batch: number;
    /** Records read from the file (blank lines are not records). */
    read: number;
    /** Valid records: inserted plus duplicates of records already held. */
    accepted: number;
    inserted: number;
    duplicates: number;
    quarantined: number;
    blankLines: number;
    /** The most common rejection reasons, for the summary. */
    topReasons: {
        field: string;
        reason: string;
        count: number;
    }[];
    seconds: number;
}
export interface IngestSummary {
    runId: string;
    files: LoadSummary[];
    totals: {
        read: number;
        accepted: number;
        inserted: number;
        duplicates: number;
        quarantined: number;
    };
    /** File holding every rejected record with its file, line, field and reason (absent when none). */
    quarantineFile: string | null;
}
export interface IngestOptions {
    exchanges: string[];
    accounts?: string[];
    /** Force the JSON shape instead of detecting it from the first record. */
    shape?: JsonShape;
    /** Where to write the quarantine file; default `<data>/quarantine/<run>.jsonl`. */
    quarantineDir?: string;
    onFileStart?: (file: string, index: number, total: number) => void;
    onProgress?: (fraction: number) => void;
}
export declare class IngestError extends Error {
}
/** The INSERT ... SELECT that reads one file into the load table of its record kind. */
export declare function loadSql(kind: RecordKind, format: FileFormat, shape: JsonShape): {
    target: string;
    select: string;
    source: {
        format: string;
        structure: string;
        settings: Record<string, string | number> | undefined;
    };
};
/**
 * The rows of batch {batch} to drop as duplicates: (batch, line) of every copy of a key but the one kept, the
 * first (min) or the newest (max) by (batch, line). Keys repeated are found first by a 64-bit hash: grouping
 * the full-scale world's 75M request ids as hashes instead of strings took this from 361 s and 15.3 GiB to
 * 73 s and 8.2 GiB (bench/dedup). A hash collision only makes a candidate, which the exact grouping of the
 * few candidate rows then clears.
 */
export declare function duplicateRowsSql(table: string, key: string, keep: 'first' | 'last'): string;
/** Loads exchange and account files into the warehouse. Files are loaded one after another. */
export declare function ingest(wh: Warehouse, opts: IngestOptions): Promise<IngestSummary>;
