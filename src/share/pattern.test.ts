import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KEYWORDS, orOfTests, parsePattern, stixPath, stixString, tokenize } from './pattern.js';

const GRAMMAR = join(fileURLToPath(new URL('../../..', import.meta.url)), 'shared', 'stix2-json-schemas', 'pattern_grammar', 'STIXPattern.g4');

describe('STIX patterns', () => {
  it.skipIf(!existsSync(GRAMMAR))('knows exactly the keywords of the OASIS grammar file', () => {
    const g4 = readFileSync(GRAMMAR, 'utf8');
    const keywords = [...g4.matchAll(/^([A-Z]+)\s*:\s*'([A-Za-z]+)'\s*;/gm)].map((m) => m[2]);
    expect(keywords).toEqual([...KEYWORDS]);
  });

  it('parses the comparison forms distillwatch writes and the grammar allows', () => {
    for (const p of [
      "[ipv4-addr:value ISSUBSET '203.0.113.0/24']",
      '[autonomous-system:number = 14061]',
      "[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'claude-cli/1.0 (it\\'s \\\\ quoted)']",
      "[x-llm-api-request:system_prompt_hmac = 'ab12']",
      "[ipv4-addr:value = '1.2.3.4'] OR [ipv6-addr:value ISSUBSET '2001:db8::/48']",
      "([file:hashes.'SHA-256' = 'aa'] AND [file:size > 10]) FOLLOWEDBY [process:pid IN (1, 2, -3)] WITHIN 300 SECONDS",
      "[a:b[*].c NOT LIKE 'x%' AND EXISTS a:d] START t'2026-04-22T00:00:00Z' STOP t'2026-06-05T23:59:59.123Z' REPEATS 5 TIMES",
      "[x:y = h'0aff'] AND [x:z = b'AAAA'] AND [x:w = true] AND [x:v = 1.5]",
    ])
      expect(() => parsePattern(p), p).not.toThrow();
  });

  it('rejects what the grammar does not allow, saying where', () => {
    for (const [p, msg] of [
      ["ipv4-addr:value = '1.2.3.4'", /expected '\[' or '\('/],
      ["[ipv4-addr:value = '1.2.3.4'", /expected '\]'/],
      ["[ipv4-addr:value = '1.2.3.4]", /unexpected character|expected/],
      ["[ipv4-addr:value ISSUBSET 5]", /expected a string/],
      ["[ipv4-addr:value LIKE 'a'] AND", /expected '\[' or '\('/],
      ["[user-account:user-id = 'x']", /expected a comparison operator|expected/],
      ["[a:b = 'x'] WITHIN -5 SECONDS", /expected a positive number/],
      ["[a:b = 'x'] [a:c = 'y']", /expected the end/],
    ] as [string, RegExp][]) {
      expect(() => parsePattern(p), p).toThrow(msg);
    }
  });

  it('tokenizes as ANTLR does: longest match, keywords before identifiers', () => {
    expect(tokenize('AND ANDROID ipv4-addr h\'00\' -5 -').map((t) => t.type)).toEqual(['AND', 'IdNoHyphen', 'IdHyphen', 'Hex', 'IntNeg', 'HYPHEN', 'EOF']);
  });

  it('round-trips values through the quoting it writes', () => {
    const ua = "Mozilla/5.0 'quoted' \\ back";
    const tests = orOfTests(parsePattern(`[${stixPath('network-traffic', 'extensions', 'http-request-ext', 'request_header', 'User-Agent')} = ${stixString(ua)}]`));
    expect(tests?.[0]?.value).toEqual({ type: 'string', value: ua });
    expect(tests?.[0]?.path.steps).toEqual(['extensions', 'http-request-ext', 'request_header', 'User-Agent']);
    expect(orOfTests(parsePattern("[a:b = 'x'] AND [a:c = 'y']"))).toBeNull();
  });
});
