import fc from 'fast-check';
import { ValidationError } from '../../../src/domain/errors';
import { propertyEntry, unreadableEntry, validatePropertyJson } from '../../../src/domain/property-json';
import { MAX_JSON_DEPTH, MAX_VALUE_BYTES } from '../../../src/domain/property-rules';
import { jsonTreeArb, spell, styleArb, withBigNumbers } from '../json-texts';

describe('validatePropertyJson', () => {
  it.each([
    ['a 20-digit integer', '12345678901234567890', 20],
    ['a negative big integer', '-9007199254740993', 17],
    ['a long decimal', '0.1000000000000000055511151231257827', 36],
    ['exponents a double cannot hold', '[1e400,-1E-400]', 15],
    ['-0', '-0', 2],
    ['spacing and key order as typed', ' { "b" : 1 ,\n "a" : [ ] } \n', 27],
    ['escapes', '"\\u00e9\\ud800\\n\\/"', 18],
    ['raw non-ASCII, counted in UTF-8 bytes', '"ключ 😀"', 15],
    ['a repeated key (Jira accepts it; the last counts)', '{"a":1,"a":2}', 13],
    ['null', 'null', 4],
  ])('accepts %s, unchanged, with its UTF-8 bytes', (_name, json, bytes) => {
    expect(validatePropertyJson(json)).toEqual({ json, bytes });
  });

  it('accepts exactly 32,768 bytes and MAX_JSON_DEPTH levels', () => {
    expect(validatePropertyJson(`"${'я'.repeat(16_383)}"`).bytes).toBe(MAX_VALUE_BYTES);
    const deepest = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(validatePropertyJson(deepest).json).toBe(deepest);
  });

  it.each<[string, unknown, RegExp]>([
    ['not a string', { a: 1 }, /"json" must be a string/],
    ['a number, not its text', 1, /"json" must be a string/],
    ['empty', '', /required/],
    ['only whitespace', ' \r\n\t', /required/],
    ['32,769 bytes', `"${'x'.repeat(32_767)}"`, /32769 bytes as JSON; Jira allows at most 32768/],
    ['32,769 bytes of multi-byte text', `"${'я'.repeat(16_383)}x"`, /32769 bytes/],
    ['far too long, refused before it is encoded', 'x'.repeat(400_000), /at least 400000 bytes/],
    ['nested 101 deep', `${'['.repeat(101)}${']'.repeat(101)}`, /at most 100 deep/],
    ['nested 30,000 deep and unbalanced', '['.repeat(30_000), /at most 100 deep/],
    ['a raw lone surrogate', '"a\ud800b"', /lone surrogate/],
    ['single quotes', "'x'", /not valid JSON/],
    ['a trailing comma', '{"a":1,}', /not valid JSON/],
    ['a comment', '1 // one', /not valid JSON/],
    ['NaN', 'NaN', /not valid JSON/],
    ['a leading zero', '01', /not valid JSON/],
    ['a bad escape', '"\\x"', /not valid JSON/],
    ['a raw control character in a string', '"a\u0001"', /not valid JSON/],
    ['a byte order mark', '\ufeff1', /not valid JSON/],
    ['two values', '1 2', /not valid JSON/],
  ])('refuses %s', (_name, json, message) => {
    expect(() => validatePropertyJson(json)).toThrow(ValidationError);
    expect(() => validatePropertyJson(json)).toThrow(message);
  });

  it('names the field it checks', () => {
    expect(() => validatePropertyJson(1, 'expected.json')).toThrow(/"expected.json" must be a string/);
  });

  it('accepts what JSON.parse accepts, and keeps it as it is', () => {
    fc.assert(
      fc.property(jsonTreeArb.map(withBigNumbers), styleArb, (tree, style) => {
        const json = spell(tree, style);
        if (Buffer.byteLength(json) > MAX_VALUE_BYTES) return;
        expect(validatePropertyJson(json).json).toBe(json);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        let valid = true;
        try {
          validatePropertyJson(text);
        } catch {
          valid = false;
        }
        // Whitespace-only and raw lone surrogates aside, the same verdict as JSON.parse.
        if (!/^[\t\n\r ]*$/.test(text) && !/\p{Cs}/u.test(text)) expect(valid).toBe(parses);
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('propertyEntry', () => {
  it('keeps the exact text and counts its bytes, with no lossy parse beside it', () => {
    expect(propertyEntry('id', '{"id":12345678901234567890}')).toEqual({ key: 'id', json: '{"id":12345678901234567890}', bytes: 27 });
    expect(propertyEntry('é', '"\\u00E9"')).toEqual({ key: 'é', json: '"\\u00E9"', bytes: 8 });
    expect(Object.keys(propertyEntry('id', '1')).sort()).toEqual(['bytes', 'json', 'key']);
  });

  it('answers a text of any depth without parsing it', () => {
    const json = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(propertyEntry('deep', json)).toEqual({ key: 'deep', json, bytes: 200_000 });
  });

  it('answers an unreadable key with no text', () => {
    expect(unreadableEntry('..', 'why')).toEqual({ key: '..', json: 'null', bytes: 0, unreadable: 'why' });
  });
});
