import type { ErrorObject } from 'ajv';
import type { PreferenceDefinition } from '../../../src/shared/contract';
import { formJson } from '../../../src/frontend/preferences/form-json';
import { checkForm, modelFor, shownValue } from '../../../src/frontend/preferences/preference-form';
import type { StoredState } from '../../../src/frontend/preferences/read-stored';
import { initialState, type FormState } from '../../../src/frontend/preferences/schema-form';
import { basicIssues, compileSchema, describeAjvError, type SchemaCheck } from '../../../src/frontend/preferences/schema-validate';

const HHMM = '^([01]\\d|2[0-3]):[0-5]\\d$';

function definition(overrides: Partial<PreferenceDefinition> = {}): PreferenceDefinition {
  return {
    key: 'notifications',
    title: 'Notifications',
    description: '',
    schema: {
      type: 'object',
      required: ['email'],
      additionalProperties: false,
      properties: {
        email: { type: 'boolean' },
        digest: { enum: ['daily', 'weekly'] },
        quietHours: { type: 'object', required: ['start', 'end'], properties: { start: { type: 'string', pattern: HHMM }, end: { type: 'string', pattern: HHMM } } },
      },
    },
    defaultValue: { email: true, digest: 'daily' },
    userEditable: true,
    ...overrides,
  };
}

const validate = (schema: Record<string, unknown>, value: unknown) => {
  const check = compileSchema(schema);
  if (!check.ok) throw new Error(check.message);
  return check.validate(value);
};

describe('compileSchema: ajv messages a user can act on, at the pointer they are about', () => {
  test.each<[string, Record<string, unknown>, unknown, Array<{ pointer: string; message: string }>]>([
    ['maximum', { type: 'integer', maximum: 100 }, 101, [{ pointer: '', message: 'Must be at most 100.' }]],
    ['minimum', { type: 'integer', minimum: 10 }, 9, [{ pointer: '', message: 'Must be at least 10.' }]],
    ['integer type', { type: 'integer' }, 2.5, [{ pointer: '', message: 'Must be a whole number.' }]],
    ['exclusive limits', { type: 'number', exclusiveMinimum: 0 }, 0, [{ pointer: '', message: 'Must be greater than 0.' }]],
    ['multipleOf', { type: 'number', multipleOf: 5 }, 7, [{ pointer: '', message: 'Must be a multiple of 5.' }]],
    ['maxLength', { type: 'string', maxLength: 3 }, 'abcd', [{ pointer: '', message: 'Must be at most 3 characters long.' }]],
    ['minLength 1', { type: 'string', minLength: 1 }, '', [{ pointer: '', message: 'Must be at least 1 character long.' }]],
    ['pattern', { type: 'string', pattern: HHMM }, '25:00', [{ pointer: '', message: `Must match the pattern ${HHMM}.` }]],
    ['enum', { enum: ['light', 'dark'] }, 'blue', [{ pointer: '', message: 'Must be one of: light, dark.' }]],
    [
      'required, at the missing field',
      { type: 'object', required: ['a/b'], properties: { 'a/b': { type: 'string' } } },
      {},
      [{ pointer: '/a~1b', message: 'Required.' }],
    ],
    [
      'additionalProperties, at the object',
      { type: 'object', additionalProperties: false, properties: {} },
      { x: 1 },
      [{ pointer: '', message: '"x" is not allowed here.' }],
    ],
    ['uniqueItems', { type: 'array', uniqueItems: true }, ['a', 'b', 'a'], [{ pointer: '', message: 'Must not repeat items (items 1 and 3 are the same).' }]],
    ['maxItems', { type: 'array', maxItems: 1 }, [1, 2], [{ pointer: '', message: 'Must have at most 1 item.' }]],
    ['type list', { type: ['string', 'null'] }, 3, [{ pointer: '', message: 'Must be text or null.' }]],
    [
      'every error (allErrors), nested',
      { type: 'object', properties: { a: { type: 'integer', maximum: 1 }, b: { type: 'object', properties: { c: { type: 'string' } } } } },
      { a: 2, b: { c: 1 } },
      [
        { pointer: '/a', message: 'Must be at most 1.' },
        { pointer: '/b/c', message: 'Must be text.' },
      ],
    ],
  ])('%s', (_, schema, value, issues) => {
    expect(validate(schema, value)).toEqual(issues);
  });

  test('a valid value has no issues; formats are not checked (as on the resolver)', () => {
    expect(validate({ type: 'string', format: 'email' }, 'not an email')).toEqual([]);
    expect(validate({ type: 'integer', minimum: 10, maximum: 100 }, 25)).toEqual([]);
  });

  test('unknown keywords are tolerated (strict: false)', () => {
    expect(validate({ type: 'string', 'x-widget': 'color' }, 'red')).toEqual([]);
  });

  test('the same $id in two schemas compiles (one Ajv per schema)', () => {
    expect(compileSchema({ $id: 'https://example.com/p', type: 'string' }).ok).toBe(true);
    expect(compileSchema({ $id: 'https://example.com/p', type: 'integer' }).ok).toBe(true);
  });

  test('a schema ajv cannot compile answers why, instead of throwing', () => {
    // Patterns compile on the linear-time engine (src/shared/linear-regexp.ts), whose message names the pattern.
    const check = compileSchema({ type: 'string', pattern: '(' });
    expect(check).toEqual({ ok: false, message: expect.stringContaining('The pattern "(" cannot be used') });
  });

  test('where the page forbids generated code (CSP without unsafe-eval), it answers why instead of throwing', () => {
    const spy = jest.spyOn(globalThis, 'Function').mockImplementation(() => {
      throw new EvalError("Refused to evaluate a string as JavaScript because 'unsafe-eval' is not allowed");
    });
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined); // ajv logs the failed code
    try {
      expect(compileSchema({ type: 'string', title: 'csp probe' })).toEqual({ ok: false, message: expect.stringContaining('unsafe-eval') });
      expect(logged).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      logged.mockRestore();
    }
  });

  test('oneOf summaries are left out: only the branches speak', () => {
    const issues = validate({ oneOf: [{ type: 'string' }, { type: 'integer' }] }, 1.5);
    expect(issues.map((i) => i.message)).toEqual(['Must be text.', 'Must be a whole number.']);
  });

  test('an unknown keyword falls back to ajv\'s own message, capitalised', () => {
    const error = { keyword: 'dependentRequired', instancePath: '/x', schemaPath: '#', params: {}, message: 'must have property b when property a is present' } as ErrorObject;
    expect(describeAjvError(error)).toEqual({ pointer: '/x', message: 'Must have property b when property a is present.' });
  });
});

describe('basicIssues: the fields\' own rules when ajv cannot run', () => {
  const model = modelFor(
    definition({
      schema: {
        type: 'object',
        required: ['size'],
        properties: { size: { type: 'integer', minimum: 10, maximum: 100 }, code: { type: 'string', maxLength: 3, pattern: '^[A-Z]+$' } },
      },
    }),
    {},
  );

  test('required, ranges, integers, lengths and patterns', () => {
    expect(basicIssues(model, {})).toEqual([{ pointer: '/size', message: 'Required.' }]);
    expect(basicIssues(model, { size: 101, code: 'abcd' })).toEqual([
      { pointer: '/size', message: 'Must be at most 100.' },
      { pointer: '/code', message: 'Must be at most 3 characters long.' },
      { pointer: '/code', message: 'Must match the pattern ^[A-Z]+$.' },
    ]);
    expect(basicIssues(model, { size: 10.5 })).toEqual([{ pointer: '/size', message: 'Must be a whole number.' }]);
    expect(basicIssues(model, { size: 50, code: 'AB' })).toEqual([]);
  });
});

describe('checkForm: what Save may send', () => {
  const def = definition();
  const schema = compileSchema(def.schema);

  function form(stored: StoredState, edit: FormState = {}, check: SchemaCheck = schema) {
    const { value: base } = shownValue(def, stored);
    const model = modelFor(def, base);
    return checkForm(model, { ...initialState(model, base), ...edit }, base, check);
  }

  test('unchanged: valid, nothing to save', () => {
    expect(form({ exists: false })).toEqual({ value: { email: true, digest: 'daily' }, errors: {}, valid: true, changed: false });
  });

  test('the default shows when nothing is stored; the stored value otherwise', () => {
    expect(form({ exists: true, json: '{"email":false}' }).value).toEqual({ email: false });
  });

  test('an edit is valid and changed', () => {
    expect(form({ exists: false }, { '/digest': 1 })).toMatchObject({ value: { email: true, digest: 'weekly' }, valid: true, changed: true });
  });

  test('schema errors land on the field', () => {
    const check = form({ exists: false }, { '/quietHours/start': '25:00', '/quietHours/end': '07:00' });
    expect(check.valid).toBe(false);
    expect(check.errors).toEqual({ '/quietHours/start': [`Must match the pattern ${HHMM}.`] });
  });

  test('input errors come first and count as a change', () => {
    const numberDef = definition({ key: 'pageSize', schema: { type: 'integer', minimum: 10, maximum: 100 }, defaultValue: 25 });
    const model = modelFor(numberDef, 25);
    const check = checkForm(model, { '': 'abc' }, 25, compileSchema(numberDef.schema));
    expect(check).toEqual({ value: undefined, errors: { '': ['Enter a number.'] }, valid: false, changed: true });
    expect(checkForm(model, { '': '500' }, 25, compileSchema(numberDef.schema)).errors).toEqual({ '': ['Must be at most 100.'] });
  });

  test('without ajv (e.g. a page that forbids generated code), the fields\' own rules still apply', () => {
    const check = form({ exists: false }, { '/quietHours/start': '25:00', '/quietHours/end': '07:00' }, { ok: false, message: 'EvalError' });
    expect(check.errors).toEqual({ '/quietHours/start': [`Must match the pattern ${HHMM}.`] });
  });

  test('a stored value that does not fit the form is edited as JSON and kept as is until changed', () => {
    const check = form({ exists: true, json: '{"email":"yes","extra":1}' });
    expect(check.value).toEqual({ email: 'yes', extra: 1 });
    expect(check.changed).toBe(false);
    expect(check.errors).toEqual({ '/email': ['Must be on or off (true or false).'], '': ['"extra" is not allowed here.'] });
  });
});

describe('checkForm with numbers a double cannot hold', () => {
  const ids = definition({
    key: 'ids',
    schema: { type: 'object', properties: { id: { type: 'integer', minimum: 0 }, n: { type: 'integer', maximum: 100 } } },
    defaultValue: { n: 0 },
  });
  const check = compileSchema(ids.schema);

  function load(json: string, edit: FormState = {}, schema: SchemaCheck = check) {
    const shown = shownValue(ids, { exists: true, json });
    const model = modelFor(ids, shown.value);
    return { shown, form: checkForm(model, { ...initialState(model, shown.value), ...edit }, shown.value, schema) };
  }

  test('loaded and untouched, nothing changed; an edit elsewhere is sent with every stored digit', () => {
    const stored = '{"id":12345678901234567890,"n":1}';
    expect(load(stored).form).toMatchObject({ valid: true, changed: false });
    const { shown, form } = load(stored, { '/n': '2' });
    expect(form).toMatchObject({ valid: true, changed: true });
    expect(formJson(form.value, shown.original)).toBe('{"id":12345678901234567890,"n":2}');
  });

  test('a changed digit past double precision counts as a change', () => {
    expect(load('{"id":12345678901234567890,"n":1}', { '/id': '12345678901234567891' }).form.changed).toBe(true);
  });

  test('the schema is checked on a lossy copy: bounds apply to the number, not to a LosslessNumber object', () => {
    const stored = '{"id":-12345678901234567890,"n":1}';
    expect(load(stored).form.errors).toEqual({ '/id': ['Must be at least 0.'] });
    expect(load('{"id":12345678901234567890,"n":1}').form.errors).toEqual({});
    // A long number typed in a field is held exactly; both checkers see its double.
    const typed = { '/n': '98765432109876543210' };
    expect(load('{"n":1}', typed).form.errors).toEqual({ '/n': ['Must be at most 100.'] });
    expect(load('{"n":1}', typed, { ok: false, message: 'EvalError' }).form.errors).toEqual({ '/n': ['Must be at most 100.'] });
  });

  test('a default shown as raw JSON is unchanged until edited, whatever numbers it holds', () => {
    const raw = definition({ key: 'raw', schema: { type: 'array' }, defaultValue: [1e21, 0.5] });
    const { value: base } = shownValue(raw, { exists: false });
    const model = modelFor(raw, base);
    expect(checkForm(model, initialState(model, base), base, compileSchema(raw.schema)).changed).toBe(false);
  });
});
