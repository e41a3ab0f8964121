/**
 * The STIX 2.1 patterning language (pattern_grammar/STIXPattern.g4 of the OASIS schemas), as a small lexer
 * and recursive-descent parser: every pattern distillwatch writes is parsed back before it leaves, and every
 * pattern a peer sends is parsed before its comparisons are stored. The lexer follows ANTLR's rules (longest
 * match; on a tie, the rule defined first, so keywords win over identifiers); the parser follows the grammar's
 * rules and precedence (FOLLOWEDBY < OR < AND < qualified observation; OR < AND within a comparison).
 */

export type Literal =
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string }
  | { type: 'bool'; value: boolean }
  | { type: 'hex'; value: string }
  | { type: 'binary'; value: string }
  | { type: 'timestamp'; value: string };

export interface ObjectPath {
  objectType: string;
  /** The first property and the steps after it: names, list indices, or '*'. */
  steps: (string | number)[];
}

export type Comparison =
  | { kind: 'test'; path: ObjectPath; negated: boolean; op: string; value: Literal | Literal[] }
  | { kind: 'exists'; path: ObjectPath; negated: boolean }
  | { kind: 'and' | 'or'; left: Comparison; right: Comparison };

export type Qualifier = { kind: 'start-stop'; start: string; stop: string } | { kind: 'within'; seconds: number } | { kind: 'repeats'; times: number };

export type Observation =
  | { kind: 'observation'; comparison: Comparison }
  | { kind: 'and' | 'or' | 'followedby'; left: Observation; right: Observation }
  | { kind: 'qualified'; observation: Observation; qualifier: Qualifier };

export class PatternError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(`${message} at character ${at + 1}`);
  }
}

/** The keywords of the grammar, in its order (a test checks them against the grammar file). */
export const KEYWORDS = ['AND', 'OR', 'NOT', 'FOLLOWEDBY', 'LIKE', 'MATCHES', 'ISSUPERSET', 'ISSUBSET', 'EXISTS', 'LAST', 'IN', 'START', 'STOP', 'SECONDS', 'true', 'false', 'WITHIN', 'REPEATS', 'TIMES'] as const;

type TokType =
  | 'IntNeg' | 'IntPos' | 'FloatNeg' | 'FloatPos' | 'Hex' | 'Binary' | 'String' | 'Bool' | 'Timestamp'
  | (typeof KEYWORDS)[number]
  | 'IdNoHyphen' | 'IdHyphen' | 'EQ' | 'NEQ' | 'LT' | 'LE' | 'GT' | 'GE' | 'QUOTE' | 'COLON' | 'DOT' | 'COMMA'
  | 'RPAREN' | 'LPAREN' | 'RBRACK' | 'LBRACK' | 'PLUS' | 'HYPHEN' | 'POWER' | 'DIVIDE' | 'ASTERISK' | 'EOF';

interface Token {
  type: TokType;
  text: string;
  at: number;
}

const B64 = '[A-Za-z0-9+/]';
/** Lexer rules in the grammar's order (a tie in length goes to the earlier rule). */
const RULES: [TokType, RegExp][] = [
  ['IntNeg', /-(?:0|[1-9][0-9]*)/y],
  ['IntPos', /\+?(?:0|[1-9][0-9]*)/y],
  ['FloatNeg', /-[0-9]*\.[0-9]+/y],
  ['FloatPos', /\+?[0-9]*\.[0-9]+/y],
  ['Hex', /h'(?:[A-Fa-f0-9]{2})*'/y],
  ['Binary', new RegExp(`b'(?:${B64}{4})*(?:${B64}{4}|${B64}{3}=|${B64}{2}==)'`, 'y')],
  ['String', /'(?:[^'\\]|\\'|\\\\)*'/y],
  ['Bool', /true|false/y],
  ['Timestamp', /t'[0-9]{4}-(?:0[1-9]|1[012])-(?:0[1-9]|[12][0-9]|3[01])T(?:[01][0-9]|2[0-3]):[0-5][0-9]:(?:[0-5][0-9]|60)(?:\.[0-9]+)?Z'/y],
  ...KEYWORDS.map((k): [TokType, RegExp] => [k, new RegExp(k, 'y')]),
  ['IdNoHyphen', /[a-zA-Z_][a-zA-Z0-9_]*/y],
  ['IdHyphen', /[a-zA-Z_][a-zA-Z0-9_-]*/y],
  ['EQ', /==|=/y],
  ['NEQ', /!=|<>/y],
  ['LT', /</y],
  ['LE', /<=/y],
  ['GT', />/y],
  ['GE', />=/y],
  ['QUOTE', /'/y],
  ['COLON', /:/y],
  ['DOT', /\./y],
  ['COMMA', /,/y],
  ['RPAREN', /\)/y],
  ['LPAREN', /\(/y],
  ['RBRACK', /\]/y],
  ['LBRACK', /\[/y],
  ['PLUS', /\+/y],
  ['HYPHEN', /-/y],
  ['POWER', /\^/y],
  ['DIVIDE', /\//y],
  ['ASTERISK', /\*/y],
];
const SKIP = /(?:[ \t\r\n\u000B\u000C\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|\/\*[\s\S]*?\*\/|\/\/[^\r\n]*)/y;

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    SKIP.lastIndex = i;
    const s = SKIP.exec(src);
    if (s && s[0].length > 0) {
      i += s[0].length;
      continue;
    }
    let best: Token | undefined;
    for (const [type, re] of RULES) {
      re.lastIndex = i;
      const m = re.exec(src);
      if (m && m[0].length > 0 && (!best || m[0].length > best.text.length)) best = { type, text: m[0], at: i };
    }
    if (!best) throw new PatternError(`unexpected character ${JSON.stringify(src[i])}`, i);
    out.push(best);
    i += best.text.length;
  }
  out.push({ type: 'EOF', text: '', at: src.length });
  return out;
}

const unquote = (t: string) => t.slice(1, -1).replace(/\\(['\\])/g, '$1');

/** Parses a pattern; throws a PatternError naming the first token the grammar does not allow there. */
export function parsePattern(src: string): Observation {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p]!;
  const next = () => toks[p++]!;
  const accept = (...types: TokType[]) => (types.includes(peek().type) ? next() : undefined);
  const expect = (what: string, ...types: TokType[]) => {
    const t = accept(...types);
    if (!t) throw new PatternError(`expected ${what}, found ${peek().type === 'EOF' ? 'the end' : JSON.stringify(peek().text)}`, peek().at);
    return t;
  };

  const literal = (t: Token): Literal => {
    switch (t.type) {
      case 'IntPos':
      case 'IntNeg':
        return { type: 'int', value: Number(t.text) };
      case 'FloatPos':
      case 'FloatNeg':
        return { type: 'float', value: Number(t.text) };
      case 'String':
        return { type: 'string', value: unquote(t.text) };
      case 'Bool':
      case 'true':
      case 'false':
        return { type: 'bool', value: t.text === 'true' };
      case 'Hex':
        return { type: 'hex', value: t.text.slice(2, -1) };
      case 'Binary':
        return { type: 'binary', value: t.text.slice(2, -1) };
      case 'Timestamp':
        return { type: 'timestamp', value: t.text.slice(2, -1) };
      default:
        throw new PatternError(`expected a literal, found ${JSON.stringify(t.text)}`, t.at);
    }
  };
  const ORDERABLE: TokType[] = ['IntPos', 'IntNeg', 'FloatPos', 'FloatNeg', 'String', 'Binary', 'Hex', 'Timestamp'];
  const PRIMITIVE: TokType[] = [...ORDERABLE, 'Bool', 'true', 'false'];

  const objectPath = (): ObjectPath => {
    const objectType = expect('an object type', 'IdNoHyphen', 'IdHyphen').text;
    expect("':'", 'COLON');
    const first = expect('a property name', 'IdNoHyphen', 'String');
    const steps: (string | number)[] = [first.type === 'String' ? unquote(first.text) : first.text];
    for (;;) {
      if (accept('DOT')) {
        const k = expect('a property name', 'IdNoHyphen', 'String');
        steps.push(k.type === 'String' ? unquote(k.text) : k.text);
      } else if (peek().type === 'LBRACK' && ['IntPos', 'IntNeg', 'ASTERISK'].includes(toks[p + 1]?.type ?? 'EOF') && toks[p + 2]?.type === 'RBRACK') {
        next();
        const idx = next();
        next();
        steps.push(idx.type === 'ASTERISK' ? '*' : Number(idx.text));
      } else break;
    }
    return { objectType, steps };
  };

  const propTest = (): Comparison => {
    if (accept('LPAREN')) {
      const c = comparison();
      expect("')'", 'RPAREN');
      return c;
    }
    if (peek().type === 'EXISTS' || (peek().type === 'NOT' && toks[p + 1]?.type === 'EXISTS')) {
      const negated = !!accept('NOT');
      next();
      return { kind: 'exists', path: objectPath(), negated };
    }
    const path = objectPath();
    const negated = !!accept('NOT');
    const op = next();
    switch (op.type) {
      case 'EQ':
      case 'NEQ':
        return { kind: 'test', path, negated, op: op.type === 'EQ' ? '=' : '!=', value: literal(expect('a literal', ...PRIMITIVE)) };
      case 'GT':
      case 'LT':
      case 'GE':
      case 'LE':
        return { kind: 'test', path, negated, op: op.text, value: literal(expect('an orderable literal', ...ORDERABLE)) };
      case 'IN': {
        expect("'('", 'LPAREN');
        const values: Literal[] = [];
        if (!accept('RPAREN')) {
          do values.push(literal(expect('a literal', ...PRIMITIVE)));
          while (accept('COMMA'));
          expect("')'", 'RPAREN');
        }
        return { kind: 'test', path, negated, op: 'IN', value: values };
      }
      case 'LIKE':
      case 'MATCHES':
      case 'ISSUBSET':
      case 'ISSUPERSET':
        return { kind: 'test', path, negated, op: op.type, value: literal(expect('a string', 'String')) };
      default:
        throw new PatternError(`expected a comparison operator, found ${JSON.stringify(op.text)}`, op.at);
    }
  };
  const comparisonAnd = (): Comparison => {
    let left = propTest();
    while (accept('AND')) left = { kind: 'and', left, right: propTest() };
    return left;
  };
  const comparison = (): Comparison => {
    let left = comparisonAnd();
    while (accept('OR')) left = { kind: 'or', left, right: comparisonAnd() };
    return left;
  };

  const observation = (): Observation => {
    let o: Observation;
    if (accept('LBRACK')) {
      o = { kind: 'observation', comparison: comparison() };
      expect("']'", 'RBRACK');
    } else if (accept('LPAREN')) {
      o = observations();
      expect("')'", 'RPAREN');
    } else throw new PatternError(`expected '[' or '(', found ${peek().type === 'EOF' ? 'the end' : JSON.stringify(peek().text)}`, peek().at);
    for (;;) {
      if (accept('START')) {
        const start = literal(expect('a timestamp', 'Timestamp')).value as string;
        expect('STOP', 'STOP');
        o = { kind: 'qualified', observation: o, qualifier: { kind: 'start-stop', start, stop: literal(expect('a timestamp', 'Timestamp')).value as string } };
      } else if (accept('WITHIN')) {
        const n = Number(expect('a positive number', 'IntPos', 'FloatPos').text);
        expect('SECONDS', 'SECONDS');
        o = { kind: 'qualified', observation: o, qualifier: { kind: 'within', seconds: n } };
      } else if (accept('REPEATS')) {
        const n = Number(expect('a positive integer', 'IntPos').text);
        expect('TIMES', 'TIMES');
        o = { kind: 'qualified', observation: o, qualifier: { kind: 'repeats', times: n } };
      } else return o;
    }
  };
  const observationAnd = (): Observation => {
    let left = observation();
    while (accept('AND')) left = { kind: 'and', left, right: observation() };
    return left;
  };
  const observationOr = (): Observation => {
    let left = observationAnd();
    while (accept('OR')) left = { kind: 'or', left, right: observationAnd() };
    return left;
  };
  const observations = (): Observation => {
    let left = observationOr();
    while (accept('FOLLOWEDBY')) left = { kind: 'followedby', left, right: observationOr() };
    return left;
  };

  const result = observations();
  expect('the end of the pattern', 'EOF');
  return result;
}

/** A STIX string literal: quotes and backslashes escaped as the grammar's StringLiteral allows. */
export const stixString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** An object path in pattern syntax: components that are not plain identifiers are quoted. */
export function stixPath(objectType: string, ...steps: string[]): string {
  const part = (s: string) => (/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(s) ? s : stixString(s));
  return `${objectType}:${steps.map((s, i) => (i === 0 ? part(s) : `.${part(s)}`)).join('')}`;
}

/** The simple comparisons of a pattern joined only by OR, each of one property (what an indicator of one value is). */
export function orOfTests(o: Observation): Extract<Comparison, { kind: 'test' }>[] | null {
  const fromComparison = (c: Comparison): Extract<Comparison, { kind: 'test' }>[] | null => {
    if (c.kind === 'test') return c.negated ? null : [c];
    if (c.kind === 'or') {
      const l = fromComparison(c.left);
      const r = fromComparison(c.right);
      return l && r ? [...l, ...r] : null;
    }
    return null;
  };
  if (o.kind === 'observation') return fromComparison(o.comparison);
  if (o.kind === 'or') {
    const l = orOfTests(o.left);
    const r = orOfTests(o.right);
    return l && r ? [...l, ...r] : null;
  }
  return null;
}
