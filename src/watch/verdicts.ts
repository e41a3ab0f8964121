import { createHash } from 'node:crypto';
import type { HuntResult } from '../hunt/hunt.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { failpoint } from '../util/failpoint.js';

/**
 * The verdict history a continuous hunt keeps in the warehouse, for analysts and for what acts on it:
 * - `hunts`: one row per finished hunt (written last: a hunt without its row did not happen);
 * - `verdicts`: a row per account each time its verdict changes: tier, campaign or risk (by RISK_STEP or
 *   more), with the time of the hunt that changed it; `current_verdicts` is each account's latest.
 * Campaigns get a key that lasts across hunts (a hunt numbers its campaigns C001, C002, ... by their order
 * that time): a campaign takes the key most of its accounts had, each key going to one campaign; a new
 * campaign gets a new key.
 */

/** A risk move smaller than this is not history: population drift moves every account's risk a little each hunt. */
export const RISK_STEP = 0.05;

export interface RecordedHunt {
  huntId: string;
  /** Accounts whose verdict changed (or was first recorded) with this hunt. */
  changed: number;
  /** This hunt's campaign ids (C001, ...) to their lasting keys. */
  campaignKeys: Map<string, string>;
}

const mintKey = (at: string, accounts: string[]) =>
  `cmp-${at.slice(0, 10).replace(/-/g, '')}-${createHash('sha256').update([...accounts].sort().join('\n')).digest('hex').slice(0, 8)}`;

/** Each campaign of the hunt to a lasting key: the one most of its accounts held, else a new one. */
async function campaignKeys(wh: Warehouse, result: HuntResult, at: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (result.campaigns.length === 0) return out;
  const previous = new Map(
    (
      await wh.query<{ account_id: string; key: string }>(
        `SELECT account_id, argMax(campaign_key, at) AS key FROM verdicts
         WHERE account_id IN {ids:Array(String)} GROUP BY account_id HAVING key != ''`,
        { ids: result.campaigns.flatMap((c) => c.accounts) },
      )
    ).map((r) => [r.account_id, r.key]),
  );
  // (campaign, previous key, accounts that held it), strongest claims first
  const claims: [string, string, number][] = [];
  for (const c of result.campaigns) {
    const votes = new Map<string, number>();
    for (const a of c.accounts) {
      const k = previous.get(a);
      if (k) votes.set(k, (votes.get(k) ?? 0) + 1);
    }
    for (const [k, n] of votes) claims.push([c.campaign_id, k, n]);
  }
  claims.sort((a, b) => b[2] - a[2] || a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]));
  const taken = new Set<string>();
  for (const [campaign, key] of claims) {
    if (out.has(campaign) || taken.has(key)) continue;
    out.set(campaign, key);
    taken.add(key);
  }
  for (const c of result.campaigns) if (!out.has(c.campaign_id)) out.set(c.campaign_id, mintKey(at, c.accounts));
  return out;
}

/** Records a finished hunt and the verdicts it changed. `findingsDir` is where its findings were written. */
export async function recordHunt(
  wh: Warehouse,
  result: HuntResult,
  opts: { huntId: string; startedAt: string; findingsDir: string },
): Promise<RecordedHunt> {
  const at = result.generatedAt;
  const keys = await campaignKeys(wh, result, at);
  await wh.command(`DROP TABLE IF EXISTS _watch_verdicts`);
  await wh.command(`CREATE TABLE _watch_verdicts AS verdicts ENGINE = MergeTree ORDER BY account_id`);
  await wh.insertRows(
    '_watch_verdicts',
    result.accounts.map((a) => ({
      account_id: a.account_id,
      at,
      hunt_id: opts.huntId,
      tier: a.tier ?? '',
      flagged: a.flagged ? 1 : 0,
      risk: a.risk,
      campaign_id: a.campaign_id ?? '',
      campaign_key: a.campaign_id ? keys.get(a.campaign_id)! : '',
      reasons: a.reasons,
    })),
  );
  await wh.command(
    `INSERT INTO verdicts
     SELECT n.* FROM _watch_verdicts AS n
     LEFT JOIN (
       SELECT account_id, argMax(tier, at) AS tier, argMax(risk, at) AS risk, argMax(campaign_key, at) AS campaign_key, 1 AS known
       FROM verdicts WHERE account_id IN (SELECT account_id FROM _watch_verdicts) GROUP BY account_id
     ) AS p ON p.account_id = n.account_id
     WHERE p.known = 0 OR n.tier != p.tier OR n.campaign_key != p.campaign_key OR abs(n.risk - p.risk) >= {step:Float64}`,
    { step: RISK_STEP },
  );
  const [row] = await wh.query<{ n: string }>(`SELECT count() AS n FROM verdicts WHERE hunt_id = {id:String}`, { id: opts.huntId });
  await wh.command(`DROP TABLE _watch_verdicts`);
  failpoint('watch.verdicts');
  // Last: the row that says this hunt happened.
  await wh.command(
    `INSERT INTO hunts (hunt_id, started_at, finished_at, data_through, exchanges, accounts, flagged, campaigns, findings_dir)
     VALUES ({id:String}, parseDateTime64BestEffort({started:String}, 3, 'UTC'), parseDateTime64BestEffort({at:String}, 3, 'UTC'),
             parseDateTime64BestEffortOrNull({through:String}, 3, 'UTC'), {exchanges:UInt64}, {accounts:UInt64}, {flagged:UInt64}, {campaigns:UInt32}, {dir:String})`,
    {
      id: opts.huntId,
      started: opts.startedAt,
      at,
      through: result.window.last ?? '',
      exchanges: result.window.exchanges,
      accounts: result.window.accounts,
      flagged: result.accounts.filter((a) => a.flagged).length,
      campaigns: result.campaigns.length,
      dir: opts.findingsDir,
    },
  );
  return { huntId: opts.huntId, changed: Number(row?.n ?? 0), campaignKeys: keys };
}

/** Verdict rows of a hunt that was killed before it was recorded: they never happened. */
export async function dropUnrecordedVerdicts(wh: Warehouse): Promise<number> {
  const [row] = await wh.query<{ n: string }>(`SELECT count() AS n FROM verdicts WHERE hunt_id NOT IN (SELECT hunt_id FROM hunts)`);
  const n = Number(row?.n ?? 0);
  if (n > 0) await wh.command(`DELETE FROM verdicts WHERE hunt_id NOT IN (SELECT hunt_id FROM hunts)`);
  return n;
}
