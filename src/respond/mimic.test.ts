import { describe, expect, it } from 'vitest';
import { HeaderShape, sameForm } from './mimic.js';

const pairs = (flat: string[]) => Array.from({ length: flat.length / 2 }, (_, i): [string, string] => [flat[2 * i]!, flat[2 * i + 1]!]);

describe('sameForm', () => {
  it('keeps a value\'s form and redraws what identifies it', () => {
    for (let i = 0; i < 50; i++) {
      const id = sameForm('req_3f9a0c1d2e4b5a6978c0d1e2');
      expect(id).toMatch(/^req_[0-9a-f]{24}$/);
      expect(id).not.toBe('req_3f9a0c1d2e4b5a6978c0d1e2');
      expect(sameForm('chatcmpl-AbC123xYz789QwErTy')).toMatch(/^chatcmpl-[A-Za-z0-9]{18}$/);
      expect(sameForm('8f1b2c3d4e5f6a7b-SJC')).toMatch(/^[0-9a-f]{16}-SJC$/);
      // A figure keeps its count of digits, no leading zero, and its unit.
      expect(sameForm('4999')).toMatch(/^[1-9][0-9]{3}$/);
      expect(sameForm('6ms')).toMatch(/^[0-9]ms$/);
    }
  });
});

describe('HeaderShape', () => {
  const answer = (id: string, ms: string) => ['Server', 'api', 'Openai-Version', '2020-10-01', 'X-Request-Id', id, 'Openai-Processing-Ms', ms, 'Content-Type', 'text/event-stream', 'Date', 'x'];

  it('gives nothing until the upstream has answered', () => {
    expect(new HeaderShape().headers()).toEqual([]);
  });

  it('copies only what two answers running showed unchanged, redraws the rest in its form, sets its own date', () => {
    const shape = new HeaderShape(1_000);
    shape.observe(200, answer('req_aaaaaaaaaaaa', '120'), 0);
    // One answer: nothing is known to be constant, so every value is redrawn in its form (letters of short runs kept).
    let h = new Map(pairs(shape.headers(5_000)));
    expect(h.get('Server')).toBe('api');
    expect(h.get('Openai-Version')).toMatch(/^[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}$/);
    expect(h.get('X-Request-Id')).toMatch(/^req_[0-9a-f]{12}$/);
    expect(h.get('X-Request-Id')).not.toBe('req_aaaaaaaaaaaa');
    expect(h.get('Openai-Processing-Ms')).toMatch(/^[1-9][0-9]{2}$/);
    expect(h.has('Content-Type')).toBe(false);
    expect(h.get('Date')).toBe(new Date(5_000).toUTCString());
    // A second answer within the second is not read; one after it shows the version constant, the timing changing.
    shape.observe(200, answer('req_bbbbbbbbbbbb', '120'), 500);
    shape.observe(200, answer('req_cccccccccccc', '340'), 1_500);
    for (let i = 0; i < 20; i++) {
      h = new Map(pairs(shape.headers()));
      expect(h.get('Openai-Version')).toBe('2020-10-01');
      expect(h.get('Openai-Processing-Ms')).toMatch(/^[1-9][0-9]{2}$/);
      expect(['req_aaaaaaaaaaaa', 'req_cccccccccccc']).not.toContain(h.get('X-Request-Id'));
    }
    // Once seen to change, a value is never copied again, even if two answers then agree.
    shape.observe(200, answer('req_dddddddddddd', '340'), 2_600);
    expect(new Set(Array.from({ length: 20 }, () => new Map(pairs(shape.headers())).get('Openai-Processing-Ms'))).size).toBeGreaterThan(1);
    // Headers keep the upstream's order.
    expect(pairs(shape.headers()).map(([k]) => k)).toEqual(['Server', 'Openai-Version', 'X-Request-Id', 'Openai-Processing-Ms', 'Date']);
  });

  it("prefers the upstream's own server errors, once it has sent one", () => {
    const shape = new HeaderShape(0);
    shape.observe(200, ['Server', 'api', 'Cache-Control', 'no-cache'], 0);
    shape.observe(429, ['Server', 'api', 'Retry-After', '20'], 1);
    expect(shape.headers()).toEqual(['Server', 'api']);
    shape.observe(500, ['Server', 'api', 'X-Error-Kind', 'server'], 2);
    shape.observe(200, ['Server', 'api'], 3);
    expect(pairs(shape.headers()).map(([k]) => k)).toEqual(['Server', 'X-Error-Kind']);
  });
});
