import { DEMO_USERS, MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  // Plain users write their own undefined keys only when the admin allows raw editing (see the preference rules).
  await app.invoke('setAllowRawEditing', { allow: true }, 'admin');
});
afterAll(() => app.close());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const alice = DEMO_USERS.alice.accountId;
const bob = DEMO_USERS.bob.accountId;
const admin = DEMO_USERS.admin.accountId;

const writes = () => app.takeRequests().filter((r) => r.method === 'PUT' || r.method === 'DELETE');

describe('as a Jira admin on another user', () => {
  test('setProperty creates, then updates, and the value is stored', async () => {
    app.takeRequests();
    const created = await app.invoke('setProperty', { accountId: bob, key: 'it.theme', json: '{"dark":true}' }, 'admin');
    expect(created).toEqual({ success: true, data: { key: 'it.theme', accountId: bob, outcome: 'created', bytes: 13 } });
    const updated = await app.invoke('setProperty', { accountId: bob, key: 'it.theme', json: '{"dark":false}' }, 'admin');
    expect(updated).toMatchObject({ success: true, data: { outcome: 'updated' } });
    expect(app.simulator.store.getProperty(bob, 'it.theme')).toEqual({ dark: false });
    const log = app.takeRequests();
    expect(log.filter((r) => r.method === 'PUT').map((r) => r.principal)).toEqual([
      { kind: 'user', accountId: admin },
      { kind: 'user', accountId: admin },
    ]);
  });

  test('getProperty and listProperties read it back with its byte size', async () => {
    const got = await app.invoke('getProperty', { accountId: bob, key: 'it.theme' }, 'admin');
    expect(got).toEqual({ success: true, data: { key: 'it.theme', json: '{"dark":false}', bytes: 14 } });
    const list = await app.invoke<{ properties: { key: string; bytes: number }[]; remainingKeys: string[] }>('listProperties', { accountId: bob }, 'admin');
    expect(list.success).toBe(true);
    if (!list.success) return;
    // Bob holds fewer keys than the first page reads, so the first answer has them all (larger records: property-pages.test.ts).
    const keys = list.data.properties.map((p) => p.key);
    expect(keys).toEqual(app.simulator.store.listKeys(bob));
    expect(list.data.remainingKeys).toEqual([]);
    expect(list.data.properties.find((p) => p.key === 'it.theme')).toEqual({ key: 'it.theme', json: '{"dark":false}', bytes: 14 });
  });

  test('deleteProperty removes it; a second delete is NOT_FOUND', async () => {
    expect(await app.invoke('deleteProperty', { accountId: bob, key: 'it.theme' }, 'admin')).toEqual({
      success: true,
      data: { key: 'it.theme', accountId: bob, deleted: true },
    });
    expect(app.simulator.store.getProperty(bob, 'it.theme')).toBeUndefined();
    const again = await app.invoke('deleteProperty', { accountId: bob, key: 'it.theme' }, 'admin');
    expect(again).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  });

  test('a user that does not exist is NOT_FOUND', async () => {
    const result = await app.invoke('listProperties', { accountId: '5b10ac8d82e05b22cc7d0000' }, 'admin');
    expect(result).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('as a plain user on another user', () => {
  test.each([
    ['setProperty', { accountId: bob, key: 'x', json: '1' }],
    ['deleteProperty', { accountId: bob, key: 'x' }],
    ['getProperty', { accountId: bob, key: 'x' }],
    ['listProperties', { accountId: bob }],
    ['getPropertyValues', { accountId: bob, keys: ['team'] }],
  ])('%s answers FORBIDDEN and writes nothing', async (key, payload) => {
    app.takeRequests();
    const result = await app.invoke(key, payload, 'alice');
    expect(result).toEqual({
      success: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('Administer Jira') },
    });
    expect(writes()).toEqual([]);
  });
});

describe('as a plain user on their own record', () => {
  test('undefined keys are read-only unless the admin allows raw editing', async () => {
    await app.invoke('setAllowRawEditing', { allow: false }, 'admin');
    try {
      app.takeRequests();
      const result = await app.invoke('setProperty', { key: 'self.locked', json: '1' }, 'alice');
      expect(result).toMatchObject({ success: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Ask your Jira admin') } });
      expect(writes()).toEqual([]);
    } finally {
      await app.invoke('setAllowRawEditing', { allow: true }, 'admin');
    }
  });

  test.each([{}, { accountId: alice }])('omitted or own accountId is a self operation (%o)', async (target) => {
    app.takeRequests();
    const set = await app.invoke('setProperty', { ...target, key: 'self.test', json: '[1,"ü"]' }, 'alice', MODULE_KEYS.personalSettings);
    expect(set).toMatchObject({ success: true, data: { accountId: alice } });
    expect(app.simulator.store.getProperty(alice, 'self.test')).toEqual([1, 'ü']);
    // No permission check is needed for a self operation from the personal settings page.
    expect(app.takeRequests().some((r) => r.pathname.endsWith('/mypermissions'))).toBe(false);
  });
});

describe('from the my-preferences module', () => {
  test('another user\'s accountId is refused and nothing is written, even for an admin', async () => {
    app.takeRequests();
    const result = await app.invoke('setProperty', { accountId: bob, key: 'pref', json: 'true' }, 'admin', MODULE_KEYS.personalSettings);
    expect(result).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    expect(writes()).toEqual([]);
    expect(app.simulator.store.getProperty(bob, 'pref')).toBeUndefined();
  });

  test('the caller\'s own record works', async () => {
    const result = await app.invoke('setProperty', { key: 'pref', json: 'true' }, 'bob', MODULE_KEYS.personalSettings);
    expect(result).toMatchObject({ success: true, data: { accountId: bob, outcome: 'created' } });
    expect(writes()).toEqual([expect.objectContaining({ method: 'PUT', principal: { kind: 'user', accountId: bob } })]);
  });

  test('an unknown module is refused', async () => {
    await expect(app.invoke('listProperties', {}, 'admin', 'not-a-module')).rejects.toThrow(/no module/);
  });
});

describe('validation', () => {
  test.each([
    ['a 256-character key', { key: 'k'.repeat(256), json: '1' }],
    ['an empty key', { key: '', json: '1' }],
    ['a ".." key', { key: '..', json: '1' }],
    ['an unexpected field', { key: 'k', json: '1', overwrite: true }],
    ['a malformed accountId', { accountId: '../../myself', key: 'k', json: '1' }],
    ['a non-object payload', 'set everything'],
  ])('%s answers VALIDATION_ERROR without calling Jira', async (_name, payload) => {
    app.takeRequests();
    const result = await app.invoke('setProperty', payload, 'admin');
    expect(result).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.any(String) } });
    expect(app.takeRequests()).toEqual([]);
  });

  // The value is checked after the caller's rights (a payload can make it expensive): only the rights check reaches Jira.
  test.each([
    ['a value over 32,768 bytes', { key: 'big', json: JSON.stringify('x'.repeat(32_767)) }, /Jira allows at most 32768/],
    ['a missing value', { key: 'k' }, /value is required/],
    ['a value nested 101 deep', { key: 'k', json: `${'['.repeat(101)}${']'.repeat(101)}` }, /nested at most 100 deep/],
    ['an unknown field inside expected', { key: 'k', json: '1', expected: { exists: false, force: true } }, /Unexpected field\(s\) in "expected": force/],
    ['a JavaScript value instead of its JSON text', { key: 'k', value: 1 }, /"value" is not accepted/],
  ])('%s answers VALIDATION_ERROR after the rights check, without touching the property', async (_name, payload, message) => {
    app.takeRequests();
    const result = await app.invoke('setProperty', payload, 'admin');
    expect(result).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(message) } });
    expect(app.takeRequests().map((r) => r.pathname)).toEqual(['/rest/api/3/mypermissions']);
  });

  test('keys with path characters are stored under exactly that key', async () => {
    for (const key of ['a/b', 'a?b', 'a#b', 'ключ', '100%', 'a b+c;d&e']) {
      const result = await app.invoke('setProperty', { key, json: JSON.stringify(key) }, 'dmitri');
      expect(result).toMatchObject({ success: true, data: { key } });
      expect(app.simulator.store.getProperty(DEMO_USERS.dmitri.accountId, key)).toBe(key);
    }
  });
});

test('anonymous callers are refused', async () => {
  expect(await app.invoke('listProperties', {}, null)).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
});

test('the seeded near-limit value is listed with its size', async () => {
  const result = await app.invoke<{ properties: { bytes: number }[] }>('listProperties', {}, 'bob');
  expect(result.success).toBe(true);
  if (result.success) expect(Math.max(...result.data.properties.map((p) => p.bytes))).toBeGreaterThan(30_000);
});

describe('no lost updates', () => {
  const key = 'conflict.demo';
  beforeAll(() => app.simulator.store.setProperty(bob, key, { v: 1 }));

  test('a save from the stored value succeeds', async () => {
    const result = await app.invoke('setProperty', { accountId: bob, key, json: '{"v":2}', expected: { exists: true, json: '{"v":1}' } }, 'admin');
    expect(result).toMatchObject({ success: true, data: { outcome: 'updated' } });
  });

  test('a save from a stale value is CONFLICT and writes nothing', async () => {
    app.takeRequests();
    const result = await app.invoke('setProperty', { accountId: bob, key, json: '{"v":3}', expected: { exists: true, json: '{"v":1}' } }, 'admin');
    expect(result).toEqual({ success: false, error: { code: 'CONFLICT', message: expect.stringContaining('changed by someone else') } });
    expect(writes()).toEqual([]);
    expect(app.simulator.store.getProperty(bob, key)).toEqual({ v: 2 });
  });

  test('object key order does not count as a change', async () => {
    app.simulator.store.setProperty(bob, key, { a: 1, b: [1, { c: 2, d: 3 }] });
    const result = await app.invoke('setProperty', { accountId: bob, key, json: '0', expected: { exists: true, json: '{"b":[1,{"d":3,"c":2}],"a":1}' } }, 'admin');
    expect(result).toMatchObject({ success: true });
  });

  test('creating a key that appeared meanwhile is CONFLICT', async () => {
    const result = await app.invoke('setProperty', { accountId: bob, key, json: '1', expected: { exists: false } }, 'admin');
    expect(result).toMatchObject({ success: false, error: { code: 'CONFLICT', message: expect.stringContaining('already exists') } });
  });

  test('deleting a value that changed meanwhile is CONFLICT; deleting what you saw works', async () => {
    const stale = await app.invoke('deleteProperty', { accountId: bob, key, expected: { exists: true, json: '"old"' } }, 'admin');
    expect(stale).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
    expect(app.simulator.store.getProperty(bob, key)).toBe(0);
    const fresh = await app.invoke('deleteProperty', { accountId: bob, key, expected: { exists: true, json: '0' } }, 'admin');
    expect(fresh).toMatchObject({ success: true });
  });

  test('a malformed expectation is VALIDATION_ERROR', async () => {
    for (const expected of [{ exists: 'yes' }, { exists: true }, [1], 'stale']) {
      const result = await app.invoke('setProperty', { accountId: bob, key, json: '1', expected }, 'admin');
      expect(result).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
    }
  });
});

describe('getUser', () => {
  test('an admin sees another user\'s profile; a plain user only their own', async () => {
    expect(await app.invoke('getUser', { accountId: DEMO_USERS.carol.accountId }, 'admin')).toEqual({
      success: true,
      data: expect.objectContaining({ accountId: DEMO_USERS.carol.accountId, displayName: 'Carol Diaz', active: false }),
    });
    expect(await app.invoke('getUser', { accountId: DEMO_USERS.carol.accountId }, 'alice')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    expect(await app.invoke('getUser', {}, 'alice')).toMatchObject({ success: true, data: { accountId: alice } });
  });
});
