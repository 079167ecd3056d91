import { DEMO_GROUPS } from '../../harness/simulator';
import type { HistoryEntry, HistoryPage } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

// The history of writes made through the app: every write the resolver makes through the local platform against the
// simulator, what each caller may see of it, and restores that never overwrite a change made outside the app.
let app: TestApp;
const { admin, alice, bob } = DEMO_USERS;
const HR = DEMO_GROUPS.hrManagers;

beforeAll(async () => {
  // The history's triggers run when a test says so (runNow), not on their schedule.
  app = await startTestApp({ runtime: { scheduler: { enabled: false } } });
  // alice manages `history.cc*` on everyone, through the hr-managers group.
  const saved = await app.invoke('saveDelegation', { delegation: { groupId: HR.groupId, groupName: HR.name, keys: [{ match: 'prefix', value: 'history.cc' }] } }, 'admin');
  if (!saved.success) throw new Error(`saveDelegation failed: ${JSON.stringify(saved)}`);
}, 60_000);
afterAll(() => app.close());
afterEach(() => app.simulator.faults.clear());

async function history(payload: Record<string, unknown>, as: DemoUser, moduleKey: string = MODULE_KEYS.adminPage): Promise<HistoryEntry[]> {
  const answer = await app.invoke<HistoryPage>('listHistory', payload, as, moduleKey);
  if (!answer.success) throw new Error(`listHistory failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data.entries;
}

async function set(as: DemoUser, accountId: string, key: string, json: string, moduleKey: string = MODULE_KEYS.adminPage) {
  const answer = await app.invoke('setProperty', { accountId, key, json }, as, moduleKey);
  if (!answer.success) throw new Error(`setProperty failed: ${answer.error.code} ${answer.error.message}`);
}

test('two saves by the admin give two entries naming the admin, with exact before and after; restoring the first brings its value back as a third', async () => {
  await set('admin', bob.accountId, 'history.team', '{"name":"Platform","budget":12345678901234567890}');
  await set('admin', bob.accountId, 'history.team', '{"name":"Mobile"}');
  const [second, first] = await history({ accountId: bob.accountId, key: 'history.team' }, 'admin');
  expect(first).toMatchObject({
    actorAccountId: admin.accountId,
    authority: 'admin',
    principal: 'asUser',
    moduleKey: MODULE_KEYS.adminPage,
    accountId: bob.accountId,
    key: 'history.team',
    operation: 'create',
    after: '{"name":"Platform","budget":12345678901234567890}',
    state: 'recorded',
  });
  expect(first.before).toBeUndefined();
  expect(second).toMatchObject({ operation: 'update', before: '{"name":"Platform","budget":12345678901234567890}', after: '{"name":"Mobile"}' });
  expect(Date.parse(second.at)).toBeGreaterThanOrEqual(Date.parse(first.at));

  const restored = await app.invoke('restoreVersion', { entryId: first.id }, 'admin');
  expect(restored).toMatchObject({ success: true, data: { key: 'history.team', accountId: bob.accountId, outcome: 'updated' } });
  expect(app.simulator.store.getPropertyJson(bob.accountId, 'history.team')).toBe('{"name":"Platform","budget":12345678901234567890}');
  const entries = await history({ accountId: bob.accountId, key: 'history.team' }, 'admin');
  expect(entries).toHaveLength(3);
  expect(entries[0]).toMatchObject({ restoredFrom: first.id, operation: 'update', before: '{"name":"Mobile"}', after: first.after });
});

test('a delete is recorded with the value it removed; restoring the creation writes that value back', async () => {
  await set('admin', bob.accountId, 'history.gone', '"soon"');
  const deleted = await app.invoke('deleteProperty', { accountId: bob.accountId, key: 'history.gone' }, 'admin');
  expect(deleted.success).toBe(true);
  const [deletion, creation] = await history({ accountId: bob.accountId, key: 'history.gone' }, 'admin');
  expect(deletion).toMatchObject({ operation: 'delete', before: '"soon"' });
  expect(deletion.after).toBeUndefined();
  // Restoring the creation writes "soon" back.
  expect(await app.invoke('restoreVersion', { entryId: creation.id }, 'admin')).toMatchObject({ success: true, data: { outcome: 'created' } });
  expect(app.simulator.store.getPropertyJson(bob.accountId, 'history.gone')).toBe('"soon"');
});

test('a restore after a change made outside the app answers CONFLICT and writes nothing', async () => {
  await set('admin', bob.accountId, 'history.outside', '"v1"');
  await set('admin', bob.accountId, 'history.outside', '"v2"');
  const [, v1] = await history({ accountId: bob.accountId, key: 'history.outside' }, 'admin');
  // Someone with an API token changes the value with curl.
  const response = await fetch(`${app.simulator.baseUrl}/rest/api/3/user/properties/history.outside?accountId=${bob.accountId}`, {
    method: 'PUT',
    headers: { authorization: `Basic ${Buffer.from(`${admin.email}:token`).toString('base64')}`, 'content-type': 'application/json' },
    body: '"from curl"',
  });
  expect(response.status).toBe(200);
  app.takeRequests();
  const answer = await app.invoke('restoreVersion', { entryId: v1.id }, 'admin');
  expect(answer).toMatchObject({ success: false, error: { code: 'CONFLICT', message: expect.stringContaining('changed outside the app') } });
  expect(app.simulator.store.getPropertyJson(bob.accountId, 'history.outside')).toBe('"from curl"');
  expect(app.takeRequests().filter((r) => r.method !== 'GET' && r.method !== 'POST')).toEqual([]);
  expect(await history({ accountId: bob.accountId, key: 'history.outside' }, 'admin')).toHaveLength(2);
});

test('a plain user sees the entries on their own record, from either page, and nobody else\'s', async () => {
  await set('admin', bob.accountId, 'history.byAdmin', '1');
  await set('admin', alice.accountId, 'history.aliceOnly', '1');
  expect(await app.invoke('listHistory', { accountId: alice.accountId }, 'bob')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  expect(await app.invoke('listHistory', {}, 'bob')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  expect(await app.invoke('listHistory', { accountId: alice.accountId }, 'bob', MODULE_KEYS.personalSettings)).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  for (const [payload, moduleKey] of [[{}, MODULE_KEYS.personalSettings], [{ accountId: bob.accountId }, MODULE_KEYS.adminPage]] as const) {
    const own = await history(payload, 'bob', moduleKey);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((entry) => entry.accountId === bob.accountId)).toBe(true);
    expect(own.some((entry) => entry.key === 'history.byAdmin' && entry.actorAccountId === admin.accountId)).toBe(true);
  }
});

test('a delegate sees only entries on keys they are granted; their own writes go as the app and are recorded so', async () => {
  await set('admin', bob.accountId, 'history.ccNumber', '"CC-1"');
  await set('alice', bob.accountId, 'history.ccNumber', '"CC-2"');
  const seen = await history({ accountId: bob.accountId }, 'alice');
  expect(seen.length).toBeGreaterThanOrEqual(2);
  expect(seen.every((entry) => entry.key.startsWith('history.cc'))).toBe(true);
  expect(seen[0]).toMatchObject({ actorAccountId: alice.accountId, authority: 'delegate', principal: 'asApp', before: '"CC-1"', after: '"CC-2"' });
  expect((await history({}, 'alice')).every((entry) => entry.key.startsWith('history.cc') || entry.accountId === alice.accountId)).toBe(true);
  expect(await app.invoke('listHistory', { accountId: bob.accountId, key: 'history.team' }, 'alice')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  // The admin filters by actor.
  const byAlice = await history({ actorAccountId: alice.accountId }, 'admin');
  expect(byAlice.length).toBeGreaterThan(0);
  expect(byAlice.every((entry) => entry.actorAccountId === alice.accountId)).toBe(true);
});

test('a write Jira refuses records nothing; one whose answer is lost is kept as unconfirmed', async () => {
  const before = (await history({ accountId: bob.accountId }, 'admin')).length;
  // A conflict: refused before anything is sent.
  const conflict = await app.invoke('setProperty', { accountId: bob.accountId, key: 'history.team', json: '1', expected: { exists: false } }, 'admin');
  expect(conflict).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
  expect(await history({ accountId: bob.accountId }, 'admin')).toHaveLength(before);
  // The connection drops after Jira applied the write, every time the client retries.
  app.simulator.faults.add({ kind: 'drop-after', method: 'PUT', pathIncludes: '/history.lost', times: 10 });
  const lost = await app.invoke('setProperty', { accountId: bob.accountId, key: 'history.lost', json: '"maybe"' }, 'admin');
  expect(lost.success).toBe(false);
  const [entry] = await history({ accountId: bob.accountId, key: 'history.lost' }, 'admin');
  expect(entry).toMatchObject({ state: 'unconfirmed', after: '"maybe"' });
});

test('a cursor the history did not hand out is a VALIDATION_ERROR, not a storage failure', async () => {
  for (const cursor of [' ', 'bm90IGEgY3Vyc29y']) {
    expect(await app.invoke('listHistory', { key: 'history.team', cursor }, 'admin')).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
  }
});

test('the history cannot be written through any resolver: restoreVersion needs a recorded entry and the rights to write it', async () => {
  await set('admin', alice.accountId, 'history.private', '"x"');
  const [entry] = await history({ accountId: alice.accountId, key: 'history.private' }, 'admin');
  expect(await app.invoke('restoreVersion', { entryId: entry.id }, 'bob')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  expect(await app.invoke('restoreVersion', { entryId: '00000000-0000-4000-8000-000000000000' }, 'admin')).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
  expect(await app.invoke('restoreVersion', { entryId: 'x', at: 1 }, 'admin')).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
});

test('retention: after the daily trigger, entries older than the setting are gone and newer ones stay', async () => {
  const DAY = 86_400_000;
  for (const value of ['"a"', '"b"', '"c"']) await set('admin', bob.accountId, 'history.aged', value);
  const [c, b, a] = await history({ accountId: bob.accountId, key: 'history.aged' }, 'admin');
  // Written 200 and 20 days ago: the entries are moved back in time in the local platform's storage.
  const now = Date.now();
  const store = app.runtime.kvs.store;
  for (const [entry, age] of [[a, 200], [b, 20]] as const) {
    const stored = store.get('entity', 'history', entry.id, now);
    store.put('entity', 'history', entry.id, { ...(stored?.value as object), at: now - age * DAY }, null, now);
  }
  const ids = async () => (await history({ accountId: bob.accountId, key: 'history.aged' }, 'admin')).map((entry) => entry.id);
  expect(await app.runtime.scheduler.runNow('history-retention')).toMatchObject({ outcome: 'success', statusCode: 204 });
  expect(await ids()).toEqual([c.id, b.id]);

  expect(await app.invoke('setHistoryRetention', { days: 10 }, 'bob')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  expect(await app.invoke('setHistoryRetention', { days: 0 }, 'admin')).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
  expect(await app.invoke('setHistoryRetention', { days: 10 }, 'admin')).toEqual({ success: true, data: { historyRetentionDays: 10 } });
  expect(await app.invoke('getAppConfig', {}, 'admin')).toMatchObject({ success: true, data: { historyRetentionDays: 10 } });
  await app.runtime.scheduler.runNow('history-retention');
  expect(await ids()).toEqual([c.id]);
  await app.invoke('setHistoryRetention', { days: 180 }, 'admin');
});
