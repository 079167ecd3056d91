import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ASSETS_MANIFEST, type HostAssets } from '../../harness/host/build';
import { HOST_CONFIG_ELEMENT_ID, type HostAccount, type HostPageConfig, type HostUser } from '../../harness/host/config';
import { startAppServer, type AppServer } from '../../harness/server/app-server';
import { DEMO_USERS, MODULE_KEYS } from '../support/test-app';

// The server part of the host, against stand-in bundles (test/host/build.test.ts builds the real ones).
let app: AppServer;
let assetsDir: string;
const ASSETS: HostAssets = {
  builtAt: '2026-01-01T00:00:00.000Z',
  host: { js: 'host.js', css: ['host.css'] },
  apps: {
    [MODULE_KEYS.adminPage]: { scripts: ['app-user-properties-admin.js'], css: [], entry: 'src/frontend/admin/index.tsx', builtBy: '@forge/bundler' },
    [MODULE_KEYS.personalSettings]: { scripts: ['app-my-preferences.js'], css: [], entry: 'src/frontend/preferences/index.tsx', builtBy: '@forge/bundler' },
  },
};

beforeAll(async () => {
  assetsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-server-test-'));
  fs.writeFileSync(path.join(assetsDir, ASSETS_MANIFEST), JSON.stringify(ASSETS));
  fs.writeFileSync(path.join(assetsDir, 'host.js'), 'window.__bridge = {};');
  fs.writeFileSync(path.join(assetsDir, 'host.css'), 'body{}');
  fs.writeFileSync(path.join(assetsDir, 'app-user-properties-admin.js'), '/* admin */');
  fs.writeFileSync(path.join(assetsDir, 'app-my-preferences.js'), '/* prefs */');
  app = await startAppServer({ validateContract: true, hostAssetsDir: assetsDir });
});
afterAll(async () => {
  await app.close();
  fs.rmSync(assetsDir, { recursive: true, force: true });
});
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

const get = (pathAndQuery: string) => fetch(`${app.url}${pathAndQuery}`);

function configOf(html: string): HostPageConfig {
  const match = new RegExp(`<script id="${HOST_CONFIG_ELEMENT_ID}" type="application/json">([^<]*)</script>`).exec(html);
  if (!match) throw new Error('no host config in the page');
  return JSON.parse(match[1]) as HostPageConfig;
}

test('/ is the host page: host script first, then the admin bundle, as the seeded admin by default', async () => {
  const response = await get('/');
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/text\/html/);
  const html = await response.text();
  const host = html.indexOf('src="/__host/assets/host.js');
  const appBundle = html.indexOf('src="/__host/assets/app-user-properties-admin.js');
  expect(host).toBeGreaterThan(0);
  expect(appBundle).toBeGreaterThan(host);
  expect(html).toContain('<link rel="stylesheet" href="/__host/assets/host.css');
  expect(html).toContain('<div id="host-root"></div>');

  const config = configOf(html);
  expect(config.account).toMatchObject({ accountId: DEMO_USERS.admin.accountId, displayName: 'Alex Admin', isAdmin: true });
  expect(config.module).toEqual({ key: MODULE_KEYS.adminPage, type: 'jira:adminPage', title: 'User properties' });
  expect(config.modules.map((m) => m.key)).toEqual([MODULE_KEYS.adminPage, MODULE_KEYS.personalSettings]);
  expect(config.context).toMatchObject({
    accountId: DEMO_USERS.admin.accountId,
    cloudId: 'local-cloud-0000',
    moduleKey: MODULE_KEYS.adminPage,
    extension: { type: 'jira:adminPage' },
    locale: 'en-AU',
    timezone: 'Australia/Sydney',
    siteUrl: app.url,
    theme: { colorMode: 'light' },
  });
  expect(config.context.localId).toMatch(/^ari:cloud:ecosystem::extension\/.+\/static\/user-properties-admin$/);
});

test('?as= and ?module= pick the account and the module bundle', async () => {
  const html = await (await get(`/?as=${encodeURIComponent(DEMO_USERS.bob.accountId)}&module=${MODULE_KEYS.personalSettings}`)).text();
  expect(html).toContain('src="/__host/assets/app-my-preferences.js');
  expect(html).not.toContain('app-user-properties-admin.js');
  const config = configOf(html);
  expect(config.account.accountId).toBe(DEMO_USERS.bob.accountId);
  expect(config.context).toMatchObject({ moduleKey: MODULE_KEYS.personalSettings, extension: { type: 'jira:personalSettingsPage' }, locale: 'en-GB' });
});

test('an unknown account or module is a 404 page that links to the valid choices', async () => {
  const noAccount = await get('/?as=nobody');
  expect(noAccount.status).toBe(404);
  expect(await noAccount.text()).toContain(encodeURIComponent(DEMO_USERS.alice.accountId));
  const noModule = await get('/?module=nope');
  expect(noModule.status).toBe(404);
  expect(await noModule.text()).toContain(`module=${MODULE_KEYS.personalSettings}`);
});

test('the config script cannot be broken out of by what it embeds', async () => {
  const html = await (await get(`/?as=${encodeURIComponent(DEMO_USERS.dmitri.accountId)}`)).text();
  expect(configOf(html).account.displayName).toBe('Дмитрий Иванов');
  expect(html.match(/<\/script>/g)).toHaveLength(3);
});

test('the bundles are served from the assets folder, and nothing outside it', async () => {
  const js = await get('/__host/assets/host.js');
  expect(js.status).toBe(200);
  expect(js.headers.get('content-type')).toMatch(/javascript/);
  expect(await js.text()).toBe('window.__bridge = {};');
  expect((await get('/__host/assets/host.css')).headers.get('content-type')).toMatch(/text\/css/);
  expect((await get('/__host/assets/..%2F..%2Fpackage.json')).status).toBe(404);
  expect((await get('/__host/assets/assets.json')).status).toBe(200);
  expect((await get('/__host/assets/nope.js')).status).toBe(404);
});

test('without built bundles the page says how to build them', async () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'host-server-empty-'));
  const bare = await startAppServer({ hostAssetsDir: empty });
  try {
    const response = await fetch(`${bare.url}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm start');
  } finally {
    await bare.close();
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('the former landing page lives on at /__host/info', async () => {
  const response = await get('/__host/info');
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).toContain('Seeded accounts');
  expect(html).toContain(DEMO_USERS.carol.email);
});

test('/__host/accounts lists every seeded account, inactive ones marked', async () => {
  const accounts = (await (await get('/__host/accounts')).json()) as HostAccount[];
  expect(accounts.map((a) => a.displayName).sort()).toEqual(Object.values(DEMO_USERS).map((u) => u.displayName).sort());
  expect(accounts.find((a) => a.accountId === DEMO_USERS.carol.accountId)).toMatchObject({ active: false, isAdmin: false });
  expect(accounts.find((a) => a.accountId === DEMO_USERS.admin.accountId)).toMatchObject({ active: true, isAdmin: true });
  expect(accounts[0].avatarUrl).toMatch(new RegExp(`^${app.url}/avatars/`));
});

test('the user picker searches Jira as the acting account and answers UserPicker values', async () => {
  const seen = app.simulator.requests.length;
  const response = await get(`/__host/user-picker?${new URLSearchParams({ as: DEMO_USERS.alice.accountId, query: 'bo' })}`);
  expect(response.status).toBe(200);
  const users = (await response.json()) as HostUser[];
  expect(users).toEqual([
    { id: DEMO_USERS.bob.accountId, name: 'Bob Martin', email: 'bob@example.com', avatarUrl: expect.stringContaining('/avatars/'), type: 'user' },
  ]);
  const picker = app.simulator.requests.slice(seen).find((r) => r.pathname === '/rest/api/3/user/picker');
  expect(picker).toMatchObject({ principal: { kind: 'user', accountId: DEMO_USERS.alice.accountId }, status: 200, query: { query: 'bo' } });
});

test('the picker only offers active users (Jira\'s rule), and refuses to search as nobody or an unknown account', async () => {
  const inactive = (await (await get(`/__host/user-picker?${new URLSearchParams({ as: DEMO_USERS.admin.accountId, query: 'carol' })}`)).json()) as HostUser[];
  expect(inactive).toEqual([]);
  const unknown = await get(`/__host/user-picker?${new URLSearchParams({ as: 'not-an-account', query: 'a' })}`);
  expect(unknown.status).toBe(403);
  expect(await unknown.json()).toEqual({ message: "unknown account 'not-an-account'" });
  expect((await get('/__host/user-picker?query=a')).status).toBe(403);
});

test('an inactive acting account gets what Jira gives it: 401', async () => {
  const response = await get(`/__host/user-picker?${new URLSearchParams({ as: DEMO_USERS.carol.accountId, query: 'a' })}`);
  expect(response.status).toBe(401);
});

test('/__host/users/<accountId> looks one user up as the acting account', async () => {
  const response = await get(`/__host/users/${encodeURIComponent(DEMO_USERS.bob.accountId)}?as=${encodeURIComponent(DEMO_USERS.admin.accountId)}`);
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ id: DEMO_USERS.bob.accountId, name: 'Bob Martin', email: 'bob@example.com', type: 'user' });
  // Dmitri's email address is private (profile visibility): the admin gets none, Dmitri himself does.
  const dmitri = `/__host/users/${encodeURIComponent(DEMO_USERS.dmitri.accountId)}`;
  const asAdmin = await get(`${dmitri}?as=${encodeURIComponent(DEMO_USERS.admin.accountId)}`);
  expect(await asAdmin.json()).toMatchObject({ id: DEMO_USERS.dmitri.accountId, name: 'Дмитрий Иванов', email: '', type: 'user' });
  const asHimself = await get(`${dmitri}?as=${encodeURIComponent(DEMO_USERS.dmitri.accountId)}`);
  expect(await asHimself.json()).toMatchObject({ id: DEMO_USERS.dmitri.accountId, email: 'dmitri@example.com' });
  const missing = await get(`/__host/users/nope?as=${encodeURIComponent(DEMO_USERS.admin.accountId)}`);
  expect(missing.status).toBe(404);
  expect((await get(`/__host/users/${encodeURIComponent(DEMO_USERS.dmitri.accountId)}`)).status).toBe(403);
});

test('the simulator and the Forge endpoint still answer on the same port', async () => {
  expect((await get('/rest/api/3/myself')).status).toBe(401);
  expect((await get('/__host/nothing')).status).toBe(404);
  const invoke = await fetch(`${app.url}/__forge/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey: 'getSession', payload: {}, context: { accountId: DEMO_USERS.admin.accountId, moduleKey: MODULE_KEYS.adminPage } }),
  });
  expect(await invoke.json()).toMatchObject({ success: true, data: { accountId: DEMO_USERS.admin.accountId } });
});

test('no translations in the manifest: @forge/bridge i18n gets a 404, as from an app without any', async () => {
  expect((await get('/__LOCALES__/i18n-info.json')).status).toBe(404);
});

describe('POST /__forge/invoke: the context as the platform sends it', () => {
  const invoke = (context: Record<string, unknown>, functionKey = 'getSession') =>
    fetch(`${app.url}/__forge/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionKey, payload: {}, context: { moduleKey: MODULE_KEYS.adminPage, ...context } }),
    });
  const admin = DEMO_USERS.admin.accountId;

  test.each(['unlicensed', 'customer'])('a caller whose accountType is %s gets the app\'s FORBIDDEN envelope, and Jira is not called', async (accountType) => {
    const seen = app.simulator.requests.length;
    const response = await invoke({ accountId: admin, accountType });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    expect(app.simulator.requests.slice(seen)).toEqual([]);
  });

  test('a licensed caller, named or by default, is served', async () => {
    for (const context of [{ accountId: admin, accountType: 'licensed' }, { accountId: admin }]) {
      expect(await (await invoke(context)).json()).toMatchObject({ success: true, data: { accountId: admin } });
    }
  });

  test('an anonymous caller (no account) gets FORBIDDEN', async () => {
    expect(await (await invoke({ accountType: 'anonymous' })).json()).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  });

  test.each([
    ['an unknown accountType', { accountId: admin, accountType: 'admin' }, /accountType must be one of licensed, unlicensed, customer, anonymous/],
    ['a non-string accountType', { accountId: admin, accountType: 1 }, /accountType must be one of/],
    ['an anonymous caller with an account', { accountId: admin, accountType: 'anonymous' }, /anonymous context has no accountId/],
    ['an unlicensed caller without one', { accountType: 'unlicensed' }, /unlicensed context needs an accountId/],
  ])('%s is a 400, and the resolver does not run', async (_name, context, message) => {
    const seen = app.simulator.requests.length;
    const response = await invoke(context);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(message);
    expect(app.simulator.requests.slice(seen)).toEqual([]);
  });

  test('a payload over Forge\'s 500 KB is refused by the runtime with 413, before the resolver runs', async () => {
    const seen = app.simulator.requests.length;
    const response = await fetch(`${app.url}/__forge/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionKey: 'getSession', payload: { filler: 'x'.repeat(2_000_000) }, context: { moduleKey: MODULE_KEYS.adminPage } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: 'the invoke payload is 2,000,052 bytes, over the 512,000 bytes limit' });
    expect(app.simulator.requests.slice(seen)).toEqual([]);
  });

  test('a request body over the endpoint\'s own limit is answered 413, not with a reset connection', async () => {
    const response = await fetch(`${app.url}/__forge/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionKey: 'getSession', payload: { filler: 'x'.repeat(9_000_000) }, context: { moduleKey: MODULE_KEYS.adminPage } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(/too large/);
  });
});

test('the simulator mounted on the app server refuses an oversized body with 413 before reading it', async () => {
  const response = await fetch(`${app.url}/rest/api/3/user/properties/big?accountId=${DEMO_USERS.alice.accountId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${DEMO_USERS.alice.email}:x`).toString('base64')}` },
    body: JSON.stringify('x'.repeat(2 * 1024 * 1024)),
  });
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({ errorMessages: [expect.stringMatching(/too large/)], errors: {} });
});

test('on a generated site (JIRA_SIM_USERS) the host lists the demo accounts only, and says how many others there are', async () => {
  const big = await startAppServer({ siteUsers: 300 });
  try {
    const accounts = (await (await fetch(`${big.url}/__host/accounts`)).json()) as HostAccount[];
    expect(accounts.map((a) => a.accountId).sort()).toEqual(Object.values(DEMO_USERS).map((u) => u.accountId).sort());
    const info = await (await fetch(`${big.url}/__host/info`)).text();
    expect(info).toContain('And 300 generated accounts (JIRA_SIM_USERS), not listed');
  } finally {
    await big.close();
  }
});
