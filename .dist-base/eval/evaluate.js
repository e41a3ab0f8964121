import { resolve } from 'node:path';
import { readFindings } from './findings.js';
import { dirName, EvalInputError, expandFindingsDirs } from './read.js';
import { scoreFindings } from './score.js';
import { judgeTargets } from './targets.js';
import { buildTimeline, readSnapshot } from './timeline.js';
import { readTruth } from './truth.js';
function columnNames(scores) {
    const names = scores.map((s) => s.detector);
    const clash = (name) => names.filter((n) => n === name).length > 1;
    const named = names.map((n, i) => (clash(n) ? `${n} (${dirName(scores[i].findings)})` : n));
    return named.map((n, i) => (named.indexOf(n) === i ? n : `${n} #${i + 1}`));
}
async function timelines(truth, dirs, hooks) {
    const seen = new Set();
    const snapshots = new Map();
    for (const dir of dirs.flatMap(expandFindingsDirs)) {
        if (seen.has(resolve(dir)))
            continue;
        seen.add(resolve(dir));
        const s = await readSnapshot(dir, truth, hooks);
        snapshots.set(s.detector, [...(snapshots.get(s.detector) ?? []), s]);
    }
    return new Map([...snapshots].map(([detector, list]) => [detector, buildTimeline(truth, list)]));
}
export async function evaluate(opts) {
    const findingsDirs = opts.findings ?? [];
    const timelineDirs = opts.timeline ?? [];
    if (findingsDirs.length === 0 && timelineDirs.length === 0)
        throw new EvalInputError('nothing to score: give --findings DIR or --timeline DIR');
    const truth = await readTruth(opts.truth, opts);
    const scores = [];
    for (const dir of findingsDirs)
        scores.push(scoreFindings(truth, await readFindings(dir, truth, opts)));
    const byDetector = await timelines(truth, timelineDirs, opts);
    for (const [detector, t] of byDetector) {
        if (scores.some((s) => s.detector === detector))
            continue;
        scores.push(scoreFindings(truth, await readFindings(t.snapshots.at(-1).dir, truth, opts)));
    }
    const names = columnNames(scores);
    const detectors = scores.map((s, i) => {
        const timeline = byDetector.get(s.detector) ?? null;
        const targets = judgeTargets(s, timeline);
        return {
            name: names[i],
            ...s,
            timeline,
            targets,
            targetsMet: targets.every((t) => t.pass !== false),
            warnings: [...s.warnings, ...(timeline?.warnings ?? [])],
        };
    });
    const attackAccounts = truth.attack.reduce((a, b) => a + b, 0);
    return {
        truth: {
            dir: opts.truth,
            scenario: truth.meta.scenario,
            seed: truth.meta.seed,
            scale: truth.meta.scale,
            start: truth.meta.start,
            end: truth.meta.end,
            accounts: truth.ids.length,
            attackAccounts,
            benignAccounts: truth.ids.length - attackAccounts,
            campaigns: truth.campaigns.length,
        },
        detectors,
        warnings: truth.warnings,
        targetsMet: detectors.every((d) => d.targetsMet),
    };
}
//# sourceMappingURL=evaluate.js.map