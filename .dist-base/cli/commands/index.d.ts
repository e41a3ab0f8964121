import type { Command } from 'commander';
/** Every command of the CLI, in the order `--help` lists them. Adding a command: add its factory here. */
export declare const COMMANDS: (() => Command)[];
