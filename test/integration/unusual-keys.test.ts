// Review round 2, point 2: any client can store keys the app would never create (curl PUT "a..b", a zero-width
// joiner inside "costCenter"). They must not hide a record: listed, shown, deletable; only writes follow the rules.
import type { PropertyEntry } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
const bob = DEMO_USERS.bob.accountId;
const ADDRESSABLE = ['a..b', 'cost\u200dCenter', 'tab\there', ' '];
// Jira's REST API cannot create ".." (every URL parser turns it into a dot segment), but a record holding it must
// still be listed: that key shows as unreadable, the others as usual.
const PLANTED = [...ADDRESSABLE, '..'];

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(() => {
  for (const key of PLANTED) app.simulator.store.setProperty(bob, key, { planted: key });
});
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const keysOf = (answer: unknown) => ((answer as { data: { properties: { key: string }[] } }).data.properties).map((p) => p.key);

test('an admin lists a record with planted keys, every key as Jira holds it', async () => {
  const answer = await app.invoke('listProperties', { accountId: bob }, 'admin');
  expect(answer).toMatchObject({ success: true });
  expect(keysOf(answer)).toEqual(expect.arrayContaining(PLANTED));
  const dots = (answer as { data: { properties: { key: string; unreadable?: string }[] } }).data.properties.find((p) => p.key === '..');
  expect(dots).toEqual({ key: '..', json: 'null', bytes: 0, unreadable: expect.stringMatching(/cannot address it/) });
});

test('the user sees their own record on My preferences', async () => {
  const answer = await app.invoke('getMyPreferences', {}, 'bob', MODULE_KEYS.personalSettings);
  expect(answer).toMatchObject({ success: true });
  expect(keysOf(answer)).toEqual(expect.arrayContaining(PLANTED));
});

test.each(ADDRESSABLE)('an admin reads and deletes %p, and the DELETE reaches exactly that key', async (key) => {
  const read = await app.invoke<PropertyEntry>('getProperty', { accountId: bob, key }, 'admin');
  expect(read).toMatchObject({ success: true, data: { key } });
  if (!read.success) return;
  expect(JSON.parse(read.data.json)).toEqual({ planted: key });
  app.takeRequests();
  const answer = await app.invoke('deleteProperty', { accountId: bob, key, expected: { exists: true, json: read.data.json } }, 'admin');
  expect(answer).toMatchObject({ success: true, data: { key, deleted: true } });
  const deletes = app.takeRequests().filter((r) => r.method === 'DELETE');
  expect(deletes).toHaveLength(1);
  expect(decodeURIComponent(deletes[0].pathname.slice('/rest/api/3/user/properties/'.length))).toBe(key);
  expect(app.simulator.store.getProperty(bob, key)).toBeUndefined();
});

test('the user deletes a planted key of their own when raw editing is allowed', async () => {
  await app.invoke('setAllowRawEditing', { allow: true }, 'admin');
  const answer = await app.invoke('deleteProperty', { key: 'a..b' }, 'bob', MODULE_KEYS.personalSettings);
  expect(answer).toMatchObject({ success: true });
  expect(app.simulator.store.getProperty(bob, 'a..b')).toBeUndefined();
  await app.invoke('setAllowRawEditing', { allow: false }, 'admin');
});

test.each(['a..b', 'cost\u200dCenter', 'tab\there'])('nobody writes %p through the app', async (key) => {
  app.takeRequests();
  const answer = await app.invoke('setProperty', { accountId: bob, key, json: '1' }, 'admin');
  expect(answer).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
  expect(app.takeRequests()).toEqual([]);
  expect(app.simulator.store.getProperty(bob, key)).toEqual({ planted: key });
});
