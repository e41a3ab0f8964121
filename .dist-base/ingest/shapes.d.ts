import { type Fields } from '../schema/index.js';
/**
 * How each supported input shape turns into raw field text. Every shape ends as one SQL expression per
 * schema field, of type Nullable(String) (NULL = absent), which the schema's validation then checks and
 * converts. The engine does all of it; these functions only write SQL.
 */
export type FileFormat = 'jsonl' | 'csv' | 'parquet';
export type JsonShape = 'canonical' | 'openai' | 'anthropic';
export interface ShapeSql {
    /** Input format and structure the engine reads the file with. */
    format: string;
    structure: string;
    settings?: Record<string, string | number>;
    /** SQL of the raw value of one field. May use aliases defined in `prelude`. */
    raw: (name: string) => string;
    /** Named expressions computed once per record (`expr AS alias`), referenced by `raw`. */
    prelude: string[];
    /** SQL of the record as text, kept for the quarantine. */
    rawRecord: string;
    /** SQL true for records that are not records (blank lines). */
    blank: string;
    /** SQL true when a record with errors is not even a JSON object (checked only for rejected rows). */
    notAnObject?: string;
    /** Added to the 0-based record number to give the line number users see. */
    lineOffset: number;
}
export declare function detectFormat(path: string): FileFormat;
/** Which JSON shape a record is in, judged from its parsed object. */
export declare function detectJsonShape(record: unknown): JsonShape;
export declare function shapeSql(fields: Fields, format: FileFormat, shape: JsonShape): ShapeSql;
