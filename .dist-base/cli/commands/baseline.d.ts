import { Command } from 'commander';
export declare function baselineCommand(): Command;
