import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { matchOperation, requiredScopes } from '../../harness/contract/openapi';
import {
  APP_GROUP_NAME,
  APP_USER,
  createSimulator,
  DEMO_GROUPS,
  DEMO_USERS,
  GROUP_MEMBER_MAX_RESULTS,
  GROUP_PICKER_LIMIT,
  SimStore,
  type SimUser,
} from '../../harness/simulator';
import { API, anonymous, basic, expectErrorCollection, forge, start, type Caller, type Running } from './helpers';

const { admin, alice, bob, carol, dmitri } = DEMO_USERS;
const { administrators, softwareUsers, hrManagers, teamLeads, addonsAdmin } = DEMO_GROUPS;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type GroupName = { name: string; groupId: string | null; self: string };
type UserWithGroups = { accountId: string; groups?: { size: number; items: GroupName[] } };
type UserDetails = { accountId: string; displayName: string; active: boolean; [k: string]: unknown };
type MemberPage = {
  self: string;
  nextPage?: string;
  maxResults: number;
  startAt: number;
  total: number;
  isLast: boolean;
  values: UserDetails[];
};
type FoundGroups = { header: string; total: number; groups: Array<{ name: string; html: string; groupId: string; labels: unknown[] }> };

let run: Running;
beforeEach(async () => {
  run = await start({ validateContract: true });
});
afterEach(async () => {
  // Every answer in this file must match the OpenAPI subset; tests that go off-contract on purpose drain their reports.
  const violations = [...run.sim.contractViolations];
  await run.sim.close();
  expect(violations).toEqual([]);
});

async function getJson<T>(pathOrUrl: string, caller: Caller = basic(admin.email)): Promise<{ status: number; body: T }> {
  const response = pathOrUrl.startsWith('http')
    ? await fetch(pathOrUrl, { headers: caller })
    : await run.call('GET', pathOrUrl, { as: caller });
  return { status: response.status, body: (await response.json()) as T };
}

const membersPath = (search: string) => `${API}/group/member?${search}`;
const pickerPath = (search: string) => `${API}/groups/picker?${search}`;
const names = (groups: Array<{ name: string }>) => groups.map((g) => g.name);
const ids = (users: Array<{ accountId: string }>) => users.map((u) => u.accountId);

function newUser(n: number, overrides: Partial<SimUser> = {}): SimUser {
  const suffix = String(n).padStart(3, '0');
  return {
    accountId: `5f00000000000000000${String(n).padStart(5, '0')}`,
    email: `member${suffix}@example.com`,
    displayName: `Member ${suffix}`,
    active: true,
    isAdmin: false,
    timeZone: 'UTC',
    locale: 'en_US',
    emailVisibility: 'anyone',
    ...overrides,
  };
}

describe('seeded groups and the store API', () => {
  test('DEMO_GROUPS are seeded with fixed UUIDs and their members', () => {
    const store = run.sim.store;
    expect(store.listGroups()).toEqual(
      [addonsAdmin, hrManagers, administrators, softwareUsers, teamLeads].map(({ name, groupId }) => ({ name, groupId })),
    );
    for (const group of Object.values(DEMO_GROUPS)) {
      expect(group.groupId).toMatch(UUID);
      expect(ids(store.membersOf(group.name)).sort()).toEqual([...group.members].sort());
    }
    expect(administrators.members).toEqual([admin.accountId]);
    expect(softwareUsers.members).toEqual(Object.values(DEMO_USERS).map((u) => u.accountId));
    expect(hrManagers.members).toEqual([alice.accountId]);
    expect(teamLeads.members).toEqual([bob.accountId]);
    expect(names(store.groupsOf(alice.accountId))).toEqual(['hr-managers', 'jira-software-users']);
    expect(names(store.groupsOf(carol.accountId))).toEqual(['jira-software-users']);
    expect(store.groupsOf('5f0000000000000000000000')).toEqual([]);
  });

  test('names are unique and looked up case-insensitively; IDs are UUIDs', () => {
    const store = run.sim.store;
    const created = store.addGroup('Payroll Auditors');
    expect(created).toEqual({ name: 'Payroll Auditors', groupId: expect.stringMatching(UUID) });
    expect(store.getGroupByName('PAYROLL auditors')).toEqual(created);
    expect(store.getGroupById(created.groupId)).toEqual(created);
    expect(() => store.addGroup('payroll AUDITORS')).toThrow(/already exists/);
    expect(() => store.addGroup('HR-Managers')).toThrow(/already exists/);
    expect(() => store.addGroup('Группа')).not.toThrow();
    expect(() => store.addGroup('группа')).toThrow(/already exists/);
    expect(() => store.addGroup('   ')).toThrow(/empty/);
    expect(() => store.addGroup('x'.repeat(256))).toThrow(/longer than 255/);
    expect(() => store.addGroup('another', created.groupId)).toThrow(/ID/);
  });

  test('addMember and removeMember report what changed and refuse unknown groups and users', () => {
    const store = run.sim.store;
    expect(store.addMember('team-leads', dmitri.accountId)).toBe(true);
    expect(store.addMember('TEAM-LEADS', dmitri.accountId)).toBe(false);
    expect(ids(store.membersOf('team-leads'))).toEqual([bob.accountId, dmitri.accountId]);
    expect(store.removeMember('team-leads', dmitri.accountId)).toBe(true);
    expect(store.removeMember('team-leads', dmitri.accountId)).toBe(false);
    expect(() => store.addMember('no-such-group', alice.accountId)).toThrow(/does not exist/);
    expect(() => store.addMember('team-leads', '5f0000000000000000000000')).toThrow(/does not exist/);
    expect(() => store.removeMember('no-such-group', alice.accountId)).toThrow(/does not exist/);
    expect(() => store.membersOf('no-such-group')).toThrow(/does not exist/);
  });
});

describe('expand=groups', () => {
  test('GET /myself?expand=groups lists the caller’s groups from the store', async () => {
    const { status, body } = await getJson<UserWithGroups>(`${API}/myself?expand=groups`, basic(alice.email));
    expect(status).toBe(200);
    expect(body.groups).toEqual({
      size: 2,
      items: [
        { name: 'hr-managers', groupId: hrManagers.groupId, self: `${run.base}${API}/group?groupId=${hrManagers.groupId}` },
        { name: 'jira-software-users', groupId: softwareUsers.groupId, self: `${run.base}${API}/group?groupId=${softwareUsers.groupId}` },
      ],
    });
    const plain = await getJson<UserWithGroups>(`${API}/myself`, basic(alice.email));
    expect(plain.body.groups).toBeUndefined();
  });

  test('GET /user?expand=groups, also combined with other expands and for an inactive user', async () => {
    const bobs = await getJson<UserWithGroups>(`${API}/user?accountId=${encodeURIComponent(bob.accountId)}&expand=applicationRoles,groups`);
    expect(names(bobs.body.groups?.items ?? [])).toEqual(['jira-software-users', 'team-leads']);
    const carols = await getJson<UserWithGroups>(`${API}/user?accountId=${carol.accountId}&expand=groups`, basic(dmitri.email));
    expect(carols.body.groups).toMatchObject({ size: 1, items: [{ name: 'jira-software-users' }] });
  });

  test('the Forge app user is a member of atlassian-addons-admin', async () => {
    const expected = { size: 1, items: [{ name: APP_GROUP_NAME, groupId: addonsAdmin.groupId, self: expect.any(String) }] };
    const me = await getJson<UserWithGroups>(`${API}/myself?expand=groups`, forge(run.sim, 'app'));
    expect(me.body).toMatchObject({ accountId: APP_USER.accountId, groups: expected });
    const viaUser = await getJson<UserWithGroups>(`${API}/user?accountId=${encodeURIComponent(APP_USER.accountId)}&expand=groups`, basic(alice.email));
    expect(viaUser.body.groups).toEqual(expected);
  });

  test('a membership change is seen by the very next request', async () => {
    const groupsOfAlice = async () =>
      names((await getJson<UserWithGroups>(`${API}/myself?expand=groups`, forge(run.sim, `user:${alice.accountId}`))).body.groups?.items ?? []);
    expect(await groupsOfAlice()).toContain('hr-managers');
    run.sim.store.removeMember('hr-managers', alice.accountId);
    expect(await groupsOfAlice()).toEqual(['jira-software-users']);
    run.sim.store.addGroup('payroll');
    run.sim.store.addMember('payroll', alice.accountId);
    expect(await groupsOfAlice()).toEqual(['jira-software-users', 'payroll']);
    run.sim.store.addMember('hr-managers', alice.accountId);
    expect(await groupsOfAlice()).toEqual(['hr-managers', 'jira-software-users', 'payroll']);
  });
});

describe('GET /group/member', () => {
  test('lists members as UserDetails (no locale), by groupname or groupId', async () => {
    const { status, body } = await getJson<MemberPage>(membersPath('groupname=hr-managers'));
    expect(status).toBe(200);
    expect(body).toEqual({
      self: `${run.base}${API}/group/member?groupname=hr-managers&includeInactiveUsers=false&startAt=0&maxResults=50`,
      maxResults: 50,
      startAt: 0,
      total: 1,
      isLast: true,
      values: [
        {
          self: `${run.base}${API}/user?accountId=${alice.accountId}`,
          accountId: alice.accountId,
          accountType: 'atlassian',
          emailAddress: alice.email,
          avatarUrls: expect.objectContaining({ '48x48': expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/avatars\//) }),
          displayName: alice.displayName,
          active: true,
          timeZone: alice.timeZone,
        },
      ],
    });
    const byId = await getJson<MemberPage>(membersPath(`groupId=${hrManagers.groupId}`));
    expect(byId.body.self).toBe(`${run.base}${API}/group/member?groupId=${hrManagers.groupId}&includeInactiveUsers=false&startAt=0&maxResults=50`);
    expect(byId.body.values).toEqual(body.values);
  });

  test('group names are matched case-insensitively', async () => {
    const { body } = await getJson<MemberPage>(membersPath('groupname=Team-Leads'));
    expect(ids(body.values)).toEqual([bob.accountId]);
  });

  test('inactive users only with includeInactiveUsers=true', async () => {
    const active = await getJson<MemberPage>(membersPath('groupname=jira-software-users'));
    expect(active.body.total).toBe(4);
    expect(ids(active.body.values)).not.toContain(carol.accountId);
    const all = await getJson<MemberPage>(membersPath('groupname=jira-software-users&includeInactiveUsers=true'));
    expect(all.body.total).toBe(5);
    // Ordered by display name (Jira's username order stand-in).
    expect(all.body.values.map((u) => u.displayName)).toEqual(['Alex Admin', 'Alice Nguyen', 'Bob Martin', 'Carol Diaz', 'Дмитрий Иванов']);
    expect(all.body.values.find((u) => u.accountId === carol.accountId)?.active).toBe(false);
    expect(all.body.self).toContain('includeInactiveUsers=true');
  });

  test('pages of at most 50, following nextPage until isLast', async () => {
    const store = run.sim.store as SimStore;
    store.addGroup('big-team');
    for (let i = 1; i <= 123; i++) {
      const user = newUser(i, { active: i % 10 !== 0 }); // 12 inactive
      store.insertUser(user);
      store.addMember('big-team', user.accountId);
    }

    const seen: string[] = [];
    let next: string | undefined = membersPath('groupname=big-team');
    const pages: MemberPage[] = [];
    while (next) {
      const { status, body }: { status: number; body: MemberPage } = await getJson<MemberPage>(next);
      expect(status).toBe(200);
      pages.push(body);
      seen.push(...ids(body.values));
      next = body.nextPage;
    }
    expect(pages.map((p) => [p.startAt, p.values.length, p.isLast, p.total])).toEqual([
      [0, 50, false, 111],
      [50, 50, false, 111],
      [100, 11, true, 111],
    ]);
    expect(pages[0].nextPage).toBe(`${run.base}${API}/group/member?groupname=big-team&includeInactiveUsers=false&startAt=50&maxResults=50`);
    expect(new Set(seen).size).toBe(111);
    expect(seen).toEqual(ids(store.membersOf('big-team').filter((u) => u.active)));

    const small = await getJson<MemberPage>(membersPath('groupname=big-team&includeInactiveUsers=true&startAt=120&maxResults=2'));
    expect(small.body).toMatchObject({ startAt: 120, maxResults: 2, total: 123, isLast: false });
    expect(small.body.values).toHaveLength(2);
    expect(small.body.nextPage).toContain('includeInactiveUsers=true&startAt=122&maxResults=2');
    const last = await getJson<MemberPage>(small.body.nextPage as string);
    expect(last.body).toMatchObject({ startAt: 122, total: 123, isLast: true, values: [expect.any(Object)] });
    expect(last.body.nextPage).toBeUndefined();
  });

  test('maxResults is kept between 1 and 50; startAt past the end is an empty last page', async () => {
    expect(GROUP_MEMBER_MAX_RESULTS).toBe(50);
    const store = run.sim.store as SimStore;
    store.addGroup('crowd');
    for (let i = 1; i <= 60; i++) {
      store.insertUser(newUser(i));
      store.addMember('crowd', newUser(i).accountId);
    }
    const big = await getJson<MemberPage>(membersPath('groupname=crowd&maxResults=1000'));
    expect(big.body).toMatchObject({ maxResults: 50, total: 60, isLast: false });
    expect(big.body.values).toHaveLength(50);
    const zero = await getJson<MemberPage>(membersPath('groupname=crowd&maxResults=0'));
    expect(zero.body).toMatchObject({ maxResults: 1, isLast: false });
    expect(zero.body.values).toHaveLength(1);
    const past = await getJson<MemberPage>(membersPath('groupname=crowd&startAt=500'));
    expect(past.body).toMatchObject({ startAt: 500, total: 60, isLast: true, values: [] });
    expect(past.body.nextPage).toBeUndefined();
  });

  test('atlassian-addons-admin lists the app user; an empty group is an empty page', async () => {
    const { body } = await getJson<MemberPage>(membersPath(`groupname=${APP_GROUP_NAME}`));
    expect(body.values).toEqual([expect.objectContaining({ accountId: APP_USER.accountId, accountType: 'app', active: true })]);
    expect(body.values[0]).not.toHaveProperty('emailAddress');
    run.sim.store.addGroup('nobody-yet');
    expect((await getJson<MemberPage>(membersPath('groupname=nobody-yet'))).body).toMatchObject({ total: 0, isLast: true, values: [] });
  });

  test('a removed member disappears from the next page', async () => {
    const before = await getJson<MemberPage>(membersPath('groupname=hr-managers'), forge(run.sim, 'app'));
    expect(ids(before.body.values)).toEqual([alice.accountId]);
    run.sim.store.removeMember('hr-managers', alice.accountId);
    const after = await getJson<MemberPage>(membersPath('groupname=hr-managers'), forge(run.sim, 'app'));
    expect(after.body).toMatchObject({ total: 0, values: [] });
  });

  test.each([
    ['neither groupname nor groupId', ''],
    ['an empty groupname', 'groupname='],
    ['both groupname and groupId', `groupname=hr-managers&groupId=${hrManagers.groupId}`],
  ])('400 for %s', async (_name, search) => {
    const response = await run.call('GET', membersPath(search), { as: basic(admin.email) });
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
  });

  test('400 for a non-integer startAt (reported as off-contract too)', async () => {
    const response = await run.call('GET', membersPath('groupname=hr-managers&startAt=first'), { as: basic(admin.email) });
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
    expect(run.sim.contractViolations.splice(0)).toEqual([`GET ${API}/group/member → 400: query parameter 'startAt' must be integer`]);
  });

  test.each([
    ['an unknown groupname', 'groupname=no-such-group'],
    ['an unknown groupId', 'groupId=00000000-0000-4000-8000-000000000000'],
    ['a group name given as groupId', 'groupId=hr-managers'],
  ])('404 for %s', async (_name, search) => {
    const response = await run.call('GET', membersPath(search), { as: basic(admin.email) });
    expect(response.status).toBe(404);
    await expectErrorCollection(response);
  });

  test('401 without credentials', async () => {
    const response = await run.call('GET', membersPath('groupname=hr-managers'), { as: anonymous });
    expect(response.status).toBe(401);
    await expectErrorCollection(response);
  });

  // The description asks for Browse users and groups *or* Administer Jira (followed; see routes/groups.ts).
  test('403 without Browse users and groups and without Administer Jira; allowed again once restored', async () => {
    const asDmitri = basic(dmitri.email);
    expect((await run.call('GET', membersPath('groupname=hr-managers'), { as: asDmitri })).status).toBe(200);
    run.sim.store.removeMember('jira-software-users', dmitri.accountId);
    const refused = await run.call('GET', membersPath('groupname=hr-managers'), { as: asDmitri });
    expect(refused.status).toBe(403);
    await expectErrorCollection(refused);
    // Permission is checked before the group is looked up: an unknown group is 403 too, not 404.
    expect((await run.call('GET', membersPath('groupname=no-such-group'), { as: asDmitri })).status).toBe(403);
    const permissions = await getJson<{ permissions: Record<string, { havePermission: boolean }> }>(
      `${API}/mypermissions?permissions=USER_PICKER,ADMINISTER`,
      asDmitri,
    );
    expect(permissions.body.permissions.USER_PICKER.havePermission).toBe(false);
    run.sim.store.addMember('jira-software-users', dmitri.accountId);
    expect((await run.call('GET', membersPath('groupname=hr-managers'), { as: asDmitri })).status).toBe(200);
  });

  test('Administer Jira alone is enough; so is the app principal', async () => {
    run.sim.store.removeMember('jira-software-users', admin.accountId);
    run.sim.store.removeMember('jira-administrators', admin.accountId);
    expect((await run.call('GET', membersPath('groupname=team-leads'), { as: basic(admin.email) })).status).toBe(200);
    expect((await run.call('GET', membersPath('groupname=team-leads'), { as: forge(run.sim, 'app') })).status).toBe(200);
    expect((await run.call('GET', membersPath('groupname=team-leads'), { as: forge(run.sim, `user:${bob.accountId}`) })).status).toBe(200);
  });
});

describe('GET /groups/picker', () => {
  test('substring match, sorted, highlighted with <b>, with header and total', async () => {
    const { status, body } = await getJson<FoundGroups>(pickerPath('query=a'), basic(alice.email));
    expect(status).toBe(200);
    expect(body).toEqual({
      header: 'Showing 5 of 5 matching groups',
      total: 5,
      groups: [
        { name: 'atlassian-addons-admin', html: '<b>a</b>tlassian-addons-admin', groupId: addonsAdmin.groupId, labels: [] },
        { name: 'hr-managers', html: 'hr-m<b>a</b>nagers', groupId: hrManagers.groupId, labels: [] },
        { name: 'jira-administrators', html: 'jir<b>a</b>-administrators', groupId: administrators.groupId, labels: [] },
        { name: 'jira-software-users', html: 'jir<b>a</b>-software-users', groupId: softwareUsers.groupId, labels: [] },
        { name: 'team-leads', html: 'te<b>a</b>m-leads', groupId: teamLeads.groupId, labels: [] },
      ],
    });
    const jira = await getJson<FoundGroups>(pickerPath('query=jira-'), basic(alice.email));
    expect(jira.body.groups.map((g) => g.html)).toEqual(['<b>jira-</b>administrators', '<b>jira-</b>software-users']);
  });

  test('without a query every group is found, unhighlighted', async () => {
    const { body } = await getJson<FoundGroups>(`${API}/groups/picker`, basic(alice.email));
    expect(body.total).toBe(5);
    expect(body.groups.map((g) => g.html)).toEqual(names(body.groups));
  });

  test('case-sensitive by default (the documented default of caseInsensitive is false)', async () => {
    run.sim.store.addGroup('HR-Auditors');
    const sensitive = await getJson<FoundGroups>(pickerPath('query=HR'), basic(alice.email));
    expect(names(sensitive.body.groups)).toEqual(['HR-Auditors']);
    const insensitive = await getJson<FoundGroups>(pickerPath('query=HR&caseInsensitive=true'), basic(alice.email));
    expect(insensitive.body.groups.map((g) => g.html)).toEqual(['<b>HR</b>-Auditors', '<b>hr</b>-managers']);
    expect(insensitive.body.header).toBe('Showing 2 of 2 matching groups');
  });

  test('maxResults limits the groups but not total; the default and the cap are 20', async () => {
    expect(GROUP_PICKER_LIMIT).toBe(20);
    const two = await getJson<FoundGroups>(pickerPath('query=-&maxResults=2'), basic(alice.email));
    expect(two.body).toMatchObject({ total: 5, header: 'Showing 2 of 5 matching groups' });
    expect(names(two.body.groups)).toEqual(['atlassian-addons-admin', 'hr-managers']);
    for (let i = 1; i <= 25; i++) run.sim.store.addGroup(`squad-${String(i).padStart(2, '0')}`);
    const byDefault = await getJson<FoundGroups>(pickerPath('query=squad'), basic(alice.email));
    expect(byDefault.body).toMatchObject({ total: 25, header: 'Showing 20 of 25 matching groups' });
    expect(byDefault.body.groups[19].name).toBe('squad-20');
    const asked = await getJson<FoundGroups>(pickerPath('query=squad&maxResults=100'), basic(alice.email));
    expect(asked.body.groups).toHaveLength(20);
  });

  test('exclude (names, case-insensitively) and excludeId leave groups out', async () => {
    const byName = await getJson<FoundGroups>(pickerPath('query=jira&exclude=JIRA-Administrators&exclude=nope'), basic(alice.email));
    expect(names(byName.body.groups)).toEqual(['jira-software-users']);
    const byId = await getJson<FoundGroups>(
      pickerPath(`query=s&excludeId=${softwareUsers.groupId}&excludeId=${addonsAdmin.groupId}`),
      basic(alice.email),
    );
    expect(names(byId.body.groups)).toEqual(['hr-managers', 'jira-administrators', 'team-leads']);
  });

  test('exclude with excludeId is refused (a 400 the document does not list)', async () => {
    const response = await run.call('GET', pickerPath(`query=a&exclude=team-leads&excludeId=${hrManagers.groupId}`), { as: basic(alice.email) });
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
    expect(run.sim.contractViolations.splice(0)).toEqual([`GET ${API}/groups/picker → 400: undocumented status 400 (documented: 200)`]);
  });

  test('HTML in group names is escaped', async () => {
    run.sim.store.addGroup('<script>alert(1)</script> & co');
    const { body } = await getJson<FoundGroups>(pickerPath('query=script'), basic(alice.email));
    expect(body.groups[0].html).toBe('&#60;<b>script</b>&#62;alert(1)&#60;/script&#62; &#38; co');
  });

  test('anonymous callers get an empty list (documented as accessible anonymously)', async () => {
    const { status, body } = await getJson<FoundGroups>(pickerPath('query=hr-managers'), anonymous);
    expect(status).toBe(200);
    expect(body).toEqual({ header: 'Showing 0 of 0 matching groups', total: 0, groups: [] });
  });

  test('wrong credentials are still 401 (off-contract: the document lists 200 only)', async () => {
    const response = await run.call('GET', pickerPath('query=a'), { as: basic('nobody@example.com') });
    expect(response.status).toBe(401);
    expect(run.sim.contractViolations.splice(0)).toEqual([`GET ${API}/groups/picker → 401: undocumented status 401 (documented: 200)`]);
  });

  test('without Browse users and groups only an exact name is found', async () => {
    run.sim.store.removeMember('jira-software-users', bob.accountId);
    const partial = await getJson<FoundGroups>(pickerPath('query=team'), basic(bob.email));
    expect(partial.body).toMatchObject({ total: 0, groups: [] });
    const exact = await getJson<FoundGroups>(pickerPath('query=Team-Leads'), basic(bob.email));
    expect(exact.body.groups).toEqual([{ name: 'team-leads', html: '<b>team-leads</b>', groupId: teamLeads.groupId, labels: [] }]);
    run.sim.store.addMember('jira-software-users', bob.accountId);
    expect((await getJson<FoundGroups>(pickerPath('query=team'), basic(bob.email))).body.total).toBe(1);
  });

  test('a group added at runtime is found by the next request, and the app principal sees it', async () => {
    run.sim.store.addGroup('Платформа');
    const { body } = await getJson<FoundGroups>(pickerPath(`query=${encodeURIComponent('Плат')}`), forge(run.sim, 'app'));
    expect(body.groups).toEqual([{ name: 'Платформа', html: '<b>Плат</b>форма', groupId: expect.stringMatching(UUID), labels: [] }]);
  });
});

describe('OAuth scopes of the group operations', () => {
  test.each([
    ['GET', `${API}/group/member`, ['manage:jira-configuration']],
    ['GET', `${API}/groups/picker`, ['read:jira-user']],
  ])('%s %s needs %j', (method, pathname, scopes) => {
    expect(matchOperation(method, pathname)?.template).toBe(pathname);
    expect(requiredScopes(matchOperation(method, pathname)?.operation)).toEqual(scopes);
  });
});

describe('persistence of groups', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jira-sim-groups-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('groups and memberships survive close and reopen, and are not reseeded', async () => {
    const dbPath = path.join(dir, 'jira.sqlite');
    const first = await start({ dbPath, validateContract: true });
    const payroll = first.sim.store.addGroup('Payroll');
    first.sim.store.addMember('payroll', dmitri.accountId);
    first.sim.store.removeMember('hr-managers', alice.accountId);
    await first.sim.close();

    const second = await start({ dbPath, validateContract: true });
    try {
      expect(second.sim.store.getGroupByName('payroll')).toEqual(payroll);
      expect(second.sim.store.getGroupByName('hr-managers')).toEqual({ name: hrManagers.name, groupId: hrManagers.groupId });
      expect(second.sim.store.listGroups()).toHaveLength(6);
      const members = await second.call('GET', membersPath('groupname=hr-managers'), { as: basic(admin.email) });
      expect(((await members.json()) as MemberPage).values).toEqual([]);
      const dmitris = await second.call('GET', `${API}/myself?expand=groups`, { as: basic(dmitri.email) });
      expect(names(((await dmitris.json()) as UserWithGroups).groups?.items ?? [])).toEqual(['jira-software-users', 'Payroll']);
      expect(second.sim.contractViolations).toEqual([]);
    } finally {
      await second.sim.close();
    }
  });

  test('a database from before groups existed gets the demo groups, keeping its users and properties', async () => {
    const dbPath = path.join(dir, 'old.sqlite');
    const old = createSimulator({ dbPath });
    old.store.setProperty(alice.accountId, 'kept', true);
    await old.close();
    const raw = new Database(dbPath);
    raw.exec('DROP TABLE group_members; DROP TABLE groups;');
    raw.close();

    const upgraded = createSimulator({ dbPath });
    try {
      expect(upgraded.store.listGroups()).toHaveLength(Object.keys(DEMO_GROUPS).length);
      expect(names(upgraded.store.groupsOf(alice.accountId))).toEqual(['hr-managers', 'jira-software-users']);
      expect(upgraded.store.getProperty(alice.accountId, 'kept')).toBe(true);
      expect(upgraded.store.listUsers()).toHaveLength(5);
    } finally {
      await upgraded.close();
    }
  });

  test('seed: false has no groups; the app still reports atlassian-addons-admin, without an ID', async () => {
    const empty = await start({ seed: false, validateContract: true });
    try {
      expect(empty.sim.store.listGroups()).toEqual([]);
      const me = await empty.call('GET', `${API}/myself?expand=groups`, { as: forge(empty.sim, 'app') });
      expect(((await me.json()) as UserWithGroups).groups).toEqual({
        size: 1,
        items: [{ name: APP_GROUP_NAME, groupId: null, self: `${empty.base}${API}/group?groupname=${APP_GROUP_NAME}` }],
      });
      expect(empty.sim.contractViolations).toEqual([]);
    } finally {
      await empty.sim.close();
    }
  });
});
