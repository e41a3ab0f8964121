import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/eval/index.js';
import { writeFindings } from '../src/hunt/findings.js';
import { DEFAULT_HUNT_CONFIG } from '../src/hunt/context.js';
import { hunt } from '../src/hunt/hunt.js';
import { ingest } from '../src/ingest/ingest.js';
import { simulate } from '../src/simulate/simulate.js';
import { openWarehouse } from '../src/warehouse/warehouse.js';
import { tempDir } from './helpers.js';

/**
 * A campaign that is a third of all accounts (adaptive-volume: many accounts, a few requests a day each,
 * signed up in waves). It sets the population's scale if it is measured against itself, and community
 * detection cuts it by wave; the hunt must still find it whole, and only it.
 */
const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('hunt on a campaign that is a third of the accounts', () => {
  it('finds it whole, without flagging the benign population', async () => {
    const sim = join(tmp.dir, 'sim');
    await simulate({ scenario: 'adaptive-volume', scale: 0.004, seed: 11, out: sim, workers: 0 });
    const wh = await openWarehouse({ data: join(tmp.dir, 'wh') });
    try {
      await ingest(wh, { exchanges: [join(sim, 'exchanges.jsonl.gz')], accounts: [join(sim, 'accounts.jsonl.gz')] });
      const result = await hunt(wh, DEFAULT_HUNT_CONFIG);
      await writeFindings(result, join(tmp.dir, 'findings'));
    } finally {
      await wh.close();
    }
    const report = await evaluate({ truth: join(sim, 'truth'), findings: [join(tmp.dir, 'findings')] });
    const d = report.detectors[0]!;
    expect(d.overall.recall).toBeGreaterThanOrEqual(0.95);
    expect(d.overall.falsePositiveRate).toBeLessThanOrEqual(0.01);
    expect(d.reportedCampaigns.count).toBe(1);
  }, 120_000);
});
