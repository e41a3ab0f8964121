import { TIERS } from './contracts.js';
import type { DetectorReport, EvalReport } from './evaluate.js';
import { pct } from './metrics.js';
import type { DetectionPoint } from './timeline.js';

/** The terminal view of an eval: one column per detector, a section per kind of metric, then details and warnings. */

const num = (n: number) => n.toLocaleString('en-US');
const hours = (h: number) => `${h >= 0 ? '+' : ''}${h.toFixed(1)} h`;

type Row = { section: string } | { label: string; cells: string[] };

function table(header: string[], rows: Row[]): string {
  const data = rows.filter((r): r is { label: string; cells: string[] } => 'label' in r);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...data.map((r) => (i === 0 ? r.label.length : (r.cells[i - 1] ?? '').length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!)))
      .join('   ')
      .trimEnd();
  return [line(header), ...rows.map((r) => ('section' in r ? `\n${r.section}` : line([r.label, ...r.cells])))].join('\n');
}

const point = (p: DetectionPoint | null) => (p ? `${hours(p.hoursFromStart)} (${pct(p.servedShare)} served)` : 'never (100% served)');
const verdict = (pass: boolean | null, measured: string) =>
  pass === null ? (measured === 'n/a' ? 'n/a' : `n/a ${measured}`) : `${pass ? 'pass' : 'FAIL'} ${measured}`;

export function renderEvalReport(r: EvalReport): string {
  const ds = r.detectors;
  const t = r.truth;
  const row = (label: string, cell: (d: DetectorReport) => string): Row => ({ label: `  ${label}`, cells: ds.map(cell) });
  const rows: Row[] = [];

  rows.push({ section: 'findings' });
  rows.push(row('cut-off (until)', (d) => d.until ?? 'all data'));
  rows.push(row('accounts judged', (d) => num(d.judged)));
  rows.push(row('not in the truth (left out)', (d) => num(d.unknownAccounts)));

  rows.push({ section: 'accounts: flagged against the truth' });
  rows.push(row('precision', (d) => pct(d.overall.precision)));
  rows.push(row('recall', (d) => pct(d.overall.recall)));
  rows.push(row('false-positive rate', (d) => pct(d.overall.falsePositiveRate)));
  rows.push(row('F1', (d) => (d.overall.f1 === null ? 'n/a' : d.overall.f1.toFixed(4))));
  rows.push(row('TP / FP / FN / TN', (d) => [d.overall.tp, d.overall.fp, d.overall.fn, d.overall.tn].map(num).join(' / ')));
  rows.push(row('ROC AUC of risk', (d) => (d.ranking.auc === null ? 'n/a' : d.ranking.auc.toFixed(4))));
  if (ds.some((d) => d.ranking.silentAttack > 0)) {
    rows.push(
      row('ROC AUC of risk, accounts that sent a request', (d) =>
        `${d.ranking.aucActive === null ? 'n/a' : d.ranking.aucActive.toFixed(4)} (${num(d.ranking.silentAttack)} attack accounts sent nothing)`,
      ),
    );
  }
  rows.push(row(`precision of top ${num(ds[0]?.ranking.k ?? 0)} by risk`, (d) => pct(d.ranking.precisionAtK)));

  if (ds.some((d) => d.triage)) {
    rows.push({ section: 'triage: accounts per tier (attack accounts among them)' });
    for (const tier of TIERS) {
      rows.push(row(tier, (d) => {
        const t = d.triage?.tiers.find((x) => x.tier === tier);
        return t ? `${num(t.accounts)} (${num(t.attack)})` : 'n/a';
      }));
    }
    rows.push(row('precision of the watch queue', (d) => (d.triage ? pct(d.triage.watchPrecision) : 'n/a')));
    rows.push(row('precision of top (acting + watch) by risk', (d) => (d.triage ? `${pct(d.triage.precisionAtQueue)} of ${num(d.triage.queue)}` : 'n/a')));
  }

  const cohortSection = (title: string, pick: (d: DetectorReport) => DetectorReport['benignCohorts']) => {
    const names = [...new Set(ds.flatMap((d) => pick(d).map((c) => c.cohort)))].sort();
    if (names.length === 0) return;
    rows.push({ section: title });
    for (const name of names) {
      const accounts = pick(ds[0]!).find((c) => c.cohort === name)?.accounts ?? 0;
      rows.push(
        row(`${name} (${num(accounts)})`, (d) => {
          const c = pick(d).find((x) => x.cohort === name);
          return c ? `${pct(c.rate)} (${num(c.flagged)})` : 'n/a';
        }),
      );
    }
  };
  cohortSection('benign cohorts: false-positive rate (flagged)', (d) => d.benignCohorts);
  cohortSection('attack cohorts: recall (flagged)', (d) => d.attackCohorts);

  const campaignIds = ds[0]?.campaigns.map((c) => c.campaignId) ?? [];
  if (campaignIds.length > 0) {
    rows.push({ section: 'campaigns: recall (found = most of its accounts flagged)' });
    campaignIds.forEach((id, k) => {
      rows.push(
        row(`${id} (${num(ds[0]!.campaigns[k]!.accounts)})`, (d) => {
          const c = d.campaigns[k]!;
          return `${pct(c.recall)} ${c.found ? 'found' : 'missed'}`;
        }),
      );
    });
    rows.push(row('campaigns found', (d) => `${d.campaignRecall.found} of ${d.campaignRecall.total}`));
    rows.push({ section: 'campaigns: cohesion (share of its accounts in one reported campaign; reported campaigns it spans)' });
    campaignIds.forEach((id, k) => {
      rows.push(
        row(id, (d) => {
          const c = d.campaigns[k]!;
          return `${pct(c.cohesion)} (${num(c.fragments)}${c.flaggedWithoutCampaign > 0 ? ` +${num(c.flaggedWithoutCampaign)} unassigned` : ''})`;
        }),
      );
    });
  }

  rows.push({ section: 'reported campaigns' });
  rows.push(row('count', (d) => num(d.reportedCampaigns.count)));
  rows.push(row('accounts in them', (d) => num(d.reportedCampaigns.accounts)));
  rows.push(row('purity (in their majority campaign)', (d) => pct(d.reportedCampaigns.purity)));
  rows.push(row('lowest purity', (d) => pct(d.reportedCampaigns.minPurity)));
  rows.push(row('benign accounts in them', (d) => num(d.reportedCampaigns.benignAccounts)));

  const bands = ds[0]?.relays.bands.filter((b) => b.accounts > 0) ?? [];
  if (bands.length > 0) {
    rows.push({ section: "relays mixing in customers' traffic, by attack share: recall (flagged)" });
    for (const b of bands) {
      rows.push(
        row(`${b.band} (${num(b.accounts)})`, (d) => {
          const x = d.relays.bands.find((y) => y.band === b.band)!;
          return `${pct(x.recall)} (${num(x.flagged)})`;
        }),
      );
    }
  }

  if (ds.some((d) => d.timeline)) {
    rows.push({ section: 'time to detection: first account flagged, after the start (exchanges served by then)' });
    campaignIds.forEach((id, k) => rows.push(row(id, (d) => (d.timeline ? point(d.timeline.campaigns[k]!.firstFlagged) : '-'))));
    rows.push({ section: 'time until most of its accounts were flagged' });
    campaignIds.forEach((id, k) => rows.push(row(id, (d) => (d.timeline ? point(d.timeline.campaigns[k]!.mostFlagged) : '-'))));
    rows.push(row('hunts (cut-offs)', (d) => (d.timeline ? num(d.timeline.snapshots.length) : '-')));
  }

  rows.push({ section: 'targets' });
  (ds[0]?.targets ?? []).forEach((target, k) =>
    rows.push(row(target.target, (d) => verdict(d.targets[k]!.pass, d.targets[k]!.measured))),
  );

  const out = [
    `truth: ${t.dir} (scenario ${t.scenario}, seed ${t.seed}, scale ${t.scale}, ${t.start} to ${t.end}): ` +
      `${num(t.accounts)} accounts, ${num(t.attackAccounts)} attack in ${num(t.campaigns)} campaigns, ${num(t.benignAccounts)} benign`,
    '',
    table(['', ...ds.map((d) => d.name)], rows),
  ];

  const failed = ds.flatMap((d) => d.targets.filter((x) => x.pass === false).map((x) => `  ${d.name}: ${x.target}: ${x.detail}`));
  out.push('', failed.length === 0 ? 'targets: none failed' : `targets failed:\n${failed.join('\n')}`);
  const warnings = [...r.warnings, ...ds.flatMap((d) => d.warnings.map((w) => (ds.length > 1 ? `${d.name}: ${w}` : w)))];
  if (warnings.length > 0) out.push('', ...warnings.map((w) => `warning: ${w}`));
  return out.join('\n');
}
