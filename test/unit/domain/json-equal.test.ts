import fc from 'fast-check';
import { parse } from 'lossless-json';
import { exactDecimal, jsonEqual, jsonTextEqual, MAX_COMPARED_DEPTH } from '../../../src/domain/json-equal';
import { jsonNestingDepth } from '../../../src/domain/json-text';
import { jsonTreeArb, PLAIN, spell, styleArb, withBigNumbers, withOneDigitChanged } from '../json-texts';

describe('exactDecimal', () => {
  it.each([
    ['0', '0'],
    ['-0', '0'],
    ['-0.000e-7', '0'],
    ['1', '1e0'],
    ['1.0', '1e0'],
    ['1e2', '1e2'],
    ['100', '1e2'],
    ['100.00', '1e2'],
    ['1.50e1', '15e0'],
    ['150e-1', '15e0'],
    ['-0.001', '-1e-3'],
    ['12345678901234567890', '1234567890123456789e1'],
    ['1e99999999999999999999', '1e99999999999999999999'],
  ])('%s → %s', (number, canonical) => {
    expect(exactDecimal(number)).toBe(canonical);
  });

  it('refuses what is not a JSON number', () => {
    for (const text of ['', '01', '+1', '.5', '1.', '1e', 'NaN', '0x10']) expect(() => exactDecimal(text)).toThrow(SyntaxError);
  });
});

describe('jsonTextEqual', () => {
  it.each([
    ['key order', '{"a":1,"b":{"c":[1,2],"d":null}}', '{"b":{"d":null,"c":[1,2]},"a":1}'],
    ['whitespace', '[1,{"a":true}]', ' [ 1 ,\n\t{ "a" : true } ]\r\n'],
    ['1.0 and 1', '1.0', '1'],
    ['1e2 and 100', '1e2', '100'],
    ['-0 and 0', '-0', '0'],
    ['-0.0 and 0e10', '-0.0', '0e10'],
    ['escapes and characters', '"\\u00e9\\/\\n"', '"é/\\u000A"'],
    ['surrogate escapes and the character', '"\\uD83D\\uDE00"', '"😀"'],
    ['a repeated key, the last one counting (as JSON.parse and Jira read it)', '{"a":1,"a":2}', '{"a":2}'],
    ['big integers with the same digits', '12345678901234567890', '1.2345678901234567890e19'],
  ])('equal: %s', (_name, a, b) => {
    expect(jsonTextEqual(a, b)).toBe(true);
    expect(jsonTextEqual(b, a)).toBe(true);
  });

  it.each([
    ['one digit past double precision', '12345678901234567890', '12345678901234567891'],
    ['a negative big integer and its double', '-9007199254740993', '-9007199254740992'],
    ['a long decimal and its double', '0.1000000000000000055511151231257827', '0.1'],
    ['exponents past a double', '1e400', '2e400'],
    ['tiny exponents past a double', '1e-400', '0'],
    ['array order', '[1,2]', '[2,1]'],
    ['a missing member', '{"a":1,"b":2}', '{"a":1}'],
    ['a member null or missing', '{"a":null}', '{}'],
    ['a number and a string', '1', '"1"'],
    ['0 and false', '0', 'false'],
    ['null and false', 'null', 'false'],
    ['an array and an object', '[]', '{}'],
    ['precomposed and combining characters (no normalisation)', '"\u00e9"', '"e\u0301"'],
    ['a lone surrogate and another', '"\\ud800"', '"\\udbff"'],
    ['invalid JSON', '{a:1}', '{"a":1}'],
    ['different depths', '[[1]]', '[1]'],
  ])('differ: %s', (_name, a, b) => {
    expect(jsonTextEqual(a, b)).toBe(false);
    expect(jsonTextEqual(b, a)).toBe(false);
  });

  it('compares texts deeper than lossless-json could parse without overflowing the stack', () => {
    const deep = (n: number, inner = '') => `${'['.repeat(n)}${inner}${']'.repeat(n)}`;
    expect(jsonTextEqual(deep(16_000), deep(16_000))).toBe(true); // identical
    expect(jsonTextEqual(deep(16_000), deep(15_999))).toBe(false); // different depths: no parse
    expect(jsonTextEqual(deep(16_000, '1'), deep(16_000, '1.0'))).toBe(false); // too deep to parse: only identical texts
    expect(jsonTextEqual(deep(MAX_COMPARED_DEPTH, '1'), deep(MAX_COMPARED_DEPTH, ' 1.0 '))).toBe(true);
  });

  it('holds for any value in any two spellings, and a changed digit is always seen', () => {
    fc.assert(
      fc.property(jsonTreeArb.map(withBigNumbers), styleArb, styleArb, (tree, one, other) => {
        const a = spell(tree, one);
        const b = spell(tree, other);
        JSON.parse(a); // valid JSON, as strict as JSON.parse
        expect(jsonTextEqual(a, b)).toBe(true);
        const changed = withOneDigitChanged(tree);
        if (changed) expect(jsonTextEqual(a, spell(changed, other))).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with JSON.parse equality on values a double holds exactly', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.jsonValue({ maxDepth: 4 }), (a, b) => {
        expect(jsonTextEqual(JSON.stringify(a), JSON.stringify(b))).toBe(jsonEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b))));
        expect(jsonTextEqual(JSON.stringify(a), JSON.stringify(a, null, 2))).toBe(true);
      }),
    );
  });
});

describe('jsonEqual (parsed values)', () => {
  it('ignores key order and compares arrays in order', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: undefined }, {})).toBe(false);
    expect(jsonEqual(-0, 0)).toBe(true);
    expect(jsonEqual(1, '1')).toBe(false);
  });

  it('compares LosslessNumbers by exact value, never as doubles', () => {
    expect(jsonEqual(parse('[1.0,1e2]'), parse('[1,100]'))).toBe(true);
    expect(jsonEqual(parse('12345678901234567890'), parse('12345678901234567891'))).toBe(false);
    expect(jsonEqual(parse('1'), 1)).toBe(false);
  });

  it('walks any depth without recursion', () => {
    const deep = JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`);
    expect(jsonEqual(deep, JSON.parse(`${'['.repeat(20_000)}${']'.repeat(20_000)}`))).toBe(true);
  });
});

describe('jsonNestingDepth', () => {
  it.each([
    ['1', 0],
    ['[]', 1],
    ['{"a":[{"b":[]}]}', 4],
    ['"[[[{"', 0],
    ['"\\"[["', 0],
    ['[["]"]]', 2],
    ['[[[', 3], // counted as they open, like a streaming parser
  ])('%s nests %i deep', (text, depth) => {
    expect(jsonNestingDepth(text)).toBe(depth);
  });

  it('stops once past the limit', () => {
    expect(jsonNestingDepth('['.repeat(1_000_000), 100)).toBe(101);
    expect(jsonNestingDepth(spell({ kind: 'array', items: [] }, PLAIN), 0)).toBe(1);
  });
});
