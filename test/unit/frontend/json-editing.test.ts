import { knownKeyOwner } from '../../../src/domain/known-keys';
import { diffJson } from '../../../src/frontend/admin/editor/json-diff';
import { formatJson, minifyJson, parseJsonText, previewJson } from '../../../src/frontend/admin/editor/json-text';

describe('parseJsonText', () => {
  test.each([
    ['{"a": tru}', 1, 7, 'Unexpected character'],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, 'Expected ","'],
    ['[1, 2,]', 1, 7, 'Expected a value'],
    ['{"a": 1} 2', 1, 10, 'Unexpected text after the value'],
    ['{"a": 1 // note\n}', 1, 9, 'Comments are not allowed in JSON'],
    ["{'a': 1}", 1, 2, 'Unexpected character'],
  ])('%j fails at line %i, column %i', (text, line, column, message) => {
    expect(parseJsonText(text)).toEqual({ ok: false, message, line, column });
  });

  test('empty text asks for a value', () => {
    expect(parseJsonText('  \n')).toMatchObject({ ok: false, message: expect.stringContaining('Enter a JSON value') });
  });

  test('valid JSON answers its value and the bytes Jira will count (compact, UTF-8)', () => {
    expect(parseJsonText('{\n  "name": "Дмитрий 🛠"\n}')).toEqual({ ok: true, value: { name: 'Дмитрий 🛠' }, bytes: 30 });
    expect(parseJsonText('null')).toEqual({ ok: true, value: null, bytes: 4 });
  });

  test('format and minify round-trip', () => {
    const value = { a: [1, { b: null }], c: 'x' };
    expect(JSON.parse(formatJson(value))).toEqual(value);
    expect(formatJson(value)).toContain('\n  "a": [');
    expect(minifyJson(value)).toBe('{"a":[1,{"b":null}],"c":"x"}');
  });

  test('previews are one line and cut with an ellipsis', () => {
    expect(previewJson({ a: 1 })).toBe('{"a":1}');
    const long = previewJson({ text: 'x'.repeat(100) }, 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('diffJson', () => {
  test('names added, removed and changed paths, nested and in arrays', () => {
    const before = { theme: 'dark', notifications: { email: true, digest: 'daily' }, pins: [1, 2, 3], 'odd key': 1 };
    const after = { theme: 'light', notifications: { email: true, sms: false }, pins: [1, 5], 'odd key': 2 };
    expect(diffJson(before, after)).toEqual({
      added: ['notifications.sms'],
      removed: ['notifications.digest', 'pins[2]'],
      changed: ['theme', 'pins[1]', '["odd key"]'],
    });
  });

  test('equal values (key order aside) have no changes; a type change is a change of the whole value', () => {
    expect(diffJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toEqual({ added: [], removed: [], changed: [] });
    expect(diffJson({ a: 1 }, [1])).toEqual({ added: [], removed: [], changed: ['(the whole value)'] });
  });
});

test.each([
  ['navigation_next_ui_state', 'Jira navigation'],
  ['onboarding', 'Jira onboarding'],
  ['jira.user.locale', 'Jira'],
  ['com.atlassian.jira.mobile.settings', 'an Atlassian product'],
  ['myapp.preferences', undefined],
  ['onboarding2', undefined],
])('knownKeyOwner(%s) is %s', (key, owner) => {
  expect(knownKeyOwner(key)).toBe(owner);
});
