// The definition editor's own check of a default against the schema being defined (it decides whether Create is
// offered): statuses, and messages located in the text as the code editor locates its own.
import { checkDefault, locateIssue } from '../../../src/frontend/admin/definitions/default-check';

const THEMES = { type: 'string', enum: ['light', 'dark', 'auto'] };

test('a default the schema accepts is valid', () => {
  expect(checkDefault(THEMES, 'auto', '"auto"')).toEqual({ status: 'valid' });
});

test('one it refuses says why, at the line and column of the value', () => {
  expect(checkDefault(THEMES, 'comfortable', '"comfortable"')).toEqual({
    status: 'invalid',
    message: 'Line 1, column 1: Must be one of: light, dark, auto.',
    issues: [{ pointer: '', message: 'Must be one of: light, dark, auto.' }],
  });
  const schema = { type: 'object', properties: { theme: { enum: ['light', 'dark'] }, size: { type: 'integer' } }, required: ['name'] };
  const text = '{\n  "theme": 3,\n  "size": "big"\n}';
  const check = checkDefault(schema, JSON.parse(text), text);
  // In ajv's order; the first one is shown, the others counted.
  expect(check).toMatchObject({ status: 'invalid', message: 'Line 1, column 1: Missing required property "name". (and 2 more problems)' });
  expect(check.status === 'invalid' && check.issues.map((issue) => locateIssue(text, issue))).toEqual([
    'Line 1, column 1: Missing required property "name".',
    'Line 2, column 12: Must be one of: light, dark.',
    'Line 3, column 11: Must be a whole number.',
  ]);
});

test('a problem with a missing property is placed at the object that lacks it', () => {
  expect(locateIssue('[\n  {"a": 1}\n]', { pointer: '/0/name', message: 'Required.' })).toBe('Line 2, column 3: Missing required property "name".');
  expect(locateIssue('{"a": {}}', { pointer: '/a/b/c', message: 'Odd.' })).toBe('Line 1, column 7: "b/c": Odd.');
  expect(locateIssue('{"a~b": {"c/d": 5}}', { pointer: '/a~0b/c~1d', message: 'No.' })).toBe('Line 1, column 17: No.');
});

test('a schema that does not compile is the schema\'s problem, named as the resolver would', () => {
  expect(checkDefault({ type: 'string', pattern: '^(a)\\1$' }, 'aa', '"aa"')).toEqual({
    status: 'bad-schema',
    // The resolver's own words (src/domain/schema-scope.ts), so the page and the server say the same.
    message: expect.stringMatching(/^In the schema at \/pattern: The pattern .* cannot be used: backreferences and lookaround are not supported/),
  });
  expect(checkDefault({ type: 'strin' }, 'x', '"x"')).toMatchObject({ status: 'bad-schema' });
});

test('a catastrophic pattern is checked at once (linear-time engine)', () => {
  const started = performance.now();
  const text = JSON.stringify(`${'a'.repeat(30)}!`);
  expect(checkDefault({ type: 'string', pattern: '^(a+)+$' }, JSON.parse(text), text)).toMatchObject({ status: 'invalid' });
  expect(performance.now() - started).toBeLessThan(1_000);
});

test('where the page cannot generate code, nothing is decided here: the resolver checks on save', () => {
  const spy = jest.spyOn(globalThis, 'Function').mockImplementation(() => {
    throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
  });
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined); // ajv logs the failed code
  try {
    expect(checkDefault({ type: 'string', title: 'csp probe for the definition check' }, 3, '3')).toEqual({ status: 'unchecked' });
  } finally {
    spy.mockRestore();
    logged.mockRestore();
  }
});

describe('the resolver\'s self-containment rule, said in the page', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an $id', { $id: 'urn:example:lang', type: 'string' }, /uses "\$id"/],
    ['a foreign $ref', { $ref: 'urn:example:shape' }, /outside itself/],
    ['a backreference', { type: 'string', pattern: '(a)\\1' }, /backreferences and lookaround/],
  ])('a schema with %s is a bad schema before any compile', (_name, schema, message) => {
    expect(checkDefault(schema, 'x', '"x"')).toEqual({ status: 'bad-schema', message: expect.stringMatching(message) });
  });
});
