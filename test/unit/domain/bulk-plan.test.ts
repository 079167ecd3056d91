import { planBulkChange, type UniformOperation } from '../../../src/domain/bulk-plan';

const set = (json: string): UniformOperation => ({ op: 'set', key: 'onboarding', json });

describe('planBulkChange', () => {
  test('set: create where absent, change where different, nothing where the same value is stored in another spelling', () => {
    expect(planBulkChange(set('{"done":false}'), {})).toEqual({ outcome: 'create', writes: [{ key: 'onboarding', json: '{"done":false}' }] });
    expect(planBulkChange(set('{"done":false}'), { value: '{"done":true}' })).toMatchObject({ outcome: 'change' });
    expect(planBulkChange(set('{"done":false,"n":1.0}'), { value: '{ "n": 1, "done": false }' })).toEqual({ outcome: 'unchanged', writes: [] });
  });

  test('merge: only the patched field changes, every other digit stays; absent keys only with create', () => {
    const merge: UniformOperation = { op: 'merge', key: 'profile', json: '{"team":"Mobile"}' };
    expect(planBulkChange(merge, { value: '{"id":12345678901234567891,"team":"Platform"}' })).toEqual({
      outcome: 'change',
      writes: [{ key: 'profile', json: '{"id":12345678901234567891,"team":"Mobile"}' }],
    });
    expect(planBulkChange(merge, { value: '{"team":"Mobile"}' }).outcome).toBe('unchanged');
    expect(planBulkChange(merge, {}).outcome).toBe('unchanged');
    expect(planBulkChange({ ...merge, create: true }, {})).toMatchObject({ outcome: 'create', writes: [{ json: '{"team":"Mobile"}' }] });
    expect(planBulkChange({ ...merge, json: 'null' }, { value: '{"a":1}' })).toEqual({ outcome: 'delete', writes: [{ key: 'profile', delete: true }] });
  });

  test('a merge past Jira\'s 32,768 bytes is refused for that user, with the reason', () => {
    const plan = planBulkChange({ op: 'merge', key: 'k', json: JSON.stringify({ b: 'y'.repeat(20_000) }) }, { value: JSON.stringify({ a: 'x'.repeat(20_000) }) });
    expect(plan).toMatchObject({ outcome: 'refused', writes: [] });
    expect(plan.reason).toMatch(/Jira allows at most 32768/);
  });

  test('delete: only where the key exists', () => {
    expect(planBulkChange({ op: 'delete', key: 'k' }, { value: '1' })).toEqual({ outcome: 'delete', writes: [{ key: 'k', delete: true }] });
    expect(planBulkChange({ op: 'delete', key: 'k' }, {}).outcome).toBe('unchanged');
  });

  test('rename: copy then delete; an interrupted rename finishes; another value at the target is never overwritten', () => {
    const rename: UniformOperation = { op: 'rename', key: 'old', to: 'new' };
    expect(planBulkChange(rename, { value: '{"a":1}' })).toEqual({ outcome: 'change', writes: [{ key: 'new', json: '{"a":1}' }, { key: 'old', delete: true }] });
    expect(planBulkChange(rename, { value: '{"a":1}', target: '{ "a": 1 }' })).toEqual({ outcome: 'change', writes: [{ key: 'old', delete: true }] });
    expect(planBulkChange(rename, { value: '{"a":1}', target: '{"a":2}' })).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('"new" already holds another value') });
    expect(planBulkChange(rename, {}).outcome).toBe('unchanged');
  });
});
