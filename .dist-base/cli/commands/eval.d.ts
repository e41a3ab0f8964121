import { Command } from 'commander';
export declare function evalCommand(): Command;
