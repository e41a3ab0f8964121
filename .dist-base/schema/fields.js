/**
 * The field vocabulary every record schema is written in. A field says once what it holds; the
 * ClickHouse column type, the TypeScript type and the ingest validation (as SQL over the raw text of
 * the value) all derive from it, so the three can never drift apart.
 */
const spec = (kind, nullable, column, o) => ({ kind, nullable, ...o, column: o.column ?? column });
/** Field constructors: `f.id({doc})`, `f.uint({doc, max})`, `f.text({doc}).nullable` and so on. */
export const f = {
    id: (o) => spec('id', false, 'String', o),
    text: (o) => spec('text', true, 'String', o),
    timestamp: (o) => spec('timestamp', false, "DateTime64(3, 'UTC')", o),
    nullableTimestamp: (o) => spec('timestamp', true, "DateTime64(3, 'UTC')", o),
    ip: (o) => spec('ip', false, 'String', o),
    nullableIp: (o) => spec('ip', true, 'String', o),
    uint: (o) => spec('uint', false, 'UInt32', o),
    nullableUint: (o) => spec('uint', true, 'UInt32', o),
    nullableFloat: (o) => spec('float', true, 'Float64', o),
    nullableBool: (o) => spec('bool', true, 'Bool', o),
    nullableEnum: (values, o) => spec('enum', true, 'LowCardinality(String)', { ...o, values }),
    nullableCountry: (o) => spec('country', true, 'LowCardinality(String)', o),
    textArray: (o) => spec('text_array', false, 'Array(String)', { ...o, whenAbsent: 'empty' }),
    nullableId: (o) => spec('id', true, 'String', o),
    lowCardinalityId: (o) => spec('id', false, 'LowCardinality(String)', o),
};
/** The ClickHouse type of a field's column. */
export function columnType(field) {
    if (!field.nullable)
        return field.column;
    // LowCardinality(Nullable(T)) is the legal nesting.
    const lc = /^LowCardinality\((.*)\)$/.exec(field.column);
    return lc ? `LowCardinality(Nullable(${lc[1]}))` : `Nullable(${field.column})`;
}
//# sourceMappingURL=fields.js.map