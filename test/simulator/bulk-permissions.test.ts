import { APP_USER, DEMO_USERS } from '../../harness/simulator';
import { API, basic, forge, start, type Caller, type Running } from './helpers';

const { admin, alice, carol } = DEMO_USERS;
const CHECK = `${API}/permissions/check`;
type Grants = { globalPermissions: string[]; projectPermissions: Array<{ permission: string; projects: number[]; issues: number[] }> };
type Errors = { errorMessages: string[]; errors: Record<string, string> };

let run: Running;
beforeEach(async () => {
  run = await start({ validateContract: true });
});
afterEach(async () => {
  const violations = [...run.sim.contractViolations];
  await run.sim.close();
  expect(violations).toEqual([]);
});

async function check<T = Grants>(body: unknown, as: Caller): Promise<{ status: number; body: T }> {
  const response = await run.call('POST', CHECK, {
    as,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('POST /permissions/check as the app: does a user still have ADMINISTER?', () => {
  const asApp = () => forge(run.sim, 'app');

  test.each([
    ['an admin', admin.accountId, ['ADMINISTER', 'USER_PICKER']],
    ['a user with product access', alice.accountId, ['USER_PICKER']],
    ['an inactive user', carol.accountId, []],
    ["the app's own user", APP_USER.accountId, ['ADMINISTER', 'USER_PICKER']],
  ])('%s', async (_name, accountId, granted) => {
    const { status, body } = await check({ accountId, globalPermissions: ['ADMINISTER', 'USER_PICKER'] }, asApp());
    expect(status).toBe(200);
    expect(body).toEqual({ globalPermissions: granted, projectPermissions: [] });
  });

  test('reads the permission model on every request: granted, revoked, deactivated', async () => {
    const ask = async () => (await check({ accountId: alice.accountId, globalPermissions: ['ADMINISTER'] }, asApp())).body.globalPermissions;
    expect(await ask()).toEqual([]);
    run.sim.store.setAdmin(alice.accountId, true);
    expect(await ask()).toEqual(['ADMINISTER']);
    run.sim.store.setAdmin(alice.accountId, false);
    expect(await ask()).toEqual([]);
    // An inactive admin holds nothing.
    run.sim.store.setAdmin(carol.accountId, true);
    expect((await check({ accountId: carol.accountId, globalPermissions: ['ADMINISTER'] }, asApp())).body.globalPermissions).toEqual([]);
  });

  test('null entries are ignored, duplicates answered once; project permissions get empty grants (no projects here)', async () => {
    const { body } = await check(
      {
        accountId: admin.accountId,
        globalPermissions: ['ADMINISTER', null, 'ADMINISTER'],
        projectPermissions: [null, { permissions: ['BROWSE_PROJECTS', ''], projects: [10000, null], issues: [10010] }],
      },
      asApp(),
    );
    expect(body).toEqual({ globalPermissions: ['ADMINISTER'], projectPermissions: [{ permission: 'BROWSE_PROJECTS', projects: [], issues: [] }] });
  });
});

describe('POST /permissions/check as a person, or anonymously', () => {
  test('without accountId: the caller\'s own permissions', async () => {
    expect((await check({ globalPermissions: ['ADMINISTER', 'USER_PICKER'] }, basic(alice.email))).body.globalPermissions).toEqual(['USER_PICKER']);
    expect((await check({ globalPermissions: ['ADMINISTER'] }, basic(admin.email))).body.globalPermissions).toEqual(['ADMINISTER']);
    expect((await check({ accountId: alice.accountId, globalPermissions: ['USER_PICKER'] }, basic(alice.email))).body.globalPermissions).toEqual(['USER_PICKER']);
    expect(await check({ globalPermissions: ['ADMINISTER', 'USER_PICKER'] }, {})).toEqual({ status: 200, body: { globalPermissions: [], projectPermissions: [] } });
  });

  test("another user's permissions need Administer Jira: 403 with the documented message", async () => {
    for (const caller of [basic(alice.email), {}, forge(run.sim, `user:${alice.accountId}`)]) {
      const { status, body } = await check<Errors>({ accountId: admin.accountId, globalPermissions: ['ADMINISTER'] }, caller);
      expect(status).toBe(403);
      expect(body).toEqual({ errorMessages: ['Only Jira administrators can perform this operation.'], errors: {} });
    }
    expect((await check({ accountId: alice.accountId, globalPermissions: ['USER_PICKER'] }, basic(admin.email))).body.globalPermissions).toEqual(['USER_PICKER']);
  });
});

describe('POST /permissions/check refuses bad input with a 400 ErrorCollection', () => {
  test('an unrecognized permission, as in the documented example', async () => {
    const { status, body } = await check<Errors>({ accountId: admin.accountId, globalPermissions: ['ADMINISTER', 'PERMISSION_123', 'BROWSE_PROJECTS'] }, forge(run.sim, 'app'));
    expect(status).toBe(400);
    // BROWSE_PROJECTS is a project permission, not a global one.
    expect(body).toEqual({ errorMessages: [], errors: { PERMISSION_123: 'Unrecognized permission', BROWSE_PROJECTS: 'Unrecognized permission' } });
    const project = await check<Errors>({ projectPermissions: [{ permissions: ['ADMINISTER'] }] }, forge(run.sim, 'app'));
    expect(project.body.errors).toEqual({ ADMINISTER: 'Unrecognized permission' });
  });

  test.each([
    ['an account ID that names nobody', { accountId: '5f0000000000000000000000', globalPermissions: ['ADMINISTER'] }],
    ['a project permission entry without permissions', { projectPermissions: [{ projects: [1] }] }],
    ['a project permission entry with only empty strings', { projectPermissions: [{ permissions: [''] }] }],
    ['an unknown field', { globalPermission: ['ADMINISTER'] }],
    ['globalPermissions that is not an array', { globalPermissions: 'ADMINISTER' }],
    ['a non-string permission', { globalPermissions: [7] }],
    ['a non-integer project ID', { projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects: ['P1'] }] }],
    ['an accountId that is not a string', { accountId: 42 }],
    ['a JSON array', []],
    ['invalid JSON', '{"globalPermissions": ['],
    ['an empty body', ''],
  ])('%s', async (_name, body) => {
    const { status, body: answer } = await check<Errors>(body, forge(run.sim, 'app'));
    expect(status).toBe(400);
    expect(Object.keys(answer).sort()).toEqual(['errorMessages', 'errors']);
    expect(answer.errorMessages.length + Object.keys(answer.errors).length).toBeGreaterThan(0);
  });

  test('only POST is allowed', async () => {
    const response = await run.call('GET', CHECK, { as: forge(run.sim, 'app') });
    expect(response.status).toBe(405);
    run.sim.contractViolations.length = 0; // GET is off the contract on purpose
  });
});
