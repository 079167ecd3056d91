/**
 * Revocation bound: no cache: the next request after a revocation is refused.
 *
 * Every resolver call checks authority afresh: Administer Jira through /mypermissions as the caller, a delegation
 * through /myself?expand=groups as the caller plus the policy read from Forge storage. Nothing is remembered between
 * calls, so the first call that starts after a revocation (group membership removed, delegation deleted, Administer
 * Jira withdrawn) is refused, and nothing it would have written reaches Jira.
 *
 * The one window left: a call that passed its check BEFORE the revocation finishes its own retries (429/503/network,
 * honouring Retry-After) within its 15 s budget (INVOCATION_BUDGET_MS) without checking again; the last test pins that.
 */
import type { LoggedRequest } from '../../harness/simulator';
import { DEMO_GROUPS } from '../../harness/simulator';
import { DEMO_USERS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let delegationId: string;

const { admin, alice, bob } = DEMO_USERS;
const HR = DEMO_GROUPS.hrManagers;
const DELEGATION = { groupId: HR.groupId, groupName: HR.name, keys: [{ match: 'exact', value: 'costCenter' }] };

const writesIn = (requests: LoggedRequest[]) => requests.filter((r) => r.method === 'PUT' || r.method === 'DELETE');

async function saveDelegation(): Promise<string> {
  const saved = await app.invoke<{ id: string }>('saveDelegation', { delegation: DELEGATION }, 'admin');
  if (!saved.success) throw new Error(`saveDelegation failed: ${saved.error.message}`);
  return saved.data.id;
}

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
beforeEach(async () => {
  // Every test starts from: alice in hr-managers, one delegation of costCenter to that group, admin an admin.
  app.simulator.store.addMember(HR.name, alice.accountId);
  app.simulator.store.setAdmin(admin.accountId, true);
  const config = await app.invoke<{ delegations: Array<{ id: string }> }>('getAppConfig', {}, 'admin');
  if (!config.success) throw new Error(config.error.message);
  for (const { id } of config.data.delegations) await app.invoke('deleteDelegation', { id }, 'admin');
  delegationId = await saveDelegation();
  app.simulator.store.setProperty(bob.accountId, 'costCenter', 'CC-2207');
  app.takeRequests();
});
afterEach(() => {
  app.simulator.faults.clear();
  expect(app.simulator.contractViolations).toEqual([]);
});

/** Every way alice can touch bob's costCenter as a delegate; each must be refused with FORBIDDEN after a revocation. */
async function expectDelegateRefused(): Promise<void> {
  const calls: Array<[string, Record<string, unknown>]> = [
    ['setProperty', { accountId: bob.accountId, key: 'costCenter', json: '"CC-REVOKED"' }],
    ['deleteProperty', { accountId: bob.accountId, key: 'costCenter' }],
    ['getProperty', { accountId: bob.accountId, key: 'costCenter' }],
    ['listProperties', { accountId: bob.accountId }],
  ];
  for (const [key, payload] of calls) {
    const result = await app.invoke(key, payload, 'alice');
    expect({ key, result }).toMatchObject({ key, result: { success: false, error: { code: 'FORBIDDEN' } } });
  }
  expect(app.simulator.store.getProperty(bob.accountId, 'costCenter')).toBe('CC-2207');
  const requests = app.takeRequests();
  expect(writesIn(requests)).toEqual([]);
  // Refused before any asApp() request: the app never acted on bob's record as itself.
  expect(requests.filter((r) => r.principal.kind === 'app')).toEqual([]);
}

async function expectDelegateAllowed(value: string): Promise<void> {
  const set = await app.invoke('setProperty', { accountId: bob.accountId, key: 'costCenter', json: JSON.stringify(value) }, 'alice');
  expect(set).toMatchObject({ success: true, data: { outcome: 'updated' } });
  expect(app.simulator.store.getProperty(bob.accountId, 'costCenter')).toBe(value);
  expect(await app.invoke('getProperty', { accountId: bob.accountId, key: 'costCenter' }, 'alice')).toMatchObject({
    success: true,
    data: { key: 'costCenter', json: JSON.stringify(value) },
  });
  const listed = await app.invoke<{ properties: Array<{ key: string }> }>('listProperties', { accountId: bob.accountId }, 'alice');
  expect(listed).toMatchObject({ success: true });
  if (listed.success) expect(listed.data.properties.map((p) => p.key)).toEqual(['costCenter']);
  const writes = writesIn(app.takeRequests());
  expect(writes.map((r) => [r.method, r.status, r.principal.kind])).toEqual([['PUT', 200, 'app']]);
}

test('(a) removing the delegate from the group: the very next call is refused; re-adding restores it', async () => {
  await expectDelegateAllowed('CC-ALICE-1');
  app.simulator.store.setProperty(bob.accountId, 'costCenter', 'CC-2207');

  expect(app.simulator.store.removeMember(HR.name, alice.accountId)).toBe(true);
  await expectDelegateRefused();
  expect(await app.invoke('getSession', {}, 'alice')).toMatchObject({ success: true, data: { isAdmin: false, delegatedKeys: [] } });

  expect(app.simulator.store.addMember(HR.name, alice.accountId)).toBe(true);
  await expectDelegateAllowed('CC-ALICE-2');
});

test('(b) deleting the delegation: the very next call is refused', async () => {
  await expectDelegateAllowed('CC-ALICE-1');
  app.simulator.store.setProperty(bob.accountId, 'costCenter', 'CC-2207');

  expect(await app.invoke('deleteDelegation', { id: delegationId }, 'admin')).toMatchObject({
    success: true,
    data: { id: delegationId, deleted: true },
  });
  app.takeRequests();
  await expectDelegateRefused();
  expect(await app.invoke('getSession', {}, 'alice')).toMatchObject({ success: true, data: { delegatedKeys: [] } });

  await saveDelegation();
  app.takeRequests();
  await expectDelegateAllowed('CC-ALICE-2');
});

test('(c) a Jira admin losing Administer Jira: the very next call on another user is refused; restoring restores it', async () => {
  const write = (value: string) => app.invoke('setProperty', { accountId: bob.accountId, key: 'team', json: JSON.stringify(value) }, 'admin');
  expect(await write('Admin-1')).toMatchObject({ success: true });
  expect(app.simulator.store.getProperty(bob.accountId, 'team')).toBe('Admin-1');
  app.takeRequests();

  expect(app.simulator.store.setAdmin(admin.accountId, false)).toBe(true);
  for (const [key, payload] of [
    ['setProperty', { accountId: bob.accountId, key: 'team', json: '"Revoked"' }],
    ['deleteProperty', { accountId: bob.accountId, key: 'team' }],
    ['getProperty', { accountId: bob.accountId, key: 'team' }],
    ['listProperties', { accountId: bob.accountId }],
    ['getUser', { accountId: bob.accountId }],
  ] as const) {
    const result = await app.invoke(key, payload, 'admin');
    expect({ key, result }).toMatchObject({ key, result: { success: false, error: { code: 'FORBIDDEN' } } });
  }
  // App settings are for Jira admins too.
  expect(await app.invoke('saveDelegation', { delegation: DELEGATION }, 'admin')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  expect(await app.invoke('getSession', {}, 'admin')).toMatchObject({ success: true, data: { isAdmin: false, delegatedKeys: [] } });
  expect(app.simulator.store.getProperty(bob.accountId, 'team')).toBe('Admin-1');
  expect(writesIn(app.takeRequests())).toEqual([]);

  // Their own record stays readable (writes to it now follow the preference rules, like anyone's).
  expect(await app.invoke('getProperty', { key: 'team' }, 'admin')).toMatchObject({ success: true, data: { json: '"IT Operations"' } });
  app.takeRequests();

  expect(app.simulator.store.setAdmin(admin.accountId, true)).toBe(true);
  expect(await app.invoke('getSession', {}, 'admin')).toMatchObject({ success: true, data: { isAdmin: true } });
  expect(await write('Admin-2')).toMatchObject({ success: true });
  expect(app.simulator.store.getProperty(bob.accountId, 'team')).toBe('Admin-2');
  expect(writesIn(app.takeRequests()).map((r) => [r.method, r.status, r.principal])).toEqual([
    ['PUT', 200, { kind: 'user', accountId: admin.accountId }],
  ]);
});

test('setAdmin answers whether the flag changed and refuses unknown users', () => {
  expect(app.simulator.store.setAdmin(admin.accountId, true)).toBe(false);
  expect(app.simulator.store.setAdmin(bob.accountId, false)).toBe(false);
  expect(() => app.simulator.store.setAdmin('no-such-account', true)).toThrow(/does not exist/);
});

test('the window left: a call already past its check completes its retries after a revocation (within 15 s)', async () => {
  // The delegate's PUT is rate limited with Retry-After 1; during that second alice leaves hr-managers. The retry is
  // part of the call that was authorized before the revocation, so it is sent (asApp) and applies. Calls that start
  // after the revocation are refused (checked just after).
  app.simulator.faults.add({ status: 429, times: 1, retryAfterSeconds: 1, method: 'PUT' });
  const seq = app.simulator.requests.length;
  const pending = app.invoke('setProperty', { accountId: bob.accountId, key: 'costCenter', json: '"CC-IN-FLIGHT"' }, 'alice');
  const until = Date.now() + 5_000;
  while (!app.simulator.requests.some((r) => r.seq > seq && r.method === 'PUT' && r.status === 429)) {
    if (Date.now() > until) throw new Error('the rate-limited PUT was never logged');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  app.simulator.store.removeMember(HR.name, alice.accountId);
  expect(await pending).toMatchObject({ success: true });
  expect(app.simulator.store.getProperty(bob.accountId, 'costCenter')).toBe('CC-IN-FLIGHT');
  expect(writesIn(app.takeRequests()).map((r) => [r.status, r.principal.kind])).toEqual([
    [429, 'app'],
    [200, 'app'],
  ]);

  app.simulator.store.setProperty(bob.accountId, 'costCenter', 'CC-2207');
  await expectDelegateRefused();
});
