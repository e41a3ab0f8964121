import { columnType } from './fields.js';
/**
 * Validation and conversion of raw field text, as ClickHouse SQL derived from the field specs. Each
 * field arrives as Nullable(String) (NULL = absent or JSON null); each gets an expression for its typed
 * value and one for the reason it is rejected ('' when it is fine). Nothing is coerced silently: a
 * value that is not exactly what the field holds is rejected with the reason, never zeroed.
 */
const MIN_TS = '2000-01-01 00:00:00';
const MAX_TS = '2100-01-01 00:00:00';
const ISO_8601 = String.raw `^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|z|[+-]\d{2}(:?\d{2})?)?$`;
const EPOCH_MS = String.raw `^\d{10,16}$`;
const MAX_ID_BYTES = 1024;
const lit = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
function parsedTimestamp(r) {
    return `if(match(${r}, ${lit(EPOCH_MS)}), fromUnixTimestamp64Milli(toInt64OrZero(${r}), 'UTC'), parseDateTime64BestEffortOrNull(${r}, 3, 'UTC'))`;
}
/** SQL for the reason a raw value is rejected, '' when it is valid. */
export function errorSql(field, r) {
    const absent = field.nullable || field.whenAbsent ? `''` : `'is missing'`;
    switch (field.kind) {
        case 'id':
            return field.nullable
                ? `multiIf(${r} IS NULL, '', length(${r}) > ${MAX_ID_BYTES}, 'is longer than ${MAX_ID_BYTES} bytes', '')`
                : `multiIf(${r} IS NULL, 'is missing', ${r} = '', 'is empty', length(${r}) > ${MAX_ID_BYTES}, 'is longer than ${MAX_ID_BYTES} bytes', '')`;
        case 'text':
            return `''`;
        case 'timestamp':
            return `multiIf(${r} IS NULL, ${absent},
        NOT (match(${r}, ${lit(EPOCH_MS)}) OR match(${r}, ${lit(ISO_8601)})), 'is not an ISO-8601 timestamp or epoch milliseconds',
        ${parsedTimestamp(r)} IS NULL, 'is not a valid date and time',
        ${parsedTimestamp(r)} < toDateTime64('${MIN_TS}', 3, 'UTC'), 'is before 2000 (epoch seconds where milliseconds are expected?)',
        ${parsedTimestamp(r)} >= toDateTime64('${MAX_TS}', 3, 'UTC'), 'is after 2100',
        '')`;
        case 'ip':
            return `multiIf(${r} IS NULL OR (${r} = '' AND ${field.nullable ? 1 : 0}), ${absent}, isIPv4String(${r}) OR isIPv6String(${r}), '', 'is not an IPv4 or IPv6 address')`;
        case 'uint': {
            const min = field.min ?? 0;
            const max = field.max ?? 4294967295;
            return `multiIf(${r} IS NULL, ${absent},
        match(${r}, '^-0*[1-9][0-9]*$'), 'is negative',
        NOT match(${r}, '^-?[0-9]+$'), 'is not an integer',
        toUInt64OrNull(trimLeft(${r}, '-')) IS NULL OR toUInt64OrNull(trimLeft(${r}, '-')) > ${max}, 'is larger than ${max}',
        toUInt64OrNull(trimLeft(${r}, '-')) < ${min}, 'is smaller than ${min}',
        '')`;
        }
        case 'float':
            return `multiIf(${r} IS NULL, ${absent},
        toFloat64OrNull(${r}) IS NULL OR NOT isFinite(toFloat64OrNull(${r})), 'is not a number',
        ${field.min !== undefined ? `toFloat64OrNull(${r}) < ${field.min}, 'is smaller than ${field.min}',` : ''}
        ${field.max !== undefined ? `toFloat64OrNull(${r}) > ${field.max}, 'is larger than ${field.max}',` : ''}
        '')`;
        case 'bool':
            return `multiIf(${r} IS NULL, ${absent}, lower(${r}) IN ('true', 'false', '1', '0'), '', 'is not a boolean (true or false)')`;
        case 'enum':
            return `multiIf(${r} IS NULL, ${absent}, ${r} IN (${(field.values ?? []).map(lit).join(', ')}), '', ${lit(`is not one of: ${(field.values ?? []).join(', ')}`)})`;
        case 'country':
            return `multiIf(${r} IS NULL, ${absent}, match(${r}, '^[A-Za-z]{2}$'), '', 'is not an ISO 3166-1 alpha-2 country code')`;
        case 'text_array':
            return `multiIf(${r} IS NULL, ${absent},
        NOT isValidJSON(${r}) OR JSONType(${r}) != 'Array' OR NOT arrayAll(x -> JSONType(x) = 'String', JSONExtractArrayRaw(ifNull(${r}, '[]'))), 'is not a JSON array of strings',
        '')`;
    }
}
/** SQL for the typed value of a raw value (meaningful only where errorSql gives ''). */
export function valueSql(field, r) {
    const type = columnType(field);
    const orDefault = (expr, dflt) => (field.nullable ? expr : `ifNull(${expr}, ${dflt})`);
    switch (field.kind) {
        case 'id':
            // An empty optional id means none.
            return field.nullable ? `nullIf(${r}, '')` : `ifNull(${r}, '')`;
        case 'text':
            return r;
        case 'timestamp':
            return orDefault(parsedTimestamp(r), `toDateTime64(0, 3, 'UTC')`);
        case 'ip':
            return field.nullable ? `nullIf(${r}, '')` : `ifNull(${r}, '')`;
        case 'uint':
            return orDefault(`accurateCastOrNull(trimLeft(${r}, '-'), '${field.column}')`, '0');
        case 'float':
            return orDefault(`toFloat64OrNull(${r})`, '0');
        case 'bool':
            return `if(${r} IS NULL, NULL, lower(${r}) IN ('true', '1'))`;
        case 'enum':
            return r;
        case 'country':
            return `upper(${r})`;
        case 'text_array':
            return `JSONExtract(ifNull(${r}, '[]'), '${type}')`;
    }
}
/**
 * SQL that turns raw field text (each field as Nullable(String)) into one typed value per field, plus
 * the errors of the record as `Array(Tuple(field String, reason String))`, empty when it is valid.
 */
export function validatedColumns(fields, raw) {
    const values = Object.entries(fields).map(([name, field]) => [name, valueSql(field, raw(name))]);
    const checks = Object.entries(fields).map(([name, field]) => `(${lit(name)}, ${errorSql(field, raw(name))})`);
    const errors = `arrayFilter(e -> e.2 != '', CAST([${checks.join(',\n    ')}], 'Array(Tuple(field String, reason String))'))`;
    return { values, errors };
}
//# sourceMappingURL=validate.js.map