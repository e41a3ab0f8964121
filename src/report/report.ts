import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HuntResult } from '../hunt/hunt.js';
import { OPENED_TOGETHER, OPENED_TOGETHER_TITLE, WOKE_TOGETHER, WOKE_TOGETHER_TITLE } from '../hunt/opened-together.js';
import { familyBits } from '../hunt/population.js';
import { campaignBehaviour } from '../hunt/decide.js';
import { barChart, columnChart, escapeHtml } from './svg.js';

type Campaign = HuntResult['campaigns'][number];

const n = (x: number) => x.toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function signalTitle(result: HuntResult, id: string): string {
  return result.signals.find((s) => s.id === id)?.title ?? (id === OPENED_TOGETHER ? OPENED_TOGETHER_TITLE : id === WOKE_TOGETHER ? WOKE_TOGETHER_TITLE : id);
}

const LINK_TITLES: Record<string, string> = {
  template: 'prompt templates (same opening or near-duplicate text)',
  system_prompt: 'identical long system prompts',
  tool_list: 'identical tool lists',
  subnet_day: 'the same client network on the same day',
  payment: 'payment methods',
  creation_burst: 'sign-ups in the same 10 minutes from the same e-mail domain',
  signup_subnet: 'sign-ups from the same network on the same day',
  client_fingerprint: 'client (TLS) fingerprints',
  user_agent: 'user-agent strings',
  sync_start: 'sessions started in the same crowded 10 minutes (synchronised starts)',
  probe: 'the same short measurement probes',
};

/** The story of one campaign in plain words: what happened, how big, how we know. */
function campaignMarkdown(result: HuntResult, c: Campaign, redact: boolean): string {
  const days = c.daily.length;
  const peak = c.daily.reduce((m, d) => Math.max(m, d.exchanges), 0);
  const caps = Object.entries(c.capabilities)
    .filter(([, v]) => v >= 0.05)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k.replaceAll('_', ' ')} ${pct(v)}`)
    .join(', ');
  const lines = [
    `## Campaign ${c.campaign_id}: ${n(c.accounts.length)} accounts, ${n(c.exchanges)} exchanges`,
    '',
    `Active from ${c.first_seen} to ${c.last_seen} (UTC), ${days} days, up to ${n(peak)} exchanges a day. ` +
      `Confidence ${c.confidence.toFixed(2)} (pooled evidence ${c.score.toFixed(1)} bits).`,
    '',
    (c.basis === 'shared_stream'
      ? `**Why it is a campaign:** its accounts are relays (each serves many customers) that all carry one stream of requests ` +
        `wrapped in the same scaffolding (\`${c.key}\`), a minority of each one's traffic; measured request by request, that stream ` +
        `scores ${c.score.toFixed(1)} bits (bar ${c.bars.behaviour.toFixed(1)}, the population's on the same signals): ` +
        `${c.reasons.filter((r) => r !== 'shared_stream').map((r) => `\`${r}\``).join(', ')}. The relays themselves may be ` +
        'legitimate resellers: act on the stream (its scaffolding, its end customer), not on their other customers.'
      : c.basis === 'linked_pair'
      ? `**Why it is a campaign:** its two accounts alone hold one key (\`${c.key}\`), and each clears, on its own evidence against ` +
        `the accounts not linked to it, the bars a single account must clear: its behaviour and provenance, typical of the two, score ` +
        `${familyBits(c.pooled, 'behaviour').toFixed(1)} bits (bar ${c.bars.behaviour.toFixed(1)}) and ` +
        `${familyBits(c.pooled, 'provenance').toFixed(1)} bits (bar ${c.bars.provenance.toFixed(1)}).`
      : c.basis === 'overwhelming_provenance'
      ? `**Why it is a campaign:** its typical account's provenance scores ${familyBits(c.pooled, 'provenance').toFixed(1)} bits ` +
        `against the accounts outside it (bar ${c.bars.provenance.toFixed(1)}, the bar a single account acted on alone must clear: ` +
        'accounts opened, bought, shared or hidden for the job), and its behaviour ' +
        `${campaignBehaviour(c).toFixed(1)} bits (bar ${c.bars.behaviour.toFixed(1)}: beyond all but one in sixteen of those accounts), ` +
        'though short of the bar a group of ordinary provenance must clear: a harvest spread thin over many accounts asks each for little.'
      : c.basis === 'overwhelming_behaviour'
      ? `**Why it is a campaign:** its typical account reaches the floor of ${c.floors.map((f) => `\`${f}\``).join(', ')} ` +
        `(evidence enough to act on any one of its accounts alone; see the signal's documentation), and its behaviour scores ` +
        `${familyBits(c.pooled, 'behaviour').toFixed(1)} bits (bar ${c.bars.behaviour.toFixed(1)}) against the accounts outside it, ` +
        `without the provenance evidence (${familyBits(c.pooled, 'provenance').toFixed(1)} bits, bar ${c.bars.provenance.toFixed(1)}) ` +
        'a campaign of new accounts shows: old or verified accounts.'
      : `**Why it is a campaign:** its typical account's behaviour scores ${familyBits(c.pooled, 'behaviour').toFixed(1)} bits ` +
        `(bar ${c.bars.behaviour.toFixed(1)}) and its provenance ${familyBits(c.pooled, 'provenance').toFixed(1)} bits ` +
        `(bar ${c.bars.provenance.toFixed(1)}), against the accounts outside it; coordination (shared templates, topic mix, even load) adds ` +
        `${familyBits(c.pooled, 'coordination').toFixed(1)} bits.`),
    '',
    ...(c.resembles
      ? [
          `**Legitimate look-alike:** ${n(c.resembles.accounts)} of its accounts (${pct(c.resembles.share)}) also show what a ` +
            `${c.resembles.title.toLowerCase()} shows (\`${c.resembles.pattern}\`). It was called a campaign on the evidence above; ` +
            'check that evidence against the pattern before acting.',
          '',
        ]
      : []),
    `**What it asked for:** ${caps || 'no dominant capability'}. Models: ${c.models.map((m) => `${m.model} (${n(m.exchanges)})`).join(', ')}.`,
    '',
    '**How it stands out** (its median account on each signal, against every account outside the campaign):',
    '',
    '| signal | median account | accounts outside at least as extreme |',
    '|---|---:|---:|',
    ...c.pooled
      .filter((h) => h.bits >= 2)
      .sort((a, b) => b.bits - a.bits)
      .map((h) => `| ${signalTitle(result, h.signal)} (\`${h.signal}\`) | ${h.value.toFixed(3)} | ${pct(h.p)} |`),
    '',
    '**What ties its accounts together:**',
    '',
    ...c.links
      .filter((l) => l.linked >= 2)
      .sort((a, b) => b.linked - a.linked)
      .map((l) => `- ${n(l.linked)} accounts linked through ${LINK_TITLES[l.kind] ?? l.kind} (${n(l.keys)} distinct keys)`),
    '',
    `**Infrastructure:** ${n(c.infrastructure.ips)} IPs in ${n(c.infrastructure.subnets)} networks; ${pct(c.infrastructure.hosting_share)} from hosting networks. ` +
      `Top networks: ${c.infrastructure.asns.slice(0, 5).map((a) => `AS${a.asn} ${a.org || '(unknown)'} (${n(a.exchanges)})`).join(', ')}. ` +
      `Countries: ${c.infrastructure.countries.slice(0, 5).map((x) => `${x.country || '??'} (${n(x.exchanges)})`).join(', ')}. ` +
      `User agents: ${c.infrastructure.user_agents.map((u) => `\`${u.user_agent || '(none)'}\``).join(', ')}.`,
    '',
    `**Accounts:** tiers ${Object.entries(c.tiers).map(([t, k]) => `${t} ${n(k)}`).join(', ')}; created on ${c.accounts_created.length} distinct days` +
      (c.accounts_created.length ? ` (busiest: ${[...c.accounts_created].sort((a, b) => b.accounts - a.accounts)[0]!.day}, ${n([...c.accounts_created].sort((a, b) => b.accounts - a.accounts)[0]!.accounts)} accounts).` : '.'),
    '',
    '**Shared keys** (hashes; the same key on many otherwise unrelated accounts is the link):',
    '',
    '| kind | key | campaign accounts | accounts in the population | weight (bits) | example |',
    '|---|---|---:|---:|---:|---|',
    ...c.shared_keys
      .slice(0, 10)
      .map(
        (k) =>
          `| ${k.kind} | \`${k.key.slice(0, 40)}\` | ${n(k.accounts)} | ${n(k.population_accounts)} | ${k.weight.toFixed(1)} | ${
            k.example && !redact ? k.example.replace(/\s+/g, ' ').replace(/\|/g, '/').slice(0, 120) : ''
          } |`,
      ),
    '',
    '**Example prompts**' + (redact ? ' (redacted to SHA-256)' : '') + ':',
    '',
    ...c.examples.map((e) => (redact ? `- \`${e.prompt_sha256}\`` : `- ${JSON.stringify(e.prompt.length > 300 ? e.prompt.slice(0, 300) + '…' : e.prompt)}`)),
    '',
    `**Accounts** (${n(c.accounts.length)}): ${c.accounts.slice(0, 30).map((a) => `\`${a}\``).join(', ')}${c.accounts.length > 30 ? ', …' : ''} (all in accounts.jsonl).`,
    '',
  ];
  return lines.join('\n');
}

export function reportMarkdown(result: HuntResult, opts: { redact?: boolean } = {}): string {
  const flagged = result.accounts.filter((a) => a.flagged);
  const inCampaigns = result.campaigns.reduce((s, c) => s + c.accounts.length, 0);
  const exchanges = result.campaigns.reduce((s, c) => s + c.exchanges, 0);
  const reasonCounts = new Map<string, number>();
  for (const a of flagged) for (const r of a.reasons) reasonCounts.set(r, (reasonCounts.get(r) ?? 0) + 1);
  const head = [
    '# distillwatch hunt report',
    '',
    `Generated ${result.generatedAt}. Window: ${result.window.first ?? '-'} to ${result.window.last ?? '-'} (UTC)` +
      (result.config.until ? `, cut off at ${result.config.until} (no later data seen)` : '') +
      `; ${n(result.window.accounts)} accounts, ${n(result.window.exchanges)} exchanges.`,
    '',
    '## Summary',
    '',
    result.campaigns.length === 0
      ? 'No campaign found.'
      : `${result.campaigns.length} campaign${result.campaigns.length > 1 ? 's' : ''} found: ${n(inCampaigns)} accounts and ${n(exchanges)} exchanges ` +
        `(${pct(exchanges / Math.max(1, result.window.exchanges))} of all traffic in the window). ${n(flagged.length)} accounts flagged in all.`,
    '',
    '| campaign | accounts | exchanges | first seen | last seen | confidence | top reasons |',
    '|---|---:|---:|---|---|---:|---|',
    ...result.campaigns.map(
      (c) => `| ${c.campaign_id} | ${n(c.accounts.length)} | ${n(c.exchanges)} | ${c.first_seen} | ${c.last_seen} | ${c.confidence.toFixed(2)} | ${c.reasons.slice(0, 4).join(', ')} |`,
    ),
    '',
    'Most common reasons among flagged accounts: ' +
      [...reasonCounts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([r, k]) => `\`${r}\` (${n(k)})`).join(', ') + '.',
    '',
    '## How to read this',
    '',
    'Every signal is scored against the population it ran on: "accounts at least as extreme" is the share of accounts in the ' +
      'window whose own value is as unusual. A campaign is a group of accounts tied together by shared, rare evidence (prompt ' +
      'templates, identical long system prompts, networks, payment methods, sign-up bursts) whose typical account is far from ' +
      'everyone else both in what its traffic does and in what its accounts are (new, unverified, sharing cards); its members ' +
      'are confirmed by the campaign\'s own fingerprints. Each flagged account in accounts.jsonl carries its reason codes and ' +
      'the numbers behind them; docs/hunt.md explains every step.',
    '',
  ];
  return [...head, ...result.campaigns.map((c) => campaignMarkdown(result, c, opts.redact ?? false)), ...triageMarkdown(result)].join('\n');
}

const WATCH_ROWS = 50;

/** Numbers of a legitimate pattern, as `name value` pairs. */
const numbers = (x: Record<string, number>) =>
  Object.entries(x)
    .map(([k, v]) => `${k.replaceAll('_', ' ')} ${Number.isInteger(v) ? n(v) : v.toFixed(2)}`)
    .join(', ');

/** Accounts acted on alone, the watch queue, and linked groups that are not campaigns, with what explains them. */
function triageMarkdown(result: HuntResult): string[] {
  const out: string[] = [];
  const alone = result.accounts.filter((a) => a.tier === 'account');
  if (alone.length > 0) {
    out.push('## Accounts acted on alone', '', 'Their own evidence reaches a floor the API itself fixes (see each signal\'s documentation).', '');
    out.push('| account | risk | floors reached (value, floor) | other reasons |', '|---|---:|---|---|');
    for (const a of alone.slice().sort((x, y) => y.risk - x.risk)) {
      const floors = a.own.floors.map((f) => `\`${f.signal}\` ${n(f.value)} (floor ${n(f.floor)})`).join(', ');
      out.push(`| ${a.account_id} | ${a.risk.toFixed(2)} | ${floors || '-'} | ${a.reasons.filter((r) => !a.own.floors.some((f) => f.signal === r)).slice(0, 5).join(', ')} |`);
    }
    out.push('');
  }
  const watch = result.accounts.filter((a) => a.tier === 'watch').sort((x, y) => y.risk - x.risk);
  if (watch.length > 0) {
    out.push(
      `## Watch queue: ${n(watch.length)} accounts`,
      '',
      'Worth an analyst\'s look, not enough to act on: behaviour as far out as a single account must be to stand alone, or both ' +
        'families of evidence over a linked group\'s bars, or (`linked_group_behaviour`) a linked group whose typical member behaves as ' +
        'a campaign\'s must but shows none of its provenance and no legitimate pattern. Where an account shows what a legitimate ' +
        'customer shows, the pattern is named.',
      '',
      '| account | risk | reasons | looks like |',
      '|---|---:|---|---|',
    );
    for (const a of watch.slice(0, WATCH_ROWS)) {
      const looks = (a.resembles ?? []).map((r) => `\`${r.pattern}\` (${numbers(r.numbers)})`).join('; ');
      out.push(`| ${a.account_id} | ${a.risk.toFixed(2)} | ${a.reasons.slice(0, 5).join(', ')} | ${looks || '-'} |`);
    }
    if (watch.length > WATCH_ROWS) out.push('', `(and ${n(watch.length - WATCH_ROWS)} more in accounts.jsonl, \`tier: watch\`)`);
    out.push('');
  }
  const stock = new Map<string, number>();
  for (const a of result.accounts) if (a.openedWith && a.tier === null) stock.set(a.openedWith.campaign_id, (stock.get(a.openedWith.campaign_id) ?? 0) + 1);
  if (stock.size > 0) {
    out.push(
      '## Unused accounts opened with a campaign',
      '',
      'Accounts that sent nothing in the window, opened with a campaign\'s accounts (`opened_with_campaign`): in the days they were ' +
        'opened in, when few others were, or from the cloud network most of them were opened from. An operation\'s stock, or ' +
        'customers who signed up then or there and have not started. Not acted on; ' +
        'ranked above the accounts with nothing to show (`evidence.opened_with_campaign` in accounts.jsonl).',
      '',
      '| campaign | unused accounts |',
      '|---|---:|',
      ...[...stock].sort((x, y) => x[0].localeCompare(y[0])).map(([c, k]) => `| ${c} | ${n(k)} |`),
      '',
    );
  }
  if (result.linkedGroups.length > 0) {
    out.push(
      '## Linked groups that are not campaigns',
      '',
      'Accounts tied together by shared rare evidence whose typical account cleared one family\'s bar but not both, or that act ' +
        'as one group (coordination of 8 bits or more). When most of ' +
        'a group shows what a legitimate customer shows, the pattern is named: it explains what the group shares.',
      '',
      '| accounts | behaviour (bar) | provenance (bar) | coordination | explained by |',
      '|---:|---|---|---:|---|',
    );
    for (const g of result.linkedGroups) {
      const why = g.resembles ? `${g.resembles.title} (\`${g.resembles.pattern}\`, ${n(g.resembles.accounts)} of ${n(g.accounts.length)} accounts)` : 'no known pattern';
      out.push(`| ${n(g.accounts.length)} | ${g.behaviour.toFixed(1)} (${g.bars.behaviour.toFixed(1)}) | ${g.provenance.toFixed(1)} (${g.bars.provenance.toFixed(1)}) | ${g.coordination.toFixed(1)} | ${why} |`);
    }
    out.push('');
  }
  return out;
}

/** A self-contained HTML page (no scripts, no external assets) with the same content and charts. */
export function reportHtml(result: HuntResult, opts: { redact?: boolean } = {}): string {
  const md = reportMarkdown(result, opts);
  const charts = result.campaigns
    .map((c) => {
      const daily = columnChart(
        c.daily.map((d) => ({ label: d.day.slice(5), value: d.exchanges })),
        { title: `${c.campaign_id}: exchanges per day`, width: 720, height: 180 },
      );
      const caps = barChart(
        Object.entries(c.capabilities).map(([k, v]) => ({ label: k.replaceAll('_', ' '), value: v * 100 })),
        { title: `${c.campaign_id}: what it asked for (% of exchanges)`, width: 360, unit: '%' },
      );
      const sig = barChart(
        c.pooled
          .filter((h) => h.bits >= 1)
          .sort((a, b) => b.bits - a.bits)
          .slice(0, 10)
          .map((h) => ({ label: h.signal, value: h.bits })),
        { title: `${c.campaign_id}: evidence by signal (bits)`, width: 360, unit: ' bits' },
      );
      const created = columnChart(
        c.accounts_created.map((d) => ({ label: d.day.slice(5), value: d.accounts })),
        { title: `${c.campaign_id}: accounts created per day`, width: 720, height: 140 },
      );
      return `<section class="charts">${daily}<div class="row">${caps}${sig}</div>${created}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>distillwatch hunt report</title>
<style>
body{font:14px/1.5 system-ui,-apple-system,Segoe UI,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#1b1f24}
h1,h2{font-weight:600} h2{border-top:1px solid #d0d7de;padding-top:1em;margin-top:2em}
table{border-collapse:collapse;margin:.5em 0} td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left} td:nth-child(n+2){font-variant-numeric:tabular-nums}
code{background:#f6f8fa;padding:0 3px;border-radius:3px;font-size:12px} .row{display:flex;gap:1em;flex-wrap:wrap}
svg{background:#fff;border:1px solid #eaeef2;border-radius:6px;margin:.5em 0} svg text{font:11px system-ui,sans-serif;fill:#424a53}
pre{white-space:pre-wrap}
</style></head><body>
${markdownToHtml(md)}
<h2>Charts</h2>
${charts || '<p>No campaign to chart.</p>'}
</body></html>
`;
}

/** Just enough Markdown for our own report: headings, tables, lists, paragraphs, bold and code. */
function markdownToHtml(md: string): string {
  const inline = (s: string) =>
    escapeHtml(s)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  const out: string[] = [];
  const lines = md.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('# ')) out.push(`<h1>${inline(line.slice(2))}</h1>`);
    else if (line.startsWith('## ')) out.push(`<h2>${inline(line.slice(3))}</h2>`);
    else if (line.startsWith('|')) {
      const rows: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('|')) rows.push(lines[i++]!);
      i--;
      const cells = (r: string) => r.slice(1, -1).split('|').map((c) => c.trim());
      const [header, , ...body] = rows;
      out.push(
        `<table><thead><tr>${cells(header!).map((c) => `<th>${inline(c)}</th>`).join('')}</tr></thead><tbody>` +
          body.map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c)}</td>`).join('')}</tr>`).join('') +
          '</tbody></table>',
      );
    } else if (line.startsWith('- ')) {
      const items: string[] = [];
      while (i < lines.length && lines[i]!.startsWith('- ')) items.push(lines[i++]!.slice(2));
      i--;
      out.push(`<ul>${items.map((it) => `<li>${inline(it)}</li>`).join('')}</ul>`);
    } else if (line.trim() !== '') out.push(`<p>${inline(line)}</p>`);
  }
  return out.join('\n');
}

export function writeReport(result: HuntResult, dir: string, opts: { redact?: boolean } = {}): { markdown: string; html: string } {
  const markdown = join(dir, 'report.md');
  const html = join(dir, 'report.html');
  writeFileSync(markdown, reportMarkdown(result, opts));
  writeFileSync(html, reportHtml(result, opts));
  return { markdown, html };
}
