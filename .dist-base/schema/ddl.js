import { columnType } from './fields.js';
/** Column definitions of a schema, in field order, for CREATE TABLE. */
export function columnsDdl(fields) {
    return Object.entries(fields).map(([name, field]) => `${name} ${columnType(field)}`);
}
/** `name Nullable(String), ...`: every field as raw text, the shape ingest reads records in. */
export function rawStructure(fields) {
    return Object.keys(fields)
        .map((name) => `${name} Nullable(String)`)
        .join(', ');
}
//# sourceMappingURL=ddl.js.map