import { APP_USER, DEMO_USERS } from '../../harness/simulator';
import { API, anonymous, basic, expectErrorCollection, forge, keysPath, start, type Caller, type Running } from './helpers';

const { admin, alice, carol } = DEMO_USERS;
const NOT_AUTHENTICATED = 'You are not authenticated. Authentication required to perform this operation.';

let run: Running;
beforeEach(async () => {
  run = await start({ forgeSecret: 'local-runtime-secret' });
});
afterEach(async () => {
  await run.sim.close();
});

async function myself(caller: Caller): Promise<Response> {
  return run.call('GET', `${API}/myself`, { as: caller });
}

describe('HTTP Basic', () => {
  test('a seeded email with any token is that user', async () => {
    for (const token of ['ATATT3xFfGF0-token', 'x']) {
      const response = await myself(basic(alice.email, token));
      expect(response.status).toBe(200);
      expect(((await response.json()) as { accountId: string }).accountId).toBe(alice.accountId);
    }
  });

  test('email matching is case-insensitive', async () => {
    const response = await myself(basic('Alice@Example.com'));
    expect(response.status).toBe(200);
  });

  test.each([
    ['an unknown email', basic('mallory@example.com')],
    ['an inactive user', basic(carol.email)],
    ['an empty token', basic(alice.email, '')],
    ['no colon', { authorization: `Basic ${Buffer.from(alice.email).toString('base64')}` }],
    ['a Bearer token', { authorization: 'Bearer eyJhbGciOi' }],
  ])('%s → 401', async (_name, caller) => {
    const response = await myself(caller);
    expect(response.status).toBe(401);
    const body = await expectErrorCollection(response);
    expect(body).toEqual({ errorMessages: [NOT_AUTHENTICATED], errors: {} });
  });

  test('no credentials → 401 and the request is logged as anonymous', async () => {
    const response = await myself(anonymous);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errorMessages: [NOT_AUTHENTICATED], errors: {} });
    expect(run.sim.requests.at(-1)).toMatchObject({ method: 'GET', pathname: `${API}/myself`, status: 401, principal: { kind: 'anonymous' } });
  });

  test.each([
    ['GET', keysPath(alice.accountId)],
    ['GET', `${API}/user/properties/team?accountId=${alice.accountId}`],
    ['PUT', `${API}/user/properties/team?accountId=${alice.accountId}`],
    ['DELETE', `${API}/user/properties/team?accountId=${alice.accountId}`],
    ['GET', `${API}/mypermissions?permissions=ADMINISTER`],
    ['GET', `${API}/user?accountId=${alice.accountId}`],
  ])('anonymous %s %s → 401 without touching the store', async (method, path) => {
    const response = await run.call(method, path, { body: method === 'PUT' ? '"x"' : undefined, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(401);
    await expectErrorCollection(response);
    expect(run.sim.store.getProperty(alice.accountId, 'team')).toBe('Platform');
  });

  // The user searches are documented as accessible anonymously (test/simulator/user-privacy.test.ts has the details).
  test.each([
    [`${API}/user/search?query=a`, 200],
    [`${API}/user/picker?query=a`, 200],
    [`${API}/users/search`, 403],
  ])('anonymous GET %s → %d, as documented', async (path, status) => {
    expect((await run.call('GET', path)).status).toBe(status);
    expect(run.sim.requests.at(-1)?.principal).toEqual({ kind: 'anonymous' });
  });
});

describe('Forge channel', () => {
  test('the right secret with principal "app" acts as the app user', async () => {
    const response = await myself(forge(run.sim, 'app'));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ accountId: APP_USER.accountId, accountType: 'app', displayName: 'User Properties Manager (app)', active: true });
    expect(body).not.toHaveProperty('emailAddress');
    expect(run.sim.requests.at(-1)?.principal).toEqual({ kind: 'app' });
  });

  test('the right secret with principal "user:<accountId>" acts as that user', async () => {
    const response = await myself(forge(run.sim, `user:${admin.accountId}`));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { accountId: string }).accountId).toBe(admin.accountId);
    expect(run.sim.requests.at(-1)?.principal).toEqual({ kind: 'user', accountId: admin.accountId });
  });

  test('the secret is the one given in the options; a random one is made otherwise', async () => {
    expect(run.sim.forgeSecret).toBe('local-runtime-secret');
    const other = await start();
    try {
      expect(other.sim.forgeSecret).toMatch(/^[0-9a-f]{64}$/);
      expect(other.sim.forgeSecret).not.toBe(run.sim.forgeSecret);
    } finally {
      await other.sim.close();
    }
  });

  test.each([
    ['a wrong secret', (r: Running) => forge(r.sim, 'app', 'guessed')],
    ['a secret with one extra character', (r: Running) => forge(r.sim, 'app', `${r.sim.forgeSecret}x`)],
    ['an empty secret', (r: Running) => forge(r.sim, 'app', '')],
    ['a wrong secret even with valid Basic credentials', (r: Running) => ({ ...basic(alice.email), ...forge(r.sim, 'app', 'guessed') })],
    ['a missing principal', (r: Running) => ({ 'x-forge-secret': r.sim.forgeSecret })],
    ['a malformed principal', (r: Running) => forge(r.sim, 'admin')],
    ['an unknown user principal', (r: Running) => forge(r.sim, 'user:5f0000000000000000000000')],
    ['an inactive user principal', (r: Running) => forge(r.sim, `user:${carol.accountId}`)],
  ])('%s → 401', async (_name, caller) => {
    const response = await myself(caller(run));
    expect(response.status).toBe(401);
    await expectErrorCollection(response);
    expect(run.sim.requests.at(-1)?.principal).toEqual({ kind: 'anonymous' });
  });

  test('a principal header without the secret is ignored (anonymous)', async () => {
    const response = await myself({ 'x-forge-principal': 'app' });
    expect(response.status).toBe(401);
  });
});

test('an unknown path is 404 with an ErrorCollection, before authentication', async () => {
  for (const caller of [anonymous, basic(admin.email)]) {
    const response = await run.call('GET', `${API}/issue/EX-1`, { as: caller });
    expect(response.status).toBe(404);
    await expectErrorCollection(response);
  }
  const outside = await run.call('GET', '/secure/Dashboard.jspa');
  expect(outside.status).toBe(404);
  await expectErrorCollection(outside);
});
