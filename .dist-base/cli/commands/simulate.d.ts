import { Command } from 'commander';
import { type SimulateSummary } from '../../simulate/simulate.js';
export declare function simulateCommand(): Command;
export declare function renderSimulateSummary(s: SimulateSummary): string;
