import { displayKey } from '../../../src/domain/key-display';

describe('displayKey', () => {
  it('shows an ordinary key as it is', () => {
    expect(displayKey('costCenter')).toEqual({ text: 'costCenter' });
    expect(displayKey('a/b?c#d')).toEqual({ text: 'a/b?c#d' });
  });

  it.each<[string, string, string, RegExp]>([
    ['a zero-width joiner', 'cost\u200dCenter', 'cost\\u{200D}Center', /invisible/],
    ['a tag character (outside the BMP)', 'cost\u{E0041}Center', 'cost\\u{E0041}Center', /invisible/],
    ['a bidi override', 'a\u202eb', 'a\\u{202E}b', /invisible|direction/],
    ['a newline', 'a\nb', 'a\\u{000A}b', /control/],
    ['"a..b"', 'a..b', 'a..b', /"\.\."/],
    ['only spaces', '   ', '   ', /spaces/],
  ])('marks a key with %s as unusual and spells out what cannot be seen', (_name, key, text, reason) => {
    const shown = displayKey(key);
    expect(shown.text).toBe(text);
    expect(shown.unusual).toMatch(/^The app would not create this key: it /);
    expect(shown.unusual).toMatch(reason);
  });
});
