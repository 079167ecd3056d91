import { analyse, toProtocolDiagnostics } from '../../static/json-editor/src/diagnostics';
import { compilePatterns, compileSchema, withLinearPatterns, withoutFormats } from '../../static/json-editor/src/schema-validation';

const THEME_SCHEMA = { type: 'object', properties: { theme: { enum: ['light', 'dark'] } } };

function check(schema: Record<string, unknown>, text: string) {
  return analyse(text, compileSchema(schema));
}
const summary = (schema: Record<string, unknown>, text: string) => toProtocolDiagnostics(check(schema, text).diagnostics);

describe('analyse with a schema', () => {
  test('the brief’s example: an enum violation, at the value, from the schema', () => {
    expect(check(THEME_SCHEMA, '{"theme": 3}')).toEqual({
      valid: false,
      diagnostics: [{ from: 10, to: 11, line: 1, column: 11, message: 'Must be one of: "light", "dark".', source: 'schema' }],
    });
    expect(check(THEME_SCHEMA, '{"theme": "dark"}')).toEqual({ valid: true, diagnostics: [] });
  });

  test('no schema: valid means it parses', () => {
    expect(analyse('[1, 2]')).toEqual({ valid: true, diagnostics: [] });
    expect(analyse('[1, 2').valid).toBe(false);
  });

  test('a syntax error hides schema problems (the value cannot be judged)', () => {
    expect(summary(THEME_SCHEMA, '{"theme": 3,}')).toEqual([{ line: 1, column: 12, message: 'Trailing commas are not allowed in JSON.', source: 'syntax' }]);
  });

  const schema = {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 2 },
      count: { type: 'integer', minimum: 0, maximum: 10 },
      tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 3 },
      mode: { const: 'fast' },
      nested: { $ref: '#/definitions/nested' },
      either: { anyOf: [{ type: 'string' }, { type: 'number' }] },
      email: { type: 'string', format: 'email' },
    },
    definitions: { nested: { type: 'object', properties: { on: { type: 'boolean' } }, additionalProperties: false } },
  };

  test('leaf problems only, in document order, each at the value or key it is about', () => {
    const text = [
      '{',
      '  "count": 11,',
      '  "tags": ["a", 2, "a"],',
      '  "mode": "slow",',
      '  "nested": {"on": "yes", "off": 1},',
      '  "either": true,',
      '  "surprise": 1',
      '}',
    ].join('\n');
    expect(summary(schema, text)).toEqual([
      { line: 1, column: 1, message: 'Missing required property "name".', source: 'schema' },
      { line: 2, column: 12, message: 'Must be at most 10.', source: 'schema' },
      { line: 3, column: 11, message: 'Must not repeat items.', source: 'schema' },
      { line: 3, column: 17, message: 'Must be a string.', source: 'schema' },
      { line: 4, column: 11, message: 'Must be "fast".', source: 'schema' },
      { line: 5, column: 20, message: 'Must be true or false.', source: 'schema' },
      { line: 5, column: 27, message: 'Property "off" is not allowed here.', source: 'schema' },
      { line: 6, column: 13, message: 'Does not match any of the allowed forms (anyOf).', source: 'schema' },
      { line: 7, column: 3, message: 'Property "surprise" is not allowed here.', source: 'schema' },
    ]);
  });

  test('formats are not checked, as the resolver (ajv without ajv-formats) does not check them', () => {
    expect(check(schema, '{"name": "ok", "email": "not an email"}').valid).toBe(true);
    expect(withoutFormats({ properties: { format: { type: 'string', format: 'date' } }, format: 'x' })).toEqual({
      properties: { format: { type: 'string' } },
    });
  });

  test('messages for the common keywords', () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ type: ['string', 'null'] }, '1', 'Must be a string or null.'],
      [{ minLength: 3 }, '"ab"', 'Must be at least 3 characters long.'],
      [{ maxLength: 1 }, '"ab"', 'Must be at most 1 character long.'],
      [{ pattern: '^a' }, '"b"', 'Must match the pattern ^a.'],
      [{ exclusiveMinimum: 0 }, '0', 'Must be greater than 0.'],
      [{ multipleOf: 5 }, '7', 'Must be a multiple of 5.'],
      [{ minItems: 2 }, '[1]', 'Must have at least 2 items.'],
      [{ minProperties: 1 }, '{}', 'Must have at least 1 property.'],
      [{ maxProperties: 1 }, '{"a":1,"b":2}', 'Must have at most 1 property.'],
      [{ oneOf: [{ type: 'number' }, { type: 'integer' }] }, '1', 'Must match exactly one of the allowed forms (oneOf).'],
      [{ not: { type: 'string' } }, '"x"', 'Matches a form that is not allowed (not).'],
      [{ propertyNames: { pattern: '^[a-z]+$' } }, '{"Bad": 1}', 'Property name "Bad" is not allowed.'],
    ];
    for (const [schemaCase, text, message] of cases) {
      expect({ text, messages: summary(schemaCase, text).map((d) => d.message) }).toEqual({ text, messages: [message] });
    }
  });

  test('a schema that cannot be used says so instead of passing everything', () => {
    const compiled = compileSchema({ $ref: '#/definitions/missing' });
    expect(compiled).toEqual({ ok: false, message: 'The schema cannot be used: Unresolved $ref "#/definitions/missing".' });
    expect(analyse('{}', compiled)).toEqual({
      valid: false,
      diagnostics: [expect.objectContaining({ line: 1, column: 1, source: 'schema', message: expect.stringMatching(/cannot be used/) })],
    });
    // A broken $ref below the root only shows when a value reaches it.
    const deep = compileSchema({ properties: { a: { $ref: '#/nowhere' } } });
    expect(analyse('{"b": 1}', deep).valid).toBe(true);
    expect(toProtocolDiagnostics(analyse('{"a": 1}', deep).diagnostics)).toEqual([
      { line: 1, column: 1, message: 'The schema cannot be used: Unresolved $ref "#/nowhere".', source: 'schema' },
    ]);
  });

  test('draft 2020-12 schemas are read as such (prefixItems)', () => {
    const tuple = { $schema: 'https://json-schema.org/draft/2020-12/schema', prefixItems: [{ type: 'string' }], items: false };
    expect(summary(tuple, '["a", 1]')).toEqual([{ line: 1, column: 7, message: 'No value is allowed here.', source: 'schema' }]);
  });
});

describe('patterns run in linear time (re2js), whatever the pattern', () => {
  const CATASTROPHIC = { type: 'string', pattern: '^(a+)+$' };
  // 30 "a"s and a "!": JavaScript's backtracking RegExp needs about 2^30 steps to say no (a minute or more).
  const EVIL = JSON.stringify(`${'a'.repeat(30)}!`);

  /** Runs `fn`, failing if it took longer than `ms` (a backtracking engine would take seconds to minutes). */
  function quick<T>(fn: () => T, ms = 1_000): T {
    const started = performance.now();
    const result = fn();
    expect(performance.now() - started).toBeLessThan(ms);
    return result;
  }

  test('^(a+)+$ against 30 "a"s and a "!" answers at once, and says no', () => {
    expect(quick(() => summary(CATASTROPHIC, EVIL))).toEqual([{ line: 1, column: 1, message: 'Must match the pattern ^(a+)+$.', source: 'schema' }]);
  });

  test('and says yes where it matches, also on long inputs', () => {
    expect(quick(() => check(CATASTROPHIC, JSON.stringify('a'.repeat(30))))).toEqual({ valid: true, diagnostics: [] });
    expect(quick(() => check(CATASTROPHIC, JSON.stringify('a'.repeat(100_000))))).toEqual({ valid: true, diagnostics: [] });
    expect(quick(() => check({ type: 'string', pattern: '^(a|a)*$' }, JSON.stringify(`${'a'.repeat(40)}b`))).valid).toBe(false);
  });

  test('patternProperties keys are matched the same way', () => {
    const schema = { type: 'object', patternProperties: { '^(a+)+$': { type: 'integer' } } };
    const evilKey = `${'a'.repeat(30)}!`;
    expect(quick(() => check(schema, JSON.stringify({ [evilKey]: 'not checked', aaaa: 1 }))).valid).toBe(true);
    expect(quick(() => summary(schema, JSON.stringify({ [evilKey]: 1, aaaa: 'x' })))).toEqual([
      { line: 1, column: 45, message: 'Must be a whole number.', source: 'schema' },
    ]);
  });

  test('JSON Schema patterns are unanchored, with ECMA spellings (\\u, \\d, classes)', () => {
    expect(check({ type: 'string', pattern: 'b' }, '"abc"').valid).toBe(true);
    expect(check({ type: 'string', pattern: '^\\u00e9\\d+$' }, '"\u00e912"').valid).toBe(true);
    expect(check({ type: 'string', pattern: '^[A-Z]{2}-\\d{4}$' }, '"CC-12345"').valid).toBe(false);
  });

  test('a backreference or lookaround is refused when the schema is compiled, with a message that says why', () => {
    for (const pattern of ['^(a)\\1$', '^(?=a)', '(?<!x)y']) {
      const compiled = compileSchema({ type: 'object', properties: { code: { type: 'string', pattern } } });
      expect(compiled).toEqual({
        ok: false,
        message: `The schema cannot be used: The pattern ${JSON.stringify(pattern)} cannot be used: backreferences and lookaround are not supported, because they cannot be checked in linear time.`,
      });
      // The editor shows it as a problem of the whole value instead of throwing.
      expect(analyse('{"code": "aa"}', compiled)).toMatchObject({ valid: false, diagnostics: [{ line: 1, column: 1, source: 'schema' }] });
    }
    expect(compileSchema({ patternProperties: { '(x)\\1': {} } })).toMatchObject({ ok: false, message: expect.stringContaining('backreferences') });
  });

  test('patterns are found in every schema position, and only there', () => {
    const schema = {
      properties: { a: { pattern: 'p1' } },
      items: [{ pattern: 'p2' }],
      anyOf: [{ patternProperties: { p3: { pattern: 'p4' } } }],
      $defs: { d: { not: { pattern: 'p5' } } },
      dependencies: { x: ['y'], z: { pattern: 'p6' } },
      enum: [{ pattern: 'not a schema' }],
      const: { pattern: 'nor this' },
    };
    expect([...compilePatterns(schema).keys()].sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6']);
  });

  test('the global RegExp is only lent for the synchronous validation, and given back even when it throws', () => {
    const native = globalThis.RegExp;
    const patterns = compilePatterns(CATASTROPHIC);
    const seen = withLinearPatterns(patterns, () => {
      const linear = new RegExp('^(a+)+$', 'u');
      // Other calls get the real constructor, and instanceof still holds for real regular expressions.
      const plain = new RegExp('a', 'g');
      return { linear: linear.test(`${'a'.repeat(30)}!`), real: plain instanceof native && /x/ instanceof RegExp, during: globalThis.RegExp };
    });
    expect(seen.linear).toBe(false);
    expect(seen.real).toBe(true);
    expect(seen.during).not.toBe(native);
    expect(globalThis.RegExp).toBe(native);
    expect(() =>
      withLinearPatterns(patterns, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(globalThis.RegExp).toBe(native);
  });
});
