import { describe, expect, it } from 'vitest';
import { ordinaryRate } from './sweep.js';

describe('ordinaryRate', () => {
  it("is a network's mean openings a day, with half an opening of prior", () => {
    // 12 openings on 9 of 20 days: the customers of a cloud range.
    expect(ordinaryRate([1, 2, 1, 1, 2, 1, 1, 2, 1], 20)).toBeCloseTo(12.5 / 20, 10);
    expect(ordinaryRate([], 30)).toBeCloseTo(0.5 / 30, 10);
  });

  it("leaves out a day the mean cannot explain: an operation's stock opened on a day it did not own", () => {
    // One customer's account in the window, and 25 unused accounts on the day after the operation's last openings.
    expect(ordinaryRate([1, 25], 14)).toBeCloseTo(1.5 / 13, 10);
    // (a busy day of a busy network is what it does)
    expect(ordinaryRate([3, 1, 2, 4, 1, 2, 3, 2, 1, 3], 12)).toBeCloseTo(22.5 / 12, 10);
  });
});
