import type { z } from 'zod';
/** Malformed or missing findings or truth: the message names the file, and the line and field when there is one. */
export declare class EvalInputError extends Error {
}
export type ProgressHooks = {
    /** A file starts being read (label for a progress bar). */
    onFileStart?: (label: string) => void;
    /** Fraction of the current file read so far. */
    onProgress?: (fraction: number) => void;
};
/** How a zod issue reads in an error message: `field: what is wrong`. */
export declare function describeIssue(issue: z.core.$ZodIssue): string;
/** The first of `names` that exists in `dir`, or undefined. */
export declare function firstExisting(dir: string, names: string[]): string | undefined;
/**
 * Each record of a (possibly gzipped) JSON Lines file, validated by `schema`, with its 1-based line number.
 * Streamed: the labels and findings of a large world (~600k accounts) never sit in memory as text.
 * Blank lines are skipped; anything else that is not a valid record stops the read with file:line.
 */
export declare function readJsonLines<T>(path: string, schema: z.ZodType<T>, hooks?: ProgressHooks): AsyncGenerator<{
    line: number;
    record: T;
}>;
/** A JSON document validated by `schema`; errors name the file, the line and the field. */
export declare function readJsonFile<T>(path: string, schema: z.ZodType<T>): T;
/** Milliseconds since the epoch of an ISO-8601 time, or a clear error naming where it came from. */
export declare function parseTime(value: string, where: string): number;
/** A findings directory holds accounts.jsonl (campaigns.json alone would not tell it from a truth directory). */
export declare function isFindingsDir(dir: string): boolean;
/**
 * The findings directories a `--timeline` argument stands for: the directory itself when it holds findings,
 * otherwise each of its subdirectories that does (a parent of daily hunts, say), in name order.
 */
export declare function expandFindingsDirs(dir: string): string[];
export declare const dirName: (dir: string) => string;
