import { T, type HuntContext } from './context.js';
import type { CampaignVerdict } from './decide.js';
import { CAPABILITIES } from './text.js';

/** What a campaign did and how it is tied together: the evidence a report is written from. */
export interface CampaignDescription {
  exchanges: number;
  first_seen: string | null;
  last_seen: string | null;
  daily: { day: string; exchanges: number; accounts: number }[];
  capabilities: Record<string, number>;
  models: { model: string; exchanges: number }[];
  infrastructure: {
    ips: number;
    subnets: number;
    asns: { asn: number; org: string; exchanges: number }[];
    countries: { country: string; exchanges: number }[];
    hosting_share: number;
    user_agents: { user_agent: string; exchanges: number }[];
  };
  accounts_created: { day: string; accounts: number }[];
  tiers: Record<string, number>;
  shared_keys: { kind: string; key: string; accounts: number; population_accounts: number; weight: number }[];
  examples: { prompt_sha256: string; prompt: string }[];
}

const EXAMPLE_CHARS = 400;

export async function describeCampaigns(
  ctx: HuntContext,
  campaigns: CampaignVerdict[],
): Promise<(CampaignVerdict & CampaignDescription)[]> {
  const { wh } = ctx;
  const out: (CampaignVerdict & CampaignDescription)[] = [];
  for (const c of campaigns) {
    const p = { cluster: c.cluster };
    const members = `account_id IN (SELECT account_id FROM _hunt_clusters WHERE cluster = {cluster:UInt32})`;
    const [totals] = await wh.query<{ exchanges: string; first: string; last: string; ips: string; subnets: string; hosting: number }>(
      `SELECT count() AS exchanges, toString(min(ts)) AS first, toString(max(ts)) AS last, uniq(ip) AS ips, uniq(subnet) AS subnets,
              avg(hosting) AS hosting
       FROM ${T.x} WHERE ${members}`,
      p,
    );
    const daily = await wh.query<{ day: string; exchanges: string; accounts: string }>(
      `SELECT toString(day) AS day, count() AS exchanges, uniqExact(account_id) AS accounts FROM ${T.x} WHERE ${members} GROUP BY day ORDER BY day`,
      p,
    );
    const caps = await wh.query<{ capability: number; n: string }>(
      `SELECT capability, count() AS n FROM ${T.x} WHERE ${members} GROUP BY capability`,
      p,
    );
    const models = await wh.query<{ model: string; exchanges: string }>(
      `SELECT model, count() AS exchanges FROM ${T.x} WHERE ${members} GROUP BY model ORDER BY exchanges DESC LIMIT 10`,
      p,
    );
    const asns = await wh.query<{ asn: number; org: string; exchanges: string }>(
      `SELECT x.asn AS asn, any(i.org) AS org, count() AS exchanges
       FROM ${T.x} AS x LEFT JOIN ${T.ip} AS i ON i.ip = x.ip
       WHERE x.${members} GROUP BY asn ORDER BY exchanges DESC LIMIT 10`,
      p,
    );
    const countries = await wh.query<{ country: string; exchanges: string }>(
      `SELECT ip_country AS country, count() AS exchanges FROM ${T.x} WHERE ${members} GROUP BY country ORDER BY exchanges DESC LIMIT 10`,
      p,
    );
    const uas = await wh.query<{ user_agent: string; exchanges: string }>(
      `SELECT ua AS user_agent, count() AS exchanges FROM ${T.x} WHERE ${members} GROUP BY ua ORDER BY exchanges DESC LIMIT 5`,
      p,
    );
    const created = await wh.query<{ day: string; accounts: string }>(
      `SELECT toString(toDate(created_at)) AS day, count() AS accounts FROM ${T.acct} WHERE ${members} AND created_at IS NOT NULL
       GROUP BY day ORDER BY day`,
      p,
    );
    const tiers = await wh.query<{ tier: string; accounts: string }>(
      `SELECT ifNull(tier, 'unknown') AS tier, count() AS accounts FROM ${T.acct} WHERE ${members} GROUP BY tier ORDER BY accounts DESC`,
      p,
    );
    const keys = await wh.query<{ kind: string; key: string; accounts: string; df: string; weight: number }>(
      `SELECT kind, toString(key) AS key, uniqExact(account_id) AS accounts, any(df) AS df, any(weight) AS weight
       FROM ${T.keys} WHERE ${members}
       GROUP BY kind, key HAVING accounts >= 2
       ORDER BY accounts * weight DESC, kind, key LIMIT 15`,
      p,
    );
    const examples = await wh.query<{ prompt: string; sha: string }>(
      `SELECT substring(prompt, 1, ${EXAMPLE_CHARS}) AS prompt, lower(hex(SHA256(prompt))) AS sha
       FROM exchanges WHERE ${members} AND ${ctx.windowWhere()} AND prompt IS NOT NULL AND prompt != ''
       ORDER BY cityHash64(request_id) LIMIT 3`,
      { ...ctx.params, ...p },
    );
    const total = caps.reduce((s, r) => s + Number(r.n), 0) || 1;
    out.push({
      ...c,
      exchanges: Number(totals?.exchanges ?? 0),
      first_seen: totals?.first ?? null,
      last_seen: totals?.last ?? null,
      daily: daily.map((d) => ({ day: d.day, exchanges: Number(d.exchanges), accounts: Number(d.accounts) })),
      capabilities: Object.fromEntries(CAPABILITIES.map((name, i) => [name, Number(caps.find((r) => r.capability === i)?.n ?? 0) / total])),
      models: models.map((m) => ({ model: m.model, exchanges: Number(m.exchanges) })),
      infrastructure: {
        ips: Number(totals?.ips ?? 0),
        subnets: Number(totals?.subnets ?? 0),
        asns: asns.map((a) => ({ asn: a.asn, org: a.org, exchanges: Number(a.exchanges) })),
        countries: countries.map((r) => ({ country: r.country, exchanges: Number(r.exchanges) })),
        hosting_share: totals?.hosting ?? 0,
        user_agents: uas.map((u) => ({ user_agent: u.user_agent, exchanges: Number(u.exchanges) })),
      },
      accounts_created: created.map((r) => ({ day: r.day, accounts: Number(r.accounts) })),
      tiers: Object.fromEntries(tiers.map((t) => [t.tier, Number(t.accounts)])),
      shared_keys: keys.map((k) => ({ kind: k.kind, key: k.key, accounts: Number(k.accounts), population_accounts: Number(k.df), weight: k.weight })),
      examples: examples.map((e) => ({ prompt_sha256: e.sha, prompt: e.prompt })),
    });
  }
  return out;
}
