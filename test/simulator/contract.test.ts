import { matchOperation, requiredScopes, validateRequest, validateResponse } from '../../harness/contract/openapi';
import { APP_USER, DEMO_USERS, SimStore } from '../../harness/simulator';
import { API, anonymous, basic, forge, keysPath, propertyPath, start, type Caller, type Running } from './helpers';

const { admin, alice, bob } = DEMO_USERS;
const PROPERTY = `${API}/user/properties/{propertyKey}`;
const OUTSIDER = {
  accountId: '5f2222222222222222222222',
  email: 'outsider@example.com',
  displayName: 'Olga Outsider',
  active: true,
  isAdmin: false,
  timeZone: 'UTC',
  locale: 'en_US',
};

describe('matchOperation', () => {
  test.each([
    ['GET', `${API}/user/properties`, `${API}/user/properties`, {}],
    ['put', `${API}/user/properties/a%2Fb`, PROPERTY, { propertyKey: 'a/b' }],
    ['DELETE', `${API}/user/properties/%D0%BA%D0%BB%D1%8E%D1%87`, PROPERTY, { propertyKey: 'ключ' }],
    ['GET', `${API}/user/properties/a%3Fb`, PROPERTY, { propertyKey: 'a?b' }],
    ['GET', `${API}/user/properties/%E0%A4%A`, PROPERTY, { propertyKey: '%E0%A4%A' }],
    ['GET', `${API}/user/search`, `${API}/user/search`, {}],
    ['GET', `${API}/user`, `${API}/user`, {}],
  ])('%s %s → %s', (method, pathname, template, pathParams) => {
    const match = matchOperation(method, pathname);
    expect(match).toMatchObject({ template, method: method.toUpperCase(), pathParams });
    expect(match?.operation).toHaveProperty('responses');
  });

  test.each([
    ['POST', `${API}/user/properties/x`],
    ['PUT', `${API}/user/properties`],
    ['GET', `${API}/user/properties/`],
    ['GET', `${API}/user/properties/a/b`],
    ['GET', `${API}/issue/EX-1`],
    ['GET', `/rest/api/2/myself`],
  ])('%s %s does not match', (method, pathname) => {
    expect(matchOperation(method, pathname)).toBeUndefined();
  });
});

describe('requiredScopes', () => {
  test.each([
    ['GET', `${API}/user/properties`, ['read:jira-user']],
    ['GET', `${API}/user/properties/k`, ['read:jira-user']],
    ['PUT', `${API}/user/properties/k`, ['write:jira-work']],
    ['DELETE', `${API}/user/properties/k`, ['write:jira-work']],
    ['GET', `${API}/myself`, ['read:jira-user']],
    ['GET', `${API}/mypermissions`, ['read:jira-work']],
    ['GET', `${API}/user`, ['read:jira-user']],
    ['GET', `${API}/user/search`, ['read:jira-user']],
    ['GET', `${API}/users/search`, ['read:jira-user']],
    ['GET', `${API}/user/picker`, ['read:jira-user']],
  ])('%s %s needs %j', (method, pathname, scopes) => {
    expect(requiredScopes(matchOperation(method, pathname)?.operation)).toEqual(scopes);
  });

  test('an operation without scopes needs none', () => {
    expect(requiredScopes({ responses: {} })).toEqual([]);
    expect(requiredScopes(undefined)).toEqual([]);
  });
});

describe('validateRequest', () => {
  test.each([
    ['GET', `${API}/user/properties`, 'accountId=5b10ac8d82e05b22cc7d4ef5', []],
    ['GET', `${API}/user/search`, 'query=al&startAt=0&maxResults=10', []],
    ['GET', `${API}/user/picker`, 'query=a&excludeAccountIds=x&excludeAccountIds=y', []],
    ['GET', `${API}/user/picker`, '', ["missing required query parameter 'query'"]],
    ['GET', `${API}/user/properties`, 'accountId=x&foo=1', ["unknown query parameter 'foo'"]],
    ['GET', `${API}/user/search`, 'query=a&startAt=first', ["query parameter 'startAt' must be integer"]],
    ['GET', `${API}/user/picker`, 'query=a&showAvatar=yes', ["query parameter 'showAvatar' must be boolean"]],
    ['GET', `${API}/user/properties`, `accountId=${'x'.repeat(129)}`, ["query parameter 'accountId' must NOT have more than 128 characters"]],
    ['GET', `${API}/user/search`, 'query=a&query=b', ["query parameter 'query' is given 2 times but is not an array"]],
    ['GET', `${API}/nope`, '', [`undocumented path ${API}/nope`]],
    ['PATCH', `${API}/myself`, '', [`undocumented method PATCH for ${API}/myself (documented: GET)`]],
    ['GET', `${API}/user/properties/%E0%A4%A`, 'accountId=x', ["path parameter 'propertyKey' is not valid percent-encoding: %E0%A4%A"]],
  ])('%s %s?%s → %j', (method, pathname, search, problems) => {
    expect(validateRequest(method, pathname, new URLSearchParams(search))).toEqual(problems);
  });
});

describe('validateResponse', () => {
  const user = {
    self: 'http://127.0.0.1:1/rest/api/3/user?accountId=a',
    accountId: 'a',
    accountType: 'atlassian',
    emailAddress: 'a@example.com',
    avatarUrls: { '16x16': 'http://127.0.0.1:1/avatars/a.svg?size=16' },
    displayName: 'A',
    active: true,
    timeZone: 'UTC',
    locale: 'en_US',
  };
  const errors = { errorMessages: ['nope'], errors: {} };

  test.each([
    ['GET', `${API}/user/properties`, 200, { keys: [{ key: 'k', self: 'http://x/y' }] }],
    ['GET', PROPERTY, 200, { key: 'k', value: { any: ['json', 1, null] } }],
    ['GET', PROPERTY, 404, errors],
    ['PUT', PROPERTY, 201, undefined],
    ['PUT', PROPERTY, 200, {}],
    ['PUT', PROPERTY, 405, errors],
    ['DELETE', PROPERTY, 204, undefined],
    ['GET', `${API}/myself`, 200, user],
    ['GET', `${API}/user/search`, 200, [user, { ...user, accountType: 'app', active: false }]],
    ['GET', `${API}/user/picker`, 200, { users: [{ accountId: 'a', displayName: 'A', html: 'A', avatarUrl: 'http://x/a.svg' }], total: 1, header: 'h' }],
    ['GET', `${API}/mypermissions`, 200, { permissions: { ADMINISTER: { id: '0', key: 'ADMINISTER', type: 'GLOBAL', havePermission: true } } }],
    ['GET', `${API}/mypermissions`, 400, { errorMessages: [], errors: { permissions: 'required' }, status: 400 }],
  ])('%s %s %d with a good body → no problems', (method, template, status, body) => {
    expect(validateResponse(method, template, status, body)).toEqual([]);
  });

  test.each([
    ['GET', `${API}/user/properties`, 200, { keys: [{ key: 'k', self: 7 }] }, ['body/keys/0/self must be string']],
    ['GET', `${API}/user/properties`, 200, { keys: [], total: 0 }, ["body must NOT have additional properties ('total')"]],
    ['GET', `${API}/user/properties`, 200, undefined, ['status 200 expects a JSON body, but none was sent']],
    ['GET', PROPERTY, 404, { message: 'not found' }, ["body must NOT have additional properties ('message')"]],
    ['GET', PROPERTY, 403, { errorMessages: 'denied' }, ['body/errorMessages must be array']],
    ['GET', PROPERTY, 409, errors, ['undocumented status 409 (documented: 200, 400, 401, 403, 404)']],
    ['DELETE', PROPERTY, 204, { deleted: true }, ['status 204 documents no response body, but one was sent']],
    ['GET', `${API}/myself`, 200, { ...user, groups: undefined, name: 'legacy', extra: 1 }, ["body must NOT have additional properties ('extra')"]],
    ['GET', `${API}/myself`, 200, { ...user, accountType: 'robot' }, ['body/accountType must be equal to one of the allowed values']],
    ['GET', `${API}/myself`, 200, { ...user, avatarUrls: { '16x16': '/avatars/a.svg' } }, ['body/avatarUrls/16x16 must match format "uri"']],
    ['GET', `${API}/user/search`, 200, { users: [] }, ['body must be array']],
    ['GET', `${API}/user/picker`, 200, { users: [], total: '1' }, ['body/total must be integer']],
    ['GET', `${API}/mypermissions`, 200, { permissions: { ADMINISTER: { type: 'SITE' } } }, ['body/permissions/ADMINISTER/type must be equal to one of the allowed values']],
    ['POST', `${API}/myself`, 200, {}, [`undocumented operation POST ${API}/myself`]],
  ])('%s %s %d with a bad body → %j', (method, template, status, body, problems) => {
    expect(validateResponse(method, template, status, body)).toEqual(problems);
  });
});

describe('the simulator against the contract', () => {
  let run: Running;
  beforeEach(async () => {
    run = await start({ validateContract: true });
  });
  afterEach(async () => {
    await run.sim.close();
  });

  type Step = [method: string, path: string, caller: () => Caller, expectedStatus: number, body?: string];
  const steps = (): Step[] => {
    const asAdmin = () => basic(admin.email);
    const asAlice = () => basic(alice.email);
    const asApp = () => forge(run.sim, 'app');
    const asNobody = () => anonymous;
    // Active, but in no group: no Browse users and groups.
    const asOutsider = () => basic(OUTSIDER.email);
    const unknown = '5f0000000000000000000000';
    return [
      ['GET', keysPath(alice.accountId), asAlice, 200],
      ['GET', keysPath(alice.accountId), asApp, 200],
      ['GET', `${API}/user/properties`, asAlice, 400],
      ['GET', keysPath(alice.accountId), asNobody, 401],
      ['GET', keysPath(bob.accountId), asAlice, 403],
      ['GET', keysPath(unknown), asAdmin, 404],
      ['PUT', propertyPath('c/t', alice.accountId), asAlice, 201, '{"a":[1,"ü",null]}'],
      ['PUT', propertyPath('c/t', alice.accountId), asAlice, 200, '"updated"'],
      ['PUT', `${API}/user/properties/k`, asAlice, 400, '1'],
      ['PUT', propertyPath('k', alice.accountId), asAlice, 400, '{bad'],
      ['PUT', propertyPath('k'.repeat(256), alice.accountId), asAlice, 400, '1'],
      ['PUT', propertyPath('k', alice.accountId), asAlice, 400, JSON.stringify('x'.repeat(32_767))],
      ['PUT', propertyPath('k', alice.accountId), asNobody, 401, '1'],
      ['PUT', propertyPath('k', bob.accountId), asAlice, 403, '1'],
      ['PUT', propertyPath('k', unknown), asApp, 404, '1'],
      ['GET', propertyPath('c/t', alice.accountId), asAlice, 200],
      ['GET', propertyPath('myapp.preferences', alice.accountId), asAdmin, 200],
      ['GET', `${API}/user/properties/team`, asAlice, 400],
      ['GET', propertyPath('team', alice.accountId), asNobody, 401],
      ['GET', propertyPath('team', admin.accountId), asAlice, 403],
      ['GET', propertyPath('missing', alice.accountId), asAlice, 404],
      ['DELETE', propertyPath('c/t', alice.accountId), asAlice, 204],
      ['DELETE', `${API}/user/properties/team`, asAlice, 400],
      ['DELETE', propertyPath('team', alice.accountId), asNobody, 401],
      ['DELETE', propertyPath('team', bob.accountId), asAlice, 403],
      ['DELETE', propertyPath('c/t', alice.accountId), asAlice, 404],
      ['GET', `${API}/myself`, asAlice, 200],
      ['GET', `${API}/myself`, asApp, 200],
      ['GET', `${API}/myself?expand=groups`, asAdmin, 200],
      ['GET', `${API}/myself`, asNobody, 401],
      ['GET', `${API}/mypermissions?permissions=ADMINISTER`, asAlice, 200],
      ['GET', `${API}/mypermissions?permissions=ADMINISTER,USER_PICKER,BROWSE_PROJECTS`, asApp, 200],
      ['GET', `${API}/mypermissions`, asAlice, 400],
      ['GET', `${API}/mypermissions?permissions=ADMINISTER`, asNobody, 401],
      ['GET', `${API}/user?accountId=${encodeURIComponent(bob.accountId)}`, asAlice, 200],
      ['GET', `${API}/user?accountId=${encodeURIComponent(APP_USER.accountId)}&expand=groups`, asAlice, 200],
      ['GET', `${API}/user?accountId=${unknown}`, asAlice, 404],
      ['GET', `${API}/user?accountId=${unknown}`, asNobody, 401],
      ['GET', `${API}/user?accountId=${encodeURIComponent(bob.accountId)}`, asOutsider, 403],
      ['GET', `${API}/user?accountId=${encodeURIComponent(DEMO_USERS.dmitri.accountId)}`, asAdmin, 200],
      ['GET', `${API}/user/search?query=a&startAt=0&maxResults=10`, asAlice, 200],
      ['GET', `${API}/user/search?accountId=${alice.accountId}`, asAlice, 200],
      ['GET', `${API}/user/search?property=team%3DSupport`, asAlice, 200],
      ['GET', `${API}/user/search`, asAlice, 400],
      ['GET', `${API}/user/search?query=a`, asNobody, 200],
      ['GET', `${API}/user/search?query=a`, asOutsider, 200],
      ['GET', `${API}/users/search?startAt=1&maxResults=2`, asAlice, 200],
      ['GET', `${API}/users/search`, asOutsider, 403],
      ['GET', `${API}/users/search`, asNobody, 403],
      ['GET', `${API}/user/picker?query=al&maxResults=5&excludeAccountIds=${admin.accountId}`, asAlice, 200],
      ['GET', `${API}/user/picker?query=`, asAlice, 400],
      ['GET', `${API}/user/picker?query=Alice%20Nguyen`, asNobody, 200],
    ];
  };

  test('every operation, at every status it can answer, matches the OpenAPI document', async () => {
    (run.sim.store as SimStore).insertUser(OUTSIDER);
    const seen = new Set<string>();
    for (const [method, path, caller, expected, body] of steps()) {
      const headers = body === undefined ? undefined : { 'content-type': 'application/json' };
      const response = await run.call(method, path, { as: caller(), body, headers });
      expect(`${method} ${path} → ${response.status}`).toBe(`${method} ${path} → ${expected}`);
      const match = matchOperation(method, new URL(path, run.base).pathname);
      seen.add(`${method} ${match?.template} ${response.status}`);
    }
    expect(run.sim.contractViolations).toEqual([]);
    const operations = new Set([...seen].map((entry) => entry.split(' ').slice(0, 2).join(' ')));
    expect(operations).toEqual(
      new Set([
        `GET ${API}/user/properties`,
        `GET ${PROPERTY}`,
        `PUT ${PROPERTY}`,
        `DELETE ${PROPERTY}`,
        `GET ${API}/myself`,
        `GET ${API}/mypermissions`,
        `GET ${API}/user`,
        `GET ${API}/user/search`,
        `GET ${API}/users/search`,
        `GET ${API}/user/picker`,
      ]),
    );
  });

  test('undocumented or malformed requests are reported with method, path and status', async () => {
    await run.call('GET', `${keysPath(alice.accountId)}&verbose=true`, { as: basic(alice.email) });
    await run.call('GET', `${API}/issue/EX-1`, { as: basic(alice.email) });
    await run.call('GET', `${API}/users/search?maxResults=lots`, { as: basic(alice.email) });
    await run.call('PUT', `${API}/user/properties?accountId=${alice.accountId}`, {
      as: basic(alice.email),
      body: '1',
      headers: { 'content-type': 'application/json' },
    });
    expect(run.sim.contractViolations).toEqual([
      `GET ${API}/user/properties → 200: unknown query parameter 'verbose'`,
      `GET ${API}/issue/EX-1 → 404: undocumented path ${API}/issue/EX-1`,
      `GET ${API}/users/search → 400: query parameter 'maxResults' must be integer`,
      `PUT ${API}/user/properties → 405: undocumented method PUT for ${API}/user/properties (documented: GET)`,
    ]);
  });

  // Jira answers these too, but the document lists no such status: a client relying on them is off-contract.
  test('answers the document does not list are reported', async () => {
    await run.call('GET', `${API}/users/search`, { as: basic('mallory@example.com') });
    await run.call('GET', `${API}/user`, { as: basic(alice.email) });
    await run.call('PUT', propertyPath('k', alice.accountId), { as: basic(alice.email), body: '1', headers: { 'content-type': 'text/plain' } });
    expect(run.sim.contractViolations).toEqual([
      `GET ${API}/users/search → 401: undocumented status 401 (documented: 200, 400, 403, 409)`,
      `GET ${API}/user → 400: undocumented status 400 (documented: 200, 401, 403, 404)`,
      `PUT ${API}/user/properties/k → 415: undocumented status 415 (documented: 200, 201, 400, 401, 403, 404, 405)`,
    ]);
  });

  test('avatar requests are not checked', async () => {
    const me = (await (await run.call('GET', `${API}/myself`, { as: basic(alice.email) })).json()) as { avatarUrls: Record<string, string> };
    expect((await fetch(me.avatarUrls['24x24'])).status).toBe(200);
    expect((await fetch(`${run.base}/avatars/nobody.svg`)).status).toBe(404);
    expect(run.sim.contractViolations).toEqual([]);
  });

  test('without validateContract nothing is recorded', async () => {
    const quiet = await start();
    try {
      await quiet.call('GET', `${API}/issue/EX-1`);
      expect(quiet.sim.contractViolations).toEqual([]);
    } finally {
      await quiet.sim.close();
    }
  });
});
