import { APP_USER, DEMO_GROUPS, DEMO_USERS, SimStore } from '../../harness/simulator';
import { API, basic, expectErrorCollection, forge, start, type Running } from './helpers';

const { admin, alice, bob, carol, dmitri } = DEMO_USERS;
type JiraUser = { accountId: string; displayName: string; active: boolean; avatarUrls: Record<string, string>; [k: string]: unknown };

let run: Running;
beforeEach(async () => {
  run = await start();
});
afterEach(async () => {
  await run.sim.close();
});

async function getJson<T>(path: string, caller = basic(alice.email)): Promise<{ status: number; body: T }> {
  const response = await run.call('GET', path, { as: caller });
  return { status: response.status, body: (await response.json()) as T };
}

describe('GET /myself and GET /user', () => {
  test('a user object has exactly the documented fields', async () => {
    const { status, body } = await getJson<JiraUser>(`${API}/myself`, basic(dmitri.email));
    expect(status).toBe(200);
    expect(body).toEqual({
      self: `${run.base}${API}/user?accountId=${encodeURIComponent(dmitri.accountId)}`,
      accountId: dmitri.accountId,
      accountType: 'atlassian',
      emailAddress: dmitri.email,
      avatarUrls: {
        '16x16': expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/avatars\//),
        '24x24': expect.any(String),
        '32x32': expect.any(String),
        '48x48': expect.any(String),
      },
      displayName: 'Дмитрий Иванов',
      active: true,
      timeZone: 'Europe/Moscow',
      locale: 'ru_RU',
    });
  });

  test('avatar URLs serve an SVG', async () => {
    const { body } = await getJson<JiraUser>(`${API}/user?accountId=${encodeURIComponent(bob.accountId)}`);
    const avatar = await fetch(body.avatarUrls['48x48']);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
    expect(await avatar.text()).toMatch(/^<svg[\s\S]*>BM<\/text><\/svg>$/);
    const missing = await fetch(`${run.base}/avatars/nobody.svg`);
    expect(missing.status).toBe(404);
  });

  test('GET /user finds inactive users and the app user', async () => {
    const inactive = await getJson<JiraUser>(`${API}/user?accountId=${carol.accountId}`);
    expect(inactive.body).toMatchObject({ accountId: carol.accountId, active: false });
    const app = await getJson<JiraUser>(`${API}/user?accountId=${encodeURIComponent(APP_USER.accountId)}`);
    expect(app.body).toMatchObject({ accountId: APP_USER.accountId, accountType: 'app' });
  });

  test('expand=groups adds the groups list', async () => {
    const { body } = await getJson<JiraUser>(`${API}/user?accountId=${admin.accountId}&expand=groups`);
    const { administrators, softwareUsers } = DEMO_GROUPS;
    expect(body.groups).toEqual({
      size: 2,
      items: [
        expect.objectContaining({ name: administrators.name, groupId: administrators.groupId }),
        expect.objectContaining({ name: softwareUsers.name, groupId: softwareUsers.groupId }),
      ],
    });
  });

  test.each([
    ['an unknown accountId', 404, `${API}/user?accountId=5f0000000000000000000000`],
    ['no accountId', 400, `${API}/user`],
  ])('%s → %d', async (_name, status, path) => {
    const response = await run.call('GET', path, { as: basic(alice.email) });
    expect(response.status).toBe(status);
    await expectErrorCollection(response);
  });
});

describe('GET /user/search', () => {
  const names = (users: JiraUser[]) => users.map((u) => u.displayName);

  test.each([
    ['a display-name prefix', 'ali', ['Alice Nguyen']],
    ['the start of a later word', 'nguy', ['Alice Nguyen']],
    ['case-insensitively', 'BOB', ['Bob Martin']],
    ['an email prefix', 'admin@', ['Alex Admin']],
    ['Cyrillic', 'иван', ['Дмитрий Иванов']],
    ['active users only (an inactive user is never found)', 'carol', []],
    ['several users', 'a', ['Alex Admin', 'Alice Nguyen']],
    ['nothing', 'zzz', []],
  ])('matches %s', async (_name, query, expected) => {
    const { status, body } = await getJson<JiraUser[]>(`${API}/user/search?query=${encodeURIComponent(query)}`);
    expect(status).toBe(200);
    expect(names(body)).toEqual(expected);
  });

  test('accountId matches exactly', async () => {
    const { body } = await getJson<JiraUser[]>(`${API}/user/search?accountId=${encodeURIComponent(bob.accountId)}`);
    expect(names(body)).toEqual(['Bob Martin']);
  });

  test('property=key.path=value matches property values (the key is everything before the first dot)', async () => {
    run.sim.store.setProperty(alice.accountId, 'prefs', { theme: { mode: 'dark' }, beta: true });
    run.sim.store.setProperty(bob.accountId, 'prefs', { theme: { mode: 'light' } });
    const search = (spec: string) => getJson<JiraUser[]>(`${API}/user/search?property=${encodeURIComponent(spec)}`);
    expect(names((await search('team=Support')).body)).toEqual(['Bob Martin']);
    expect(names((await search('prefs.theme.mode=dark')).body)).toEqual(['Alice Nguyen']);
    expect(names((await search('prefs.beta=true')).body)).toEqual(['Alice Nguyen']);
    expect(names((await search('prefs.theme.mode=sepia')).body)).toEqual([]);
  });

  test('startAt and maxResults page the matches', async () => {
    const all = await getJson<JiraUser[]>(`${API}/user/search?query=a`);
    const second = await getJson<JiraUser[]>(`${API}/user/search?query=a&startAt=1&maxResults=1`);
    expect(names(second.body)).toEqual([names(all.body)[1]]);
  });

  test.each([
    ['no query, accountId or property', ''],
    ['query and accountId together', `?query=a&accountId=${alice.accountId}`],
    ['a property without a value', '?property=team'],
    ['a non-integer startAt', '?query=a&startAt=first'],
  ])('400 for %s', async (_name, search) => {
    const response = await run.call('GET', `${API}/user/search${search}`, { as: basic(alice.email) });
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
  });
});

describe('GET /users/search', () => {
  test('lists every user, active or not, in pages', async () => {
    const all = await getJson<JiraUser[]>(`${API}/users/search`);
    expect(all.status).toBe(200);
    expect(all.body.map((u) => u.accountId).sort()).toEqual(Object.values(DEMO_USERS).map((u) => u.accountId).sort());
    const pages: string[] = [];
    for (let startAt = 0; startAt < 10; startAt += 2) {
      const page = await getJson<JiraUser[]>(`${API}/users/search?startAt=${startAt}&maxResults=2`);
      expect(page.body.length).toBeLessThanOrEqual(2);
      pages.push(...page.body.map((u) => u.accountId));
    }
    expect(pages).toEqual(all.body.map((u) => u.accountId));
  });

  test('maxResults is capped at 1000 and 0 gives an empty page', async () => {
    expect((await getJson<JiraUser[]>(`${API}/users/search?maxResults=5000`)).body).toHaveLength(5);
    expect((await getJson<JiraUser[]>(`${API}/users/search?maxResults=0`)).body).toEqual([]);
  });

  test('400 for a non-integer maxResults', async () => {
    const response = await run.call('GET', `${API}/users/search?maxResults=lots`, { as: basic(alice.email) });
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
  });
});

describe('GET /user/picker', () => {
  type Found = { users: Array<Record<string, string>>; total: number; header: string };

  test('returns FoundUsers with highlighted html', async () => {
    const { status, body } = await getJson<Found>(`${API}/user/picker?query=al`);
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    expect(body.header).toBe('Showing 2 of 2 matching users');
    expect(body.users[1]).toEqual({
      accountId: alice.accountId,
      accountType: 'atlassian',
      displayName: 'Alice Nguyen',
      avatarUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/avatars\//),
      html: '<strong>Al</strong>ice Nguyen - <strong>al</strong>ice@example.com',
    });
  });

  test('leaves out inactive users and excluded account IDs; maxResults limits users but not total', async () => {
    expect((await getJson<Found>(`${API}/user/picker?query=carol`)).body.total).toBe(0);
    const excluded = await getJson<Found>(`${API}/user/picker?query=a&excludeAccountIds=${admin.accountId}`);
    expect(excluded.body.users.map((u) => u.accountId)).toEqual([alice.accountId]);
    const limited = await getJson<Found>(`${API}/user/picker?query=a&maxResults=1`);
    expect(limited.body).toMatchObject({ total: 2, header: 'Showing 1 of 2 matching users' });
  });

  test('highlights non-Latin matches and escapes HTML in names', async () => {
    const cyrillic = await getJson<Found>(`${API}/user/picker?query=${encodeURIComponent('дми')}`);
    // Dmitri's email address is private: the html leaves it out for Alice.
    expect(cyrillic.body.users[0].html).toBe('<strong>Дми</strong>трий Иванов');
    (run.sim.store as SimStore).insertUser({
      accountId: '5f1111111111111111111111',
      email: 'eve@example.com',
      displayName: 'Eve <script>',
      active: true,
      isAdmin: false,
      timeZone: 'UTC',
      locale: 'en_US',
    });
    const html = await getJson<Found>(`${API}/user/picker?query=eve`);
    expect(html.body.users[0].html).toBe('<strong>Eve</strong> &#60;script&#62; - <strong>eve</strong>@example.com');
  });

  test.each([[''], ['?query=']])('400 without a query (%s)', async (search) => {
    const response = await run.call('GET', `${API}/user/picker${search}`, { as: basic(alice.email) });
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
  });
});

describe('GET /mypermissions', () => {
  test.each([
    ['the admin', () => basic(admin.email), true],
    ['the app', () => forge(run.sim, 'app'), true],
    ['a regular user', () => basic(alice.email), false],
    ['a regular user via Forge', () => forge(run.sim, `user:${bob.accountId}`), false],
  ])('ADMINISTER for %s: havePermission %s', async (_name, caller, expected) => {
    const { status, body } = await getJson<unknown>(`${API}/mypermissions?permissions=ADMINISTER`, caller());
    expect(status).toBe(200);
    expect(body).toEqual({
      permissions: {
        ADMINISTER: {
          id: '0',
          key: 'ADMINISTER',
          name: 'Administer Jira',
          type: 'GLOBAL',
          description: expect.stringContaining('administer projects'),
          havePermission: expected,
        },
      },
    });
  });

  test('several permissions at once', async () => {
    const { body } = await getJson<{ permissions: Record<string, { havePermission: boolean }> }>(
      `${API}/mypermissions?permissions=ADMINISTER,USER_PICKER`,
    );
    expect(body.permissions.ADMINISTER.havePermission).toBe(false);
    expect(body.permissions.USER_PICKER.havePermission).toBe(true);
  });

  test.each([
    ['no permissions parameter', ''],
    ['an empty permissions parameter', '?permissions='],
    ['an unknown permission key', '?permissions=ADMINISTER,MAKE_COFFEE'],
  ])('400 for %s', async (_name, search) => {
    const response = await run.call('GET', `${API}/mypermissions${search}`, { as: basic(alice.email) });
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
  });
});
