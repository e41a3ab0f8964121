/**
 * The field vocabulary every record schema is written in. A field says once what it holds; the
 * ClickHouse column type, the TypeScript type and the ingest validation (as SQL over the raw text of
 * the value) all derive from it, so the three can never drift apart.
 */

export type FieldKind =
  | 'id' // non-empty string naming something (request, account, key)
  | 'text' // any string, kept byte-for-byte
  | 'timestamp' // ISO-8601 (UTC unless an offset is given) or epoch milliseconds
  | 'ip' // IPv4 or IPv6 text
  | 'uint' // non-negative integer
  | 'float' // finite number
  | 'bool'
  | 'enum'
  | 'country' // ISO 3166-1 alpha-2
  | 'text_array'; // JSON array of strings

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

type Opts = { doc: string; column?: string };

const spec = <K extends FieldKind, N extends boolean>(
  kind: K,
  nullable: N,
  column: string,
  o: Opts & Partial<Pick<FieldSpec, 'min' | 'max' | 'values' | 'whenAbsent'>>,
): FieldSpec<K, N> => ({ kind, nullable, ...o, column: o.column ?? column });

/** Field constructors: `f.id({doc})`, `f.uint({doc, max})`, `f.text({doc}).nullable` and so on. */
export const f = {
  id: (o: Opts) => spec('id', false, 'String', o),
  text: (o: Opts) => spec('text', true, 'String', o),
  timestamp: (o: Opts) => spec('timestamp', false, "DateTime64(3, 'UTC')", o),
  nullableTimestamp: (o: Opts) => spec('timestamp', true, "DateTime64(3, 'UTC')", o),
  ip: (o: Opts) => spec('ip', false, 'String', o),
  nullableIp: (o: Opts) => spec('ip', true, 'String', o),
  uint: (o: Opts & { min?: number; max?: number; whenAbsent?: 'zero' }) => spec('uint', false, 'UInt32', o),
  nullableUint: (o: Opts & { min?: number; max?: number }) => spec('uint', true, 'UInt32', o),
  nullableFloat: (o: Opts & { min?: number; max?: number }) => spec('float', true, 'Float64', o),
  nullableBool: (o: Opts) => spec('bool', true, 'Bool', o),
  nullableEnum: <V extends string>(values: readonly V[], o: Opts) =>
    spec('enum', true, 'LowCardinality(String)', { ...o, values }),
  nullableCountry: (o: Opts) => spec('country', true, 'LowCardinality(String)', o),
  textArray: (o: Opts) => spec('text_array', false, 'Array(String)', { ...o, whenAbsent: 'empty' }),
  nullableId: (o: Opts) => spec('id', true, 'String', o),
  lowCardinalityId: (o: Opts) => spec('id', false, 'LowCardinality(String)', o),
};

export type Fields = Record<string, FieldSpec>;

type BaseTs<K extends FieldKind> = K extends 'uint' | 'float'
  ? number
  : K extends 'bool'
    ? boolean
    : K extends 'text_array'
      ? string[]
      : string;

/** The TypeScript type of one record of a schema, derived from its fields. */
export type RecordOf<F extends Fields> = {
  -readonly [P in keyof F]: F[P] extends FieldSpec<infer K, infer N> ? (N extends true ? BaseTs<K> | null : BaseTs<K>) : never;
};

/** The ClickHouse type of a field's column. */
export function columnType(field: FieldSpec): string {
  if (!field.nullable) return field.column;
  // LowCardinality(Nullable(T)) is the legal nesting.
  const lc = /^LowCardinality\((.*)\)$/.exec(field.column);
  return lc ? `LowCardinality(Nullable(${lc[1]}))` : `Nullable(${field.column})`;
}
