import { Command } from 'commander';
import { type HuntResult } from '../../hunt/hunt.js';
export declare function huntCommand(): Command;
export declare function renderHuntSummary(r: HuntResult, out: string, html: string): string;
