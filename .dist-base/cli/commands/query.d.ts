import { Command } from 'commander';
export declare function queryCommand(): Command;
