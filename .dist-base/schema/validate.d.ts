import { type FieldSpec, type Fields } from './fields.js';
/** SQL for the reason a raw value is rejected, '' when it is valid. */
export declare function errorSql(field: FieldSpec, r: string): string;
/** SQL for the typed value of a raw value (meaningful only where errorSql gives ''). */
export declare function valueSql(field: FieldSpec, r: string): string;
/**
 * SQL that turns raw field text (each field as Nullable(String)) into one typed value per field, plus
 * the errors of the record as `Array(Tuple(field String, reason String))`, empty when it is valid.
 */
export declare function validatedColumns(fields: Fields, raw: (name: string) => string): {
    values: [string, string][];
    errors: string;
};
