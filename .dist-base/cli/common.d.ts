import { Command } from 'commander';
import { type Warehouse } from '../warehouse/warehouse.js';
export interface WarehouseOptions {
    data: string;
    clickhouseUrl?: string;
}
/** The options every command that touches the warehouse takes. */
export declare function warehouseOptions(cmd: Command): Command;
export declare function withWarehouse<T>(opts: WarehouseOptions, fn: (wh: Warehouse) => Promise<T>): Promise<T>;
/** A progress bar on an interactive terminal, silent otherwise (pipes, CI, --json). */
export declare function progressBar(enabled: boolean): {
    start(label: string): void;
    update(fraction: number): void;
    stop(): void;
};
export declare function printJson(value: unknown): void;
/** Right-aligned numeric table for terminal summaries. */
export declare function formatTable(header: string[], rows: (string | number)[][]): string;
