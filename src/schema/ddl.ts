import { columnType, type Fields } from './fields.js';

/** Column definitions of a schema, in field order, for CREATE TABLE. */
export function columnsDdl(fields: Fields): string[] {
  return Object.entries(fields).map(([name, field]) => `${name} ${columnType(field)}`);
}

/** `name Nullable(String), ...`: every field as raw text, the shape ingest reads records in. */
export function rawStructure(fields: Fields): string {
  return Object.keys(fields)
    .map((name) => `${name} Nullable(String)`)
    .join(', ');
}
