import { knownKeyOwner } from '../../../src/domain/known-keys';
import { diffJson } from '../../../src/frontend/admin/editor/json-diff';
import { LosslessNumber } from 'lossless-json';
import { editableJson, firstInexactNumber, parseJsonText, previewJson } from '../../../src/frontend/shared/json-text';
import { parseLossless } from '../../../src/domain/json-text';

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

  test('valid JSON answers the text to send (whitespace between tokens removed), its UTF-8 bytes and a lossless tree', () => {
    expect(parseJsonText('{\n  "name": "Дмитрий 🛠"\n}')).toEqual({ ok: true, json: '{"name":"Дмитрий 🛠"}', tree: { name: 'Дмитрий 🛠' }, bytes: 30 });
    expect(parseJsonText('null')).toEqual({ ok: true, json: 'null', tree: null, bytes: 4 });
    const big = parseJsonText('{ "id" : 12345678901234567890, "p": 19.90, "z": -0, "e": 1E400, "s": "\\u00e9" }');
    expect(big).toMatchObject({ ok: true, json: '{"id":12345678901234567890,"p":19.90,"z":-0,"e":1E400,"s":"\\u00e9"}' });
    expect(big.ok && big.tree).toEqual({ id: new LosslessNumber('12345678901234567890'), p: new LosslessNumber('19.90'), z: new LosslessNumber('-0'), e: new LosslessNumber('1E400'), s: 'é' });
  });

  test('a text nested deeper than the app writes is refused by a scan, before any parser recurses', () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    expect(parseJsonText(deep)).toEqual({ ok: false, message: 'Objects and arrays may be nested at most 100 deep.' });
    expect(parseJsonText(`${'['.repeat(100)}${']'.repeat(100)}`)).toMatchObject({ ok: true });
  });

  test('a stored text is shown laid out, every token as Jira holds it, non-ASCII escapes as the characters', () => {
    const stored = '{"id":12345678901234567890,"ratio":0.1000000000000000055511151231257827,"name":"\\u00c9mile","list":[1.0,-0,{}]}';
    expect(editableJson(stored)).toBe(
      '{\n  "id": 12345678901234567890,\n  "ratio": 0.1000000000000000055511151231257827,\n  "name": "Émile",\n  "list": [\n    1.0,\n    -0,\n    {}\n  ]\n}',
    );
    const back = parseJsonText(editableJson(stored));
    expect(back.ok && back.json).toBe(stored.replace('\\u00c9', 'É'));
    expect(back.ok && back.tree).toEqual(parseLossless(stored));
  });

  test('previews are one line of the exact text, cut with an ellipsis', () => {
    expect(previewJson('{ "a" : 12345678901234567890 }')).toBe('{"a":12345678901234567890}');
    const long = previewJson(JSON.stringify({ text: 'x'.repeat(100) }), 20);
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

  test('numbers compare by exact value: a change past double precision is a change, a respelling is not', () => {
    const tree = (text: string) => parseLossless(text);
    expect(diffJson(tree('{"id":12345678901234567890,"n":1}'), tree('{"id":12345678901234567891,"n":1.0}'))).toEqual({ added: [], removed: [], changed: ['id'] });
    expect(diffJson(tree('[1e2,-0]'), tree('[100,0]'))).toEqual({ added: [], removed: [], changed: [] });
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

describe('firstInexactNumber', () => {
  test('names the first number a double cannot hold, as written, at any depth; none for exact ones', () => {
    const tree = (text: string) => parseLossless(text);
    expect(firstInexactNumber(tree('{"a":[1,19.90,-0,1e2],"b":{"c":0.5}}'))).toBeUndefined();
    expect(firstInexactNumber(tree('{"a":[1,{"b":[12345678901234567890]}],"c":1e400}'))).toBe('12345678901234567890');
    expect(firstInexactNumber(tree('[0.1000000000000000055511151231257827]'))).toBe('0.1000000000000000055511151231257827');
    expect(firstInexactNumber(tree('"12345678901234567890"'))).toBeUndefined();
  });
});
