// The preferences page's ajv (src/frontend/preferences/schema-validate.ts) runs JSON Schema patterns on the
// linear-time engine: a schema cannot hold the browser tab with catastrophic backtracking.
import { basicIssues, canGenerateCode, compileSchema, type SchemaCheck } from '../../../src/frontend/preferences/schema-validate';
import { buildField } from '../../../src/frontend/preferences/schema-form';

const CATASTROPHIC = { type: 'string', pattern: '^(a+)+$' };
// 30 "a"s and a "!": JavaScript's backtracking RegExp needs about 2^30 steps to say no (a minute or more).
const EVIL = `${'a'.repeat(30)}!`;

function compiled(schema: Record<string, unknown>): Extract<SchemaCheck, { ok: true }> {
  const check = compileSchema(schema);
  if (!check.ok) throw new Error(check.message);
  return check;
}

/** Runs `fn`, failing if it took longer than `ms`. */
function quick<T>(fn: () => T, ms = 1_000): T {
  const started = performance.now();
  const result = fn();
  expect(performance.now() - started).toBeLessThan(ms);
  return result;
}

test('^(a+)+$ against 30 "a"s and a "!" answers at once, and says no', () => {
  const check = compiled(CATASTROPHIC);
  expect(quick(() => check.validate(EVIL))).toEqual([{ pointer: '', message: 'Must match the pattern ^(a+)+$.' }]);
});

test('and says yes where it matches, also on long inputs; other exponential shapes too', () => {
  expect(quick(() => compiled(CATASTROPHIC).validate('a'.repeat(30)))).toEqual([]);
  expect(quick(() => compiled(CATASTROPHIC).validate('a'.repeat(100_000)))).toEqual([]);
  expect(quick(() => compiled({ type: 'string', pattern: '^(a|a)*$' }).validate(`${'a'.repeat(40)}b`))).toHaveLength(1);
  expect(quick(() => compiled({ type: 'string', pattern: '^a*a*a*a*a*b$' }).validate('a'.repeat(20_000)))).toHaveLength(1);
});

test('patternProperties keys are matched in linear time too', () => {
  const check = compiled({ type: 'object', patternProperties: { '^(a+)+$': { type: 'integer' } } });
  expect(quick(() => check.validate({ [EVIL]: 'not matched, not checked', aaaa: 1 }))).toEqual([]);
  expect(quick(() => check.validate({ [EVIL]: 1, aaaa: 'x' }))).toEqual([{ pointer: '/aaaa', message: 'Must be a whole number.' }]);
});

test('patterns stay unanchored and read as ECMA patterns', () => {
  expect(compiled({ type: 'string', pattern: 'b' }).validate('abc')).toEqual([]);
  expect(compiled({ type: 'string', pattern: '^\\u00e9\\d+$' }).validate('é12')).toEqual([]);
  expect(compiled({ type: 'string', pattern: '^[A-Z]{2}-\\d{4}$' }).validate('CC-12345')).toHaveLength(1);
});

test('a backreference or lookaround makes the compile fail with a message a page can show, not a crash', () => {
  for (const pattern of ['^(a)\\1$', '^(?=a)', '(?<!x)y']) {
    expect(compileSchema({ type: 'object', properties: { code: { type: 'string', pattern } } })).toEqual({
      ok: false,
      message: `The pattern ${JSON.stringify(pattern)} cannot be used: backreferences and lookaround are not supported, because they cannot be checked in linear time.`,
    });
  }
  // Code generation works here: the failure is the schema's, not the page's policy.
  expect(canGenerateCode()).toBe(true);
});

test('where ajv cannot run, the form fields\' own pattern check is linear too', () => {
  const field = buildField(CATASTROPHIC);
  expect(quick(() => basicIssues(field, EVIL))).toEqual([{ pointer: '', message: 'Must match the pattern ^(a+)+$.' }]);
  expect(basicIssues(field, 'aaa')).toEqual([]);
  // A pattern the engine cannot run is left to the resolver, which refuses it, rather than blocking the form.
  expect(basicIssues(buildField({ type: 'string', pattern: '^(a)\\1$' }), 'ab')).toEqual([]);
});

test('canGenerateCode is false where the page forbids generated code', () => {
  const spy = jest.spyOn(globalThis, 'Function').mockImplementation(() => {
    throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
  });
  try {
    expect(canGenerateCode()).toBe(false);
  } finally {
    spy.mockRestore();
  }
});
