import { isLosslessNumber, LosslessNumber } from 'lossless-json';
import { parseLossless } from '../../../src/domain/json-text';
import { toFormValue } from '../../../src/frontend/preferences/form-json';
import {
  adaptField,
  allFields,
  buildField,
  describeField,
  fieldFor,
  fits,
  humanize,
  initialState,
  isBlank,
  mergeErrors,
  parseNumber,
  readForm,
  type FieldModel,
  type JsonSchema,
} from '../../../src/frontend/preferences/schema-form';

const notifications: JsonSchema = {
  type: 'object',
  required: ['email'],
  properties: {
    email: { type: 'boolean', title: 'Email me' },
    digest: { enum: ['daily', 'weekly'] },
    quietHours: {
      type: 'object',
      description: 'No notifications between these times.',
      required: ['start', 'end'],
      properties: {
        start: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
        end: { type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d$' },
      },
    },
  },
};

/** The model without the noise: kind and pointer of every field, depth first. */
const shape = (field: FieldModel) => allFields(field).map((f) => `${f.kind} ${f.pointer || '(root)'}`);

describe('buildField: which field each schema gets', () => {
  test.each<[string, JsonSchema, string]>([
    ['boolean', { type: 'boolean' }, 'boolean'],
    ['enum of strings', { type: 'string', enum: ['light', 'dark', 'auto'] }, 'enum'],
    ['enum of any type, without a type', { enum: [1, 'two', null] }, 'enum'],
    ['oneOf of consts (labelled enum)', { oneOf: [{ const: 'a', title: 'Alpha' }, { const: 'b' }] }, 'enum'],
    ['integer', { type: 'integer', minimum: 10, maximum: 100 }, 'number'],
    ['number', { type: 'number' }, 'number'],
    ['string', { type: 'string', maxLength: 20 }, 'string'],
    ['string with a format (format ignored)', { type: 'string', format: 'email' }, 'string'],
    ['a one-element type list', { type: ['string'] }, 'string'],
    ['array of strings', { type: 'array', items: { type: 'string' } }, 'list'],
    ['array of integers', { type: 'array', items: { type: 'integer' } }, 'list'],
    ['array of an enum', { type: 'array', items: { enum: ['email', 'slack'] }, uniqueItems: true }, 'multiEnum'],
    ['array of objects', { type: 'array', items: { type: 'object' } }, 'json'],
    ['array without items', { type: 'array' }, 'json'],
    ['object without properties', { type: 'object', additionalProperties: { type: 'string' } }, 'json'],
    ['nullable type', { type: ['string', 'null'] }, 'json'],
    ['oneOf of schemas', { oneOf: [{ type: 'string' }, { type: 'number' }] }, 'json'],
    ['$ref', { $ref: '#/definitions/x', definitions: { x: { type: 'string' } } }, 'json'],
    ['const', { const: 3 }, 'json'],
    ['no type at all', {}, 'json'],
    ['null', { type: 'null' }, 'json'],
  ])('%s → %s', (_, schema, kind) => {
    expect(buildField(schema).kind).toBe(kind);
  });

  test('a non-object schema (true) is edited as JSON', () => {
    expect(buildField(true).kind).toBe('json');
  });

  test('nested objects become groups, recursively, with pointers, labels and required flags', () => {
    const model = buildField(notifications);
    expect(shape(model)).toEqual([
      'object (root)',
      'boolean /email',
      'enum /digest',
      'object /quietHours',
      'string /quietHours/start',
      'string /quietHours/end',
    ]);
    const fields = allFields(model);
    expect(fields.map((f) => f.label)).toEqual(['Value', 'Email me', 'Digest', 'Quiet hours', 'Start', 'End']);
    expect(fields.map((f) => f.required)).toEqual([true, true, false, false, true, true]);
    expect(fields[3].description).toBe('No notifications between these times.');
  });

  test('property names are escaped in pointers as ajv does (~0, ~1)', () => {
    const model = buildField({ type: 'object', properties: { 'a/b': { type: 'string' }, 'c~d': { type: 'string' } } });
    expect(allFields(model).map((f) => f.pointer)).toEqual(['', '/a~1b', '/c~0d']);
  });

  test('number limits, string limits and schema defaults are kept', () => {
    expect(buildField({ type: 'integer', minimum: 10, maximum: 100, default: 25 })).toMatchObject({
      kind: 'number',
      integer: true,
      minimum: 10,
      maximum: 100,
      schemaDefault: 25,
    });
    expect(buildField({ type: 'string', minLength: 1, maxLength: 5, pattern: '^a' })).toMatchObject({ minLength: 1, maxLength: 5, pattern: '^a' });
  });

  test('enum options are labelled with the string itself or its JSON', () => {
    const field = buildField({ enum: ['auto', 2, { a: 1 }] });
    expect(field.kind === 'enum' && field.options.map((o) => o.label)).toEqual(['auto', '2', '{"a":1}']);
  });
});

test('humanize', () => {
  expect(humanize('quietHours')).toBe('Quiet hours');
  expect(humanize('email_digest')).toBe('Email digest');
  expect(humanize('pageSize')).toBe('Page size');
  expect(humanize('URL')).toBe('Url');
});

describe('fits and adaptField: values the form cannot show become raw JSON, nothing is lost', () => {
  const model = buildField(notifications);

  test('a value of the schema fits; absent parts fit', () => {
    expect(fits(model, { email: true, digest: 'daily', quietHours: { start: '22:00', end: '07:00' } })).toBe(true);
    expect(fits(model, { email: false })).toBe(true);
    expect(fits(model, undefined)).toBe(true);
  });

  test('a mismatching part turns only that field into JSON, with a reason', () => {
    const adapted = adaptField(model, { email: 'yes', digest: 'hourly', quietHours: { start: 2200 } });
    expect(shape(adapted)).toEqual([
      'object (root)',
      'json /email',
      'json /digest',
      'object /quietHours',
      'json /quietHours/start',
      'string /quietHours/end',
    ]);
    const email = allFields(adapted)[1];
    expect(email).toMatchObject({ label: 'Email me', required: true, reason: expect.stringContaining('does not fit') });
  });

  test('a whole value of the wrong type turns the whole form into JSON', () => {
    expect(adaptField(model, 'oops').kind).toBe('json');
  });

  test('list items that would not survive one-per-line editing do not fit', () => {
    const list = buildField({ type: 'array', items: { type: 'string' } });
    expect(fits(list, ['a', 'b c'])).toBe(true);
    expect(fits(list, ['a\nb'])).toBe(false);
    expect(fits(list, [' padded'])).toBe(false);
    expect(fits(list, [''])).toBe(false);
  });
});

describe('initialState and readForm round-trip', () => {
  test.each<[string, JsonSchema, unknown]>([
    ['boolean', { type: 'boolean' }, true],
    ['enum', { enum: ['light', 'dark', 'auto'] }, 'dark'],
    ['enum of objects', { enum: [{ a: 1 }, { a: 2 }] }, { a: 2 }],
    ['integer', { type: 'integer' }, 25],
    ['number', { type: 'number' }, -0.5],
    ['string', { type: 'string' }, 'Platform team'],
    ['empty string', { type: 'string' }, ''],
    ['list of strings', { type: 'array', items: { type: 'string' } }, ['LEGACY', 'OPS']],
    ['list of numbers', { type: 'array', items: { type: 'number' } }, [1.5, 2]],
    ['multi enum', { type: 'array', items: { enum: ['email', 'slack', 'sms'] } }, ['slack', 'email']],
    ['raw JSON', { oneOf: [{ type: 'string' }, { type: 'object' }] }, { any: ['thing', null] }],
    ['nested object', notifications, { email: true, digest: 'weekly', quietHours: { start: '22:00', end: '07:00' } }],
    ['object with keys the schema does not describe', notifications, { email: false, extra: { kept: true } }],
  ])('%s', (_, schema, value) => {
    const model = adaptField(buildField(schema), value);
    expect(readForm(model, initialState(model, value), value)).toEqual({ value, errors: {} });
  });

  test('the state holds text for typed fields, indices for choices, null for absent choices', () => {
    const model = buildField(notifications);
    expect(initialState(model, { email: true, digest: 'weekly' })).toEqual({
      '/email': true,
      '/digest': 1,
      '/quietHours/start': '',
      '/quietHours/end': '',
    });
    expect(initialState(buildField({ type: 'integer' }), 25)).toEqual({ '': '25' });
    expect(initialState(buildField({ type: 'array', items: { type: 'string' } }), ['a', 'b'])).toEqual({ '': 'a\nb' });
  });
});

describe('readForm: edits become a value', () => {
  const model = buildField(notifications);
  const base = { email: true };

  test('an optional nested object left empty stays absent; filled in, it appears', () => {
    const state = initialState(model, base);
    expect(isBlank(allFields(model)[3], state)).toBe(true);
    expect(readForm(model, state, base).value).toEqual({ email: true });
    const filled = { ...state, '/quietHours/start': '22:00', '/quietHours/end': '07:00', '/digest': 0 };
    expect(readForm(model, filled, base).value).toEqual({ email: true, digest: 'daily', quietHours: { start: '22:00', end: '07:00' } });
  });

  test('a half-filled nested object is kept, with the empty required string, for the schema to judge', () => {
    const state = { ...initialState(model, base), '/quietHours/start': '22:00' };
    expect(readForm(model, state, base).value).toEqual({ email: true, quietHours: { start: '22:00', end: '' } });
  });

  test('clearing an optional choice removes it; a required choice left empty is an error', () => {
    const value = { email: true, digest: 'daily' };
    expect(readForm(model, { ...initialState(model, value), '/digest': null }, value).value).toEqual({ email: true });
    const required = buildField({ enum: ['a', 'b'] });
    expect(readForm(required, { '': null }, undefined).errors).toEqual({ '': ['Choose an option.'] });
  });

  test('a required boolean that was absent is written as its default (or false)', () => {
    expect(readForm(model, initialState(model, {}), {}).value).toEqual({ email: false });
    const withDefault = buildField({ type: 'object', required: ['on'], properties: { on: { type: 'boolean', default: true } } });
    expect(readForm(withDefault, {}, {}).value).toEqual({ on: true });
  });

  test('numbers: text that is not a number, or not whole for an integer, is an error at the field', () => {
    const integer = buildField({ type: 'integer', minimum: 10 });
    expect(readForm(integer, { '': '42' }, 25)).toEqual({ value: 42, errors: {} });
    expect(readForm(integer, { '': ' 1e2 ' }, 25).value).toBe(100);
    expect(readForm(integer, { '': '12abc' }, 25).errors).toEqual({ '': ['Enter a number.'] });
    expect(readForm(integer, { '': '12.5' }, 25).errors).toEqual({ '': ['Enter a whole number.'] });
    expect(readForm(integer, { '': '' }, 25).errors).toEqual({ '': ['Enter a number.'] });
  });

  test('an optional number left empty is absent', () => {
    const schema = buildField({ type: 'object', properties: { size: { type: 'integer' } } });
    expect(readForm(schema, { '/size': '' }, {}).value).toEqual({});
  });

  test('an optional string cleared is absent, unless it was stored as ""', () => {
    const schema = buildField({ type: 'object', properties: { note: { type: 'string' } } });
    expect(readForm(schema, { '/note': '' }, { note: 'x' }).value).toEqual({});
    expect(readForm(schema, { '/note': '' }, { note: '' }).value).toEqual({ note: '' });
  });

  test('lists: one item per line, blank lines and padding dropped, numbers parsed', () => {
    const strings = buildField({ type: 'array', items: { type: 'string' } });
    expect(readForm(strings, { '': ' a \n\n b\n' }, []).value).toEqual(['a', 'b']);
    expect(readForm(strings, { '': '' }, ['a']).value).toEqual([]);
    const integers = buildField({ type: 'array', items: { type: 'integer' } });
    expect(readForm(integers, { '': '1\n2' }, []).value).toEqual([1, 2]);
    expect(readForm(integers, { '': '1\nx' }, []).errors).toEqual({ '': ['"x": Enter a number.'] });
  });

  test('raw JSON: parse errors with line and column', () => {
    const json = buildField({});
    expect(readForm(json, { '': '{"a": tru}' }, {}).errors).toEqual({ '': ['Line 1, column 7: Unexpected character'] });
    expect(readForm(json, { '': '  ' }, {}).errors['']).toEqual([expect.stringContaining('Enter a JSON value')]);
  });

  test('with a field in error, the rest of the value is still read (partially) for the schema to check', () => {
    const schema = buildField({ type: 'object', properties: { a: { type: 'integer' }, b: { type: 'string' } } });
    expect(readForm(schema, { '/a': 'x', '/b': 'hello' }, {})).toEqual({ value: { b: 'hello' }, errors: { '/a': ['Enter a number.'] } });
  });
});

test('parseNumber', () => {
  expect(parseNumber('-3', true)).toEqual({ ok: true, value: -3 });
  expect(parseNumber('.5', false)).toEqual({ ok: true, value: 0.5 });
  expect(parseNumber('+5.', true)).toEqual({ ok: true, value: 5 });
  expect(parseNumber('007', true)).toEqual({ ok: true, value: 7 });
  expect(parseNumber('0x10', false).ok).toBe(false);
  expect(parseNumber('.', false).ok).toBe(false);
  expect(parseNumber('Infinity', false).ok).toBe(false);
  expect(parseNumber('1e400', false).ok).toBe(false);
});

describe('parseNumber keeps the exact value a double cannot hold', () => {
  test.each([
    ['12345678901234567890', true, '12345678901234567890'],
    [' -012345678901234567890 ', true, '-12345678901234567890'],
    ['0.1000000000000000055511151231257827', false, '0.1000000000000000055511151231257827'],
    ['1e-400', false, '1e-400'],
    ['.1000000000000000055511151231257827', false, '0.1000000000000000055511151231257827'],
  ])('%j → the LosslessNumber %s', (input, integer, digits) => {
    const parsed = parseNumber(input, integer);
    expect(parsed.ok && isLosslessNumber(parsed.value) && parsed.value.value).toBe(digits);
  });

  test('whole numbers are judged by exact value, not by their double', () => {
    expect(parseNumber('12345678901234567890.5', true)).toEqual({ ok: false, message: 'Enter a whole number.' });
    expect(parseNumber('1e-400', true)).toEqual({ ok: false, message: 'Enter a whole number.' });
    expect(parseNumber('1.50e1', true)).toEqual({ ok: true, value: 15 });
  });
});

describe('numbers a double cannot hold are edited as raw JSON, digit for digit', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: { id: { type: 'integer' }, n: { type: 'integer' }, tags: { type: 'array', items: { type: 'number' } }, meta: { type: 'object', properties: { a: { type: 'number' } } } },
  };
  const stored = '{"id":12345678901234567890,"n":1,"tags":[1,0.1000000000000000055511151231257827],"meta":1e400}';
  const value = toFormValue(parseLossless(stored));

  test('a LosslessNumber fits no number, list or object field', () => {
    const big = new LosslessNumber('12345678901234567890');
    expect(fits(buildField({ type: 'integer' }), big)).toBe(false);
    expect(fits(buildField({ type: 'number' }), big)).toBe(false);
    expect(fits(buildField({ type: 'array', items: { type: 'integer' } }), [1, big])).toBe(false);
    expect(fits(buildField({ type: 'object', properties: { a: { type: 'string' } } }), big)).toBe(false);
    expect(fits(buildField({ enum: [12345678901234567890] }), big)).toBe(false);
  });

  test('those parts become raw JSON showing every digit; the rest keeps its fields', () => {
    const model = adaptField(buildField(schema), value);
    expect(shape(model)).toEqual(['object (root)', 'json /id', 'number /n', 'json /tags', 'json /meta']);
    expect(initialState(model, value)).toEqual({
      '/id': '12345678901234567890',
      '/n': '1',
      '/tags': '[\n  1,\n  0.1000000000000000055511151231257827\n]',
      '/meta': '1e400',
    });
  });

  test('read back unchanged, the value is the same, exactly; an edit elsewhere keeps them', () => {
    const model = adaptField(buildField(schema), value);
    const state = initialState(model, value);
    expect(readForm(model, state, value)).toEqual({ value, errors: {} });
    const read = readForm(model, { ...state, '/n': '2' }, value).value as Record<string, unknown>;
    expect(read.n).toBe(2);
    expect(read.id).toEqual(new LosslessNumber('12345678901234567890'));
  });

  test('a raw JSON field reads numbers as the stored value does: exact when a double is not', () => {
    const model = buildField({});
    expect(readForm(model, { '': '[19.90, 12345678901234567891]' }, undefined).value).toEqual([19.9, new LosslessNumber('12345678901234567891')]);
  });

  test('a long number typed in a number field is kept exactly (and no longer fits it once stored)', () => {
    const model = buildField({ type: 'integer' });
    expect(readForm(model, { '': '98765432109876543210' }, 1).value).toEqual(new LosslessNumber('98765432109876543210'));
  });
});

describe('messages go to the field they are about', () => {
  const pointers = ['', '/notifications', '/notifications/quietHours', '/notifications/quietHours/start', '/tags'];

  test.each([
    ['/notifications/quietHours/start', '/notifications/quietHours/start'],
    ['/notifications/quietHours/end', '/notifications/quietHours'],
    ['/tags/2', '/tags'],
    ['/notificationsX', ''],
    ['', ''],
  ])('%s → %s', (pointer, field) => {
    expect(fieldFor(pointer, pointers)).toBe(field);
  });

  test('mergeErrors keeps input errors first and drops duplicates', () => {
    const merged = mergeErrors(
      { '/tags': ['"x": Enter a number.'] },
      [
        { pointer: '/tags/0', message: 'Must be at most 3.' },
        { pointer: '/notifications/quietHours/start', message: 'Must match the pattern ^x$.' },
        { pointer: '/notifications/quietHours/start', message: 'Must match the pattern ^x$.' },
        { pointer: '/other', message: 'Not allowed.' },
      ],
      pointers,
    );
    expect(merged).toEqual({
      '/tags': ['"x": Enter a number.'],
      '/notifications/quietHours/start': ['Must match the pattern ^x$.'],
      '': ['Not allowed.'],
    });
  });
});

describe('describeField hints', () => {
  test.each<[JsonSchema, string | undefined]>([
    [{ type: 'integer', minimum: 10, maximum: 100 }, 'A whole number from 10 to 100.'],
    [{ type: 'number', minimum: 0 }, 'A number of at least 0.'],
    [{ type: 'number', exclusiveMaximum: 1 }, 'A number less than 1.'],
    [{ type: 'number', multipleOf: 5 }, 'A number, a multiple of 5.'],
    [{ type: 'string', maxLength: 1 }, 'Up to 1 character.'],
    [{ type: 'string', minLength: 2, maxLength: 50, pattern: '^[A-Z]' }, '2 to 50 characters.'],
    [{ type: 'string', pattern: '^\\d+$' }, undefined],
    [{ type: 'string' }, undefined],
    [{ type: 'array', items: { type: 'integer' } }, 'One whole number per line.'],
    [{ type: 'boolean' }, undefined],
  ])('%j → %s', (schema, hint) => {
    expect(describeField(buildField(schema))).toBe(hint);
  });
});
