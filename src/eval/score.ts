import { TIERS, type Tier } from './contracts.js';
import type { Findings } from './findings.js';
import { confusion, precisionAtK, ratio, rocAuc, type Confusion } from './metrics.js';
import type { Truth } from './truth.js';

/** A cohort of accounts and how many the detector flagged: false positives for benign cohorts, hits for attack ones. */
export interface CohortScore {
  cohort: string;
  accounts: number;
  flagged: number;
  /** flagged / accounts: the false-positive rate of a benign cohort, the recall of an attack cohort. */
  rate: number | null;
}

export interface CampaignScore {
  campaignId: string;
  accounts: number;
  flagged: number;
  recall: number | null;
  /** Found: a strict majority of its accounts flagged. */
  found: boolean;
  /** The reported campaign holding most of its accounts, and the share of all its accounts that sits there. */
  largestReportedCampaign: string | null;
  inLargestReported: number;
  cohesion: number | null;
  /** cohesion >= COHESION_TARGET. */
  cohesive: boolean;
  /** Reported campaigns its flagged accounts are spread over; flagged accounts the detector put in no campaign. */
  fragments: number;
  flaggedWithoutCampaign: number;
}

export interface ReportedCampaignScore {
  campaignId: string;
  /** Flagged accounts the detector put in it (accounts the truth does not hold are left out). */
  accounts: number;
  benign: number;
  /** The true campaign most of its accounts belong to (null when none are attack accounts). */
  majorityCampaign: string | null;
  majorityAccounts: number;
  /** majorityAccounts / accounts. */
  purity: number | null;
}

export interface RelayBand {
  band: string;
  /** attack_share in (min, max]; the first band includes 0. */
  min: number;
  max: number;
  accounts: number;
  flagged: number;
  recall: number | null;
}

export interface DetectorScore {
  detector: string;
  findings: string;
  until: string | null;
  /** Lines in accounts.jsonl; those whose account the truth does not hold (left out of every metric). */
  judged: number;
  unknownAccounts: number;
  overall: Confusion;
  benignCohorts: CohortScore[];
  attackCohorts: CohortScore[];
  campaigns: CampaignScore[];
  campaignRecall: { found: number; total: number; recall: number | null };
  reportedCampaigns: {
    count: number;
    accounts: number;
    benignAccounts: number;
    /** Accounts in their reported campaign's majority true campaign, over all accounts in reported campaigns. */
    purity: number | null;
    minPurity: number | null;
    campaigns: ReportedCampaignScore[];
  };
  relays: {
    /** Attack accounts carrying an attack_share <= RELAY_SHARE (relays mixing in real customers' traffic). */
    lowShare: { maxShare: number; accounts: number; flagged: number; recall: number | null };
    bands: RelayBand[];
  };
  ranking: {
    /** ROC AUC of `risk` (accounts absent from the findings have risk 0). */
    auc: number | null;
    /**
     * The same over the accounts that sent at least one exchange in the world: an account opened and never
     * used, sharing nothing with its operation, has nothing any detector could rank it by. Equal to `auc`
     * when the truth does not say which accounts were silent.
     */
    aucActive: number | null;
    /** Attack accounts that sent no exchange in the whole world. */
    silentAttack: number;
    /** k = the number of attack accounts. */
    k: number;
    precisionAtK: number | null;
  };
  /**
   * Triage, for detectors that give tiers: accounts and attack accounts per tier; the watch queue's own
   * precision; and the precision of the top `queue` accounts by risk, `queue` being every account an analyst
   * would see (the acting tiers plus the watch queue). Null for detectors without tiers.
   */
  triage: {
    tiers: { tier: Tier; accounts: number; attack: number; precision: number | null }[];
    watchPrecision: number | null;
    queue: number;
    precisionAtQueue: number | null;
  } | null;
  warnings: string[];
}

export const COHESION_TARGET = 0.95;
/** Relays whose attack share is at most this are the hard case of the relay target. */
export const RELAY_SHARE = 0.1;
export const RELAY_BANDS: { band: string; min: number; max: number }[] = [
  { band: '0-5%', min: -Infinity, max: 0.05 },
  { band: '5-10%', min: 0.05, max: 0.1 },
  { band: '10-25%', min: 0.1, max: 0.25 },
  { band: '25-50%', min: 0.25, max: 0.5 },
  { band: '50-100%', min: 0.5, max: 1 },
];

function cohortScores(truth: Truth, f: Findings, attack: 0 | 1): CohortScore[] {
  const accounts = new Array<number>(truth.cohorts.length).fill(0);
  const flagged = new Array<number>(truth.cohorts.length).fill(0);
  for (let i = 0; i < truth.ids.length; i++) {
    if (truth.attack[i] !== attack) continue;
    accounts[truth.cohort[i]!]!++;
    flagged[truth.cohort[i]!]! += f.flagged[i]!;
  }
  return truth.cohorts
    .map((cohort, k) => ({ cohort, accounts: accounts[k]!, flagged: flagged[k]!, rate: ratio(flagged[k]!, accounts[k]!) }))
    .filter((c) => c.accounts > 0)
    .sort((a, b) => a.cohort.localeCompare(b.cohort));
}

const increment = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
/** The key with the largest count (ties: the first reached), or undefined for an empty map. */
function argmax<K>(m: Map<K, number>): [K, number] | undefined {
  let best: [K, number] | undefined;
  for (const e of m) if (!best || e[1] > best[1]) best = e;
  return best;
}

/** Scores one detector's findings against the truth. */
export function scoreFindings(truth: Truth, f: Findings): DetectorScore {
  const n = truth.ids.length;
  let tp = 0;
  let fp = 0;
  let attackCount = 0;
  // Per true campaign: flagged accounts, and how they spread over reported campaigns.
  const campaignFlagged = truth.campaigns.map(() => 0);
  const campaignUnassigned = truth.campaigns.map(() => 0);
  const campaignSpread = truth.campaigns.map(() => new Map<number, number>());
  // Per reported campaign: who is in it.
  const reportedBenign = f.reportedIds.map(() => 0);
  const reportedSize = f.reportedIds.map(() => 0);
  const reportedSpread = f.reportedIds.map(() => new Map<number, number>());
  const bandAccounts = RELAY_BANDS.map(() => 0);
  const bandFlagged = RELAY_BANDS.map(() => 0);

  for (let i = 0; i < n; i++) {
    const isAttack = truth.attack[i] === 1;
    const flagged = f.flagged[i] === 1;
    const r = f.reported[i]!;
    if (isAttack) attackCount++;
    if (flagged) {
      if (isAttack) tp++;
      else fp++;
    }
    if (r >= 0) {
      reportedSize[r]!++;
      if (isAttack) increment(reportedSpread[r]!, truth.campaign[i]!);
      else reportedBenign[r]!++;
    }
    if (!isAttack) continue;
    const c = truth.campaign[i]!;
    if (flagged) {
      campaignFlagged[c]!++;
      if (r >= 0) increment(campaignSpread[c]!, r);
      else campaignUnassigned[c]!++;
    }
    const share = truth.attackShare[i]!;
    if (!Number.isNaN(share)) {
      const b = RELAY_BANDS.findIndex((band) => share > band.min && share <= band.max);
      if (b >= 0) {
        bandAccounts[b]!++;
        if (flagged) bandFlagged[b]!++;
      }
    }
  }
  const benignCount = n - attackCount;

  const campaigns: CampaignScore[] = truth.campaigns.map((c, k) => {
    const accounts = truth.campaignAccounts[k]!;
    const flagged = campaignFlagged[k]!;
    const largest = argmax(campaignSpread[k]!);
    const cohesion = ratio(largest?.[1] ?? 0, accounts);
    return {
      campaignId: c.id,
      accounts,
      flagged,
      recall: ratio(flagged, accounts),
      found: 2 * flagged > accounts,
      largestReportedCampaign: largest ? f.reportedIds[largest[0]]! : null,
      inLargestReported: largest?.[1] ?? 0,
      cohesion,
      cohesive: cohesion !== null && cohesion >= COHESION_TARGET,
      fragments: campaignSpread[k]!.size,
      flaggedWithoutCampaign: campaignUnassigned[k]!,
    };
  });
  const found = campaigns.filter((c) => c.found).length;

  const reported: ReportedCampaignScore[] = f.reportedIds.map((id, r) => {
    const major = argmax(reportedSpread[r]!);
    return {
      campaignId: id,
      accounts: reportedSize[r]!,
      benign: reportedBenign[r]!,
      majorityCampaign: major ? truth.campaigns[major[0]]!.id : null,
      majorityAccounts: major?.[1] ?? 0,
      purity: ratio(major?.[1] ?? 0, reportedSize[r]!),
    };
  });
  const inReported = reported.reduce((a, r) => a + r.accounts, 0);
  const purities = reported.map((r) => r.purity).filter((p): p is number => p !== null);

  const bands: RelayBand[] = RELAY_BANDS.map((b, k) => ({
    band: b.band,
    min: Math.max(0, b.min),
    max: b.max,
    accounts: bandAccounts[k]!,
    flagged: bandFlagged[k]!,
    recall: ratio(bandFlagged[k]!, bandAccounts[k]!),
  }));
  const low = bands.filter((b) => b.max <= RELAY_SHARE);
  const lowAccounts = low.reduce((a, b) => a + b.accounts, 0);
  const lowFlagged = low.reduce((a, b) => a + b.flagged, 0);

  const attackRisk = new Float64Array(attackCount);
  const benignRisk = new Float64Array(benignCount);
  const activeAttackRisk: number[] = [];
  const activeBenignRisk: number[] = [];
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    if (truth.attack[i] === 1) attackRisk[a++] = f.risk[i]!;
    else benignRisk[b++] = f.risk[i]!;
    if (truth.silent[i] === 1) continue;
    (truth.attack[i] === 1 ? activeAttackRisk : activeBenignRisk).push(f.risk[i]!);
  }
  const silentAttack = attackCount - activeAttackRisk.length;

  let triage: DetectorScore['triage'] = null;
  if (f.tiered) {
    const accounts = TIERS.map(() => 0);
    const attack = TIERS.map(() => 0);
    for (let i = 0; i < n; i++) {
      const t = f.tier[i]!;
      if (t < 0) continue;
      accounts[t]!++;
      attack[t]! += truth.attack[i]!;
    }
    const tiers = TIERS.map((tier, t) => ({ tier, accounts: accounts[t]!, attack: attack[t]!, precision: ratio(attack[t]!, accounts[t]!) }));
    const queue = accounts.reduce((a, b) => a + b, 0);
    const watch = tiers.find((t) => t.tier === 'watch')!;
    triage = { tiers, watchPrecision: watch.precision, queue, precisionAtQueue: precisionAtK(attackRisk, benignRisk, queue) };
  }

  return {
    detector: f.detector,
    findings: f.dir,
    until: f.until,
    judged: f.judged,
    unknownAccounts: f.unknownAccounts,
    overall: confusion(tp, fp, attackCount - tp, benignCount - fp),
    benignCohorts: cohortScores(truth, f, 0),
    attackCohorts: cohortScores(truth, f, 1),
    campaigns,
    campaignRecall: { found, total: campaigns.length, recall: ratio(found, campaigns.length) },
    reportedCampaigns: {
      count: reported.length,
      accounts: inReported,
      benignAccounts: reported.reduce((a, r) => a + r.benign, 0),
      purity: ratio(reported.reduce((a, r) => a + r.majorityAccounts, 0), inReported),
      minPurity: purities.length > 0 ? purities.reduce((a, b) => Math.min(a, b)) : null,
      campaigns: reported.sort((a, b) => b.accounts - a.accounts || a.campaignId.localeCompare(b.campaignId)),
    },
    relays: {
      lowShare: { maxShare: RELAY_SHARE, accounts: lowAccounts, flagged: lowFlagged, recall: ratio(lowFlagged, lowAccounts) },
      bands,
    },
    ranking: {
      auc: rocAuc(attackRisk, benignRisk),
      aucActive: rocAuc(Float64Array.from(activeAttackRisk), Float64Array.from(activeBenignRisk)),
      silentAttack,
      k: attackCount,
      precisionAtK: precisionAtK(attackRisk, benignRisk, attackCount),
    },
    triage,
    warnings: [...f.warnings],
  };
}
