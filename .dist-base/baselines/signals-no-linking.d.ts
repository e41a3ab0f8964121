import { type Baseline } from './baseline.js';
export declare const signalsNoLinkingBaseline: Baseline;
