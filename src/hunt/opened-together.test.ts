import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers.js';
import { openWarehouse, type Warehouse } from '../warehouse/warehouse.js';
import { T, type HuntContext } from './context.js';
import { seededRandom } from '../util/rng.js';
import { loadOpenings, openedTogether, openingsOf, returnsOf, wakesOf, wokeTogether, type Openings } from './opened-together.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 3, 1);

// 4,000 customers opened over three years at a steady rate (seeded), then groups added to them.
function world(groups: Record<string, number[]>): Openings {
  const rng = seededRandom(7);
  const at = new Map<string, number>();
  for (let i = 0; i < 4000; i++) at.set(`c${i}`, START - rng() * 3 * 365 * DAY);
  for (const [name, times] of Object.entries(groups)) times.forEach((t, i) => at.set(`${name}${i}`, t));
  return { at, sorted: Float64Array.from(at.values()).sort(), horizon: START - 60 * DAY, returnedAt: new Map(), returns: new Float64Array(), wokeAt: new Map() };
}
const names = (name: string, n: number) => Array.from({ length: n }, (_, i) => `${name}${i}`);
const hitOf = (o: Openings, group: string[]) => {
  const times = openingsOf(o, group);
  return openedTogether(o, times, [times]);
};

describe('opened_together', () => {
  it('finds a group opened in a drip over a week that no ten-minute burst shows', () => {
    const rng = seededRandom(11);
    const drip = Array.from({ length: 300 }, () => START - 7 * DAY + rng() * 7 * DAY);
    const o = world({ drip });
    const hit = hitOf(o, names('drip', 300))!;
    expect(hit.group).toBe('signup');
    expect(hit.support).toBe(300);
    // half of them in about half of the week
    expect(hit.value).toBeGreaterThan(2);
    expect(hit.value).toBeLessThan(5);
    // the others opened in those days: ~0.3% of 4,000, so the typical member is ~8 bits unusual
    expect(hit.bits).toBeGreaterThan(6);
  });

  it('gives nothing to a group opened like everyone else, however large', () => {
    const rng = seededRandom(12);
    const users = Array.from({ length: 500 }, () => START - rng() * 3 * 365 * DAY);
    const hit = hitOf(world({ users }), names('users', 500));
    expect(hit?.bits ?? 0).toBe(0);
  });

  it('gives a large group mildly concentrated (a product launch season) little, however significant', () => {
    const rng = seededRandom(13);
    // half of 400 accounts in the last year of three (a third of the others), the rest like everyone else
    const season = Array.from({ length: 400 }, (_, i) => (i % 2 ? START - rng() * 365 * DAY : START - rng() * 3 * 365 * DAY));
    const hit = hitOf(world({ season }), names('season', 400));
    expect(hit!.bits).toBeLessThan(2.5);
  });

  it('does not make much of two of three accounts opened the same day (chance, as often as not)', () => {
    const trio = [START - 100 * DAY, START - 30 * DAY, START - 30 * DAY + 3_600_000];
    const hit = hitOf(world({ trio }), names('trio', 3));
    expect(hit!.bits).toBeLessThan(4);
    // while ten of them opened that day are an operation's
    const ten = Array.from({ length: 10 }, (_, i) => START - 30 * DAY + i * 3_600_000);
    expect(hitOf(world({ ten }), names('ten', 10))!.bits).toBeGreaterThan(8);
  });

  it('compares a group with the accounts outside it and its kin', () => {
    const rng = seededRandom(14);
    const a = Array.from({ length: 60 }, () => START - 5 * DAY + rng() * 5 * DAY);
    const b = Array.from({ length: 2000 }, () => START - 5 * DAY + rng() * 5 * DAY);
    const o = world({ a, b });
    const ta = openingsOf(o, names('a', 60));
    const tb = openingsOf(o, names('b', 2000));
    // the other community opened in the same days masks it, unless it is its kin (one operation cut in two)
    expect(openedTogether(o, ta, [ta])!.bits).toBeLessThan(3);
    expect(openedTogether(o, ta, [ta, tb])!.bits).toBeGreaterThan(6);
  });

  it('gives nothing to old accounts opened months apart, when few others were opened (bought or aged accounts)', () => {
    // twelve accounts opened 37 days apart two years ago, when none of the others were
    const aged = Array.from({ length: 12 }, (_, i) => START - 4 * 365 * DAY + i * 37 * DAY);
    expect(hitOf(world({ aged }), names('aged', 12))?.bits ?? 0).toBe(0);
  });

  it('needs three accounts with a record', () => {
    const pair = [START - DAY, START - DAY + 1000];
    expect(hitOf(world({ pair }), names('pair', 2))).toBeNull();
  });
});

// 4,000 old customers over a window of 28 days: a quarter at work daily (their first request on the first day), the
// rest coming back now and then (a first request within days, more often early than late). Their first requests are
// the `returns`; a group's are added to them, and its wakes are the group's own (loadOpenings decides which first
// requests are wakes: tested below on a warehouse).
function wakeWorld(groups: Record<string, number[]>): Openings {
  const rng = seededRandom(21);
  const returnedAt = new Map<string, number>();
  const wokeAt = new Map<string, number>();
  for (let i = 0; i < 4000; i++) returnedAt.set(`c${i}`, START + ((i % 4 === 0 ? rng() * 0.5 * DAY : -Math.log(1 - rng()) * 6 * DAY) % (28 * DAY)));
  for (const [name, times] of Object.entries(groups))
    times.forEach((t, i) => {
      returnedAt.set(`${name}${i}`, t);
      wokeAt.set(`${name}${i}`, t);
    });
  return { at: new Map(), sorted: new Float64Array(), horizon: START - 28 * DAY, returnedAt, returns: Float64Array.from(returnedAt.values()).sort(), wokeAt };
}
const wakeOf = (o: Openings, group: string[], size = group.length) => wokeTogether(o, wakesOf(o, group), size, [returnsOf(o, group)], 4);

describe('woke_together', () => {
  it('finds old accounts bought for the job that start within a day, days into the window', () => {
    const rng = seededRandom(22);
    const bought = Array.from({ length: 300 }, () => START + 8 * DAY + rng() * DAY);
    const o = wakeWorld({ bought });
    const hit = wakeOf(o, names('bought', 300))!;
    expect(hit.signal).toBe('woke_together');
    expect(hit.group).toBe('signup');
    expect(hit.value).toBeLessThan(1);
    // the others' first requests on day 8: ~1-2% of them
    expect(hit.bits).toBeGreaterThan(5);
    // most of the group is in the span an account linked to it must have woken in, which says a reason's worth alone
    const inSpan = bought.filter((t) => t >= hit.span!.from && t <= hit.span!.to).length;
    expect(inSpan / 300).toBeGreaterThanOrEqual(0.8);
    expect(hit.span!.bits).toBeGreaterThanOrEqual(4);
  });

  it('gives a group with half its accounts in a burst and the rest spread out the burst as its span', () => {
    const rng = seededRandom(26);
    // 300 old accounts woken within six hours on day 8, and 300 more coming back like everyone else
    const burst = Array.from({ length: 300 }, () => START + 8 * DAY + rng() * 0.25 * DAY);
    const half = [...burst, ...Array.from({ length: 300 }, () => START + -Math.log(1 - rng()) * 6 * DAY)];
    const hit = wakeOf(wakeWorld({ half }), names('half', half.length))!;
    expect(hit.bits).toBeGreaterThan(4);
    // no middle span of the group says a reason (its middle runs from its spread-out accounts to its burst): the span
    // is where the statistic found half of it, the burst, and one account there says at least what the group does
    const inSpan = burst.filter((t) => t >= hit.span!.from && t <= hit.span!.to).length;
    expect(inSpan / burst.length).toBeGreaterThanOrEqual(0.9);
    expect(hit.span!.to - hit.span!.from).toBeLessThan(DAY);
    expect(hit.span!.bits).toBeGreaterThanOrEqual(hit.bits);
  });

  it('gives nothing to a group waking like everyone else comes back, however large', () => {
    const rng = seededRandom(24);
    const users = Array.from({ length: 500 }, () => START + -Math.log(1 - rng()) * 6 * DAY);
    expect(wakeOf(wakeWorld({ users }), names('users', 500))?.bits ?? 0).toBeLessThan(1);
  });

  it("needs half the group to be old accounts woken in the window (a group of new accounts is opened_together's)", () => {
    const rng = seededRandom(25);
    const few = Array.from({ length: 40 }, () => START + 8 * DAY + rng() * DAY);
    const o = wakeWorld({ few });
    // 40 woken accounts of a group of 100 (the other 60 opened in the window, or at work from its first day)
    expect(wakeOf(o, names('few', 40), 100)).toBeNull();
    expect(wakeOf(o, names('few', 40), 70)!.bits).toBeGreaterThan(4);
  });
});

describe('loadOpenings: which first requests are wakes', () => {
  const tmp = tempDir('dw-wakes-');
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await openWarehouse({ data: join(tmp.dir, 'data') });
  }, 60_000);
  afterAll(async () => {
    await wh?.close();
    tmp.cleanup();
  });

  it('takes an old account quiet for longer than its own pace, not one at work or coming back at its pace', async () => {
    const day = (d: number) => new Date(START + d * DAY).toISOString();
    // [account, opened, first request, last request, active days, requests]
    const rows: [string, string | null, number, number, number, number][] = [
      ['bought', day(-400), 9, 27, 15, 300], // quiet 9 days, then at work every day or two
      ['daily', day(-400), 0.1, 27, 28, 900], // at work when the window began
      ['pace', day(-400), 6, 27, 3, 9], // back every week or so: quiet 6 days at a pace of 10.5
      ['once', day(-400), 12, 12.1, 1, 4], // one day shows no pace
      ['fresh', day(5), 5, 27, 20, 400], // opened in the window: its first request is its sign-up
      ['idle', day(-400), 0, 0, 0, 0], // nothing sent
      ['unknown', null, 9, 27, 15, 300], // no record of its opening
    ];
    await wh.command(`CREATE TABLE ${T.acct} (account_id String, has_record Bool, created_at Nullable(DateTime64(3, 'UTC')), exchanges UInt64,
      first_ts DateTime64(3, 'UTC'), last_ts DateTime64(3, 'UTC'), active_days UInt32) ENGINE = MergeTree ORDER BY account_id`);
    await wh.command(
      `INSERT INTO ${T.acct} SELECT * FROM format(JSONEachRow, {rows:String})`,
      { rows: rows.map(([id, opened, first, last, days, n]) => JSON.stringify({ account_id: id, has_record: opened !== null, created_at: opened, exchanges: n, first_ts: day(first), last_ts: day(last), active_days: days })).join('\n') },
    );
    const o = await loadOpenings({ wh } as unknown as HuntContext);
    expect([...o.returnedAt.keys()].sort()).toEqual(['bought', 'daily', 'once', 'pace']);
    expect([...o.wokeAt.keys()]).toEqual(['bought']);
    expect(o.wokeAt.get('bought')).toBe(START + 9 * DAY);
    expect(Array.from(o.returns)).toEqual([0.1, 6, 9, 12].map((d) => START + d * DAY));
  });
});
