import type { Command } from 'commander';
import { ingestCommand } from './ingest.js';
import { queryCommand } from './query.js';
import { evalCommand } from './eval.js';
import { huntCommand } from './hunt.js';

/** Every command of the CLI, in the order `--help` lists them. Adding a command: add its factory here. */
export const COMMANDS: (() => Command)[] = [
  ingestCommand,
  queryCommand,
  huntCommand,
  evalCommand,
];
