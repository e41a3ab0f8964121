import { acctSql, T, type HuntContext } from './context.js';
import type { AccountVerdict, CampaignVerdict } from './decide.js';
import { FINGERPRINT_KEYS } from './sweep.js';
import { ONSET_BUCKET_MS } from './synchrony.js';
import { CAPABILITIES, lineKeysSql, normalizedLinesSql, openingKeySql, systemKeySql } from './text.js';

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
  shared_keys: { kind: string; key: string; accounts: number; population_accounts: number; weight: number; example?: string }[];
  examples: { prompt_sha256: string; prompt: string }[];
}

const EXAMPLE_CHARS = 400;
const KEY_EXAMPLE_CHARS = 160;

export async function describeCampaigns(
  ctx: HuntContext,
  campaigns: CampaignVerdict[],
  accounts: AccountVerdict[],
): Promise<(CampaignVerdict & CampaignDescription)[]> {
  const { wh } = ctx;
  const out: (CampaignVerdict & CampaignDescription)[] = [];
  // The campaign's accounts, and how each joined it: an account that carries the campaign's traffic among
  // its own customers' (a relay) contributes only its requests that carry the campaign's fingerprints.
  await wh.command(`DROP TABLE IF EXISTS _hunt_campaign_accounts`);
  await wh.command(
    `CREATE TABLE _hunt_campaign_accounts (account_id String, campaign_id String, via LowCardinality(String)) ENGINE = MergeTree ORDER BY account_id`,
  );
  await wh.insertRows(
    '_hunt_campaign_accounts',
    accounts.filter((a) => a.campaign_id).map((a) => ({ account_id: a.account_id, campaign_id: a.campaign_id, via: a.reasons[0] ?? '' })),
  );
  // (the count comes back as a number or a string depending on the client's settings)
  const hasKeys = Number((await wh.query<{ n: string }>(`SELECT count() AS n FROM system.tables WHERE database = currentDatabase() AND name = '_hunt_campaign_keys'`))[0]?.n ?? 0) > 0;
  const fingerprinted = hasKeys
    ? `arrayExists(k -> k IN (SELECT key FROM _hunt_campaign_keys), [${FINGERPRINT_KEYS.join(', ')}])`
    : '1';
  if (campaigns.length === 0) return out;
  // The report quotes a few prompts and the shared scaffolding; a warehouse whose text was purged after
  // ingest (a retention policy) is hunted all the same, from the features, and quotes nothing.
  const textKept = Number(
    (await wh.query<{ n: string }>(
      `SELECT count() AS n FROM system.columns WHERE database = currentDatabase() AND table = 'exchanges' AND name IN ('prompt', 'system')`,
    ))[0]?.n ?? 0,
  ) === 2;
  // Every campaign's exchanges, in one pass over the window (each description below reads its campaign's
  // range of this table instead of joining the whole window again).
  await wh.command(`DROP TABLE IF EXISTS _hunt_campaign_x`);
  await wh.command(
    `CREATE TABLE _hunt_campaign_x ENGINE = MergeTree ORDER BY (campaign_id, day) AS
     SELECT ca.campaign_id AS campaign_id, x.account_id AS account_id, x.ts AS ts, x.day AS day, x.ip AS ip, x.subnet AS subnet,
            x.hosting AS hosting, x.capability AS capability, x.model AS model, x.asn AS asn, x.ip_country AS ip_country, x.ua AS ua
     -- (joined on the accounts' hashes, acctSql: cheaper than on their ids)
     FROM ${T.x} AS x INNER JOIN (SELECT ${acctSql()} AS acct, campaign_id, via FROM _hunt_campaign_accounts) AS ca ON ca.acct = x.acct
     WHERE ca.via NOT IN ('campaign_traffic', 'shared_stream') OR ${fingerprinted}`,
  );
  for (const c of campaigns) {
    const p = { campaign: c.campaign_id };
    const X = `(SELECT * FROM _hunt_campaign_x WHERE campaign_id = {campaign:String})`;
    const members = `account_id IN (SELECT account_id FROM _hunt_campaign_accounts WHERE campaign_id = {campaign:String})`;
    // (A relay's own customers are not the campaign: its prompts are not quoted as the campaign's.)
    const core = `account_id IN (SELECT account_id FROM _hunt_campaign_accounts WHERE campaign_id = {campaign:String} AND via NOT IN ('campaign_traffic', 'shared_stream'))`;
    const [totals] = await wh.query<{ exchanges: string; first: string; last: string; ips: string; subnets: string; hosting: number }>(
      `SELECT count() AS exchanges, toString(min(ts)) AS first, toString(max(ts)) AS last, uniq(ip) AS ips, uniq(subnet) AS subnets,
              avg(hosting) AS hosting
       FROM ${X} AS cx`,
      p,
    );
    const daily = await wh.query<{ day: string; exchanges: string; accounts: string }>(
      `SELECT toString(day) AS day, count() AS exchanges, uniqExact(account_id) AS accounts FROM ${X} AS cx GROUP BY day ORDER BY day`,
      p,
    );
    const caps = await wh.query<{ capability: number; n: string }>(
      `SELECT capability, count() AS n FROM ${X} AS cx GROUP BY capability`,
      p,
    );
    const models = await wh.query<{ model: string; exchanges: string }>(
      `SELECT model, count() AS exchanges FROM ${X} AS cx GROUP BY model ORDER BY exchanges DESC LIMIT 10`,
      p,
    );
    const asns = await wh.query<{ asn: number; org: string; exchanges: string }>(
      `SELECT x.asn AS asn, any(i.org) AS org, count() AS exchanges
       FROM ${X} AS x LEFT JOIN ${T.ip} AS i ON i.ip = x.ip
       GROUP BY asn ORDER BY exchanges DESC LIMIT 10`,
      p,
    );
    const countries = await wh.query<{ country: string; exchanges: string }>(
      `SELECT ip_country AS country, count() AS exchanges FROM ${X} AS cx GROUP BY country ORDER BY exchanges DESC LIMIT 10`,
      p,
    );
    const uas = await wh.query<{ user_agent: string; exchanges: string }>(
      `SELECT ua AS user_agent, count() AS exchanges FROM ${X} AS cx GROUP BY ua ORDER BY exchanges DESC LIMIT 5`,
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
    const keyExamples = new Map<string, string>();
    const keys = await wh.query<{ kind: string; key: string; accounts: string; df: string; weight: number }>(
      `SELECT toString(kind) AS kind, toString(key) AS key, uniqExact(acct) AS accounts, any(df) AS df, any(weight) AS weight
       FROM ${T.keys}
       WHERE acct IN (SELECT ${acctSql()} FROM _hunt_campaign_accounts WHERE campaign_id = {campaign:String})
       GROUP BY kind, key HAVING accounts >= 2
       ORDER BY accounts * weight DESC, kind, key LIMIT 15`,
      p,
    );
    const examples = !textKept ? [] : await wh.query<{ prompt: string; sha: string }>(
      // The three are picked from the compact per-exchange table (by a hash of account and time, so the pick
      // is stable), and only their text is read from the log: not every prompt the campaign sent.
      `SELECT substring(prompt, 1, ${EXAMPLE_CHARS}) AS prompt, lower(hex(SHA256(prompt))) AS sha
       FROM exchanges
       WHERE ${core} AND ${ctx.windowWhere()} AND notEmpty(ifNull(prompt, '')) AND (account_id, ts) IN (
         SELECT account_id, ts FROM ${T.x} WHERE ${core} AND prompt_len > 0
         ORDER BY cityHash64(account_id, ts) LIMIT 3
       )
       ORDER BY cityHash64(account_id, ts)
       LIMIT 3`,
      { ...ctx.params, ...p },
    );
    // What the strongest shared scaffolding says, so a reader sees the template, not only its hash.
    // (and the words a measurement probe sent: one exchange of that shape, found in the compact table)
    for (const k of keys.filter((k) => textKept && (k.kind === 'template' || k.kind === 'system_prompt' || k.kind === 'probe')).slice(0, 5)) {
      const [ex] = await wh.query<{ text: string }>(
        k.kind === 'system_prompt'
          ? `SELECT substring(system, 1, ${KEY_EXAMPLE_CHARS}) AS text FROM exchanges
             WHERE ${core} AND ${ctx.windowWhere()} AND ${systemKeySql('system')} = {key:UInt64} LIMIT 1`
          : k.kind === 'probe'
          ? `SELECT substring(prompt, 1, ${KEY_EXAMPLE_CHARS}) AS text FROM exchanges
             WHERE ${core} AND ${ctx.windowWhere()} AND (account_id, ts) IN (
               SELECT account_id, ts FROM ${T.x} WHERE ${core} AND prompt_shape = {key:UInt64} ORDER BY account_id, ts LIMIT 1)
             LIMIT 1`
          : `SELECT if(${openingKeySql('prompt')} = {key:UInt64},
                       arrayStringConcat(arraySlice(splitByWhitespace(substring(prompt, 1, 400)), 1, 8), ' '),
                       arrayFirst(l -> cityHash64(l) = {key:UInt64}, ${normalizedLinesSql('prompt')})) AS text
             FROM exchanges
             WHERE ${core} AND ${ctx.windowWhere()}
               AND (${openingKeySql('prompt')} = {key:UInt64} OR has(${lineKeysSql('prompt')}, {key:UInt64}))
             LIMIT 1`,
        { ...ctx.params, ...p, key: k.key },
      );
      if (ex) keyExamples.set(`${k.kind} ${k.key}`, ex.text);
    }
    // Synchronised starts: when the crowd started, how big it was, and how many starts the time of day expected.
    const syncKeys = keys.filter((k) => k.kind === 'sync_start').map((k) => k.key);
    if (syncKeys.length > 0) {
      const crowds = await wh.query<{ key: string; text: string }>(
        `SELECT toString(cityHash64(bucket)) AS key,
                toDateTime(bucket * ${ONSET_BUCKET_MS / 1000}, 'UTC') AS bucket_start,
                concat('sessions started ', formatDateTime(bucket_start, '%F %R', 'UTC'), '-',
                       formatDateTime(bucket_start + ${ONSET_BUCKET_MS / 1000}, '%R', 'UTC'), ' UTC: ',
                       toString(starts), ' accounts (', toString(round(expected, 1)), ' expected)') AS text
         FROM ${T.crowded} WHERE toString(cityHash64(bucket)) IN {keys:Array(String)}`,
        { keys: syncKeys },
      );
      for (const c of crowds) keyExamples.set(`sync_start ${c.key}`, c.text);
    }
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
      shared_keys: keys.map((k) => ({
        kind: k.kind,
        key: k.key,
        accounts: Number(k.accounts),
        population_accounts: Number(k.df),
        weight: k.weight,
        ...(keyExamples.has(`${k.kind} ${k.key}`) ? { example: keyExamples.get(`${k.kind} ${k.key}`)! } : {}),
      })),
      examples: examples.map((e) => ({ prompt_sha256: e.sha, prompt: e.prompt })),
    });
  }
  return out;
}
