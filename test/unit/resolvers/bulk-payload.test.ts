import { ValidationError } from '../../../src/domain/errors';
import { MAX_LISTED_USERS, readBulkOperation, readBulkTarget } from '../../../src/resolvers/bulk-payload';

describe('readBulkTarget', () => {
  test('a list keeps its first occurrences, in order, each id checked', () => {
    expect(readBulkTarget({ accountIds: ['a1', 'b2', 'a1'] })).toEqual({ accountIds: ['a1', 'b2'] });
    expect(() => readBulkTarget({ accountIds: ['ok', 'not ok'] })).toThrow(ValidationError);
    expect(() => readBulkTarget({ accountIds: [] })).toThrow(ValidationError);
    expect(() => readBulkTarget({ accountIds: Array.from({ length: MAX_LISTED_USERS + 1 }, (_, i) => `u${i}`) })).toThrow(/at most 20,000/);
  });

  test('exactly one of the four shapes', () => {
    expect(readBulkTarget({ groupId: 'g-1' })).toEqual({ groupId: 'g-1' });
    expect(readBulkTarget({ all: true })).toEqual({ all: true });
    expect(readBulkTarget({ finder: '00000000-0000-4000-8000-000000000000' })).toEqual({ finder: '00000000-0000-4000-8000-000000000000' });
    for (const bad of [{}, { all: false }, { all: true, groupId: 'g' }, { finder: 'x' }, { groupId: ' ' }, null, [], 'all']) {
      expect(() => readBulkTarget(bad)).toThrow(ValidationError);
    }
  });
});

describe('readBulkOperation', () => {
  test('keys and texts are checked as single edits check them, texts kept exactly', () => {
    expect(readBulkOperation({ op: 'set', key: 'k', json: '{"n":12345678901234567890}' })).toEqual({ op: 'set', key: 'k', json: '{"n":12345678901234567890}' });
    expect(readBulkOperation({ op: 'merge', key: 'k', json: '{"a":null}', create: true })).toEqual({ op: 'merge', key: 'k', json: '{"a":null}', create: true });
    expect(readBulkOperation({ op: 'delete', key: 'a..b' })).toEqual({ op: 'delete', key: 'a..b' });
    expect(() => readBulkOperation({ op: 'set', key: 'a..b', json: '1' })).toThrow(ValidationError);
    expect(() => readBulkOperation({ op: 'set', key: 'k', json: '{' })).toThrow(ValidationError);
    expect(() => readBulkOperation({ op: 'set', key: 'k', json: `"${'x'.repeat(40_000)}"` })).toThrow(ValidationError);
  });

  test('unknown fields, unknown operations and a rename onto itself are refused', () => {
    expect(() => readBulkOperation({ op: 'set', key: 'k', json: '1', force: true })).toThrow(/Unexpected field/);
    expect(() => readBulkOperation({ op: 'upsert', key: 'k' })).toThrow(ValidationError);
    expect(() => readBulkOperation({ op: 'rename', key: 'k', to: 'k' })).toThrow(/itself/);
    expect(() => readBulkOperation({ op: 'merge', key: 'k', json: '{}', create: 'yes' })).toThrow(ValidationError);
  });
});
