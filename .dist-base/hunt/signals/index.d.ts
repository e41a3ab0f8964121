import type { Signal } from '../signal.js';
/** Every signal the hunt runs. Adding a signal: write its file, add it here. */
export declare const SIGNALS: Signal[];
