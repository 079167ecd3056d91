import type { HistoryRecord } from '../../../src/history/history-records';
import { jobEntryId, operationKeys } from '../../../src/jobs/bulk/bulk-spec';
import { planImport, planOperation, planUndo, type StoredKeys } from '../../../src/jobs/bulk/user-plan';

const entry = (key: string, before: string | undefined, after: string | undefined, status: HistoryRecord['status'] = 'recorded'): HistoryRecord => ({
  id: jobEntryId('job', 'user', key),
  at: 0,
  actorAccountId: 'admin',
  authority: 'job',
  accountId: 'user',
  key,
  operation: after === undefined ? 'delete' : before === undefined ? 'create' : 'update',
  ...(before === undefined ? {} : { before }),
  ...(after === undefined ? {} : { after }),
  principal: 'asApp',
  moduleKey: 'user-properties-admin',
  jobId: 'job',
  status,
});
const stored = (entries: Record<string, string | undefined>): StoredKeys => new Map(Object.entries(entries));

describe('planImport', () => {
  test('writes each imported value that differs in meaning, and creates what is absent', () => {
    const values = new Map([
      ['a', '{"n":12345678901234567890}'],
      ['b', '[1, 2]'],
      ['c', '"new"'],
    ]);
    expect(planImport(values, stored({ a: '{"n":12345678901234567891}', b: '[1,2]', c: undefined }))).toEqual({
      outcome: 'change',
      writes: [
        { key: 'a', json: '{"n":12345678901234567890}' },
        { key: 'c', json: '"new"' },
      ],
    });
  });

  test('one write counts by what it does; nothing to write is unchanged', () => {
    expect(planImport(new Map([['a', '1']]), stored({ a: undefined }))).toEqual({ outcome: 'create', writes: [{ key: 'a', json: '1' }] });
    expect(planImport(new Map([['a', '1']]), stored({ a: '2' }))).toEqual({ outcome: 'change', writes: [{ key: 'a', json: '1' }] });
    expect(planImport(new Map([['a', '1.0']]), stored({ a: '1' }))).toEqual({ outcome: 'unchanged', writes: [] });
  });
});

describe('planUndo', () => {
  const set = { op: 'set', key: 'k', json: '{"v":2}' } as const;

  test('writes the before back where the job\'s after is still stored, by meaning', () => {
    const original = new Map([['k', entry('k', '{"v":1}', '{"v":2}')]]);
    expect(planUndo(operationKeys(set), original, stored({ k: '{ "v" : 2.0 }' }))).toEqual({ outcome: 'change', writes: [{ key: 'k', json: '{"v":1}' }] });
  });

  test('deletes a key the job created, and creates one it deleted', () => {
    expect(planUndo(operationKeys(set), new Map([['k', entry('k', undefined, '1')]]), stored({ k: '1' }))).toEqual({ outcome: 'delete', writes: [{ key: 'k', delete: true }] });
    const del = { op: 'delete', key: 'k' } as const;
    expect(planUndo(operationKeys(del), new Map([['k', entry('k', '"x"', undefined)]]), stored({ k: undefined }))).toEqual({ outcome: 'create', writes: [{ key: 'k', json: '"x"' }] });
  });

  test('a value changed since the job is a conflict, and nothing of the user is written', () => {
    const original = new Map([['k', entry('k', '1', '2')]]);
    expect(planUndo(operationKeys(set), original, stored({ k: '3' }))).toMatchObject({ outcome: 'conflict', writes: [] });
  });

  test('a value already back at its before, or a user the job never wrote, is unchanged', () => {
    expect(planUndo(operationKeys(set), new Map([['k', entry('k', '1', '2')]]), stored({ k: '1' }))).toEqual({ outcome: 'unchanged', writes: [] });
    expect(planUndo(operationKeys(set), new Map(), stored({ k: '2' }))).toEqual({ outcome: 'unchanged', writes: [] });
  });

  test('a rename is undone old key first, so the value is never absent', () => {
    const rename = { op: 'rename', key: 'old', to: 'new' } as const;
    const original = new Map([
      ['new', entry('new', undefined, '"v"')],
      ['old', entry('old', '"v"', undefined)],
    ]);
    expect(planUndo(operationKeys(rename), original, stored({ old: undefined, new: '"v"' }))).toEqual({
      outcome: 'change',
      writes: [
        { key: 'old', json: '"v"' },
        { key: 'new', delete: true },
      ],
    });
  });
});

test('planOperation plans from the operation key and, for a rename, its target', () => {
  expect(planOperation({ op: 'rename', key: 'a', to: 'b' }, stored({ a: '1', b: undefined })).writes).toEqual([{ key: 'b', json: '1' }, { key: 'a', delete: true }]);
  expect(planOperation({ op: 'set', key: 'a', json: '1.0' }, stored({ a: '1' })).outcome).toBe('unchanged');
});

test('a job\'s entry id is the same for every delivery, differs per job, user and key, and has the shape of an entry id', () => {
  expect(jobEntryId('j', 'u', 'k')).toBe(jobEntryId('j', 'u', 'k'));
  expect(new Set([jobEntryId('j', 'u', 'k'), jobEntryId('j2', 'u', 'k'), jobEntryId('j', 'u2', 'k'), jobEntryId('j', 'u', 'k2')]).size).toBe(4);
  expect(jobEntryId('j', 'u', 'k')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
});
