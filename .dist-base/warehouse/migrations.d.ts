import type { Warehouse } from './warehouse.js';
export interface Migration {
    version: number;
    description: string;
    statements: string[];
}
/**
 * The warehouse schema, as an append-only list. A data directory records the versions applied to it, so
 * one written by an older release opens after an upgrade: only the missing steps run. Never edit a
 * released step; add one.
 */
export declare const MIGRATIONS: Migration[];
export declare const SCHEMA_VERSION: number;
export declare function migrate(wh: Warehouse): Promise<void>;
