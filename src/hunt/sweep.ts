import { log2BinomialTail, log2PoissonTail } from '../util/tails.js';
import { acctSql, T, type HuntContext } from './context.js';
import { MIN_TEMPLATE_PROMPT_CHARS } from './signals/template-sharing.js';

/**
 * Who belongs to a campaign, decided by the campaign's own fingerprints rather than by where community
 * detection happened to put an account. Clustering discovers a campaign and its members' fingerprints:
 * its scaffolding (prompt openings, instruction lines and system prompts it wraps around many different
 * requests, used almost only by its members) and its provenance (payment methods, sign-up bursts and
 * networks mostly its members'). Then every account, clustered or not, is tested against them:
 * - traffic: like Blacklight, account-oblivious: an account sending significantly more requests with the
 *   campaign's scaffolding than chance allows is carrying its traffic, even when it is a few percent of
 *   the account's volume (a relay mixing it into real customers' requests). Significance is a one-sided
 *   binomial test against the rate at which accounts outside the campaign hit its fingerprints, with a
 *   Bonferroni correction over the accounts tested;
 * - timing: an account starting most of its sessions in the campaign's own crowded 10-minute buckets (where
 *   its accounts start work together, synchrony.ts), significantly more often than chance allows;
 * - provenance: an account paying with one of the campaign's cards, or (sending nothing) opened in one of
 *   its sign-up bursts from one of its sign-up networks, or from a cloud range on a day the campaign's accounts
 *   were most of those opened from it.
 * A clustered account that passes neither was linked by generic evidence (a shared cloud range, a common
 * TLS stack) and is not the campaign's.
 */

/**
 * How an account was confirmed as a campaign's: its traffic, its session starts (timing), its provenance, or
 * (for an account community detection put with the campaign, when none of those apply) its own behaviour
 * matching the campaign's (`profile`, decided in hunt.ts: a campaign that varies its wording, pays with one
 * card per account and signs up by drip leaves nothing else to confirm its members by).
 */
export type SweepTest = 'traffic' | 'timing' | 'provenance' | 'exits' | 'profile';

/**
 * Whether a set of a campaign's core accounts behaves like the campaign: a piece of evidence its core shares
 * (a fingerprint, a card, a window of synchronised starts) defines membership only if the accounts sharing
 * it do. Community detection may put a university class next to the hydra it is bridged to (a sign-up
 * network, a day); the class's course system prompt, its card and its deadline bursts are then shared by
 * core accounts, but by core accounts that behave like students, not like the campaign.
 */
export type CoreJudge = (campaignId: string, accounts: string[]) => boolean;

/** A judged set is at most this many of the accounts sharing the evidence (a deterministic sample by hash). */
const JUDGED_HOLDERS = 1001;

/**
 * How a linked account met the profile test's provenance part (profileHits in hunt.ts): work toward the campaign's
 * floors (`floor_work`), a wake in the days the campaign's old accounts woke (`woke_with_campaign`), the campaign's own
 * forged client (`same_tooling`), or provenance of its own as strong as the campaign's (`own_provenance`).
 */
export type ProfileProvenance = 'floor_work' | 'woke_with_campaign' | 'same_tooling' | 'own_provenance';

export interface SweepHit {
  account_id: string;
  campaign_id: string;
  /** Which test the account passed: its traffic, its session starts (timing) or its provenance. */
  test: SweepTest;
  /** Exchanges tested (timing: session starts). */
  exchanges: number;
  hits: number;
  /** Hits expected by chance, from the background rate. */
  expected: number;
  /** -log2 of the binomial tail probability. */
  bits: number;
  /** For provenance hits: the kinds of account evidence shared with the campaign. */
  shared?: string[];
  /** For profile hits: the account's wake in the span the campaign's old accounts woke in (epoch ms), and its bits (wokeWith). */
  woke?: { at: number; bits: number };
  /** For profile hits: how the account met the test's provenance part. */
  provenance?: ProfileProvenance;
  /**
   * For a dormant account opened from a campaign's network (dormantNetworkHits): the days the campaign owned that
   * network; `hits` the accounts it opened outside any campaign on them, `expected` how many its ordinary days explain.
   */
  networkDays?: number;
}

/** A fingerprint must be used by at least this many members, in nearly all of its uses... */
const MIN_MEMBERS_WITH_KEY = 3;
const MIN_MEMBER_USE_SHARE = 0.9;
/**
 * ...and wrap different requests: on average each account using it sends at least this many prompts of
 * different shapes (text apart from its numbers) with it. A campaign's instruction lines and system prompt
 * wrap thousands of different requests (even when its prompt source is finite and it re-sends some); a
 * public benchmark's problem line, which a campaign and an evaluation runner both send, carries about one
 * question per account, and a parametrised problem ("Express 271 in base 8") one shape however many
 * numbers it is filled with...
 */
const MIN_VARIANTS_PER_MEMBER = 2;
/**
 * ...and almost no one else writes it. Boilerplate that many unrelated accounts also send (a Python
 * traceback header, a bug-report heading) is generic even when a big campaign sends most of it; the few
 * outsiders a fingerprint may have are the relays carrying the campaign's traffic.
 */
export const MAX_OUTSIDERS = 2;
export const MAX_OUTSIDER_SHARE = 0.02;
/** The keys of an exchange in `_hunt_x` that can be a campaign's scaffolding (the linking keys of those kinds). */
export const SCAFFOLD_KEYS = ['x.opening_key', 'x.line_keys[1]', 'x.system_key'];
/**
 * A short later turn of a conversation ("Now add tests for it.", "Keep going."), by its shape: a conversation
 * harvest's script. What a person types next is their own; an operation posing as chat users runs the same few
 * dozen follow-ups in every conversation of every account, after whatever task opened it. It is not scaffolding
 * (it wraps nothing, so the variants condition cannot apply), and it is a fingerprint on the same terms otherwise:
 * sent by the campaign's core and almost no one else (the common ones, "continue", "thanks", are sent by too many
 * outsiders to qualify), in the campaign's request shapes, and an account must send it far more often than chance.
 * Random world 1808113553: the 33 accounts of a 274-account chat harvest that no other test took sent 30 of its
 * script's follow-ups each (median), and no account outside it sent one.
 */
export const FOLLOW_UP_KEY = `if(x.turn > 1 AND x.prompt_len BETWEEN 1 AND ${MIN_TEMPLATE_PROMPT_CHARS - 1}, x.prompt_shape, 0)`;
/** Every key of an exchange that can be a campaign's fingerprint: its scaffolding, then its follow-up turn. */
export const FINGERPRINT_KEYS = [...SCAFFOLD_KEYS, FOLLOW_UP_KEY];
/** 1 for the follow-up among FINGERPRINT_KEYS (ARRAY JOINed beside them). */
const IS_FOLLOW_UP = `[${FINGERPRINT_KEYS.map((k) => (k === FOLLOW_UP_KEY ? 1 : 0)).join(', ')}]`;
/** Family-wise false-positive budget of the traffic test, over all accounts tested. */
const ALPHA = 0.01;
/** Fewer matching requests than this are never enough, however rare the fingerprints... */
const MIN_HITS = 10;
/**
 * ...unless community detection put the account with the campaign: one of its core (it shows the campaign's
 * provenance) or of its linked group left undecided (`linked`: it could not show the campaign's provenance). Then
 * the fingerprints confirm a link the graph found, as a few session starts in the campaign's windows do
 * (MIN_TIMING_HITS). Two requests, not one: the link may be the fingerprint itself (an account holding the
 * campaign's system prompt is linked by it), so one request carrying it is the link counted again, and a second is
 * the account using it as the campaign does. (With the chance rate bounded below, CHANCE_HITS_BOUND, two such
 * requests clear the test's family-wise bar in any world of more than a few thousand exchanges.) A chat harvest
 * spread over thousands of accounts leaves half of them with a dozen requests or fewer; a hydra of 2,241 accounts
 * left 256 of its core with 1 to 9 requests each, too few for any behaviour to show, 38 of them with 2 (random world
 * 2047048888).
 */
const MIN_LINKED_HITS = 2;
/**
 * The chance rate of a campaign's fingerprints is what the accounts outside it show, and no lower than 3 in all
 * their traffic: when none or few were seen, 3 / N is the rate's 95% upper bound (the rule of three), so that a
 * fingerprint no outsider sent is not taken as one no outsider could send.
 */
const CHANCE_HITS_BOUND = 3;
/**
 * And the matches must add up to at least this share of the account's traffic being the campaign's (its
 * hit rate over the rate of the campaign's own accounts): a relay whose end users paste the same stack
 * trace a campaign's prompts contain shows a trickle; a relay carrying a campaign shows its share of the
 * campaign's traffic, a few percent and up.
 */
const MIN_CAMPAIGN_SHARE = 0.01;
/** A request profile is one of the campaign's when at least this share of its core's fingerprinted requests have it. */
const MIN_PROFILE_SHARE = 0.01;

/**
 * An account that carried a campaign's fingerprints often enough for the traffic test but was left out by the
 * spread test: its matches are unlike the campaign's requests (the best z over the campaign's accounts it was
 * compared with). Reported in its findings, so the analyst sees the shared scaffolding and why it did not count.
 */
export interface UnlikeCarrier {
  account_id: string;
  campaign_id: string;
  hits: number;
  exchanges: number;
  /** The highest spread z against any of the campaign's accounts (all under SPREAD_Z). */
  best_z: number;
  compared: number;
}

export async function confirmMembership(
  ctx: HuntContext,
  clustered: Map<string, string>,
  judge: CoreJudge = () => true,
  onUnlike: (u: UnlikeCarrier) => void = () => {},
  /**
   * The accounts of each campaign's linked group (its community and kin) outside its core whose provenance
   * could not be measured in the campaign's ways (hunt.ts, unmeasuredLinked): what they send does not define a
   * fingerprint, and disqualifies one only when they do not behave like the campaign (the judge, on those of
   * them sending it). They are what the tests below decide on; counted as outsiders, an operation whose core
   * is half its accounts (the other half too young in days to show its rotating exits) had no fingerprint left
   * to confirm the other half by. An evaluation lab community detection put next to the campaign, sending the
   * public scaffolding it also wraps its requests in, still makes that scaffolding generic.
   */
  linked: Map<string, string> = new Map(),
): Promise<SweepHit[]> {
  const { wh } = ctx;
  if (clustered.size === 0) return [];
  const t0 = Date.now();
  const lap = (what: string) => ctx.log(`sweep: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  await wh.command(`DROP TABLE IF EXISTS _hunt_members`);
  await wh.command(
    `CREATE TABLE _hunt_members (account_id String, campaign_id String, acct UInt64 MATERIALIZED ${acctSql()}) ENGINE = MergeTree ORDER BY account_id`,
  );
  await wh.insertRows('_hunt_members', [...clustered].map(([account_id, campaign_id]) => ({ account_id, campaign_id })));
  await wh.command(`DROP TABLE IF EXISTS _hunt_linked`);
  await wh.command(
    `CREATE TABLE _hunt_linked (account_id String, campaign_id String, acct UInt64 MATERIALIZED ${acctSql()}) ENGINE = MergeTree ORDER BY account_id`,
  );
  await wh.insertRows('_hunt_linked', [...linked].filter(([a]) => !clustered.has(a)).map(([account_id, campaign_id]) => ({ account_id, campaign_id })));
  // Scaffolding, not content: keys that only ever carry the same payload (a public benchmark question
  // that a campaign and an evaluation run both send) are left out by the variants condition.
  // In three steps, each a table (so no step's query runs twice): the candidate keys, those the campaign's
  // members send nearly alone, and their variants.
  // Only keys several of a campaign's accounts send can be its fingerprint. (Taken from its accounts'
  // requests, not from the linking keys: a campaign that is a fifth of all accounts or more has its
  // templates dropped from linking as hubs, and would be left with no fingerprint at all.)
  await wh.command(`DROP TABLE IF EXISTS _hunt_fp_candidates`);
  await wh.command(
    `CREATE TABLE _hunt_fp_candidates ENGINE = MergeTree ORDER BY key AS
     SELECT key, max(is_follow_up) AS follow_up FROM ${T.x} AS x ARRAY JOIN [${FINGERPRINT_KEYS.join(', ')}] AS key, ${IS_FOLLOW_UP} AS is_follow_up
     WHERE key != 0 AND x.acct IN (SELECT acct FROM _hunt_members)
     GROUP BY key
     HAVING uniqExact(x.acct) >= ${MIN_MEMBERS_WITH_KEY}`,
  );
  await wh.command(`DROP TABLE IF EXISTS _hunt_fp_owned`);
  await wh.command(
    `CREATE TABLE _hunt_fp_owned ENGINE = MergeTree ORDER BY key AS
     SELECT key, minIf(member_of, member_of != '') AS campaign_id,
            countIf(member_of != '') AS members, countIf(member_of = '' AND linked_to = '') AS outsiders,
            sumIf(sent, member_of != '') AS member_uses, sumIf(sent, member_of != '' OR linked_to = '') AS uses,
            count() AS senders,
            -- the members sending it (a deterministic sample by their hashes, for the judge below: hashes, not
            -- names, while tens of thousands of candidate keys are aggregated)
            groupArraySortedIf({n:UInt32})(acct, member_of != '') AS holders,
            -- and the linked accounts outside the core sending it, when the key would not pass with them
            -- counted as outsiders (judged below)
            countIf(member_of = '') <= greatest(${MAX_OUTSIDERS}, ${MAX_OUTSIDER_SHARE} * members) AND member_uses >= ${MIN_MEMBER_USE_SHARE} * sum(sent) AS passes_with_linked,
            if(passes_with_linked, [], groupArraySortedIf({n:UInt32})(acct, member_of = '' AND linked_to != '')) AS linked_holders
     FROM (
       SELECT per_account.acct AS acct, per_account.key AS key, per_account.sent AS sent, m.campaign_id AS member_of, l.campaign_id AS linked_to
       FROM (
         -- (accounts by their hashes, acctSql: grouping on an integer is cheaper than on the id string)
         SELECT x.acct AS acct, key, count() AS sent
         FROM ${T.x} AS x
         ARRAY JOIN [${FINGERPRINT_KEYS.join(', ')}] AS key
         WHERE key != 0 AND key IN (SELECT key FROM _hunt_fp_candidates)
         GROUP BY acct, key
       ) AS per_account
       -- (joined once per account and key, not once per request)
       LEFT JOIN _hunt_members AS m ON m.acct = per_account.acct
       LEFT JOIN _hunt_linked AS l ON l.acct = per_account.acct
     )
     GROUP BY key
     HAVING members >= ${MIN_MEMBERS_WITH_KEY} AND member_uses >= ${MIN_MEMBER_USE_SHARE} * uses
        AND outsiders <= greatest(${MAX_OUTSIDERS}, ${MAX_OUTSIDER_SHARE} * members)
        -- (a key cannot wrap more shapes than it has uses: most content keys fail the variants condition here, and
        -- are not read again below; a follow-up wraps nothing, see FOLLOW_UP_KEY)
        AND (sum(sent) >= ${MIN_VARIANTS_PER_MEMBER} * senders OR key IN (SELECT key FROM _hunt_fp_candidates WHERE follow_up = 1))`,
    { n: JUDGED_HOLDERS },
  );
  await wh.command(`DROP TABLE IF EXISTS _hunt_campaign_keys`);
  await wh.command(
    `CREATE TABLE _hunt_campaign_keys ENGINE = MergeTree ORDER BY key AS
     SELECT o.key AS key, o.campaign_id AS campaign_id, o.members AS members, o.outsiders AS outsiders,
            o.member_uses AS member_uses, o.uses AS uses, v.variants AS variants, o.holders AS holders,
            o.passes_with_linked AS passes_with_linked, o.linked_holders AS linked_holders
     FROM _hunt_fp_owned AS o
     INNER JOIN (
       -- the prompt shapes each key wraps, over every account's requests with it (only the requests carrying one
       -- of these few keys are read past their keys)
       SELECT key, uniqExact(x.prompt_shape) AS variants
       FROM (
         SELECT opening_key, line_keys, system_key, prompt_shape, turn, prompt_len FROM ${T.x}
         PREWHERE ${[...SCAFFOLD_KEYS, 'x.prompt_shape'].map((k) => `${k.replace(/^x\./, '')} IN (SELECT key FROM _hunt_fp_owned)`).join(' OR ')}
       ) AS x
       ARRAY JOIN [${FINGERPRINT_KEYS.join(', ')}] AS key
       WHERE key != 0 AND key IN (SELECT key FROM _hunt_fp_owned)
       GROUP BY key
     ) AS v ON v.key = o.key
     -- (a follow-up is one text: it wraps nothing, and is judged on who sends it and how often)
     WHERE v.variants >= ${MIN_VARIANTS_PER_MEMBER} * o.senders OR o.key IN (SELECT key FROM _hunt_fp_candidates WHERE follow_up = 1)`,
  );
  lap('fingerprints found');
  // Fingerprints the core accounts that send them do not make a campaign of are not the campaign's.
  const holders = await wh.queryArrays<[string, string, string[]]>(
    `SELECT toString(c.key), c.campaign_id, arrayMap(t -> t.2, arraySort(groupArray((h, a.account_id))))
     FROM _hunt_campaign_keys AS c ARRAY JOIN c.holders AS h INNER JOIN ${T.acct} AS a ON a.acct = h
     GROUP BY c.key, c.campaign_id`,
  );
  // ...nor the ones whose linked senders outside the core, counted as outsiders, would make them generic, and
  // who do not behave like the campaign.
  const linkedHolders = await wh.queryArrays<[string, string, string[]]>(
    `SELECT toString(c.key), c.campaign_id, arrayMap(t -> t.2, arraySort(groupArray((h, a.account_id))))
     FROM _hunt_campaign_keys AS c ARRAY JOIN c.linked_holders AS h INNER JOIN ${T.acct} AS a ON a.acct = h
     WHERE NOT c.passes_with_linked
     GROUP BY c.key, c.campaign_id`,
  );
  const rejected = [...rejectedBy(judge, holders), ...rejectedBy(judge, linkedHolders)];
  if (rejected.length > 0) {
    ctx.log(`sweep: ${rejected.length} fingerprints left out: the core accounts sending them, or the linked ones that would make them generic, do not behave like their campaign`);
    await wh.command(`DELETE FROM _hunt_campaign_keys WHERE concat(toString(key), '|', campaign_id) IN {rejected:Array(String)}`, { rejected: pairs(rejected) });
  }
  lap('fingerprints judged');
  // A request counts as the campaign's when it carries a fingerprint in a shape (request profile: output,
  // reasoning, sampling, log-probabilities, logit bias, tools) the campaign's own accounts send with their
  // fingerprints: a relay forwarding the campaign's requests forwards their shape; an evaluation runner whose
  // benchmark lines read like the campaign's scaffolding sends them its own way.
  // Each account's fingerprinted requests per campaign and profile, once (read twice below).
  await wh.command(`DROP TABLE IF EXISTS _hunt_campaign_hits`);
  await wh.command(
    `CREATE TABLE _hunt_campaign_hits ENGINE = MergeTree ORDER BY (campaign_id, acct) AS
     SELECT x.acct AS acct, c.campaign_id AS campaign_id, x.profile AS profile, uniqExact(x.ts, x.prompt_len, x.simhash) AS hits
     FROM ${T.x} AS x
     ARRAY JOIN [${FINGERPRINT_KEYS.join(', ')}] AS key
     INNER JOIN _hunt_campaign_keys AS c ON c.key = key
     WHERE key != 0 AND key IN (SELECT key FROM _hunt_campaign_keys)
     GROUP BY acct, campaign_id, profile`,
  );
  const rows = await wh.query<{ account_id: string; campaign_id: string; exchanges: string; hits: string; member: number; linked: number }>(
    `WITH
       core_profiles AS (
         SELECT campaign_id, profile, uses, sum(uses) OVER (PARTITION BY campaign_id) AS total
         FROM (
           SELECT p.campaign_id AS campaign_id, p.profile AS profile, sum(p.hits) AS uses
           FROM _hunt_campaign_hits AS p INNER JOIN _hunt_members AS m ON m.acct = p.acct AND m.campaign_id = p.campaign_id
           GROUP BY campaign_id, profile
         )
       ),
       hits AS (
         SELECT acct, campaign_id, sum(hits) AS hits FROM _hunt_campaign_hits
         WHERE (campaign_id, profile) IN (SELECT campaign_id, profile FROM core_profiles WHERE uses >= {profile_share:Float64} * total)
         GROUP BY acct, campaign_id
       )
     SELECT a.account_id AS account_id, h.campaign_id AS campaign_id, a.exchanges AS exchanges, h.hits AS hits,
            h.acct IN (SELECT acct FROM _hunt_members) AS member,
            (h.acct, h.campaign_id) IN (SELECT acct, campaign_id FROM _hunt_linked) AS linked
     FROM hits AS h INNER JOIN ${T.acct} AS a ON a.acct = h.acct
     ORDER BY account_id, campaign_id`,
    { profile_share: MIN_PROFILE_SHARE },
  );
  lap('traffic test');
  const [tot] = await wh.query<{ exchanges: string; accounts: string }>(
    `SELECT sum(exchanges) AS exchanges, count() AS accounts FROM ${T.acct} WHERE account_id NOT IN (SELECT account_id FROM _hunt_members)`,
  );
  const outsideExchanges = Number(tot?.exchanges ?? 0);
  const tested = Math.max(1, Number((await wh.query<{ n: string }>(`SELECT count() AS n FROM ${T.acct} WHERE exchanges > 0`))[0]?.n ?? 0));
  // The core's own rate: how many of a campaign account's requests carry fingerprints at all, so an
  // account's hits can be read as a share of its traffic that is the campaign's.
  const coreHits = new Map<string, { hits: number; exchanges: number }>();
  for (const r of rows) {
    if (!Number(r.member) || clustered.get(r.account_id) !== r.campaign_id) continue;
    const c = coreHits.get(r.campaign_id) ?? { hits: 0, exchanges: 0 };
    c.hits += Number(r.hits);
    c.exchanges += Number(r.exchanges);
    coreHits.set(r.campaign_id, c);
  }
  const coreRate = (campaign: string) => {
    const c = coreHits.get(campaign);
    return c && c.exchanges > 0 ? c.hits / c.exchanges : 1;
  };
  const share = (r: (typeof rows)[number]) => Number(r.hits) / Math.max(1, Number(r.exchanges)) / coreRate(r.campaign_id);
  // Background rate per campaign: the chance hits of accounts outside the core that do not themselves
  // carry a meaningful share of the campaign (those are what the test looks for, and the campaign's own
  // accounts outside the core would otherwise pass for chance), over all traffic outside the core but theirs.
  const carriers = new Map<string, number>();
  const background = new Map<string, number>();
  for (const r of rows) {
    if (Number(r.member)) continue;
    if (share(r) >= MIN_CAMPAIGN_SHARE) carriers.set(r.account_id, Number(r.exchanges));
    else background.set(r.campaign_id, (background.get(r.campaign_id) ?? 0) + Number(r.hits));
  }
  const carried = [...carriers.values()].reduce((a, b) => a + b, 0);
  const threshold = Math.log2(tested / ALPHA);
  const passed: SweepHit[] = [];
  // Accounts whose traffic is mostly not the campaign's (relays, and customers sharing some of its lines): the
  // spread test below is for them; an account sending mostly the campaign's requests is its own.
  const partial = new Set<string>();
  for (const r of rows) {
    const n = Number(r.exchanges);
    const h = Math.min(n, Number(r.hits));
    const graphLinked = Number(r.linked) || clustered.get(r.account_id) === r.campaign_id;
    if (h < (graphLinked ? MIN_LINKED_HITS : MIN_HITS) || share(r) < MIN_CAMPAIGN_SHARE) continue;
    const rate = Math.max(CHANCE_HITS_BOUND, background.get(r.campaign_id) ?? 0) / Math.max(1, outsideExchanges - carried);
    const bits = -log2BinomialTail(n, h, rate);
    if (bits >= threshold) {
      passed.push({ account_id: r.account_id, campaign_id: r.campaign_id, test: 'traffic', exchanges: n, hits: h, expected: n * rate, bits });
      if (share(r) < MOSTLY_CAMPAIGN_SHARE) partial.add(`${r.account_id}|${r.campaign_id}`);
    }
  }
  const isPartial = (h: SweepHit) => partial.has(`${h.account_id}|${h.campaign_id}`);
  const narrow = await narrowCarriers(ctx, passed.filter(isPartial), passed.filter((h) => !isPartial(h)));
  for (const u of narrow.values()) onUnlike(u);
  if (narrow.size > 0) ctx.log(`sweep: ${narrow.size} accounts left out of the traffic test: their matches repeat a few of the campaign's fingerprints`);
  const out = passed.filter((h) => !narrow.has(`${h.account_id}|${h.campaign_id}`));
  out.push(...(await timingHits(ctx, judge)));
  lap('timing test');
  // Provenance is owned by every account the campaign is known to have by now: its core and the accounts
  // its traffic or timing confirmed (a group of them may share a card with dormant siblings).
  const core = new Set(clustered.keys());
  await wh.insertRows('_hunt_members', out.filter((h) => !core.has(h.account_id)).map((h) => ({ account_id: h.account_id, campaign_id: h.campaign_id })));
  out.push(...(await provenanceHits(ctx, judge)));
  out.push(...(await dormantNetworkHits(ctx, judge, new Set(out.map((h) => h.account_id)))));
  lap('provenance test');
  const confirmedSoFar = new Set(out.map((h) => h.account_id));
  out.push(...(await exitHits(ctx, judge, confirmedSoFar)));
  lap('exits test');
  out.sort((a, b) => (a.account_id < b.account_id ? -1 : a.account_id > b.account_id ? 1 : b.bits - a.bits));
  return out;
}

/**
 * The spread test's one-sided significance: an account whose use of the campaign's fingerprints is less likely
 * than this as a sample of every one of its accounts' mixes (a normal approximation, p < 0.001) does not carry
 * the campaign's requests.
 */
const SPREAD_Z = -3.09;
/** An account whose hit rate is at least half the campaign's own accounts' sends mostly the campaign's requests. */
const MOSTLY_CAMPAIGN_SHARE = 0.5;

/**
 * Accounts that passed the traffic test by repeating a few of a campaign's fingerprints rather than carrying
 * its requests (returned as `account|campaign`). A relay forwards a sample of the campaign's requests, so its
 * matches fall on the fingerprints as the requests of one of the campaign's own accounts (those sending mostly
 * its requests) do; a customer that writes some of the same lines itself (public self-instruct scaffolding
 * that a harvest also wraps its requests in, say) uses them its own way. Tested against each of the campaign's
 * own accounts that sent at least as many fingerprinted requests (an operation's workstreams may each use their
 * own templates, and a relay may carry one of them), at most JUDGED_HOLDERS of them: is the account's use of
 * the fingerprints a likely sample of that account's mix (spreadZ)?
 */
async function narrowCarriers(ctx: HuntContext, candidates: SweepHit[], own: SweepHit[]): Promise<Map<string, UnlikeCarrier>> {
  const narrow = new Map<string, UnlikeCarrier>();
  if (candidates.length === 0) return narrow;
  const campaigns = new Set(candidates.map((h) => h.campaign_id));
  // The campaign's own accounts to compare with: a deterministic sample of each campaign's.
  const referencesOf = new Map<string, string[]>();
  for (const h of [...own].sort((a, b) => (a.account_id < b.account_id ? -1 : a.account_id > b.account_id ? 1 : 0))) {
    if (!campaigns.has(h.campaign_id)) continue;
    const list = referencesOf.get(h.campaign_id) ?? [];
    if (list.length < JUDGED_HOLDERS) list.push(h.account_id);
    referencesOf.set(h.campaign_id, list);
  }
  const accounts = [...new Set([...candidates.map((h) => h.account_id), ...[...referencesOf.values()].flat()])];
  const rows = await ctx.wh.queryArrays<[string, string, string, number]>(
    // (The accounts' rows first: a few thousand accounts' requests, not the window's.)
    `SELECT x.account_id AS account_id, c.campaign_id AS campaign_id, toString(key) AS fingerprint, toUInt32(count()) AS uses
     FROM (SELECT account_id, opening_key, line_keys, system_key, prompt_shape, turn, prompt_len FROM ${T.x} PREWHERE account_id IN {accounts:Array(String)}) AS x
     ARRAY JOIN [${FINGERPRINT_KEYS.join(', ')}] AS key
     INNER JOIN _hunt_campaign_keys AS c ON c.key = key
     WHERE key != 0 AND c.campaign_id IN {campaigns:Array(String)}
     GROUP BY account_id, campaign_id, fingerprint`,
    { campaigns: [...campaigns], accounts },
  );
  // campaign -> account -> fingerprint -> uses
  const mixes = new Map<string, Map<string, Map<string, number>>>();
  for (const [account, campaign, fingerprint, uses] of rows) {
    let byAccount = mixes.get(campaign);
    if (!byAccount) mixes.set(campaign, (byAccount = new Map()));
    let mix = byAccount.get(account);
    if (!mix) byAccount.set(account, (mix = new Map()));
    mix.set(fingerprint, Number(uses));
  }
  // Each reference account's mix as a model, once per campaign (a candidate is compared with many).
  const modelsOf = new Map<string, { account: string; total: number; model: MixModel }[]>();
  for (const [campaign, byAccount] of mixes) {
    const fingerprints = new Set<string>();
    for (const mix of byAccount.values()) for (const k of mix.keys()) fingerprints.add(k);
    const models = [];
    for (const account of referencesOf.get(campaign) ?? []) {
      const mix = byAccount.get(account);
      if (!mix) continue;
      const total = [...mix.values()].reduce((a, b) => a + b, 0);
      models.push({ account, total, model: mixModel(mix, total, fingerprints) });
    }
    modelsOf.set(campaign, models);
  }
  for (const h of candidates) {
    const mine = mixes.get(h.campaign_id)?.get(h.account_id);
    if (!mine) continue;
    const draws = [...mine.values()].reduce((a, b) => a + b, 0);
    let compared = 0;
    let best = -Infinity;
    for (const ref of modelsOf.get(h.campaign_id) ?? []) {
      if (ref.account === h.account_id || ref.total < draws) continue;
      compared++;
      best = Math.max(best, spreadZ(mine, draws, ref.model));
      if (best >= SPREAD_Z) break;
    }
    if (compared > 0 && best < SPREAD_Z) {
      narrow.set(`${h.account_id}|${h.campaign_id}`, { account_id: h.account_id, campaign_id: h.campaign_id, hits: h.hits, exchanges: h.exchanges, best_z: best, compared });
    }
  }
  return narrow;
}

export interface MixModel {
  /** log p of a fingerprint under the smoothed mix. */
  logP: (fingerprint: string) => number;
  /** Mean and variance of log p over one draw from the mix (mean = -entropy). */
  mean: number;
  variance: number;
}

/**
 * A reference account's fingerprint mix (uses per fingerprint, `total` in all) as a model of the campaign's
 * requests, smoothed with half a use per fingerprint of the campaign (Jeffreys' prior), so a fingerprint the
 * reference account happened not to send is unlikely, not impossible.
 */
export function mixModel(mix: Map<string, number>, total: number, fingerprints: Set<string>): MixModel {
  const prior = 0.5;
  const norm = total + prior * fingerprints.size;
  const logP = (k: string) => Math.log(((mix.get(k) ?? 0) + prior) / norm);
  let mean = 0;
  let square = 0;
  for (const k of fingerprints) {
    const lp = logP(k);
    const pk = Math.exp(lp);
    mean += pk * lp;
    square += pk * lp * lp;
  }
  return { logP, mean, variance: Math.max(1e-12, square - mean * mean) };
}

/**
 * How likely `sample` (uses per fingerprint, `draws` in all) is as draws from a mix, as a z-score: the sample's
 * mean log-probability under the mix against the mean and spread of as many draws from the mix itself.
 */
export function spreadZ(sample: Map<string, number>, draws: number, model: MixModel): number {
  let observed = 0;
  for (const [k, uses] of sample) observed += uses * model.logP(k);
  return (observed / draws - model.mean) / Math.sqrt(model.variance / draws);
}

/** A campaign's own crowded bucket: at least this many of its core accounts start a session in it... */
const MIN_MEMBERS_IN_WINDOW = 3;
/** ...and they are at least half of the bucket's excess over its expected starts. */
const MIN_WINDOW_MEMBER_SHARE = 0.5;
/** An account passes the timing test with at least this many starts in the campaign's buckets... */
const MIN_TIMING_HITS = 3;
/**
 * ...making up at least this share of its session starts: the campaign decides when it works. (A scheduler
 * firing at the same minute as some of the campaign's jobs starts in a few of its buckets among many others.)
 */
const MIN_TIMING_SHARE = 0.5;

/**
 * The timing test: the campaign's windows are the crowded buckets (synchrony.ts) its core accounts start
 * sessions in together; an account is the campaign's when most of its session starts fall in them, far more
 * often than chance. Chance is the windows' expected starts (the neighbourhood's level, what the population
 * would start there without the campaign) over all session starts in the window but the crowds' excess.
 */
async function timingHits(ctx: HuntContext, judge: CoreJudge): Promise<SweepHit[]> {
  // The core accounts starting together in each crowded bucket: a window is the campaign's when they behave
  // like it (a class's deadline rush is crowded too).
  const starters = await ctx.wh.queryArrays<[string, string, string[]]>(
    `SELECT toString(bucket), m.campaign_id, arrayMap(t -> t.2, groupArraySorted({n:UInt32})((cityHash64(m.account_id), m.account_id)))
     FROM _hunt_members AS m INNER JOIN ${T.acct} AS a ON a.acct = m.acct
     ARRAY JOIN a.onset_buckets AS bucket
     WHERE bucket IN (SELECT bucket FROM ${T.crowded})
     GROUP BY bucket, m.campaign_id
     HAVING length(groupUniqArray(m.account_id)) >= {min_members:UInt32}`,
    { n: JUDGED_HOLDERS, min_members: MIN_MEMBERS_IN_WINDOW },
  );
  const rejected = pairs(rejectedBy(judge, starters));
  const rows = await ctx.wh.query<{ account_id: string; campaign_id: string; starts: string; hits: string; chance: number }>(
    `WITH
       (SELECT sum(length(onset_buckets)) FROM ${T.acct}) AS all_starts,
       member_starts AS (
         SELECT m.campaign_id AS campaign_id, bucket, count() AS members
         FROM _hunt_members AS m INNER JOIN ${T.acct} AS a ON a.acct = m.acct
         ARRAY JOIN a.onset_buckets AS bucket
         WHERE bucket IN (SELECT bucket FROM ${T.crowded}) AND concat(toString(bucket), '|', m.campaign_id) NOT IN {rejected:Array(String)}
         GROUP BY campaign_id, bucket
       ),
       windows AS (
         SELECT ms.campaign_id AS campaign_id, ms.bucket AS bucket, c.expected AS expected, c.starts - c.expected AS excess
         FROM member_starts AS ms INNER JOIN ${T.crowded} AS c ON c.bucket = ms.bucket
         WHERE ms.members >= {min_members:UInt32} AND ms.members >= {member_share:Float64} * excess
       ),
       -- The chance that a session start falls in the campaign's windows: their expected starts over all
       -- starts but the crowds' own excess.
       chance AS (SELECT campaign_id, sum(expected) / greatest(1, all_starts - sum(excess)) AS rate FROM windows GROUP BY campaign_id)
     SELECT a.account_id AS account_id, w.campaign_id AS campaign_id, any(length(a.onset_buckets)) AS starts, count() AS hits,
            any(ch.rate) AS chance
     FROM ${T.acct} AS a
     ARRAY JOIN a.onset_buckets AS start_bucket
     INNER JOIN windows AS w ON w.bucket = start_bucket
     INNER JOIN chance AS ch ON ch.campaign_id = w.campaign_id
     GROUP BY a.account_id, w.campaign_id
     HAVING hits >= {min_hits:UInt32} AND hits >= {min_share:Float64} * starts
     ORDER BY account_id, campaign_id`,
    { min_members: MIN_MEMBERS_IN_WINDOW, member_share: MIN_WINDOW_MEMBER_SHARE, min_hits: MIN_TIMING_HITS, min_share: MIN_TIMING_SHARE, rejected },
  );
  // Bonferroni over the accounts the test can pass: those with enough session starts.
  const [row] = await ctx.wh.query<{ n: string }>(`SELECT count() AS n FROM ${T.acct} WHERE length(onset_buckets) >= {min_hits:UInt32}`, { min_hits: MIN_TIMING_HITS });
  const threshold = Math.log2(Math.max(1, Number(row?.n ?? 0)) / ALPHA);
  const out: SweepHit[] = [];
  for (const r of rows) {
    const n = Number(r.starts);
    const h = Math.min(n, Number(r.hits));
    const rate = Math.min(1, Math.max(1e-9, Number(r.chance)));
    const bits = -log2BinomialTail(n, h, rate);
    if (bits >= threshold) out.push({ account_id: r.account_id, campaign_id: r.campaign_id, test: 'timing', exchanges: n, hits: h, expected: n * rate, bits });
  }
  return out;
}

/**
 * Accounts sharing a payment method, or (sending nothing) a sign-up burst and network, that are mostly a
 * campaign's, and whose members that send traffic behave like the campaign (a class's one card is its own).
 */
async function provenanceHits(ctx: HuntContext, judge: CoreJudge): Promise<SweepHit[]> {
  const owned = `
    SELECT k.kind AS kind, k.key AS key, minIf(m.campaign_id, m.campaign_id != '') AS owner,
           countIf(m.campaign_id != '') AS members, any(k.df) AS df,
           arrayMap(t -> t.2, groupArraySortedIf({n:UInt32})((cityHash64(a.account_id), a.account_id), m.campaign_id != '' AND a.exchanges > 0)) AS active
    FROM ${T.keys} AS k LEFT JOIN _hunt_members AS m ON m.acct = k.acct INNER JOIN ${T.acct} AS a ON a.acct = k.acct
    WHERE k.kind IN ('payment', 'creation_burst', 'signup_subnet')
    GROUP BY kind, key
    HAVING members >= 2 AND members >= 0.5 * df`;
  const keys = await ctx.wh.queryArrays<[string, string, string[]]>(`SELECT concat(toString(kind), ':', toString(key)), owner, active FROM (${owned})`, { n: JUDGED_HOLDERS });
  // (Only members that send traffic can be judged: a key held by dormant accounts alone is stock.)
  const rejected = pairs(rejectedBy(judge, keys.filter(([, , active]) => active.length > 0)));
  const rows = await ctx.wh.query<{ account_id: string; campaign_id: string; kinds: string[]; exchanges: string }>(
    `WITH owned AS (
       SELECT kind, key, owner FROM (${owned})
       WHERE concat(toString(kind), ':', toString(key), '|', owner) NOT IN {rejected:Array(String)}
     )
     SELECT a.account_id AS account_id, min(o.owner) AS campaign_id, groupUniqArray(toString(k.kind)) AS kinds, any(a.exchanges) AS exchanges
     FROM ${T.keys} AS k
     INNER JOIN owned AS o ON o.kind = k.kind AND o.key = k.key
     INNER JOIN ${T.acct} AS a ON a.acct = k.acct
     GROUP BY a.account_id`,
    { n: JUDGED_HOLDERS, rejected },
  );
  return rows
    .filter((r) => r.kinds.includes('payment') || (Number(r.exchanges) === 0 && r.kinds.includes('creation_burst') && r.kinds.includes('signup_subnet')))
    .map((r) => ({ account_id: r.account_id, campaign_id: r.campaign_id, test: 'provenance' as const, exchanges: Number(r.exchanges), hits: 0, expected: 0, bits: 0, shared: [...r.kinds].sort() }));
}

/**
 * SQL: the accounts of `_hunt_acct` opened from a hosting network (the operator's IP-to-ASN table, or the built-in cloud
 * ranges), each with the network and day it was opened from as one key: the /16 of its IPv4 sign-up address and the
 * date (`key`: an expression over the sign-up address `a.ip4` and the account `a`). Coarser than the `signup_subnet`
 * link key (a /24 that day): an operation opening its accounts by drip from a
 * few cloud ranges puts each /24 under a handful of its accounts, and each range's days under hundreds. Hosting only:
 * a consumer ISP's /16 on a day holds households, and an operation renting residential exits to sign up made the /16
 * days of the ISPs it passed through "mostly its own" with 3 to 14 accounts, beside a household's dormant account
 * opened there that day (random world 2047048888 of the seed-1 matrix: 5 such accounts, before this condition).
 */
function openedFromHosting(key: string): string {
  return `
  SELECT a.acct AS acct, a.account_id AS account_id, a.exchanges AS exchanges, a.created_at AS created_at,
         ${key} AS key
  FROM (
    SELECT acct, account_id, exchanges, created_at, toUInt32(toIPv4OrZero(assumeNotNull(signup_ip))) AS ip4, 0 AS k
    FROM ${T.acct} WHERE signup_ip IS NOT NULL AND created_at IS NOT NULL
  ) AS a
  ASOF LEFT JOIN (SELECT 0 AS k, start, end, hosting FROM ${T.ipRanges}) AS r ON a.k = r.k AND a.ip4 >= r.start
  WHERE a.ip4 > 0 AND a.ip4 <= r.end AND r.hosting = 1`;
}

/**
 * The accounts that sent nothing, opened from a hosting /16 (openedFromHosting, on any day) that a campaign's accounts
 * were opened from: MIN_MEMBERS_WITH_KEY or more of them and most of the accounts ever opened from it (`members`: each
 * campaign's accounts). `bits`: how rare an opening there is for an account not the campaign's (those opened from it
 * outside the campaign, plus one, among all the accounts with a sign-up address, plus one). Weaker than the same
 * network on the same day (dormantNetworkHits, which acts on them): a cloud range a campaign opened hundreds of accounts
 * from over weeks also opened a developer's account some day; hence a rank, not a tier (openedWithCampaigns in hunt.ts).
 */
export async function openedFromCampaignNetworks(ctx: HuntContext, members: { account_id: string; campaign_id: string }[]): Promise<{ account_id: string; campaign_id: string; opened: number; bits: number }[]> {
  if (members.length === 0) return [];
  await ctx.wh.command(`DROP TABLE IF EXISTS _hunt_final_members`);
  await ctx.wh.command(`CREATE TABLE _hunt_final_members (account_id String, campaign_id String, acct UInt64 MATERIALIZED ${acctSql()}) ENGINE = MergeTree ORDER BY account_id`);
  await ctx.wh.insertRows('_hunt_final_members', members);
  const rows = await ctx.wh.queryArrays<[string, string, number, number]>(
    `WITH
       opened AS (${openedFromHosting('bitAnd(a.ip4, 0xFFFF0000)')}),
       networks AS (
         SELECT o.key AS key, minIf(m.campaign_id, m.campaign_id != '') AS owner, uniqExactIf(o.acct, m.campaign_id != '') AS members, uniqExact(o.acct) AS holders
         FROM opened AS o LEFT JOIN _hunt_final_members AS m ON m.acct = o.acct
         GROUP BY o.key
         HAVING members >= {min_members:UInt32} AND members * 2 >= holders
       ),
       (SELECT count() FROM ${T.acct} WHERE signup_ip IS NOT NULL) AS with_address
     SELECT o.account_id, n.owner, toFloat64(toUnixTimestamp64Milli(toDateTime64(assumeNotNull(o.created_at), 3))) AS opened,
            -log2((n.holders - n.members + 1) / (with_address + 1)) AS bits
     FROM opened AS o
     INNER JOIN networks AS n ON n.key = o.key
     WHERE o.exchanges = 0 AND o.acct NOT IN (SELECT acct FROM _hunt_final_members)
     ORDER BY o.account_id`,
    { min_members: MIN_MEMBERS_WITH_KEY },
  );
  await ctx.wh.command(`DROP TABLE IF EXISTS _hunt_final_members`);
  return rows.map(([account_id, campaign_id, opened, bits]) => ({ account_id, campaign_id, opened: Number(opened), bits: Number(bits) }));
}

/**
 * Dormant accounts opened from a campaign's sign-up network on a day the campaign owned it, when on its days there the
 * network opened more accounts than chance allows. A network-day (a hosting /16 on one day: openedFromHosting) is the campaign's
 * when MIN_MEMBERS_WITH_KEY or more of the accounts opened from it that day are the campaign's known accounts, and they
 * are most of them, and its members that send traffic behave like the campaign (the judge). An account that sent
 * nothing has no other evidence; opened from the operation's network among its accounts, it is stock the operation
 * has not used yet (a hydra that replaces its banned accounts, random world 1890060598 of the seed-7 matrix: 147 of
 * its 2,274 accounts sent nothing, opened in its last days from the 7 cloud /16s that opened all of its accounts, where
 * no other account was opened those days; they had no key in common with a member, neither a ten-minute burst of one
 * e-mail domain nor a /24 that day).
 *
 * But a cloud range also opens customers' accounts, some of which have not sent anything yet: owning the day is not
 * enough. The accounts the network opened outside any campaign on the days the campaign owned it are tested against
 * what its ordinary days explain (ordinaryRate, over the window's days no campaign owns; a Poisson tail, Bonferroni
 * over the networks and campaigns tested): an operation's stock comes in excess of it, and the network's dormant
 * accounts of those days are taken; where they are what the network opens for its customers on any day, none is.
 * (Pooled over the campaign's days on the network, not tested day by day: an operation also opens one or two stock
 * accounts on a day, each alone within chance of a quiet network's day; in world 1890060598 a day-by-day test took
 * 17 fewer.) (At `--scale 0.5`, seed 2026, owning the day was enough to take 12 coding agents' unused accounts from the
 * hydra's cloud /16s, one on each of 12 of its days, where others open about one account a day.)
 */
async function dormantNetworkHits(ctx: HuntContext, judge: CoreJudge, confirmed: Set<string>): Promise<SweepHit[]> {
  const opened = `
    SELECT h.acct AS acct, h.account_id AS account_id, h.exchanges AS exchanges, h.key AS net, toDate(assumeNotNull(h.created_at)) AS day,
           cityHash64(toString(net), day) AS key
    FROM (${openedFromHosting('bitAnd(a.ip4, 0xFFFF0000)')}) AS h`;
  const owned = `
    SELECT o.key AS key, minIf(m.campaign_id, m.campaign_id != '') AS owner, uniqExactIf(o.acct, m.campaign_id != '') AS members,
           uniqExact(o.acct) AS holders,
           arrayMap(t -> t.2, groupArraySortedIf({n:UInt32})((cityHash64(o.account_id), o.account_id), m.campaign_id != '' AND o.exchanges > 0)) AS active
    FROM (${opened}) AS o LEFT JOIN _hunt_members AS m ON m.acct = o.acct
    GROUP BY o.key
    HAVING members >= {min_members:UInt32} AND members * 2 >= holders`;
  const keys = await ctx.wh.queryArrays<[string, string, string[]]>(`SELECT toString(key), owner, active FROM (${owned})`, { n: JUDGED_HOLDERS, min_members: MIN_MEMBERS_WITH_KEY });
  // (As for the other evidence: a network-day whose members that send traffic do not behave like the campaign is not
  // its, and one held by dormant members alone says nothing of the campaign.)
  const rejected = new Set(pairs(rejectedBy(judge, keys.filter(([, , active]) => active.length > 0))));
  const kept = keys.filter(([key, owner, active]) => active.length > 0 && !rejected.has(`${key}|${owner}`)).map(([key, owner]) => `${key}|${owner}`);
  if (kept.length === 0) return [];
  // Per dormant account on a kept network-day: its network, and on the days the campaign owned that network, how many
  // accounts the network opened outside any campaign and how many days those were.
  const rows = await ctx.wh.queryArrays<[string, string, string, string, string]>(
    `WITH
       kept AS (
         SELECT toUInt64(splitByChar('|', pair)[1]) AS key, splitByChar('|', pair)[2] AS owner FROM (SELECT arrayJoin({kept:Array(String)}) AS pair)
       ),
       opened AS (SELECT o.*, o.acct IN (SELECT acct FROM _hunt_members) AS member FROM (${opened}) AS o),
       owned_days AS (
         SELECT d.net AS net, k.owner AS owner, sum(d.outside) AS outside, count() AS days
         FROM (SELECT key, any(net) AS net, countIf(NOT member) AS outside FROM opened WHERE key IN (SELECT key FROM kept) GROUP BY key) AS d
         INNER JOIN kept AS k ON k.key = d.key
         GROUP BY net, owner
       )
     SELECT o.account_id, w.owner, toString(o.net), toString(s.outside), toString(s.days)
     FROM opened AS o
     INNER JOIN kept AS w ON w.key = o.key
     INNER JOIN owned_days AS s ON s.net = o.net AND s.owner = w.owner
     WHERE o.exchanges = 0 AND NOT o.member
     ORDER BY o.account_id`,
    { kept },
  );
  if (rows.length === 0) return [];
  // Per network: the accounts it opened outside any campaign on each of the window's days no campaign owned.
  const days = await ctx.wh.queryArrays<[string, string[], string, string]>(
    `WITH
       (SELECT toDate(min(first_ts)) FROM ${T.acct} WHERE exchanges > 0) AS first_day,
       (SELECT toDate(max(last_ts)) FROM ${T.acct} WHERE exchanges > 0) AS last_day,
       per_day AS (
         SELECT o.net AS net, o.day AS day, toString(o.key) IN {owned:Array(String)} AS owned_day,
                countIf(o.acct NOT IN (SELECT acct FROM _hunt_members)) AS outside
         FROM (${opened}) AS o
         WHERE o.net IN {nets:Array(UInt32)} AND o.day BETWEEN first_day AND last_day
         GROUP BY net, day, owned_day
       )
     SELECT toString(net), arrayMap(c -> toString(c), groupArrayIf(outside, NOT owned_day AND outside > 0)), toString(countIf(owned_day)),
            toString(dateDiff('day', any(first_day), any(last_day)) + 1)
     FROM per_day GROUP BY net`,
    { owned: keys.map(([key]) => key), nets: [...new Set(rows.map((r) => Number(r[2])))] },
  );
  const rate = new Map(days.map(([net, counts, owned, window]) => [net, ordinaryRate(counts.map(Number), Math.max(1, Number(window) - Number(owned)))]));
  // (one test per network and campaign: Bonferroni over those with an account to take)
  const threshold = Math.log2(new Set(rows.map((r) => `${r[2]}|${r[1]}`)).size / ALPHA);
  const out: SweepHit[] = [];
  for (const [account_id, campaign_id, net, outside, owned] of rows) {
    const expected = (rate.get(net) ?? 0.5) * Number(owned);
    const bits = -log2PoissonTail(Number(outside), expected);
    if (bits < threshold || confirmed.has(account_id)) continue;
    out.push({ account_id, campaign_id, test: 'provenance', exchanges: 0, hits: Number(outside), expected, bits, shared: ['signup_network'], networkDays: Number(owned) });
  }
  return out;
}

/**
 * A network's ordinary rate of openings a day, from its openings on `days` days (`counts`: the days with any; the
 * rest had none), with half an opening of prior: the mean, once the days it cannot explain are left out (a day whose
 * count is beyond the mean's Poisson tail, Bonferroni over the days, ALPHA; again until none is). An operation also
 * opens stock on days its known accounts do not own (seed-7 world 1890060598: 25 unused accounts on one cloud /16 on
 * the day after its last working accounts were opened, where others opened one account in the window); counted as
 * the network's ordinary day, it made the days it owned look ordinary too.
 */
export function ordinaryRate(counts: number[], days: number): number {
  let kept = counts.filter((c) => c > 0);
  let span = Math.max(1, days);
  const bar = Math.log2(span / ALPHA);
  for (;;) {
    const rate = (kept.reduce((a, b) => a + b, 0) + 0.5) / span;
    const ordinary = kept.filter((c) => -log2PoissonTail(c, rate) < bar);
    if (ordinary.length === kept.length || span - (kept.length - ordinary.length) < 1) return rate;
    span -= kept.length - ordinary.length;
    kept = ordinary;
  }
}

/**
 * The exits test. A campaign's exits are the network-days (a /24 or /48 on one day, the `subnet_day` link key)
 * on consumer networks that its known accounts hold at least half of: an operation renting a residential or
 * mobile proxy pool passes its accounts through the same exits day after day, and an exit a household or an
 * office uses is theirs, not the campaign's. (Not hosting networks: a cloud range is shared by tenants that have
 * nothing to do with each other, and a campaign on it outnumbering them says nothing about them. Only the
 * network-days on consumer networks are counted, of the account's too.) An account is the campaign's when significantly more of its network-days are
 * the campaign's exits than chance allows (a binomial test against the rate at which the network-days of the
 * accounts outside the campaign land on them, Bonferroni over the accounts tested, as the traffic test), and
 * its own behaviour shows the campaign's on the campaign's own behaviours (the judge, on the account alone):
 * a privacy-minded customer of the same commercial proxy network shares exits with the campaign but not what
 * it does, and a student whose classmates were taken into a campaign's core shares their campus network, not the
 * campaign's behaviour. (The judge is asked about each account tested, not about each exit's holders as for the
 * other evidence: a proxied campaign has tens of thousands of exits, each held by a different few accounts.)
 * (A chat harvest spread over thousands of accounts leaves half of them with a few days each: too few to show
 * rotating exits as their own evidence, enough to show the campaign's.)
 */
async function exitHits(ctx: HuntContext, judge: CoreJudge, confirmed: Set<string>): Promise<SweepHit[]> {
  const members = `(SELECT acct, any(campaign_id) AS campaign_id FROM _hunt_members GROUP BY acct)`;
  await ctx.wh.command(`DROP TABLE IF EXISTS _hunt_exits`);
  await ctx.wh.command(
    `CREATE TABLE _hunt_exits ENGINE = MergeTree ORDER BY key AS
     SELECT k.key AS key, minIf(m.campaign_id, m.campaign_id != '') AS owner, countIf(m.campaign_id != '') AS members, any(k.df) AS df
     FROM ${T.keys} AS k
     LEFT JOIN ${members} AS m ON m.acct = k.acct
     WHERE k.kind = 'subnet_day' AND k.key IN (SELECT cityHash64(subnet, day) FROM ${T.x} WHERE hosting = 0)
     GROUP BY k.key
     HAVING members >= 2 AND members >= 0.5 * df`,
  );
  // Per account: its network-days on each campaign's exits, each an exit of the campaign's without the
  // account itself (of its other holders, 2 or more and at least half are the campaign's known accounts: a
  // core account not confirmed yet is tested on the exits the others make the campaign's), and all its
  // network-days.
  const rows = await ctx.wh.query<{ account_id: string; campaign_id: string; hits: string; days: string; member: number }>(
    `WITH held AS (
       SELECT k.acct AS acct, e.owner AS campaign_id, count() AS hits, max(m.campaign_id != '') AS member
       FROM ${T.keys} AS k INNER JOIN _hunt_exits AS e ON e.key = k.key
       LEFT JOIN ${members} AS m ON m.acct = k.acct
       WHERE k.kind = 'subnet_day' AND e.members - (m.campaign_id != '') >= 2 AND e.members - (m.campaign_id != '') >= 0.5 * (e.df - 1)
       GROUP BY acct, campaign_id
     )
     SELECT a.account_id AS account_id, h.campaign_id AS campaign_id, h.hits AS hits, d.days AS days, h.member AS member
     FROM held AS h
     INNER JOIN ${T.acct} AS a ON a.acct = h.acct
     INNER JOIN (
       SELECT account_id, uniqExactIf((subnet, day), hosting = 0) AS days FROM ${T.x}
       -- (the holders of any exit: a superset of held's accounts, without computing held twice)
       WHERE acct IN (SELECT acct FROM ${T.keys} WHERE kind = 'subnet_day' AND key IN (SELECT key FROM _hunt_exits))
       GROUP BY account_id
     ) AS d ON d.account_id = a.account_id
     ORDER BY account_id, campaign_id`,
  );
  // Chance: the network-days of accounts outside the campaign on its exits, but those of the accounts that are
  // mostly on them (what the test looks for), over all the outside accounts' active days (fewer than their
  // network-days: the rate comes out higher, the test stricter), with half a hit of prior.
  const [tot] = await ctx.wh.query<{ days: string; accounts: string }>(
    `SELECT sum(active_days) AS days, countIf(exchanges > 0) AS accounts FROM ${T.acct} WHERE acct NOT IN (SELECT acct FROM _hunt_members)`,
  );
  const background = new Map<string, number>();
  for (const r of rows) if (!Number(r.member) && Number(r.hits) * 2 < Number(r.days)) background.set(r.campaign_id, (background.get(r.campaign_id) ?? 0) + Number(r.hits));
  const outsideDays = Math.max(1, Number(tot?.days ?? 0));
  const threshold = Math.log2(Math.max(1, Number(tot?.accounts ?? 0)) / ALPHA);
  const out: SweepHit[] = [];
  for (const r of rows) {
    const n = Number(r.days);
    const h = Math.min(n, Number(r.hits));
    if (h < MIN_EXIT_DAYS || confirmed.has(r.account_id)) continue;
    const rate = Math.min(1, ((background.get(r.campaign_id) ?? 0) + 0.5) / outsideDays);
    const bits = -log2BinomialTail(n, h, rate);
    if (bits < threshold || !judge(r.campaign_id, [r.account_id])) continue;
    out.push({ account_id: r.account_id, campaign_id: r.campaign_id, test: 'exits', exchanges: n, hits: h, expected: n * rate, bits });
  }
  return out;
}
/** One network-day on a campaign's exits is a coincidence a neighbour or a traveller can make; two are not. */
const MIN_EXIT_DAYS = 2;

/** (evidence, campaign) pairs as `evidence|campaign` strings, to bind as one array parameter. */
const pairs = (xs: [string, string][]) => xs.map(([evidence, campaign]) => `${evidence}|${campaign}`);

/** The (evidence, campaign) pairs whose sharing core accounts the judge does not take for the campaign. */
function rejectedBy(judge: CoreJudge, shared: [evidence: string, campaignId: string, accounts: string[]][]): [string, string][] {
  const verdicts = new Map<string, boolean>();
  const out: [string, string][] = [];
  for (const [evidence, campaign, accounts] of shared) {
    // Many pieces of evidence are shared by the same accounts (every template of a hydra): judged once.
    const key = `${campaign}\u0000${accounts.join('\u0000')}`;
    let ok = verdicts.get(key);
    if (ok === undefined) verdicts.set(key, (ok = judge(campaign, accounts)));
    if (!ok) out.push([evidence, campaign]);
  }
  return out;
}
