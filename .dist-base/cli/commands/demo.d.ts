import { Command } from 'commander';
/**
 * The newcomer's first run, on the embedded warehouse with nothing to set up: simulate a small world
 * with a distillation campaign in it, load it, hunt it, and score the hunt against what the simulation
 * knows, printing where the report is.
 */
export declare function demoCommand(): Command;
