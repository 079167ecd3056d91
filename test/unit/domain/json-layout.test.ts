import fc from 'fast-check';
import { formatJsonText, MAX_FORMATTED_DEPTH, minifyJsonText, readableEscapes } from '../../../src/domain/json-layout';
import { jsonTextEqual } from '../../../src/domain/json-equal';
import { jsonTreeArb, spell, styleArb, withBigNumbers } from '../json-texts';

/** A text's tokens, whitespace between them dropped: what a layout must keep. */
const tokens = (text: string) => minifyJsonText(text);

describe('formatJsonText and minifyJsonText change only whitespace between tokens', () => {
  test('the layout JSON.stringify(value, null, 2) gives, with each token as written', () => {
    const text = '{"id":12345678901234567890,"r":0.1000000000000000055511151231257827,"e":[1E400,-0,1.0],"s":"\\u00e9 \\"x\\"","o":{},"a":[]}';
    expect(formatJsonText(text)).toBe(
      '{\n  "id": 12345678901234567890,\n  "r": 0.1000000000000000055511151231257827,\n  "e": [\n    1E400,\n    -0,\n    1.0\n  ],\n  "s": "\\u00e9 \\"x\\"",\n  "o": {},\n  "a": []\n}',
    );
    expect(minifyJsonText(formatJsonText(text))).toBe(text);
    expect(minifyJsonText(' \t\n 12345678901234567890 \r\n')).toBe('12345678901234567890');
  });

  test('for generated texts with big numbers, escapes and any spacing, tokens and meaning survive both', () => {
    fc.assert(
      fc.property(jsonTreeArb.map(withBigNumbers), styleArb, (tree, style) => {
        const text = spell(tree, style);
        const formatted = formatJsonText(text);
        expect(tokens(formatted)).toBe(tokens(text));
        expect(minifyJsonText(text)).toBe(tokens(text));
        expect(jsonTextEqual(formatted, text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test('a text nested past the formatted depth stays on one line (indentation would grow with the square of the depth)', () => {
    const deep = `${'[ '.repeat(MAX_FORMATTED_DEPTH + 1)}1${' ]'.repeat(MAX_FORMATTED_DEPTH + 1)}`;
    expect(formatJsonText(deep)).toBe(`${'['.repeat(MAX_FORMATTED_DEPTH + 1)}1${']'.repeat(MAX_FORMATTED_DEPTH + 1)}`);
  });
});

describe('readableEscapes', () => {
  test('writes escapes of visible non-ASCII characters as the characters, surrogate pairs included', () => {
    expect(readableEscapes('{"name":"\\u00c9mile \\u65e5\\u672c \\ud83d\\ude00"}')).toBe('{"name":"Émile 日本 😀"}');
  });

  test('keeps every other escape: ASCII, quotes, controls, invisible and bidi characters, lone surrogates, escaped backslashes', () => {
    const kept = '["\\u0041 \\u0022 \\" \\\\ \\n \\u0000 \\u200e \\u200b \\u00a0 \\ufeff \\ud800 \\udc00x", "\\\\u00e9"]';
    expect(readableEscapes(kept)).toBe(kept);
  });

  test('touches strings only (keys included) and keeps the meaning of any generated text', () => {
    expect(readableEscapes('{"\\u00e9":1e5}')).toBe('{"é":1e5}');
    fc.assert(
      fc.property(jsonTreeArb.map(withBigNumbers), styleArb, (tree, style) => {
        const text = spell(tree, style);
        const readable = readableEscapes(text);
        expect(jsonTextEqual(readable, text)).toBe(true);
        expect(readable.length).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 300 },
    );
  });
});
