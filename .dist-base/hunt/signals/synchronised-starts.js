import { defineSignal } from '../signal.js';
export default defineSignal({
    id: 'synchronised_starts',
    title: 'Sessions started in step with a crowd',
    group: 'timing',
    measures: 'Share of an account\'s session starts (requests after an hour or more of quiet) that fall in a crowded 10-minute bucket: one where improbably many accounts started a session for the time of day (synchrony.ts).',
    why: 'Accounts one operator runs work when its orchestrator runs a job: many of them start in the same few minutes, at times no daily rhythm explains (SynchroTrap\'s loosely synchronised actions). Each account alone may keep human hours and volumes.',
    confounders: 'One-off crowds: a class starting a lab session together, users returning after an outage, many customers\' jobs set off by one event. (A crowd that returns in the same slot every hour or day, schedulers pointed at the top of the hour, is taken for a convention and not counted.)',
    kind: 'share',
    direction: 'high',
    minSupport: 4,
    sql: () => `SELECT account_id, countIf(bucket IN (SELECT bucket FROM _hunt_crowded)) AS k, count() AS n
     FROM _hunt_acct ARRAY JOIN onset_buckets AS bucket
     GROUP BY account_id`,
});
//# sourceMappingURL=synchronised-starts.js.map