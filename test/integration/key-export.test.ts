import { DEMO_GROUPS } from '../../harness/simulator';
import type { SimStore } from '../../harness/simulator/store';
import { FORGE_RESPONSE_LIMIT_BYTES } from '../../src/domain/read-pages';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

// readKeyValues, the export of one key across users, through the local Forge platform (the bundled function in its
// sandbox, with Forge's limits) against the simulator: exact texts, users without the key, users Jira refuses, the
// rights of admins, delegated managers and everyone else, and answers that stay inside Forge's 5 MB.
let app: TestApp;
const SITE_USERS = 150;
const KEY = 'export.budget';
/** An account id of the right shape that the site does not have: an account deleted since the search. */
const DELETED = '5b10ac8d82e05b22cc7d0000';

type Values = Array<{ accountId: string; json?: string; error?: string }>;
/** The simulator's store, with its raw-text writes (a value kept exactly as given, as a PUT's body is). */
const store = () => app.simulator.store as SimStore;

beforeAll(async () => {
  app = await startTestApp({ siteUsers: SITE_USERS });
  // alice manages `export.delegated.*` on everyone, through the hr-managers group.
  const HR = DEMO_GROUPS.hrManagers;
  const saved = await app.invoke('saveDelegation', { delegation: { groupId: HR.groupId, groupName: HR.name, keys: [{ match: 'prefix', value: 'export.delegated.' }] } }, 'admin');
  if (!saved.success) throw new Error(`saveDelegation failed: ${JSON.stringify(saved)}`);
}, 60_000);
afterAll(() => app.close());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

/** The generated people (not the demo users), in the store's order. */
const generated = () =>
  app.simulator.store
    .listUsers()
    .filter((user) => (user.accountType ?? 'atlassian') === 'atlassian' && !Object.values(DEMO_USERS).some((demo) => demo.accountId === user.accountId))
    .map((user) => user.accountId);

const read = (accountIds: unknown, as: DemoUser = 'admin', key: unknown = KEY) => app.invoke<{ values: Values }>('readKeyValues', { key, accountIds }, as, MODULE_KEYS.adminPage);
const propertyRequests = (requests: ReturnType<TestApp['takeRequests']>) => requests.filter((r) => r.pathname.startsWith('/rest/api/3/user/properties'));

/** PUTs a value as raw text, as curl would: the body's characters are what Jira keeps. */
async function curlPut(accountId: string, key: string, body: string): Promise<number> {
  const answer = await fetch(`${app.url}/rest/api/3/user/properties/${encodeURIComponent(key)}?accountId=${encodeURIComponent(accountId)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${DEMO_USERS.admin.email}:token`).toString('base64')}` },
    body,
  });
  return answer.status;
}

test('an admin reads 100 users\' values exactly; a user without the key has no json', async () => {
  const users = generated().slice(0, 100);
  for (const accountId of users) store().deleteProperty(accountId, KEY);
  users.forEach((accountId, i) => {
    if (i % 7 !== 3) store().putPropertyJson(accountId, KEY, i % 2 === 0 ? `{"n":${i},"note":"line\\nbreak \\"q\\""}` : `${i}.50`);
  });
  const exact = '{ "id": 12345678901234567890, "amount": 1.10, "tag": "\\u00e9t\\u00e9" }';
  expect(await curlPut(users[10]!, KEY, exact)).toBe(201);

  app.takeRequests();
  const answer = await read(users);
  const requests = app.takeRequests();
  expect(answer.success).toBe(true);
  if (!answer.success) return;
  expect(answer.data.values.map((v) => v.accountId)).toEqual(users);
  answer.data.values.forEach((value, i) => {
    const stored = app.simulator.store.getPropertyJson(users[i]!, KEY);
    expect(value).toEqual(stored === undefined ? { accountId: users[i] } : { accountId: users[i], json: stored });
  });
  expect(answer.data.values[10]).toEqual({ accountId: users[10], json: exact });
  expect(answer.data.values[3]).toEqual({ accountId: users[3] });
  // One read per user, as the admin; a listing only for the users without the key (a 404 is also a missing user).
  const without = users.filter((_, i) => i % 7 === 3 && i !== 10).length;
  const properties = propertyRequests(requests);
  expect(properties.filter((r) => r.pathname === `/rest/api/3/user/properties/${KEY}`)).toHaveLength(100);
  expect(properties.filter((r) => r.pathname === '/rest/api/3/user/properties')).toHaveLength(without);
  expect(new Set(requests.map((r) => JSON.stringify(r.principal)))).toEqual(new Set([JSON.stringify({ kind: 'user', accountId: DEMO_USERS.admin.accountId })]));
});

test('a deleted user gets an error, and the other users their values', async () => {
  const [first, second] = generated();
  store().putPropertyJson(first!, KEY, '"kept"');
  store().deleteProperty(second!, KEY);
  const answer = await read([first, DELETED, second]);
  expect(answer).toEqual({
    success: true,
    data: {
      values: [
        { accountId: first, json: '"kept"' },
        { accountId: DELETED, error: expect.stringContaining(`Jira could not find user ${DELETED}`) },
        { accountId: second },
      ],
    },
  });
});

test('101 users, a repeated user or a bad id is a VALIDATION_ERROR, refused before any Jira request', async () => {
  const users = generated();
  for (const accountIds of [users.slice(0, 101), [users[0], users[0]], [], ['../x'], users[0]]) {
    app.takeRequests();
    expect(await read(accountIds)).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
    expect(app.takeRequests()).toEqual([]);
  }
  expect(await read(users.slice(0, 2), 'admin', '..')).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
});

test('a delegate reads their granted key as the app, and is refused any other key with no property read', async () => {
  const users = generated().slice(0, 3);
  store().putPropertyJson(users[0]!, 'export.delegated.cc', '{"code":"CC-4102","big":98765432109876543210}');
  app.takeRequests();
  const granted = await read(users, 'alice', 'export.delegated.cc');
  const grantedRequests = propertyRequests(app.takeRequests());
  expect(granted).toEqual({ success: true, data: { values: [{ accountId: users[0], json: '{"code":"CC-4102","big":98765432109876543210}' }, { accountId: users[1] }, { accountId: users[2] }] } });
  expect(grantedRequests.length).toBeGreaterThan(0);
  expect(grantedRequests.every((r) => r.principal.kind === 'app')).toBe(true);

  app.takeRequests();
  const refused = await read(users, 'alice', KEY);
  expect(refused).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  // Only the rights check itself (Administer Jira, the caller's groups); no property of anyone was read.
  const requests = app.takeRequests();
  expect(propertyRequests(requests)).toEqual([]);
  expect(requests.every((r) => r.principal.kind === 'user')).toBe(true);
});

test('a user who is neither admin nor delegate is FORBIDDEN, even naming themselves beside another user', async () => {
  const bob = DEMO_USERS.bob.accountId;
  for (const accountIds of [[DEMO_USERS.alice.accountId], [bob, DEMO_USERS.alice.accountId]]) {
    app.takeRequests();
    expect(await read(accountIds, 'bob')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    expect(propertyRequests(app.takeRequests())).toEqual([]);
  }
  // From My preferences, another user is refused whoever asks.
  const fromPreferences = await app.invoke('readKeyValues', { key: KEY, accountIds: [bob] }, 'admin', MODULE_KEYS.personalSettings);
  expect(fromPreferences).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
});

test('100 values that fill Jira\'s limit, escaped in its answers, come back in answers under 5 MB, a prefix at a time', async () => {
  const users = generated().slice(0, 100);
  // 16,384 × "é" is 32,768 UTF-8 bytes; Jira answers each as \u00E9, so every value is 114 KB as an answer's JSON.
  const big = JSON.stringify('é'.repeat(16_384));
  for (const accountId of users) store().putPropertyJson(accountId, KEY, big);
  const escaped = JSON.stringify('é'.repeat(16_384)).replace(/é/g, '\\u00E9');
  const values: Values = [];
  let calls = 0;
  while (values.length < users.length) {
    const rest = users.slice(values.length);
    const answer = await read(rest);
    calls++;
    expect(answer.success).toBe(true);
    if (!answer.success) return;
    expect(Buffer.byteLength(JSON.stringify(answer))).toBeLessThan(FORGE_RESPONSE_LIMIT_BYTES);
    expect(answer.data.values.length).toBeGreaterThan(0);
    expect(answer.data.values.map((v) => v.accountId)).toEqual(rest.slice(0, answer.data.values.length));
    values.push(...answer.data.values);
  }
  expect(calls).toBeGreaterThan(2);
  expect(values.every((value) => value.json === escaped)).toBe(true);
  for (const accountId of users) store().deleteProperty(accountId, KEY);
}, 60_000);
