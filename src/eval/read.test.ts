import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { CAMPAIGNS, finding, HUNT_CAMPAIGNS, jsonl, LABELS, writeFindings, writeTruth } from '../../test/eval-fixtures.js';
import { evaluate } from './evaluate.js';
import { EvalInputError, expandFindingsDirs } from './read.js';

const tmp = tempDir('dw-eval-read-');
afterAll(() => tmp.cleanup());
const truth = writeTruth(join(tmp.dir, 'truth'));
let n = 0;
const dir = (name: string) => join(tmp.dir, `${name}-${++n}`);

/** The error evaluate stops with. */
async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EvalInputError);
    return (e as Error).message;
  }
  throw new Error('expected evaluate to fail');
}
const scoreAccounts = (lines: unknown[]) => failure(evaluate({ truth, findings: [writeFindings(dir('f'), lines as string[])] }));

describe('malformed findings stop eval with the file, line and field', () => {
  it('names the line of a value out of range', async () => {
    const msg = await scoreAccounts([finding('a0'), finding('a1'), finding('a2', { risk: 1.5 })]);
    expect(msg).toMatch(/accounts\.jsonl:3: risk: Too big: expected number to be <=1$/);
  });

  it('names a missing field', async () => {
    const { flagged: _, ...noFlag } = finding('a1');
    expect(await scoreAccounts([finding('a0'), noFlag])).toMatch(/accounts\.jsonl:2: flagged: is missing$/);
  });

  it('names a line that is not JSON, counting blank lines', async () => {
    expect(await scoreAccounts([finding('a0'), '', '{"account_id": "a1",'])).toMatch(/accounts\.jsonl:3: not valid JSON/);
  });

  it('refuses an account judged twice', async () => {
    expect(await scoreAccounts([finding('a0'), finding('b1'), finding('a0')])).toMatch(
      /accounts\.jsonl:3: account_id "a0" was already judged on line 1/,
    );
    expect(await scoreAccounts([finding('zz'), finding('zz')])).toMatch(/:2: account_id "zz" was already judged on line 1/);
  });

  it('names the line and path of a bad field in campaigns.json', async () => {
    const bad = { ...HUNT_CAMPAIGNS, campaigns: [HUNT_CAMPAIGNS.campaigns[0], { ...HUNT_CAMPAIGNS.campaigns[1], confidence: 'high' }] };
    const f = writeFindings(dir('f'), [finding('a0')], bad);
    const msg = await failure(evaluate({ truth, findings: [f] }));
    // The line of the second campaign's confidence in the pretty-printed file.
    const lines = JSON.stringify(bad, null, 2).split('\n');
    const line = lines.findIndex((l) => l.includes('"high"')) + 1;
    expect(msg).toBe(`${join(f, 'campaigns.json')}:${line}: campaigns[1].confidence: Invalid input: expected number, received string`);
  });

  it('names the line of a JSON syntax error in campaigns.json', async () => {
    const f = writeFindings(dir('f'), [finding('a0')]);
    writeFileSync(join(f, 'campaigns.json'), '{\n  "detector": "x",\n  "until": null,\n}\n');
    expect(await failure(evaluate({ truth, findings: [f] }))).toMatch(/campaigns\.json:4: not valid JSON/);
  });

  it('says when the findings directory has no accounts.jsonl', async () => {
    expect(await failure(evaluate({ truth, findings: [join(tmp.dir, 'nowhere')] }))).toMatch(/nowhere\/accounts\.jsonl: no such file/);
  });
});

describe('malformed truth stops eval with the file, line and field', () => {
  const findings = writeFindings(dir('f'), [finding('a0')]);
  const evalTruth = (t: string) => failure(evaluate({ truth: t, findings: [findings] }));

  it('names the line of a bad label in the gzipped labels', async () => {
    const labels = [LABELS[0]!, LABELS[1]!, LABELS[2]!, { ...LABELS[3]!, label: 'evil' }];
    const msg = await evalTruth(writeTruth(dir('t'), { labels: labels as never }));
    expect(msg).toMatch(/labels\.jsonl\.gz:4: label: Invalid option: expected one of "benign"\|"attack"$/);
  });

  it('refuses an attack account of an unknown campaign, or of none', async () => {
    const unknown = [LABELS[0]!, { ...LABELS[25]!, campaign_id: 'hydra-z' }];
    expect(await evalTruth(writeTruth(dir('t'), { labels: unknown }))).toMatch(/labels\.jsonl\.gz:2: campaign_id: "hydra-z" is not in .*campaigns\.json/);
    const none = [{ ...LABELS[25]!, campaign_id: null }];
    expect(await evalTruth(writeTruth(dir('t'), { labels: none }))).toMatch(/labels\.jsonl\.gz:1: campaign_id: an attack account needs its campaign/);
  });

  it('refuses an account labelled twice', async () => {
    expect(await evalTruth(writeTruth(dir('t'), { labels: [LABELS[0]!, LABELS[1]!, LABELS[0]!] }))).toMatch(
      /labels\.jsonl\.gz:3: account_id "b0" is already labelled on line 1/,
    );
  });

  it('says when the labels are not gzip', async () => {
    expect(await evalTruth(writeTruth(dir('t'), { labelsText: jsonl(LABELS) }))).toMatch(/labels\.jsonl\.gz: cannot be read as gzip/);
    const cut = gzipSync(jsonl(LABELS)).subarray(0, 60);
    expect(await evalTruth(writeTruth(dir('t'), { labelsText: cut }))).toMatch(/labels\.jsonl\.gz: cannot be read as gzip/);
  });

  it('names a campaign field that is wrong', async () => {
    const bad = [CAMPAIGNS[0]!, { ...CAMPAIGNS[1]!, hourly_exchanges: [10, -3] }];
    expect(await evalTruth(writeTruth(dir('t'), { campaigns: bad }))).toMatch(/campaigns\.json:\d+: campaigns\[1\]\.hourly_exchanges\[1\]: Too small/);
    const badTime = [{ ...CAMPAIGNS[0]!, start: 'last tuesday' }, CAMPAIGNS[1]!];
    expect(await evalTruth(writeTruth(dir('t'), { campaigns: badTime }))).toMatch(/campaigns\[0\]\.start: "last tuesday" is not an ISO-8601 time/);
  });

  it('says when the truth directory is missing', async () => {
    expect(await evalTruth(join(tmp.dir, 'no-truth'))).toMatch(/no-truth\/campaigns\.json: no such file/);
  });
});

describe('expandFindingsDirs', () => {
  it('takes a findings directory itself, or the findings directories under a parent, in name order', () => {
    const parent = dir('parent');
    writeFindings(join(parent, 'day-2'), []);
    writeFindings(join(parent, 'day-1'), []);
    expect(expandFindingsDirs(parent)).toEqual([join(parent, 'day-1'), join(parent, 'day-2')]);
    expect(expandFindingsDirs(join(parent, 'day-1'))).toEqual([join(parent, 'day-1')]);
    expect(() => expandFindingsDirs(tmp.dir + '/nope')).toThrow(/no such directory/);
    expect(() => expandFindingsDirs(truth)).toThrow(/holds no findings/);
  });
});
