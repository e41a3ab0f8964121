import type { Command } from 'commander';
import { ingestCommand } from './ingest.js';
import { queryCommand } from './query.js';
import { evalCommand } from './eval.js';
import { huntCommand } from './hunt.js';
import { simulateCommand } from './simulate.js';
import { baselineCommand } from './baseline.js';
import { demoCommand } from './demo.js';
import { redteamCommand } from './redteam.js';
import { adversaryCommand } from './adversary.js';
import { migrateCommand } from './migrate.js';
import { watchCommand } from './watch.js';
import { shareCommand } from './share.js';
import { reportCommand } from './report.js';
import { guardCommand } from './guard.js';

/** Every command of the CLI, in the order `--help` lists them. Adding a command: add its factory here. */
export const COMMANDS: (() => Command)[] = [
  demoCommand,
  simulateCommand,
  ingestCommand,
  queryCommand,
  migrateCommand,
  huntCommand,
  watchCommand,
  shareCommand,
  reportCommand,
  guardCommand,
  baselineCommand,
  evalCommand,
  redteamCommand,
  adversaryCommand,
];
