import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CAPABILITIES } from '../hunt/text.js';
import { loadCampaign, type DescribedCampaign } from '../share/findings.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { hashChain, type ChainLink } from './chain.js';
import { columnChart, escapeHtml } from './svg.js';

/**
 * A brief for officials: one campaign, for a reader who is not an engineer. What happened in numbers, how it
 * was established, how sure we are and what else could explain it, a timeline, and an evidence annex in which
 * every figure comes with the SQL that reproduces it against the warehouse (and the findings file it reads the
 * campaign's accounts from), and a hash chain over the findings files so the annex can be verified later.
 *
 * Every figure is computed by running its SQL: the annex shows exactly the query that produced the number.
 */

export interface Figure {
  id: string;
  label: string;
  value: string;
  sql: string;
  params: Record<string, unknown>;
  /** How to read it. */
  note?: string;
}

export interface Brief {
  html: string;
  figures: Figure[];
  chain: { links: ChainLink[]; head: string };
}

const n = (x: number) => Math.round(x).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * SQL: the campaign's own accounts, read from the findings file itself (so the annex reproduces from the files
 * it hashes): its members in accounts.jsonl, less the relays that carried its requests among their customers'
 * (their own customers' traffic is not the campaign's: they are counted apart).
 */
const MEMBERS = `hunted AS (
  SELECT account_id, reasons FROM file({accounts_jsonl:String}, 'JSONEachRow', 'account_id String, campaign_id Nullable(String), reasons Array(String)')
  WHERE campaign_id = {campaign:String}
),
members AS (SELECT account_id FROM hunted WHERE reasons[1] NOT IN ('campaign_traffic', 'shared_stream'))`;
const WINDOW = `ts >= parseDateTime64BestEffort({since:String}, 3, 'UTC') AND ts <= parseDateTime64BestEffort({until:String}, 3, 'UTC')`;

export interface BriefOptions {
  findings: string;
  campaign: string;
  /** IP-to-ASN table (iptoasn.com TSV) for networks and countries; without it those come from the hunt's findings. */
  asnDb: string | null;
  producer: string;
}

export async function buildBrief(wh: Warehouse, o: BriefOptions): Promise<Brief> {
  const f = loadCampaign(o.findings, o.campaign);
  const c = f.campaign;
  const base = {
    campaign: c.campaign_id,
    accounts_jsonl: resolve(o.findings, 'accounts.jsonl'),
    since: f.since ?? '1970-01-01T00:00:00Z',
    until: f.until ?? '2299-12-31T23:59:59Z',
  };
  const figures: Figure[] = [];
  const fig = async <T extends Record<string, unknown>>(id: string, label: string, sql: string, format: (rows: T[]) => string, note?: string, extra: Record<string, unknown> = {}) => {
    const full = `WITH ${MEMBERS}\n${sql.trim()}`;
    const params = { ...base, ...extra };
    const rows = await wh.query<T>(full, params);
    const figure = { id, label, value: format(rows), sql: full, params, ...(note ? { note } : {}) };
    figures.push(figure);
    return { rows, figure };
  };
  const one = (k: string) => (rows: Record<string, unknown>[]) => n(Number(rows[0]?.[k] ?? 0));

  await fig('accounts', 'Accounts operated by the campaign', `SELECT count() AS n FROM members`, one('n'));
  await fig('relays', 'Accounts that relayed its requests among other customers\' (not counted above)', `SELECT count() AS n FROM hunted WHERE account_id NOT IN members`, one('n'));
  await fig('exchanges', 'Requests (exchanges) its accounts sent', `SELECT count() AS n FROM exchanges WHERE account_id IN members AND ${WINDOW}`, one('n'),
    'All requests of the campaign\'s own accounts in the hunt\'s window.');
  const span = await fig<{ first: string; last: string; days: string }>('period', 'First and last request (UTC)',
    `SELECT toString(min(ts)) AS first, toString(max(ts)) AS last, uniqExact(toDate(ts)) AS days FROM exchanges WHERE account_id IN members AND ${WINDOW}`,
    (r) => `${r[0]?.first.slice(0, 16)} to ${r[0]?.last.slice(0, 16)}`);
  await fig('active_days', 'Days with activity', `SELECT uniqExact(toDate(ts)) AS n FROM exchanges WHERE account_id IN members AND ${WINDOW}`, one('n'));
  const daily = await fig<{ day: string; n: string }>('daily', 'Requests per day (the timeline chart)',
    `SELECT toString(toDate(ts)) AS day, count() AS n FROM exchanges WHERE account_id IN members AND ${WINDOW} GROUP BY day ORDER BY day`,
    (r) => `${r.length} days, peak ${n(Math.max(0, ...r.map((x) => Number(x.n))))} on ${[...r].sort((a, b) => Number(b.n) - Number(a.n))[0]?.day ?? '-'}`);
  const caps = await fig<{ capability: number; share: number }>('capabilities', 'What it asked for (share of requests)',
    `SELECT capability, count() / (SELECT count() FROM exchange_features WHERE account_id IN members AND ${WINDOW}) AS share
     FROM exchange_features WHERE account_id IN members AND ${WINDOW} GROUP BY capability ORDER BY share DESC, capability`,
    (r) => r.filter((x) => x.share >= 0.01).map((x) => `${(CAPABILITIES[x.capability] ?? 'other').replace(/_/g, ' ')} ${pct(x.share)}`).join(', '),
    `Capability codes: ${CAPABILITIES.map((k, i) => `${i} = ${k}`).join(', ')}.`);
  await fig<{ model: string; n: string }>('models', 'Models it used',
    `SELECT model, count() AS n FROM exchanges WHERE account_id IN members AND ${WINDOW} GROUP BY model ORDER BY n DESC, model LIMIT 5`,
    (r) => r.map((x) => `${x.model} (${n(Number(x.n))})`).join(', '));
  await fig<{ ips: string; nets: string }>('network', 'Distinct IP addresses and /24 networks it came from',
    `SELECT uniqExact(ip) AS ips, uniqExact(if(isIPv4String(ip), IPv4NumToString(toIPv4(bitAnd(toUInt32(toIPv4(ip)), 0xFFFFFF00))), ip)) AS nets
     FROM exchanges WHERE account_id IN members AND ${WINDOW}`,
    (r) => `${n(Number(r[0]?.ips ?? 0))} addresses in ${n(Number(r[0]?.nets ?? 0))} networks`);
  let countries: { country: string; n: string }[] = [];
  let asns: { asn: number; org: string; n: string }[] = [];
  if (o.asnDb) {
    const ranges = `ranges AS (SELECT 0 AS k, toUInt32(toIPv4(range_start)) AS start, toUInt32(toIPv4(range_end)) AS end, asn, country, org
       FROM file({asn_db:String}, 'TSV', 'range_start String, range_end String, asn UInt32, country String, org String') WHERE isIPv4String(range_start) AND isIPv4String(range_end)),
     located AS (SELECT r.asn AS asn, r.org AS org, r.country AS country FROM
       (SELECT 0 AS k, toUInt32(toIPv4OrZero(ip)) AS ip4 FROM exchanges WHERE account_id IN members AND ${WINDOW}) AS x
       ASOF LEFT JOIN ranges AS r ON x.k = r.k AND x.ip4 >= r.start WHERE x.ip4 <= r.end AND x.ip4 > 0)`;
    countries = (await fig<{ country: string; n: string }>('countries', 'Countries of the networks it came from (requests)',
      `, ${ranges}\nSELECT country, count() AS n FROM located GROUP BY country ORDER BY n DESC, country LIMIT 8`,
      (r) => r.map((x) => `${x.country || '??'} ${n(Number(x.n))}`).join(', '), 'From the operator\'s IP-to-ASN table; proxies hide where the operator is, not where its exits are.', { asn_db: resolve(o.asnDb) })).rows;
    asns = (await fig<{ asn: number; org: string; n: string }>('asns', 'Networks (autonomous systems) it came from, by requests',
      `, ${ranges}\nSELECT asn, any(org) AS org, count() AS n FROM located GROUP BY asn ORDER BY n DESC, asn LIMIT 6`,
      (r) => r.map((x) => `AS${x.asn} ${x.org.split(' ')[0]} (${n(Number(x.n))})`).join(', '), undefined, { asn_db: resolve(o.asnDb) })).rows;
  }
  const acct = await fig<{ created_days: string; median_age: number; unverified: number; cards: string; accounts: string }>('accounts_profile', 'How its accounts were opened and paid for',
    `SELECT count() AS accounts, uniqExact(toDate(created_at)) AS created_days, countIf(NOT ifNull(verified, false)) / count() AS unverified,
            uniqExact(payment_fingerprint) AS cards,
            quantileExact(0.5)(dateDiff('day', created_at, first)) AS median_age
     FROM accounts AS a INNER JOIN (SELECT account_id, min(ts) AS first FROM exchanges WHERE account_id IN members GROUP BY account_id) AS x ON x.account_id = a.account_id
     WHERE a.account_id IN members`,
    (r) => `${n(Number(r[0]?.accounts ?? 0))} accounts opened on ${n(Number(r[0]?.created_days ?? 0))} days, ${pct(Number(r[0]?.unverified ?? 0))} unverified, paid with ${n(Number(r[0]?.cards ?? 0))} payment methods; median ${n(Number(r[0]?.median_age ?? 0))} day(s) from opening to first request`);

  const chain = hashChain(o.findings);
  const html = renderBrief({ c, f, figures, daily: daily.rows, caps: caps.rows, countries, asns, acct: acct.rows[0], span: span.rows[0], chain, producer: o.producer, asnDb: !!o.asnDb });
  return { html, figures, chain };
}

interface RenderInput {
  c: DescribedCampaign;
  f: ReturnType<typeof loadCampaign>;
  figures: Figure[];
  daily: { day: string; n: string }[];
  caps: { capability: number; share: number }[];
  countries: { country: string; n: string }[];
  asns: { asn: number; org: string; n: string }[];
  acct: { created_days: string; median_age: number; unverified: number; cards: string; accounts: string } | undefined;
  span: { first: string; last: string; days: string } | undefined;
  chain: { links: ChainLink[]; head: string };
  producer: string;
  asnDb: boolean;
}

const SIGNAL_WORDS: Record<string, string> = {
  volume_intensity: 'far more requests per account than ordinary customers',
  max_output: 'always asking for the longest possible answers',
  long_answers: 'answers several times longer than the model usually gives',
  template_shared: 'the same prompt templates sent from accounts that claim to be unrelated',
  cot_elicitation: 'asking the model to write out its reasoning step by step',
  max_reasoning_budget: 'asking for the maximum reasoning effort',
  ip_churn: 'a new network address for almost every session (commercial proxies)',
  proxy_rotation: 'a different home or mobile internet provider day after day (rented residential exits)',
  exit_spread: 'a dozen unrelated networks in a single day (a rotating proxy pool)',
  country_mismatch: 'connections from countries other than the one the account pays from',
  datacenter_ip: 'traffic from cloud and hosting networks',
  shared_payment: 'many accounts paid for with the same few cards',
  new_account: 'accounts used within days of being opened',
  client_mismatch: 'software that claims to be a popular coding tool but does not behave like it',
  timing_regularity: 'machine-regular timing',
  always_on: 'activity around the clock',
  load_spread: 'work divided evenly across accounts, like a load balancer',
  single_turn: 'one-off questions instead of conversations',
  distribution_shift: 'a mix of topics unlike ordinary customers\'',
  capability_targeting: 'a narrow focus on a few high-value skills',
  rate_limit_pressure: 'each account kept just under its rate limit',
  peer_indicator: 'traffic matching indicators another provider shared',
};

function renderBrief(r: RenderInput): string {
  const { c, figures } = r;
  const F = (id: string) => figures.find((x) => x.id === id)?.value ?? '-';
  const ref = (id: string) => {
    const i = figures.findIndex((x) => x.id === id);
    return i < 0 ? '' : ` <a class="ref" href="#fig-${id}">[E${i + 1}]</a>`;
  };
  const chart = columnChart(
    r.daily.map((d) => ({ label: d.day.slice(5), value: Number(d.n) })),
    { title: 'Requests per day (UTC)', width: 760, height: 240 },
  );
  const topCaps = r.caps.filter((x) => x.share >= 0.05).map((x) => `${(CAPABILITIES[x.capability] ?? 'other').replace(/_/g, ' ')} (${pct(x.share)})`);
  const reasons = c.reasons.filter((x) => SIGNAL_WORDS[x]).slice(0, 8).map((x) => `<li>${escapeHtml(SIGNAL_WORDS[x]!)}</li>`).join('');
  const conf = c.confidence;
  const confWords = conf >= 0.95 ? 'very high' : conf >= 0.8 ? 'high' : conf >= 0.6 ? 'moderate' : 'low';
  const age = Number(r.acct?.median_age ?? 0);
  const unverified = Number(r.acct?.unverified ?? 0);
  const alternatives = [
    ['An evaluation lab or research group running benchmarks', `Those run on established, verified accounts in short bursts; here the median account sent its first request ${n(age)} days after it was opened and ${pct(unverified)} of the accounts are unverified${ref('accounts_profile')}.`],
    ['A company\'s batch pipeline', `A pipeline is one customer on one or a few accounts under its own organisation; here ${F('accounts')} accounts${ref('accounts')} were opened on ${n(Number(r.acct?.created_days ?? 0))} different days and paid for with ${n(Number(r.acct?.cards ?? 0))} payment methods${ref('accounts_profile')}.`],
    ['A university class or hackathon', 'Classes sign up together behind one campus network and send homework-sized traffic for days; this operation came from ' + `${F('network')}${ref('network')} over ${F('active_days')} days${ref('active_days')}.`],
    ['A legitimate product built on the model (a relay or gateway)', 'Relays serve many unrelated people with varied prompts; these accounts share the same prompt templates and system prompt (see how it was established).'],
  ];
  const resembles = c.resembles
    ? `<p class="warn">Some of its accounts (${n(c.resembles.accounts)}, ${pct(c.resembles.share)}) also show what a ${escapeHtml(c.resembles.title.toLowerCase())} shows. The evidence above was weighed against that; treat that share with care.</p>`
    : '';
  const figureRows = figures
    .map((x, i) => `<tr id="fig-${x.id}"><td>E${i + 1}</td><td>${escapeHtml(x.label)}</td><td class="v">${escapeHtml(x.value)}</td></tr>
<tr class="sql"><td></td><td colspan="2"><pre>${escapeHtml(x.sql)}</pre><div class="params">parameters: ${escapeHtml(JSON.stringify(x.params))}${x.note ? `<br>${escapeHtml(x.note)}` : ''}</div></td></tr>`)
    .join('\n');
  const chainRows = r.chain.links.map((l) => `<tr><td>${escapeHtml(l.file)}</td><td class="v">${n(l.bytes)}</td><td><code>${l.sha256}</code></td><td><code>${l.link}</code></td></tr>`).join('\n');
  const title = `Briefing: adversarial distillation campaign ${c.campaign_id}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:Georgia,'Times New Roman',serif;max-width:860px;margin:2em auto;padding:0 1em;color:#1f2328;line-height:1.5}
h1{font-size:1.7em;margin-bottom:.2em} h2{border-bottom:1px solid #d0d7de;padding-bottom:.2em;margin-top:1.6em}
.meta{color:#57606a} .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(180px,1fr));gap:12px;margin:1em 0}
.tile{border:1px solid #d0d7de;border-radius:6px;padding:10px 12px} .tile .num{font-size:1.6em;font-weight:bold;font-family:Helvetica,Arial,sans-serif}
.tile .lab{color:#57606a;font-size:.9em} table{border-collapse:collapse;width:100%;font-size:.9em} td,th{border-bottom:1px solid #eaeef2;padding:4px 6px;vertical-align:top;text-align:left}
td.v{overflow-wrap:anywhere} tr.sql td{border-bottom:2px solid #d0d7de} pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.78em;background:#f6f8fa;padding:6px;margin:0}
.params{font-size:.75em;color:#57606a;word-break:break-all} code{font-size:.75em;word-break:break-all} .warn{background:#fff8c5;padding:6px 10px}
svg text{font-family:Helvetica,Arial,sans-serif;font-size:11px} a.ref{font-size:.75em;text-decoration:none} .chart{margin:1em 0}
@media print{.sql pre{font-size:.65em} h2{page-break-after:avoid}}
</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<p class="meta">Prepared by ${escapeHtml(r.producer)} with distillwatch from the findings of ${escapeHtml(r.f.generatedAt)}. Times are UTC. Every number below links to the evidence annex, which gives the query that reproduces it.</p>

<h2>What happened</h2>
<p>A single operator ran <b>${F('accounts')}</b> accounts${ref('accounts')} that sent <b>${F('exchanges')}</b> requests${ref('exchanges')} to our models between <b>${escapeHtml(r.span?.first.slice(0, 10) ?? '-')}</b> and <b>${escapeHtml(r.span?.last.slice(0, 10) ?? '-')}</b>${ref('period')}, on ${F('active_days')} days${ref('active_days')}. The requests were built to collect our models' answers in bulk, the way a rival would to train its own model on them (adversarial distillation)${topCaps.length ? `; they targeted mainly <b>${escapeHtml(topCaps.join(', '))}</b>${ref('capabilities')}` : ''}.</p>
<div class="tiles">
<div class="tile" id="tile-accounts"><div class="num">${F('accounts')}</div><div class="lab">accounts</div></div>
<div class="tile" id="tile-exchanges"><div class="num">${F('exchanges')}</div><div class="lab">requests</div></div>
<div class="tile"><div class="num">${F('active_days')}</div><div class="lab">days active</div></div>
<div class="tile"><div class="num">${escapeHtml(F('network').split(' in ')[1]?.replace(' networks', '') ?? '-')}</div><div class="lab">networks it came from</div></div>
</div>
<p>It reached us through ${escapeHtml(F('network'))}${ref('network')}${r.asnDb ? `, mostly ${escapeHtml(F('asns'))}${ref('asns')}, located in ${escapeHtml(F('countries'))}${ref('countries')}` : c.infrastructure ? `, located in ${escapeHtml(c.infrastructure.countries.slice(0, 5).map((x) => x.country || '??').join(', '))} (from the hunt's findings)` : ''}. These are commercial proxy, VPN and cloud exits: they hide where the operator is.</p>
<p>${escapeHtml(F('accounts_profile'))}${ref('accounts_profile')}. Models used: ${escapeHtml(F('models'))}${ref('models')}.</p>

<h2>Timeline</h2>
<div class="chart" id="timeline">${chart}</div>
<p class="meta">${escapeHtml(F('daily'))}${ref('daily')}.</p>

<h2>How it was established</h2>
<p>distillwatch compares every account with all the others and ties accounts together when they share rare evidence. This group stood out on:</p>
<ul>${reasons || '<li>(see the findings)</li>'}</ul>
<p>Its accounts are linked by ${c.links.filter((l) => l.linked >= 2).map((l) => `${escapeHtml(l.kind.replace(/_/g, ' '))} (${n(l.linked)} accounts)`).join(', ') || 'shared evidence'}. A group is called a campaign only if its typical account is far outside the ordinary range both in what its traffic does and in what its accounts are (new, unverified, sharing cards).</p>

<h2>Confidence, and what else could explain it</h2>
<p>Confidence: <b>${confWords}</b> (${(conf * 100).toFixed(0)} out of 100, from how far beyond the bar for ordinary customers the group is${c.family_bits && c.bars_bits ? `: behaviour ${(c.family_bits.behaviour_median_member ?? c.family_bits.behaviour).toFixed(1)}${c.family_bits.behaviour_median_member !== undefined ? ' (its median account alone)' : ''} against a bar of ${c.bars_bits.behaviour.toFixed(1)}, account provenance ${c.family_bits.provenance.toFixed(1)} against ${c.bars_bits.provenance.toFixed(1)}, in bits of surprise` : ''}).</p>
${resembles}
<table><tr><th>Could it be…</th><th>Why the evidence says otherwise</th></tr>
${alternatives.map(([a, b]) => `<tr><td>${escapeHtml(a!)}</td><td>${b}</td></tr>`).join('\n')}
</table>
<p class="meta">What this does not establish: who the operator is. Proxies hide the origin; attribution needs other sources (payment processors, cloud providers, other labs).</p>

<h2>Evidence annex</h2>
<p>Each figure was computed by the query shown, run against the warehouse the hunt read (distillwatch's ClickHouse tables <code>exchanges</code>, <code>exchange_features</code>, <code>accounts</code>). The campaign's accounts are read from <code>accounts.jsonl</code> of the findings, whose hash is below. To reproduce one: <code>distillwatch query --data &lt;warehouse&gt; --param campaign=${escapeHtml(c.campaign_id)} --param accounts_jsonl=&lt;path&gt; --param since=… --param until=… "&lt;query&gt;"</code> (with the embedded engine, which reads the findings file).</p>
<table><tr><th></th><th>figure</th><th>value</th></tr>
${figureRows}
</table>
<h3>Hash chain over the findings files</h3>
<p>Link<sub>0</sub> = SHA-256("distillwatch findings hash chain v1"); for each file in name order, link<sub>i</sub> = SHA-256(link<sub>i-1</sub> + "\\n" + name + "\\n" + SHA-256(file)), as lowercase hex. Head: <code id="chain-head">${r.chain.head}</code></p>
<table><tr><th>file</th><th>bytes</th><th>SHA-256</th><th>link</th></tr>
${chainRows}
</table>
</body></html>
`;
}

/** Writes brief.html and annex.json into `out`. */
export function writeBrief(brief: Brief, out: string): { html: string; annex: string } {
  mkdirSync(out, { recursive: true });
  const html = join(out, 'brief.html');
  const annex = join(out, 'annex.json');
  writeFileSync(html, brief.html);
  writeFileSync(annex, JSON.stringify({ figures: brief.figures, chain: brief.chain }, null, 2) + '\n');
  return { html, annex };
}
