import fc from 'fast-check';
import { memberText } from '../../../src/jira/json';
import { jsonTreeArb, PLAIN, spell, styleArb, withBigNumbers } from '../json-texts';

describe('memberText (the value\'s text in Jira\'s GET answer)', () => {
  it.each([
    ['Jira\'s shape', '{"key":"theme","value":12345678901234567890}', '12345678901234567890'],
    ['value first, self after', '{"value":[1.0,-0],"key":"k","self":"https://x/y"}', '[1.0,-0]'],
    ['whitespace around the value left out, kept inside', '{ "key" : "k" , "value" :\n { "a" : 1e400 } \n}', '{ "a" : 1e400 }'],
    ['brackets and the name inside strings', '{"key":"{\\"value\\":1}","value":{"value":"]}[{","x":"\\\\"}}', '{"value":"]}[{","x":"\\\\"}'],
    ['an escaped member name', '{"key":"k","\\u0076alue":"\\u00C9"}', '"\\u00C9"'],
    ['a repeated name: the last, as JSON.parse reads it', '{"value":1,"key":"k","value":2}', '2'],
    ['a string', '{"value":"a\\"b"}', '"a\\"b"'],
    ['literals', '{"value":null}', 'null'],
  ])('%s', (_name, text, expected) => {
    JSON.parse(text);
    expect(memberText(text, 'value')).toBe(expected);
  });

  it.each([
    ['no such member', '{"key":"k"}'],
    ['an empty object', '{}'],
    ['not an object', '[{"value":1}]'],
    ['a nested member only', '{"key":{"value":1}}'],
    ['text after the object', '{"value":1} x'],
    ['an unterminated value', '{"value":[1,2'],
    ['no value after the colon', '{"value":}'],
    ['an unterminated string', '{"value":"abc'],
  ])('undefined for %s', (_name, text) => {
    expect(memberText(text, 'value')).toBeUndefined();
  });

  it('cuts out any value in any spelling exactly, at any depth the answer can hold', () => {
    fc.assert(
      fc.property(jsonTreeArb.map(withBigNumbers), styleArb, fc.constantFrom('', ' ', '\n  '), (tree, style, ws) => {
        const json = spell(tree, style);
        const answer = `{${ws}"key"${ws}:${ws}${spell({ kind: 'string', value: 'k"}' }, PLAIN)},${ws}"value"${ws}:${ws}${json}${ws},"self":"s"}`;
        expect(memberText(answer, 'value')).toBe(json);
      }),
      { numRuns: 300 },
    );
    const deep = `${'['.repeat(16_384)}${']'.repeat(16_384)}`;
    expect(memberText(`{"key":"k","value":${deep}}`, 'value')).toBe(deep);
  });
});
