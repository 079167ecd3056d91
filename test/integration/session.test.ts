import { DEMO_USERS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

test('getSession tells an admin from a plain user, from the server-side permission check', async () => {
  expect(await app.invoke('getSession', {}, 'admin')).toEqual({
    success: true,
    data: { accountId: DEMO_USERS.admin.accountId, displayName: DEMO_USERS.admin.displayName, isAdmin: true, delegatedKeys: [] },
  });
  expect(await app.invoke('getSession', {}, 'alice')).toEqual({
    success: true,
    data: { accountId: DEMO_USERS.alice.accountId, displayName: DEMO_USERS.alice.displayName, isAdmin: false, delegatedKeys: [] },
  });
});

test('getSession ignores an accountId in the payload', async () => {
  const result = await app.invoke('getSession', { accountId: DEMO_USERS.admin.accountId }, 'alice');
  expect(result).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
});

test('searchUsers finds seeded users by name', async () => {
  const result = await app.invoke<{ accountId: string; displayName: string }[]>('searchUsers', { query: 'ali' }, 'admin');
  expect(result.success && result.data.map((u) => u.accountId)).toEqual([DEMO_USERS.alice.accountId]);
  expect(await app.invoke('searchUsers', { query: '  ' }, 'admin')).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
});

test('a user who has not granted access gets NEEDS_AUTHENTICATION, not a crash', async () => {
  app.runtime.revokeUserGrant(DEMO_USERS.bob.accountId);
  try {
    const result = await app.invoke('listProperties', {}, 'bob');
    expect(result).toEqual({ success: false, error: { code: 'NEEDS_AUTHENTICATION', message: expect.stringContaining('Allow access') } });
  } finally {
    app.runtime.grantUser(DEMO_USERS.bob.accountId);
  }
});

test('an admin whose permission check cannot be answered is refused (fail closed)', async () => {
  app.simulator.faults.add({ status: 500, times: 1, pathIncludes: '/mypermissions' });
  const result = await app.invoke('setProperty', { accountId: DEMO_USERS.bob.accountId, key: 'k', json: '1' }, 'admin');
  expect(result).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  expect(app.simulator.store.getProperty(DEMO_USERS.bob.accountId, 'k')).toBeUndefined();
});

test('an unknown resolver key answers the envelope before @forge/resolver sees it', async () => {
  await expect(app.invoke('dropDatabase', {}, 'admin')).resolves.toEqual({
    success: false,
    error: { code: 'VALIDATION_ERROR', message: expect.stringMatching(/no such request/) },
  });
});
