import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { TRUTH_DIR, TRUTH_FILES } from '../eval/contracts.js';
import { availableParallelism } from 'node:os';
import { Engine, staticTables } from './engine.js';
import { FITTED_TRACES } from './fitted.js';
import { GzipFile } from './output.js';
import { buildPopulation, HOUR_MS } from './population.js';
import { loadScenario } from './scenario.js';
import { fitTraces } from './traces.js';
import { World } from './world.js';
import { generatorFrom, MemberWriter, workersAvailable } from './writer.js';
export class SimulateError extends Error {
}
const iso = (t) => new Date(t).toISOString();
function accountLine(a) {
    return (`{"account_id":"${a.id}","org_id":${a.orgId === null ? 'null' : `"${a.orgId}"`},"created_at":"${iso(a.createdAt)}",` +
        `"email_domain":${JSON.stringify(a.emailDomain)},"payment_fingerprint":${a.payment === null ? 'null' : `"${a.payment}"`},` +
        `"billing_country":"${a.country}","tier":"${a.tier}","signup_ip":"${a.signupIp}","verified":${a.verified}}\n`);
}
function labelOf(a, pop) {
    const label = {
        account_id: a.id,
        label: a.label,
        campaign_id: a.campaign >= 0 ? pop.campaigns[a.campaign].id : null,
        cohort: a.cohort,
    };
    // Accounts whose traffic mixes real customers' requests with the campaign's say how much is the campaign's.
    if (a.label === 'attack' && a.campaignExchanges < a.exchanges)
        label.attack_share = a.exchanges > 0 ? a.campaignExchanges / a.exchanges : 0;
    return label;
}
async function writeLines(path, lines) {
    const f = new GzipFile(path, 6);
    for (const l of lines)
        await f.write(l);
    await f.close();
}
function truthCampaigns(pop, scenarioName, seed, scale) {
    const campaigns = pop.campaigns.map((c) => {
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
export async function simulate(opts) {
    const started = Date.now();
    if (!(opts.scale > 0) || !Number.isFinite(opts.scale))
        throw new SimulateError(`--scale must be a positive number, got ${opts.scale}`);
    if (!Number.isInteger(opts.seed))
        throw new SimulateError(`--seed must be an integer, got ${opts.seed}`);
    const scenario = typeof opts.scenario === 'string' ? loadScenario(opts.scenario).scenario : opts.scenario;
    const fit = opts.traces ? await fitTraces(opts.traces) : FITTED_TRACES;
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
    const spec = opts.prompts ? { kind: 'corpus', dir: resolve(opts.prompts) } : { kind: 'builtin' };
    const level = opts.gzipLevel ?? 1;
    const tables = staticTables(pop, opts.seed);
    const workers = opts.generator || !workersAvailable() ? 0 : Math.max(0, Math.floor(opts.workers ?? Math.min(4, availableParallelism())));
    const generator = opts.generator ?? (workers === 0 ? await generatorFrom(spec) : undefined);
    const writer = workers > 0 ? await MemberWriter.withWorkers(files.exchanges, { tables, spec, level }, workers) : MemberWriter.inProcess(files.exchanges, tables, generator, level);
    let total;
    try {
        total = await engine.run((chunk) => writer.push(chunk));
    }
    finally {
        await writer.close();
    }
    // Accounts and labels in account_id order: nothing about position says which cohort made them.
    const byId = [...pop.accounts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await writeLines(files.accounts, byId.map(accountLine));
    await writeLines(files.labels, byId.map((a) => JSON.stringify(labelOf(a, pop)) + '\n'));
    writeFileSync(files.campaigns, JSON.stringify(truthCampaigns(pop, scenario.name, opts.seed, opts.scale), null, 2) + '\n');
    writeFileSync(files.ip2asn, world.ip2asnTsv());
    const cohorts = new Map();
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
//# sourceMappingURL=simulate.js.map