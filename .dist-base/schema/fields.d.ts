/**
 * The field vocabulary every record schema is written in. A field says once what it holds; the
 * ClickHouse column type, the TypeScript type and the ingest validation (as SQL over the raw text of
 * the value) all derive from it, so the three can never drift apart.
 */
export type FieldKind = 'id' | 'text' | 'timestamp' | 'ip' | 'uint' | 'float' | 'bool' | 'enum' | 'country' | 'text_array';
export interface FieldSpec<K extends FieldKind = FieldKind, N extends boolean = boolean> {
    readonly kind: K;
    /** null (or absent) is a legitimate value: the provider may not have it. */
    readonly nullable: N;
    /** What an absent value means, for fields whose absence has one unambiguous meaning. */
    readonly whenAbsent?: 'empty' | 'zero';
    readonly min?: number;
    readonly max?: number;
    readonly values?: readonly string[];
    /** ClickHouse column type (without Nullable, added from `nullable`). */
    readonly column: string;
    readonly doc: string;
}
type Opts = {
    doc: string;
    column?: string;
};
/** Field constructors: `f.id({doc})`, `f.uint({doc, max})`, `f.text({doc}).nullable` and so on. */
export declare const f: {
    id: (o: Opts) => FieldSpec<"id", false>;
    text: (o: Opts) => FieldSpec<"text", true>;
    timestamp: (o: Opts) => FieldSpec<"timestamp", false>;
    nullableTimestamp: (o: Opts) => FieldSpec<"timestamp", true>;
    ip: (o: Opts) => FieldSpec<"ip", false>;
    nullableIp: (o: Opts) => FieldSpec<"ip", true>;
    uint: (o: Opts & {
        min?: number;
        max?: number;
        whenAbsent?: "zero";
    }) => FieldSpec<"uint", false>;
    nullableUint: (o: Opts & {
        min?: number;
        max?: number;
    }) => FieldSpec<"uint", true>;
    nullableFloat: (o: Opts & {
        min?: number;
        max?: number;
    }) => FieldSpec<"float", true>;
    nullableBool: (o: Opts) => FieldSpec<"bool", true>;
    nullableEnum: <V extends string>(values: readonly V[], o: Opts) => FieldSpec<"enum", true>;
    nullableCountry: (o: Opts) => FieldSpec<"country", true>;
    textArray: (o: Opts) => FieldSpec<"text_array", false>;
    nullableId: (o: Opts) => FieldSpec<"id", true>;
    lowCardinalityId: (o: Opts) => FieldSpec<"id", false>;
};
export type Fields = Record<string, FieldSpec>;
type BaseTs<K extends FieldKind> = K extends 'uint' | 'float' ? number : K extends 'bool' ? boolean : K extends 'text_array' ? string[] : string;
/** The TypeScript type of one record of a schema, derived from its fields. */
export type RecordOf<F extends Fields> = {
    -readonly [P in keyof F]: F[P] extends FieldSpec<infer K, infer N> ? (N extends true ? BaseTs<K> | null : BaseTs<K>) : never;
};
/** The ClickHouse type of a field's column. */
export declare function columnType(field: FieldSpec): string;
export {};
