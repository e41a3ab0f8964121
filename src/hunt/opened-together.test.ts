import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/rng.js';
import { openedTogether, openingsOf, type Openings } from './opened-together.js';

const DAY = 86_400_000;
const START = Date.UTC(2026, 3, 1);

// 4,000 customers opened over three years at a steady rate (seeded), then groups added to them.
function world(groups: Record<string, number[]>): Openings {
  const rng = seededRandom(7);
  const at = new Map<string, number>();
  for (let i = 0; i < 4000; i++) at.set(`c${i}`, START - rng() * 3 * 365 * DAY);
  for (const [name, times] of Object.entries(groups)) times.forEach((t, i) => at.set(`${name}${i}`, t));
  return { at, sorted: Float64Array.from(at.values()).sort(), horizon: START - 60 * DAY };
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
