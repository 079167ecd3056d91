import { ConflictError, NotFoundError, ValidationError } from '../../../src/domain/errors';
import type { JiraClient } from '../../../src/jira/client';
import { assertOutcomeAsExpected, assertStoredState, readExpectedState } from '../../../src/resolvers/expected-state';
import type { ExpectedState } from '../../../src/shared/contract';

describe('readExpectedState', () => {
  it.each<[string, unknown, unknown]>([
    ['absent', undefined, undefined],
    ['exists: false', { exists: false }, { exists: false }],
    ['exists: true with a text, kept as given', { exists: true, json: '{ "a" : 1.0 }' }, { exists: true, json: '{ "a" : 1.0 }' }],
  ])('reads %s', (_name, raw, expected) => {
    expect(readExpectedState(raw)).toEqual(expected);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown field', { exists: true, json: '1', force: true }, /Unexpected field\(s\) in "expected": force/],
    ['a value beside exists: false', { exists: false, value: 1 }, /Unexpected field\(s\) in "expected": value/],
    ['a text beside exists: false', { exists: false, json: '1' }, /Unexpected field\(s\) in "expected": json/],
    ['exists: true without a text', { exists: true }, /needs the "json" it started from/],
    // `value` (JSON.parse of the text, compared as doubles) is no longer a way to name the stored state.
    ['a value instead of a text', { exists: true, value: { a: 1 } }, /Unexpected field\(s\) in "expected": value\./],
    ['a value beside a text', { exists: true, json: '1', value: 1 }, /Unexpected field\(s\) in "expected": value\./],
    ['a value that is not JSON', { exists: true, value: { a: Number.NaN } }, /Unexpected field\(s\) in "expected": value\./],
    ['a text that is not a string', { exists: true, json: 1 }, /"expected.json" must be a string/],
    ['a text that is not JSON', { exists: true, json: '{a:1}' }, /not valid JSON/],
    ['a text nested 101 deep', { exists: true, json: `${'['.repeat(101)}${']'.repeat(101)}` }, /at most 100 deep/],
    ['a text over 32,768 bytes', { exists: true, json: `"${'x'.repeat(32_767)}"` }, /32769 bytes/],
    ['not an object', [true], /must be/],
  ])('refuses %s', (_name, raw, message) => {
    expect(() => readExpectedState(raw)).toThrow(ValidationError);
    expect(() => readExpectedState(raw)).toThrow(message);
  });
});

describe('assertStoredState', () => {
  /** A client whose getProperty answers `stored` as Jira's exact text (undefined: 404). */
  const jiraHolding = (stored: string | undefined) =>
    ({
      getProperty: async (_accountId: string, key: string) => {
        if (stored === undefined) throw new NotFoundError('gone');
        return { key, json: stored };
      },
    }) as unknown as JiraClient;
  const check = (stored: string | undefined, expected: ExpectedState, orAfterWrite?: ExpectedState) =>
    assertStoredState(jiraHolding(stored), 'someone', 'k', expected, orAfterWrite);

  it.each([
    ['the same text', '{"id":12345678901234567890}', '{"id":12345678901234567890}'],
    ['other spacing and key order', '{"a":1,"b":[1,2]}', '{ "b" : [ 1 , 2 ] , "a" : 1 }'],
    ['other number spellings', '[1,100,0.5,0]', '[1.0,1e2,5E-1,-0]'],
    ['escapes Jira may add', '"\\u00C9mile"', '"Émile"'],
  ])('passes an expected text with the same meaning: %s', async (_name, stored, json) => {
    await expect(check(stored, { exists: true, json })).resolves.toEqual({ exists: true, json: stored });
  });

  it.each([
    ['one digit past double precision', '{"id":12345678901234567890}', '{"id":12345678901234567891}'],
    ['a long decimal against its double', '0.1000000000000000055511151231257827', '0.1'],
    ['array order', '[1,2]', '[2,1]'],
    ['a string against a number', '"1"', '1'],
  ])('refuses an expected text that differs by %s', async (_name, stored, json) => {
    await expect(check(stored, { exists: true, json })).rejects.toThrow(/changed by someone else/);
  });

  it('refuses the stored text\'s double as the expected text: what JSON.parse reads is not what is stored', async () => {
    // A caller that read the value into doubles and sent back their text names another number: a conflict, never a match.
    await expect(check('{"id":12345678901234567890}', { exists: true, json: JSON.stringify(JSON.parse('{"id":12345678901234567890}')) })).rejects.toBeInstanceOf(
      ConflictError,
    );
    await expect(check('{"id":1}', { exists: true, json: '{"id":2}' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('answers CONFLICT for a property deleted, or one that appeared', async () => {
    await expect(check(undefined, { exists: true, json: '1' })).rejects.toThrow(/deleted by someone else/);
    await expect(check('1', { exists: false })).rejects.toThrow(/already exists/);
    await expect(check(undefined, { exists: false })).resolves.toEqual({ exists: false });
  });

  it('before a retry, accepts the state an earlier attempt of the same write left, compared exactly', async () => {
    const ours = { exists: true, json: '{"id":12345678901234567891}' } as const;
    await expect(check('{ "id" : 12345678901234567891 }', { exists: true, json: '0' }, ours)).resolves.toEqual({ exists: true, json: '{ "id" : 12345678901234567891 }' });
    await expect(check('{"id":12345678901234567890}', { exists: true, json: '0' }, ours)).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('assertOutcomeAsExpected', () => {
  const write = { caller: { accountId: 'actor', moduleKey: 'user-properties-admin' }, accountId: 'target', key: 'theme' };
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it.each<[string, ExpectedState, 'created' | 'updated', RegExp]>([
    ['200 after expecting no property', { exists: false }, 'updated', /Someone else created "theme" just before your save/],
    ['201 after expecting the property', { exists: true, json: '1' }, 'created', /deleted by someone else just before your save/],
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

  it.each<[string, ExpectedState, 'created' | 'updated']>([
    ['201 after expecting no property', { exists: false }, 'created'],
    ['200 after expecting the property', { exists: true, json: '1' }, 'updated'],
  ])('accepts %s', (_name, expected, outcome) => {
    expect(() => assertOutcomeAsExpected(expected, { outcome, bytes: 1, earlierAttemptMayHaveApplied: false }, write)).not.toThrow();
    expect(warn).not.toHaveBeenCalled();
  });

  it('accepts a 200 after exists:false when an earlier attempt of the same PUT may have created it', () => {
    expect(() => assertOutcomeAsExpected({ exists: false }, { outcome: 'updated', bytes: 1, earlierAttemptMayHaveApplied: true }, write)).not.toThrow();
  });
});
