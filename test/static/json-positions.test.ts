import Ajv from 'ajv';
import { firstSyntaxProblem, lineColumnAt, locateInstance, pointerToSegments } from '../../static/json-editor/src/json-positions';

/** Line and column of the first problem of a text, with the message. */
function syntaxAt(text: string) {
  const problem = firstSyntaxProblem(text);
  return problem && { ...lineColumnAt(text, problem.from), message: problem.message };
}

describe('lineColumnAt', () => {
  test.each([
    ['abc', 0, { line: 1, column: 1 }],
    ['abc', 3, { line: 1, column: 4 }],
    ['a\nbc', 2, { line: 2, column: 1 }],
    ['a\nbc', 3, { line: 2, column: 2 }],
    ['a\r\nbc', 3, { line: 2, column: 1 }],
    ['a\rbc', 2, { line: 2, column: 1 }],
    ['a\n\n\nb', 4, { line: 4, column: 1 }],
    // UTF-16 code units, as JavaScript and CodeMirror count: the emoji takes two columns.
    ['"😀"x', 4, { line: 1, column: 5 }],
  ])('%j at %i', (text, offset, expected) => {
    expect(lineColumnAt(text, offset)).toEqual(expected);
  });
});

describe('firstSyntaxProblem', () => {
  test('valid JSON has none, including what jsonc-parser and JSON.parse both accept at the edges', () => {
    for (const text of ['{}', '[]', '0', '-0', '1E+2', '"\\ud800"', ' {"a": [1, {"b": null}]} ', '{"a":1,"a":2}']) {
      expect(firstSyntaxProblem(text)).toBeUndefined();
    }
  });

  test.each([
    ['', { line: 1, column: 1 }, /end of the text/],
    ['{\n  "theme": "dark",\n  "x": }', { line: 3, column: 8 }, /Expected a value, found "}"/],
    ['{"a": 1,}', { line: 1, column: 8 }, /Trailing commas/],
    ['[1, 2,\n]', { line: 1, column: 6 }, /Trailing commas/],
    ['{\n  "a": 1\n  "b": 2\n}', { line: 3, column: 3 }, /Expected ',' or a closing bracket, found "\\"b\\""/],
    ['{"a" 1}', { line: 1, column: 6 }, /Expected ':'/],
    ['{a: 1}', { line: 1, column: 2 }, /Unexpected "a"/],
    ["{'a': 1}", { line: 1, column: 2 }, /double quotes/],
    ['True', { line: 1, column: 1 }, /lower case/],
    ['{"a": "abc', { line: 1, column: 11 }, /Unterminated string/],
    // The exact character, not the start of the string token.
    ['{"a": "ab\tc"}', { line: 1, column: 10 }, /Control characters/],
    ['{\n  "a": "x\\q"\n}', { line: 2, column: 10 }, /Invalid escape/],
    ['"\\u12G4"', { line: 1, column: 2 }, /four hexadecimal digits/],
    ['[1.]', { line: 1, column: 2 }, /Invalid number "1."/],
    ['{"a": 1}}', { line: 1, column: 9 }, /after the end of the JSON value/],
    ['// note\n{}', { line: 1, column: 1 }, /Comments are not allowed/],
    ['{', { line: 1, column: 2 }, /'}' is missing/],
    ['[1', { line: 1, column: 3 }, /']' is missing/],
  ])('%j → %j', (text, position, message) => {
    const problem = syntaxAt(text);
    expect(problem).toMatchObject(position);
    expect(problem?.message).toMatch(message);
  });

  test('the range covers the offending token', () => {
    expect(firstSyntaxProblem('{"a": tru}')).toMatchObject({ from: 6, to: 9 });
    expect(firstSyntaxProblem('{"a": }')).toMatchObject({ from: 6, to: 7 });
  });

  test('JSON.parse decides validity: whatever it refuses gets a problem, whatever it accepts gets none', () => {
    const samples = ['{"a":[1,2,3]}', '{"a":[1,2,3}', '[,]', '{"a":-}', '{"a":01}', '"\u0001"', '\ufeff{}', '{"a":NaN}', '1 2', '{"a":"\\u00e9"}'];
    for (const text of samples) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect({ text, problem: firstSyntaxProblem(text) !== undefined }).toEqual({ text, problem: !parses });
    }
  });
});

describe('pointerToSegments', () => {
  test.each([
    ['', []],
    ['/theme', ['theme']],
    ['/a~1b/0/c~0d', ['a/b', '0', 'c~d']],
    ['#', []],
    ['#/theme', ['theme']],
    // @cfworker/json-schema's instanceLocation: escaped, then encodeURI'd.
    ['#/a~1b/a%20b/%C3%A9', ['a/b', 'a b', 'é']],
    ['/', ['']],
  ])('%j', (pointer, segments) => {
    expect(pointerToSegments(pointer)).toEqual(segments);
  });
});

describe('locateInstance', () => {
  const text = '{\n  "theme": "dark",\n  "list": [1, {"deep": true}],\n  "a/b": null\n}';
  const at = (segments: string[], target: 'value' | 'key' = 'value') => {
    const range = locateInstance(text, segments, target);
    return { ...lineColumnAt(text, range.from), text: text.slice(range.from, range.to) };
  };

  test('values, keys, array items and escaped names', () => {
    expect(at(['theme'])).toEqual({ line: 2, column: 12, text: '"dark"' });
    expect(at(['theme'], 'key')).toEqual({ line: 2, column: 3, text: '"theme"' });
    expect(at(['list', '1', 'deep'])).toEqual({ line: 3, column: 24, text: 'true' });
    expect(at(['a/b'])).toEqual({ line: 4, column: 10, text: 'null' });
  });

  test('an object or array marks only its opening bracket', () => {
    expect(at([])).toEqual({ line: 1, column: 1, text: '{' });
    expect(at(['list'])).toEqual({ line: 3, column: 11, text: '[' });
  });

  test('a path the text does not have falls back to the nearest ancestor', () => {
    expect(at(['list', '7'])).toEqual({ line: 3, column: 11, text: '[' });
    expect(at(['missing'], 'key')).toEqual({ line: 1, column: 1, text: '{' });
  });

  test('a duplicated key resolves to its last occurrence, the value JSON.parse keeps', () => {
    const dup = '{"a": 1, "a": "x"}';
    expect(dup.slice(locateInstance(dup, ['a']).from)).toBe('"x"}');
  });

  test("maps ajv's instancePath to the place of the value", () => {
    const ajv = new Ajv({ allErrors: true });
    const validate = ajv.compile({
      type: 'object',
      properties: { theme: { enum: ['light', 'dark'] }, list: { type: 'array', items: { type: 'integer' } } },
    });
    const value = '{\n  "theme": 3,\n  "list": [1, "two", 3]\n}';
    expect(validate(JSON.parse(value))).toBe(false);
    const places = (validate.errors ?? []).map((error) => ({
      keyword: error.keyword,
      ...lineColumnAt(value, locateInstance(value, pointerToSegments(error.instancePath)).from),
    }));
    expect(places).toEqual([
      { keyword: 'enum', line: 2, column: 12 },
      { keyword: 'type', line: 3, column: 15 },
    ]);
  });
});
