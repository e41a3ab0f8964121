import { defineSignal } from '../signal.js';

export default defineSignal({
  id: 'synchronised_starts',
  title: 'Sessions started in step with a crowd',
  group: 'timing',
  measures:
    'Share of an account\'s session starts (requests after an hour or more of quiet) that fall in a crowded 10-minute bucket: one where improbably many accounts started a session for the time of day (synchrony.ts).',
  why:
    'Accounts one operator runs work when its orchestrator runs a job: many of them start in the same few minutes, at times no daily rhythm explains (SynchroTrap\'s loosely synchronised actions). Each account alone may keep human hours and volumes.',
  confounders:
    'Schedulers that many customers point at the same minute (hourly or daily jobs at the top of the hour) start in crowded buckets every time; a class starting a lab session together, or users returning after an outage, start in one now and then.',
  kind: 'share',
  direction: 'high',
  minSupport: 4,
  sql: () =>
    `SELECT account_id, countIf(bucket IN (SELECT bucket FROM _hunt_crowded)) AS k, count() AS n
     FROM _hunt_acct ARRAY JOIN onset_buckets AS bucket
     GROUP BY account_id`,
});
