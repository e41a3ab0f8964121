import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TRUTH_DIR, TRUTH_FILES, type TruthCampaign, type TruthCampaignsFile, type TruthLabel } from '../eval/contracts.js';
import { availableParallelism } from 'node:os';
import { Engine, staticTables } from './engine.js';
import { FITTED_TRACES } from './fitted.js';
import { GzipFile } from './output.js';
import { buildPopulation, HOUR_MS, type Account, type Population } from './population.js';
import type { PromptGenerator } from './prompts/types.js';
import { loadScenario, type Scenario } from './scenario.js';
import { fitTraces, type TraceFit } from './traces.js';
import { World } from './world.js';
import { generatorFrom, MemberWriter, workersAvailable } from './writer.js';

/**
 * `simulate`: a scenario, a scale and a seed in; a simulated provider's traffic out, in the exact schema
 * of the exchange and account records, with the ground truth kept apart in truth/ and the operator's
 * IP-to-ASN table beside them.
 */

export interface SimulateOptions {
  /** A built-in scenario name, a scenario file, or an already-validated scenario. */
  scenario: string | Scenario;
  scale: number;
  seed: number;
  out: string;
  /** Draw prompts from a directory in the ../shared/corpora format instead of the built-in generator. */
  prompts?: string;
  /** A generator object of one's own (runs in this thread: workers cannot share it). */
  generator?: PromptGenerator;
  /** Worker threads writing the output (default: one per core when the compiled workers exist, else none). */
  workers?: number;
  /** Refit arrival and length distributions from this traces directory instead of the shipped fit. */
  traces?: string;
  /** gzip level of the output (1 = fastest). */
  gzipLevel?: number;
  onProgress?: (day: number, days: number) => void;
}

export interface CohortSummary {
  cohort: string;
  label: 'benign' | 'attack';
  accounts: number;
  exchanges: number;
  /** Exchanges that are a campaign's (differs from exchanges only for cover traffic). */
  campaign_exchanges: number;
  rate_limited: number;
}

export interface SimulateSummary {
  scenario: string;
  seed: number;
  scale: number;
  out: string;
  start: string;
  end: string;
  accounts: number;
  exchanges: number;
  attack_exchanges: number;
  seconds: number;
  exchanges_per_second: number;
  cohorts: CohortSummary[];
  files: { exchanges: string; accounts: string; labels: string; campaigns: string; ip2asn: string };
  generator: string;
  traces: string;
}

export class SimulateError extends Error {}

const iso = (t: number) => new Date(t).toISOString();

function accountLine(a: Account): string {
  return (
    `{"account_id":"${a.id}","org_id":${a.orgId === null ? 'null' : `"${a.orgId}"`},"created_at":"${iso(a.createdAt)}",` +
    `"email_domain":${JSON.stringify(a.emailDomain)},"payment_fingerprint":${a.payment === null ? 'null' : `"${a.payment}"`},` +
    `"billing_country":"${a.country}","tier":"${a.tier}","signup_ip":"${a.signupIp}","verified":${a.verified}}\n`
  );
}

function labelOf(a: Account, pop: Population): TruthLabel {
  const label: TruthLabel = {
    account_id: a.id,
    label: a.label,
    campaign_id: a.campaign >= 0 ? pop.campaigns[a.campaign]!.id : null,
    cohort: a.cohort,
    exchanges: a.exchanges,
  };
  // Accounts whose traffic mixes real customers' requests with the campaign's say how much is the campaign's.
  if (a.label === 'attack' && a.campaignExchanges < a.exchanges) label.attack_share = a.exchanges > 0 ? a.campaignExchanges / a.exchanges : 0;
  return label;
}

async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const f = new GzipFile(path, 6);
  for (const l of lines) await f.write(l);
  await f.close();
}

function truthCampaigns(pop: Population, scenarioName: string, seed: number, scale: number): TruthCampaignsFile {
  const campaigns: TruthCampaign[] = pop.campaigns.map((c) => {
    const first = c.hourly.findIndex((n) => n > 0);
    const last = c.hourly.length - 1 - [...c.hourly].reverse().findIndex((n) => n > 0);
    const hourly = first < 0 ? [] : c.hourly.slice(first, last + 1);
    return {
      id: c.id,
      // The campaign as it ran: from its first exchange's hour to the end of its last exchange's hour.
      start: first < 0 ? iso(c.start) : iso(pop.start + first * HOUR_MS),
      end: first < 0 ? iso(c.end) : iso(pop.start + (last + 1) * HOUR_MS),
      accounts: pop.accounts.filter((a) => a.campaign === c.index).length,
      exchanges: c.exchanges,
      tactics: c.tactics,
      hourly_exchanges: hourly,
    };
  });
  return { scenario: scenarioName, seed, scale, start: iso(pop.start), end: iso(pop.end), campaigns };
}

export async function simulate(opts: SimulateOptions): Promise<SimulateSummary> {
  const started = Date.now();
  if (!(opts.scale > 0) || !Number.isFinite(opts.scale)) throw new SimulateError(`--scale must be a positive number, got ${opts.scale}`);
  if (!Number.isInteger(opts.seed)) throw new SimulateError(`--seed must be an integer, got ${opts.seed}`);
  const scenario = typeof opts.scenario === 'string' ? loadScenario(opts.scenario).scenario : opts.scenario;
  const fit: TraceFit = opts.traces ? await fitTraces(opts.traces) : FITTED_TRACES;
  const out = resolve(opts.out);
  mkdirSync(join(out, TRUTH_DIR), { recursive: true });

  const world = new World();
  const pop = buildPopulation(scenario, { seed: opts.seed, scale: opts.scale, world, fit });
  const engine = new Engine(pop, { seed: opts.seed, fit, onDay: opts.onProgress });

  const files = {
    exchanges: join(out, 'exchanges.jsonl.gz'),
    accounts: join(out, 'accounts.jsonl.gz'),
    labels: join(out, TRUTH_DIR, TRUTH_FILES.labels),
    campaigns: join(out, TRUTH_DIR, TRUTH_FILES.campaigns),
    ip2asn: join(out, 'ip2asn.tsv'),
  };
  const spec = opts.prompts ? ({ kind: 'corpus', dir: resolve(opts.prompts) } as const) : ({ kind: 'builtin' } as const);
  const level = opts.gzipLevel ?? 1;
  const tables = staticTables(pop, opts.seed);
  const workers = opts.generator || !workersAvailable() ? 0 : Math.max(0, Math.floor(opts.workers ?? Math.min(4, availableParallelism())));
  const generator = opts.generator ?? (workers === 0 ? await generatorFrom(spec) : undefined);
  const writer = workers > 0 ? await MemberWriter.withWorkers(files.exchanges, { tables, spec, level }, workers) : MemberWriter.inProcess(files.exchanges, tables, generator!, level);
  let total: number;
  try {
    total = await engine.run((chunk) => writer.push(chunk));
  } finally {
    await writer.close();
  }

  // Accounts and labels in account_id order: nothing about position says which cohort made them.
  const byId = [...pop.accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  await writeLines(files.accounts, byId.map(accountLine));
  await writeLines(files.labels, byId.map((a) => JSON.stringify(labelOf(a, pop)) + '\n'));
  writeFileSync(files.campaigns, JSON.stringify(truthCampaigns(pop, scenario.name, opts.seed, opts.scale), null, 2) + '\n');
  writeFileSync(files.ip2asn, world.ip2asnTsv());

  const cohorts = new Map<string, CohortSummary>();
  for (const a of pop.accounts) {
    const c = cohorts.get(a.cohort) ?? { cohort: a.cohort, label: a.label, accounts: 0, exchanges: 0, campaign_exchanges: 0, rate_limited: 0 };
    c.accounts++;
    c.exchanges += a.exchanges;
    c.campaign_exchanges += a.campaignExchanges;
    c.rate_limited += a.limited;
    cohorts.set(a.cohort, c);
  }
  const seconds = (Date.now() - started) / 1000;
  const attack = pop.campaigns.reduce((acc, c) => acc + c.exchanges, 0);
  return {
    scenario: scenario.name,
    seed: opts.seed,
    scale: opts.scale,
    out,
    start: iso(pop.start),
    end: iso(pop.end),
    accounts: pop.accounts.length,
    exchanges: total,
    attack_exchanges: attack,
    seconds,
    exchanges_per_second: Math.round(total / Math.max(seconds, 1e-3)),
    cohorts: [...cohorts.values()].sort((a, b) => (a.label === b.label ? a.cohort.localeCompare(b.cohort) : a.label === 'benign' ? -1 : 1)),
    files,
    generator: opts.generator?.name ?? (spec.kind === 'corpus' ? `corpus:${spec.dir}` : 'builtin'),
    traces: fit.source,
  };
}
