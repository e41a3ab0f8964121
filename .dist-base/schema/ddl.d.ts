import { type Fields } from './fields.js';
/** Column definitions of a schema, in field order, for CREATE TABLE. */
export declare function columnsDdl(fields: Fields): string[];
/** `name Nullable(String), ...`: every field as raw text, the shape ingest reads records in. */
export declare function rawStructure(fields: Fields): string;
