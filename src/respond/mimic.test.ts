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
  const answer = (id: string, ms: string) => ['Server', 'api', 'X-Request-Id', id, 'Openai-Processing-Ms', ms, 'Content-Type', 'text/event-stream', 'Date', 'x'];

  it('gives nothing until the upstream has answered', () => {
    expect(new HeaderShape().headers()).toEqual([]);
  });

  it('copies what stays the same, redraws ids at once and what changed between two answers, sets its own date', () => {
    const shape = new HeaderShape(1_000);
    shape.observe(200, answer('req_aaaaaaaaaaaa', '120'), 0);
    // One answer: the id is redrawn by its name, the timing copied (it has not been seen to change).
    let h = new Map(pairs(shape.headers(5_000)));
    expect(h.get('Server')).toBe('api');
    expect(h.get('X-Request-Id')).toMatch(/^req_[0-9a-f]{12}$/);
    expect(h.get('X-Request-Id')).not.toBe('req_aaaaaaaaaaaa');
    expect(h.get('Openai-Processing-Ms')).toBe('120');
    expect(h.has('Content-Type')).toBe(false);
    expect(h.get('Date')).toBe(new Date(5_000).toUTCString());
    // A second answer within the second is not read; one after it shows the timing changes.
    shape.observe(200, answer('req_bbbbbbbbbbbb', '340'), 500);
    expect(new Map(pairs(shape.headers())).get('Openai-Processing-Ms')).toBe('120');
    shape.observe(200, answer('req_cccccccccccc', '340'), 1_500);
    shape.observe(200, answer('req_dddddddddddd', '95'), 2_600);
    h = new Map(pairs(shape.headers()));
    expect(h.get('Openai-Processing-Ms')).toMatch(/^[1-9][0-9]$/);
    expect(['req_aaaaaaaaaaaa', 'req_cccccccccccc', 'req_dddddddddddd']).not.toContain(h.get('X-Request-Id'));
    // Headers keep the upstream's order.
    expect(pairs(shape.headers()).map(([k]) => k)).toEqual(['Server', 'X-Request-Id', 'Openai-Processing-Ms', 'Date']);
  });

  it("prefers the upstream's own server errors, once it has sent one", () => {
    const shape = new HeaderShape(0);
    shape.observe(200, ['Server', 'api', 'Cache-Control', 'no-cache'], 0);
    shape.observe(429, ['Server', 'api', 'Retry-After', '20'], 1);
    expect(shape.headers()).toEqual(['Server', 'api']);
    shape.observe(500, ['Server', 'api', 'X-Error-Kind', 'server'], 2);
    shape.observe(200, ['Server', 'api'], 3);
    expect(shape.headers()).toEqual(['Server', 'api', 'X-Error-Kind', 'server']);
  });
});
