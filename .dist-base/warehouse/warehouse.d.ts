export type QueryParams = Record<string, unknown>;
/** How the engine reads one local file for an INSERT ... SELECT. */
export interface FileSource {
    path: string;
    /** ClickHouse input format: LineAsString, CSVWithNames, Parquet, ... */
    format: string;
    /** Column structure the format is read with, e.g. `line String`. */
    structure: string;
    /** Format settings for reading this file (inlined: they are ours, never user input). */
    settings?: Record<string, string | number>;
}
export interface LoadProgress {
    /** 0..1, an estimate from the bytes of the file read so far. */
    fraction: number;
}
/**
 * The one small door to ClickHouse. Two implementations share every line of SQL: the embedded chDB
 * engine in a data directory, and a ClickHouse server over HTTP.
 */
export interface Warehouse {
    readonly kind: 'embedded' | 'server';
    /** The data directory or the server URL (without credentials). */
    readonly location: string;
    query<T = Record<string, unknown>>(sql: string, params?: QueryParams): Promise<T[]>;
    /** Rows as arrays in the order of the SELECT list (no key names per row), streamed: for results of millions of rows. */
    queryArrays<T extends unknown[] = unknown[]>(sql: string, params?: QueryParams): Promise<T[]>;
    /** A query's output in a ClickHouse output format (PrettyCompact, CSV, ...), as text. */
    queryText(sql: string, format: string, params?: QueryParams, opts?: {
        readonly?: boolean;
    }): Promise<string>;
    command(sql: string, params?: QueryParams): Promise<void>;
    /** Inserts rows held in JavaScript (small results such as per-account assignments), as JSON rows. */
    insertRows(table: string, rows: Record<string, unknown>[]): Promise<void>;
    /**
     * `INSERT INTO <target> SELECT <select> FROM <the file>`: the engine reads and transforms the file,
     * no row passes through JavaScript. In `select`, `{{source}}` stands for the table expression reading
     * the file and `{{row_number}}` for the 0-based record number in it.
     */
    insertFromFile(target: string, select: string, source: FileSource, params?: QueryParams, onProgress?: (p: LoadProgress) => void): Promise<void>;
    /** Writes the rows of a query to a local file in a ClickHouse output format. */
    exportToFile(sql: string, path: string, format: string, params?: QueryParams): Promise<void>;
    close(): Promise<void>;
}
export interface OpenOptions {
    /** Data directory of the embedded engine. */
    data?: string;
    /** URL of a ClickHouse server, e.g. http://user:pass@host:8123/db. Wins over `data`. */
    clickhouseUrl?: string;
    /** Apply pending schema migrations (default true). */
    migrate?: boolean;
}
export declare const DEFAULT_DATA_DIR = "./distillwatch-data";
/** Opens the warehouse and brings its schema up to date. */
export declare function openWarehouse(opts?: OpenOptions): Promise<Warehouse>;
