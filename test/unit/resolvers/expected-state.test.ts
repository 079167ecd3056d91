import { ConflictError, ValidationError } from '../../../src/domain/errors';
import { assertOutcomeAsExpected, readExpectedState } from '../../../src/resolvers/expected-state';

describe('readExpectedState', () => {
  it.each<[string, unknown, unknown]>([
    ['absent', undefined, undefined],
    ['exists: false', { exists: false }, { exists: false }],
    ['exists: true with a value', { exists: true, value: { a: 1 } }, { exists: true, value: { a: 1 } }],
  ])('reads %s', (_name, raw, expected) => {
    expect(readExpectedState(raw)).toEqual(expected);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown field', { exists: true, value: 1, force: true }, /Unexpected field\(s\) in "expected": force/],
    ['a value beside exists: false', { exists: false, value: 1 }, /Unexpected field\(s\) in "expected": value/],
    ['exists: true without a value', { exists: true }, /needs the "value"/],
    ['a value that is not JSON', { exists: true, value: { a: Number.NaN } }, /plain JSON/],
    ['not an object', [true], /must be/],
  ])('refuses %s', (_name, raw, message) => {
    expect(() => readExpectedState(raw)).toThrow(ValidationError);
    expect(() => readExpectedState(raw)).toThrow(message);
  });
});

describe('assertOutcomeAsExpected', () => {
  const write = { caller: { accountId: 'actor', moduleKey: 'user-properties-admin' }, accountId: 'target', key: 'theme' };
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it.each<[string, { exists: false } | { exists: true; value: unknown }, 'created' | 'updated', RegExp]>([
    ['200 after expecting no property', { exists: false }, 'updated', /Someone else created "theme" just before your save/],
    ['201 after expecting the property', { exists: true, value: 1 }, 'created', /deleted by someone else just before your save/],
  ])('answers CONFLICT for %s, and records it', (_name, expected, outcome, message) => {
    expect(() => assertOutcomeAsExpected(expected, { outcome, bytes: 1, earlierAttemptMayHaveApplied: false }, write)).toThrow(ConflictError);
    expect(() => assertOutcomeAsExpected(expected, { outcome, bytes: 1, earlierAttemptMayHaveApplied: false }, write)).toThrow(message);
    const record = JSON.parse(warn.mock.calls[0][0] as string);
    expect(record).toEqual({
      event: 'conditional-write-contradicted',
      expected: expected.exists ? 'exists' : 'absent',
      jiraAnswered: outcome,
      actor: 'actor',
      moduleKey: 'user-properties-admin',
      accountId: 'target',
      key: 'theme',
    });
  });

  it.each<[string, { exists: false } | { exists: true; value: unknown }, 'created' | 'updated']>([
    ['201 after expecting no property', { exists: false }, 'created'],
    ['200 after expecting the property', { exists: true, value: 1 }, 'updated'],
  ])('accepts %s', (_name, expected, outcome) => {
    expect(() => assertOutcomeAsExpected(expected, { outcome, bytes: 1, earlierAttemptMayHaveApplied: false }, write)).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
  });

  it('accepts a 200 after exists:false when an earlier attempt of the same PUT may have created it', () => {
    expect(() => assertOutcomeAsExpected({ exists: false }, { outcome: 'updated', bytes: 1, earlierAttemptMayHaveApplied: true }, write)).not.toThrow();
  });
});
