import { ValidationError } from '../../../src/domain/errors';
import { optionalString, readPayload, requiredString } from '../../../src/resolvers/payload';

const ALLOWED = ['accountId', 'key', 'value'] as const;

function buildPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { accountId: '5b10ac8d82e05b22cc7d4ef5', key: 'theme', value: { mode: 'dark' }, ...overrides };
}

describe('readPayload', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['null', null],
  ])('reads %s as an empty payload', (_name, payload) => {
    expect(readPayload(payload, ALLOWED)).toEqual({});
  });

  it('returns the fields of an object that carries only allowed fields', () => {
    const payload = buildPayload();
    expect(readPayload(payload, ALLOWED)).toEqual(payload);
  });

  it('accepts an object that carries only some of the allowed fields', () => {
    expect(readPayload({ key: 'theme' }, ALLOWED)).toEqual({ key: 'theme' });
    expect(readPayload({}, ALLOWED)).toEqual({});
  });

  it.each<[string, unknown]>([
    ['an array', ['theme']],
    ['an empty array', []],
    ['a string', 'theme'],
    ['the empty string', ''],
    ['a number', 42],
    ['zero', 0],
    ['a boolean', true],
  ])('refuses %s as not a JSON object', (_name, payload) => {
    expect(() => readPayload(payload, ALLOWED)).toThrow(ValidationError);
    expect(() => readPayload(payload, ALLOWED)).toThrow(/JSON object/);
  });

  it('refuses an unknown field and names it', () => {
    const read = () => readPayload(buildPayload({ asApp: true }), ALLOWED);
    expect(read).toThrow(ValidationError);
    expect(read).toThrow(/asApp/);
  });

  it('names every unknown field, and not the allowed ones', () => {
    let message = '';
    try {
      readPayload(buildPayload({ principal: 'app', overrideAccountId: 'x' }), ALLOWED);
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      message = (error as ValidationError).message;
    }
    expect(message).toContain('principal');
    expect(message).toContain('overrideAccountId');
    expect(message).not.toContain('key');
    expect(message).not.toContain('accountId,');
  });

  it('refuses every field when none is allowed', () => {
    expect(() => readPayload({ query: 'ann' }, [])).toThrow(/query/);
    expect(readPayload({}, [])).toEqual({});
  });

  it('refuses an unknown field even when its value is undefined', () => {
    expect(() => readPayload({ key: 'theme', extra: undefined }, ALLOWED)).toThrow(/extra/);
  });

  it('refuses an own "__proto__" field from parsed JSON', () => {
    const payload: unknown = JSON.parse('{"key":"theme","__proto__":{"isAdmin":true}}');
    expect(() => readPayload(payload, ALLOWED)).toThrow(/__proto__/);
  });

  it('matches field names exactly (case-sensitive)', () => {
    expect(() => readPayload({ Key: 'theme' }, ALLOWED)).toThrow(/Key/);
  });
});

describe('optionalString', () => {
  it.each<[string, unknown, string | undefined]>([
    ['a string', 'theme', 'theme'],
    ['the empty string', '', ''],
    ['undefined', undefined, undefined],
    ['null', null, undefined],
  ])('reads %s', (_name, value, expected) => {
    expect(optionalString({ key: value }, 'key')).toBe(expected);
  });

  it('reads a missing field as undefined', () => {
    expect(optionalString({}, 'key')).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['a number', 1],
    ['a boolean', false],
    ['an object', { toString: () => 'theme' }],
    ['an array', ['theme']],
  ])('refuses %s, naming the field', (_name, value) => {
    expect(() => optionalString({ accountId: value }, 'accountId')).toThrow(ValidationError);
    expect(() => optionalString({ accountId: value }, 'accountId')).toThrow('"accountId" must be a string.');
  });
});

describe('requiredString', () => {
  it('returns a present string', () => {
    expect(requiredString({ query: 'ann' }, 'query')).toBe('ann');
  });

  it('returns the empty string (emptiness is for the field\'s own rules)', () => {
    expect(requiredString({ query: '' }, 'query')).toBe('');
  });

  it.each<[string, Record<string, unknown>]>([
    ['missing', {}],
    ['undefined', { query: undefined }],
    ['null', { query: null }],
  ])('refuses a %s field as required, naming it', (_name, fields) => {
    expect(() => requiredString(fields, 'query')).toThrow(ValidationError);
    expect(() => requiredString(fields, 'query')).toThrow('"query" is required.');
  });

  it.each<[string, unknown]>([
    ['a number', 7],
    ['an object', { query: 'ann' }],
  ])('refuses %s as not a string', (_name, value) => {
    expect(() => requiredString({ query: value }, 'query')).toThrow('"query" must be a string.');
  });
});
