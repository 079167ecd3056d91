import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import api, { route } from '@forge/api';
import { createLocalRuntime } from '../../harness/runtime/local-runtime';
import { useRuntimeInProcess } from '../../harness/runtime/in-process-client';
import { DEMO_USERS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const bob = DEMO_USERS.bob.accountId;

test('the real resolver handler sees the platform principal, not a context field from the caller', async () => {
  app.takeRequests();
  await app.runtime.invoke({ functionKey: 'listProperties', payload: {}, context: { accountId: bob, moduleKey: 'my-preferences' } });
  const principals = app.takeRequests().map((r) => r.principal);
  expect(principals.length).toBeGreaterThan(0);
  expect(principals.every((p) => p.kind === 'user' && p.accountId === bob)).toBe(true);
});

test('asApp() and asUser() reach the simulator as the app and as the user', async () => {
  useRuntimeInProcess(app.runtime);
  app.takeRequests();
  await api.asApp().requestJira(route`/rest/api/3/user/properties?accountId=${bob}`);
  await api.asUser(bob).requestJira(route`/rest/api/3/myself`);
  expect(app.takeRequests().map((r) => r.principal)).toEqual([{ kind: 'app' }, { kind: 'user', accountId: bob }]);
});

test('asUser() naming someone other than the invoking user is refused: Forge does not let an app impersonate', async () => {
  const jira = { type: 'fpp', remote: 'jira' } as const;
  app.takeRequests();
  const other = await app.runtime.platformFetch({ ...jira, provider: 'user', accountId: DEMO_USERS.admin.accountId }, '/rest/api/3/myself', {}, bob);
  expect(other.status).toBe(401);
  expect(await other.text()).toMatch(/impersonation is not supported/);
  expect(app.takeRequests()).toEqual([]);
  const self = await app.runtime.platformFetch({ ...jira, provider: 'user', accountId: bob }, '/rest/api/3/myself', {}, bob);
  expect(self.status).toBe(200);
});

test('outside callers cannot claim a principal without the runtime\'s secret', async () => {
  const forged = await fetch(`${app.url}/rest/api/3/user/properties?accountId=${bob}`, {
    headers: { 'x-forge-principal': 'app', 'x-forge-secret': 'guess' },
  });
  expect(forged.status).toBe(401);
  const noSecret = await fetch(`${app.url}/rest/api/3/user/properties?accountId=${bob}`, { headers: { 'x-forge-principal': 'app' } });
  expect(noSecret.status).toBe(401);
});

test('a request whose scope the manifest lacks is refused before it reaches Jira', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'manifest-'));
  const manifest = fs.readFileSync(path.resolve(__dirname, '../../manifest.yml'), 'utf8').replace(/^\s*- write:jira-work\n/m, '');
  expect(manifest).not.toContain('write:jira-work');
  fs.writeFileSync(path.join(dir, 'manifest.yml'), manifest);
  const narrow = await createLocalRuntime({ jiraBaseUrl: app.url, forgeSecret: app.simulator.forgeSecret, manifestPath: path.join(dir, 'manifest.yml'), log: () => undefined });
  try {
    app.takeRequests();
    const admin = DEMO_USERS.admin.accountId;
    const result = await narrow.invoke({ functionKey: 'setProperty', payload: { key: 'k', json: '1' }, context: { accountId: admin, moduleKey: 'user-properties-admin' } });
    expect(result).toMatchObject({ success: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('scope does not match') } });
    expect(app.takeRequests().filter((r) => r.method === 'PUT')).toEqual([]);
    // Reads are still covered by read:jira-user.
    const list = await narrow.invoke({ functionKey: 'listProperties', payload: {}, context: { accountId: bob, moduleKey: 'my-preferences' } });
    expect(list).toMatchObject({ success: true });
  } finally {
    await narrow.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('POST /__forge/invoke runs the resolver and answers its envelope', async () => {
  const response = await fetch(`${app.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey: 'getSession', payload: {}, context: { accountId: DEMO_USERS.admin.accountId, moduleKey: 'user-properties-admin' } }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    success: true,
    data: { accountId: DEMO_USERS.admin.accountId, displayName: DEMO_USERS.admin.displayName, isAdmin: true, delegatedKeys: [] },
  });
  const bad = await fetch(`${app.url}/__forge/invoke`, { method: 'POST', body: '{"functionKey":1}' });
  expect(bad.status).toBe(400);
});
