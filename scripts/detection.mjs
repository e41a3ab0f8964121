#!/usr/bin/env node
// Builds docs/detection.md: the hunt and every baseline, side by side, scored by `distillwatch eval` on
// simulated worlds (seed-2026 with built-in and with real corpus prompts, each adaptive evasion, the hard
// negatives), plus the time-to-detection replay. Every number in the page comes from this script.
// Each world is also hunted with other community-detection seeds (`hunt --seed`), to show how much the
// verdicts depend on how Louvain happens to cut the graph.
// Usage: node scripts/detection.mjs [--scale 0.01] [--seed 3] [--hunt-seeds 2,3,4] [--corpora ../shared/corpora] [--only NAME] [--write]
//        [--before results.json] [--before-label TEXT] [--cli path/to/cli/main.js] [--work DIR] [--hunt-only]
//        [--matrix FILE]  (FILE: the Markdown \`distillwatch redteam --markdown FILE\` wrote, appended to the page)
// Every run writes the hunt's summary per world to DIR/results.json (DIR: --work, default .bench-data/detection).
// Before and after a change: run the earlier build with --cli (a copy of its dist/) --work elsewhere --hunt-only
// (no baselines, seeds or replay), then this build with --before that results.json: the page gets a table of both.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { helpIfAsked } from '../bench/lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv;
helpIfAsked(fileURLToPath(import.meta.url));
const CLI = resolve(argv.includes('--cli') ? argv[argv.indexOf('--cli') + 1] : join(ROOT, 'dist', 'cli', 'main.js'));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const scale = arg('scale', '0.01');
const seed = arg('seed', '3');
const corpora = resolve(arg('corpora', join(ROOT, '..', 'shared', 'corpora')));
const only = arg('only', undefined);
const huntSeeds = arg('hunt-seeds', '2,3,4').split(',').filter(Boolean).map(Number);
if (huntSeeds.some((s) => !Number.isInteger(s))) throw new Error('--hunt-seeds: expected integers separated by commas');
const work = resolve(arg('work', join(ROOT, '.bench-data', 'detection')));
const huntOnly = process.argv.includes('--hunt-only');
const before = arg('before', undefined);
const beforeLabel = arg('before-label', 'an earlier one');
const BASELINES = huntOnly ? [] : ['rules', 'prada', 'iforest', 'signals-no-linking'];

const WORLDS = [
  { name: 'seed-2026', scenario: 'seed-2026', note: 'the defining case, built-in prompts' },
  { name: 'seed-2026 (real prompts)', scenario: 'seed-2026', prompts: true, note: 'prompts drawn from ../shared/corpora' },
  { name: 'hard-negatives', scenario: 'hard-negatives', note: 'only legitimate traffic, every look-alike dosed up' },
  { name: 'adaptive-timing', scenario: 'adaptive-timing', note: 'human-like arrivals with a daily rhythm' },
  { name: 'adaptive-paraphrase', scenario: 'adaptive-paraphrase', note: 'every prompt reworded, no shared templates or system prompt' },
  { name: 'adaptive-cache', scenario: 'adaptive-cache', note: "fakes a coding agent's cache profile" },
  { name: 'adaptive-infra', scenario: 'adaptive-infra', note: 'residential proxies, sticky IPs, matching billing, no shared cards' },
  { name: 'adaptive-volume', scenario: 'adaptive-volume', note: 'ten times the accounts, each sending little' },
  { name: 'adaptive-no-cot', scenario: 'adaptive-no-cot', note: 'no explicit reasoning requests, varied max_tokens' },
  { name: 'adaptive-sync', scenario: 'adaptive-sync', note: 'nothing shared between accounts; jobs start them in step' },
  { name: 'adaptive-sync (real prompts)', scenario: 'adaptive-sync', prompts: true, note: 'the same, prompts drawn from ../shared/corpora' },
  { name: 'adaptive-all', scenario: 'adaptive-all', note: 'all evasions at once' },
];

function run(args, label) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${label} failed:\n${r.stderr}`);
  return r.stdout;
}

const pct = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(digits)}%`);
const results = [];
for (const w of WORLDS) {
  if (only && w.name !== only && w.scenario !== only) continue;
  const dir = join(work, `${w.scenario}${w.prompts ? '-corpus' : ''}-${scale}-${seed}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  console.error(`${w.name}: simulate, ingest`);
  run(['simulate', '--scenario', w.scenario, '--scale', scale, '--seed', seed, '--out', join(dir, 'sim'), '--json', ...(w.prompts ? ['--prompts', corpora] : [])], 'simulate');
  run(['ingest', '--data', join(dir, 'wh'), join(dir, 'sim', 'exchanges.jsonl.gz'), '--accounts', join(dir, 'sim', 'accounts.jsonl.gz'), '--json'], 'ingest');
  console.error(`${w.name}: hunt and baselines`);
  const t0 = Date.now();
  run(['hunt', '--data', join(dir, 'wh'), '--out', join(dir, 'hunt'), '--asn-db', join(dir, 'sim', 'ip2asn.tsv'), '--json'], 'hunt');
  const huntSeconds = (Date.now() - t0) / 1000;
  for (const b of BASELINES) run(['baseline', b, '--data', join(dir, 'wh'), '--out', join(dir, b), '--json'], `baseline ${b}`);
  const evaluation = JSON.parse(run(['eval', '--truth', join(dir, 'sim', 'truth'), '--findings', join(dir, 'hunt'), ...BASELINES.map((b) => join(dir, b)), '--json'], 'eval'));
  // The same world hunted with other seeds of community detection (the hunt above used the default, 1).
  const bySeed = [];
  for (const s of huntOnly ? [] : huntSeeds) {
    const out = join(dir, `hunt-seed-${s}`);
    run(['hunt', '--data', join(dir, 'wh'), '--out', out, '--asn-db', join(dir, 'sim', 'ip2asn.tsv'), '--seed', String(s), '--json'], `hunt --seed ${s}`);
    const e = JSON.parse(run(['eval', '--truth', join(dir, 'sim', 'truth'), '--findings', out, '--json'], 'eval'));
    bySeed.push({ seed: s, detector: e.detectors[0] });
  }
  results.push({ world: w, evaluation, huntSeconds, dir, bySeed });
}

// Time to detection: the hunt replayed every hour over the first two days of seed-2026's campaign (what a
// `watch --every 1h` would have decided at each hour: the same hunt over the data up to that hour).
let timeline = null;
if (!huntOnly && (!only || only === 'timeline')) {
  const dir = join(work, `seed-2026-${scale}-${seed}`);
  if (existsSync(join(dir, 'wh'))) {
    console.error('seed-2026: replaying the hunt every hour over the campaign\'s first two days');
    const truth = JSON.parse(readFileSync(join(dir, 'sim', 'truth', 'campaigns.json'), 'utf8'));
    const start = Date.parse(truth.campaigns[0].start);
    run([
      'hunt', '--data', join(dir, 'wh'), '--out', join(dir, 'replay-hunt'), '--asn-db', join(dir, 'sim', 'ip2asn.tsv'), '--json',
      '--replay-every', '1', '--replay-from', new Date(start + 3600e3).toISOString(), '--replay-to', new Date(start + 48 * 3600e3).toISOString(),
    ], 'replay');
    timeline = JSON.parse(run(['eval', '--truth', join(dir, 'sim', 'truth'), '--timeline', join(dir, 'replay-hunt', 'replay'), '--json'], 'eval timeline'));
  }
}

const DETECTORS = ['distillwatch-hunt', ...BASELINES.map((b) => `baseline-${b}`)];
const head = `| world | ${DETECTORS.map((d) => d.replace('baseline-', '')).join(' | ')} |\n|---|${DETECTORS.map(() => '---:').join('|')}|`;
const cell = (r, d, f) => {
  const det = r.evaluation.detectors.find((x) => x.detector === d || x.name === d);
  return det ? f(det) : 'n/a';
};
const table = (title, f, what) =>
  `### ${title}\n\n${what}\n\n${head}\n${results.map((r) => `| ${r.world.name} | ${DETECTORS.map((d) => cell(r, d, f)).join(' | ')} |`).join('\n')}\n`;

const worstBenign = (det) => {
  const rows = det.benignCohorts ?? [];
  const worst = rows.reduce((m, c) => (c.rate > (m?.rate ?? -1) ? c : m), null);
  return worst && worst.rate > 0 ? `${pct(worst.rate)} (${worst.cohort}, ${worst.flagged} of ${worst.accounts})` : '0%';
};
const relay = (det) => (det.relays?.lowShare?.accounts ? `${det.relays.lowShare.flagged} of ${det.relays.lowShare.accounts}` : 'n/a');
const cohesion = (det) => {
  const cs = det.campaigns ?? [];
  return cs.length ? cs.map((c) => pct(c.cohesion, 0)).join(', ') : 'n/a';
};
// The hunt's summary per world, for a later run's --before.
const summaryOf = (r) => {
  const d = r.evaluation.detectors.find((x) => x.detector === 'distillwatch-hunt');
  return {
    world: r.world.name,
    recall: d?.overall?.recall ?? null,
    attack: (d?.overall?.tp ?? 0) + (d?.overall?.fn ?? 0),
    fp: d?.overall?.fp ?? null,
    benign: (d?.overall?.fp ?? 0) + (d?.overall?.tn ?? 0),
    campaigns: d?.campaignRecall ? `${d.campaignRecall.found} of ${d.campaignRecall.total}` : 'n/a',
    auc: d?.ranking?.auc ?? null,
    seconds: r.huntSeconds,
  };
};
mkdirSync(work, { recursive: true });
writeFileSync(join(work, 'results.json'), JSON.stringify({ cli: CLI, scale, seed, worlds: results.map(summaryOf) }, null, 2));

function beforeAfter() {
  if (!before) return '';
  const old = JSON.parse(readFileSync(before, 'utf8'));
  const byName = new Map(old.worlds.map((w) => [w.world, w]));
  const fmt = (w) => (w ? `${pct(w.recall)} / ${w.fp ?? 'n/a'} FP / ${w.campaigns} / AUC ${w.auc === null ? 'n/a' : w.auc.toFixed(4)}` : 'n/a');
  const rows = results.map((r) => {
    const now = summaryOf(r);
    return `| ${r.world.name} | ${fmt(byName.get(r.world.name))} | ${fmt(now)} |`;
  });
  return `
### Before and after

The hunt of the build this page was made with, against ${beforeLabel} (\`--before\`: its own run of this script
with \`--hunt-only\`), on the same worlds: attack-account recall / benign accounts flagged / campaigns found /
ROC AUC of risk. Reproduce with the earlier build in a directory of its own (\`git worktree add ../before COMMIT\`,
\`npm install && npm run build\` there):

\`\`\`sh
node scripts/detection.mjs --scale ${scale} --seed ${seed} --cli ../before/dist/cli/main.js --work .bench-data/detection-before --hunt-only
node scripts/detection.mjs --scale ${scale} --seed ${seed} --before .bench-data/detection-before/results.json --before-label '...' --write
\`\`\`

| world | before | after |
|---|---:|---:|
${rows.join('\n')}
`;
}

const md = `# Detection quality

Every number on this page comes from \`node scripts/detection.mjs ${process.argv.slice(2).map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')}\` (about
a quarter of an hour on 2 cores; the red-team matrix at the end from \`distillwatch redteam\`, its command in its
section, given to the script with \`--matrix\`; the before-and-after table from \`--before\`): each world is simulated (\`distillwatch simulate\`), ingested, hunted
(\`distillwatch hunt\`), run through every baseline (\`distillwatch baseline NAME\`) and scored side by side
(\`distillwatch eval --findings hunt rules prada iforest signals-no-linking\`). Worlds are generated at
\`--scale ${scale}\`, seed ${seed}; seed-2026 at that scale has about 250 attack accounts among 5,000 benign ones.
The targets (issue 4) are: attack-account recall >= 99%, benign false-positive rate <= 0.1% overall and <= 1% in
every hard-negative cohort, every campaign found with >= 95% of its accounts in one reported campaign, relays
with a few percent attack share >= 90% flagged, and every campaign flagged within 24 hours of its start.

Baselines: \`rules\` (more than 5 accounts on one IP in 14 days, more than 1,000 calls a day, frequent 429s),
\`prada\` (per-account Shapiro-Wilk test of successive prompt distances, Juuti et al. 2019, on SimHash sketches),
\`iforest\` (isolation forest over per-account features), \`signals-no-linking\` (our own signals, each account
judged alone by the same bars a linked group must clear).

${table('Attack-account recall', (d) => pct(d.overall?.recall), 'Share of attack accounts flagged.')}
${table('Benign false-positive rate', (d) => pct(d.overall?.falsePositiveRate, 2), 'Share of benign accounts flagged.')}
${table('Worst benign cohort', worstBenign, 'The benign cohort with the highest false-positive rate, and that rate.')}
${table('Campaigns found', (d) => (d.campaignRecall?.total ? `${d.campaignRecall.found} of ${d.campaignRecall.total}` : 'n/a'), 'A campaign counts as found when most of its accounts are flagged.')}
${table('Campaign cohesion', cohesion, 'Share of each campaign\'s accounts that sit in one reported campaign (target >= 95%; baselines do not group accounts).')}
${table('Relays with <= 10% attack share flagged', relay, "Accounts that mix a campaign's requests into real customers' (seed-2026 has one at about 4%).")}

### The hunt with other community-detection seeds

Louvain's result depends on its seed; the hunt's default is 1 (the tables above). Each world hunted again with
\`distillwatch hunt --seed N\`: attack-account recall / benign false positives / campaigns found.

| world | ${['1 (above)', ...huntSeeds].map((s) => `seed ${s}`).join(' | ')} |
|---|${['1', ...huntSeeds].map(() => '---:').join('|')}|
${results
  .map((r) => {
    const summary = (d) =>
      d ? `${pct(d.overall?.recall)} / ${d.overall?.fp ?? 'n/a'} / ${d.campaignRecall?.total ? `${d.campaignRecall.found} of ${d.campaignRecall.total}` : 'n/a'}` : 'n/a';
    const main = r.evaluation.detectors.find((x) => x.detector === 'distillwatch-hunt');
    return `| ${r.world.name} | ${[summary(main), ...r.bySeed.map((b) => summary(b.detector))].join(' | ')} |`;
  })
  .join('\n')}

These worlds are the fixed scenarios of \`scenarios/\`; \`distillwatch redteam\` measures the hunt on random worlds of
nine attack families and every campaign size, worst world first: see [redteam.md](redteam.md).
${beforeAfter()}

## Where the hunt falls short

${results
  .map((r) => {
    const d = r.evaluation.detectors.find((x) => x.detector === 'distillwatch-hunt');
    const failed = (d?.targets ?? []).filter((t) => t.pass === false);
    return `- **${r.world.name}** (${r.world.note}): ${failed.length ? failed.map((t) => `${t.target}: ${t.detail}`).join('; ') : 'every target it can be judged on met'}; the hunt took ${r.huntSeconds.toFixed(0)} s.`;
  })
  .join('\n')}

## Time to detection

${timeline
  ? `The hunt replayed every hour from 1 to 48 hours after the campaign's start, what \`distillwatch watch --every 1h\`
would have decided at each hour (\`distillwatch hunt --replay-every 1\`, then \`distillwatch eval --timeline\`; target:
every campaign of 50+ accounts flagged within 24 h of its start with under 5% of its exchanges served by then):

${(timeline.detectors ?? [])
  .flatMap((d) =>
    (d.timeline?.campaigns ?? []).map((c) =>
      c.firstFlagged
        ? `- ${c.campaignId}: first accounts flagged (${c.firstFlagged.accountsFlagged}) by the cut-off ${c.firstFlagged.hoursFromStart.toFixed(0)} h after its start, with ${pct(c.servedShare, 2)} of its exchanges served by then; within 24 h: ${c.within24h ? 'yes' : 'no'}.`
        : `- ${c.campaignId}: not flagged by any replay.`,
    ),
  )
  .join('\n')}
`
  : 'Not run (use the full script).'}
`;
// The red-team matrix over random worlds, as \`distillwatch redteam --markdown\` wrote it (a run of its own: about
// half a minute a world).
const matrix = arg('matrix', undefined);
const page = matrix ? `${md}\n${readFileSync(matrix, 'utf8').replace(/^## Red-team matrix/m, '## Red-team matrix: random worlds')}` : md;
if (process.argv.includes('--write')) writeFileSync(join(ROOT, 'docs', 'detection.md'), page);
console.log(page);
