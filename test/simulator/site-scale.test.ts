import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  addSiteUsers,
  createSimulator,
  DEMO_GROUPS,
  DEMO_USERS,
  simulatorOptionsFromEnv,
  SimStore,
  type SimulatorStore,
} from '../../harness/simulator';
import { API, basic, forge, start, type Running } from './helpers';

type JiraUser = { accountId: string; accountType: string; active: boolean; emailAddress?: string; displayName: string };
type MemberPage = { self: string; nextPage?: string; maxResults: number; startAt: number; total: number; isLast: boolean; values: JiraUser[] };

const SITE_USERS = 10_000;
const DEMO_COUNT = Object.keys(DEMO_USERS).length;

/** Everything a site holds, in a comparable form. */
function dump(store: SimulatorStore) {
  const keys = store.keysByUser();
  return store.listUsers().map((user) => ({
    ...user,
    groups: store.groupsOf(user.accountId).map((group) => group.name),
    properties: (keys.get(user.accountId) ?? []).map((key) => [key, store.getPropertyJson(user.accountId, key)]),
  }));
}

const share = (part: number, whole: number) => part / whole;

describe('a generated site of 10,000 users', () => {
  let run: Running;
  beforeAll(async () => {
    const started = performance.now();
    run = await start({ siteUsers: SITE_USERS, validateContract: true });
    const ms = performance.now() - started;
    // Printed, not asserted: wall time depends on the machine.
    console.log(`generated ${SITE_USERS} users in ${Math.round(run.sim.generatedSite?.ms ?? NaN)} ms (simulator up in ${Math.round(ms)} ms)`);
  });
  afterAll(async () => {
    const violations = [...run.sim.contractViolations];
    await run.sim.close();
    expect(violations).toEqual([]);
  });

  test('has the demo users plus exactly the generated ones', () => {
    const users = run.sim.store.listUsers();
    expect(users).toHaveLength(SITE_USERS + DEMO_COUNT);
    expect(run.sim.generatedSite).toMatchObject({ added: SITE_USERS, total: SITE_USERS });
    for (const demo of Object.values(DEMO_USERS)) expect(run.sim.store.getUser(demo.accountId)).toEqual(demo);
    expect(new Set(users.map((u) => u.accountId)).size).toBe(users.length);
    expect(new Set(users.map((u) => u.email.toLowerCase())).size).toBe(users.length);
  });

  test('mixes account types, inactive users, admins and names as a real site does', () => {
    const generated = run.sim.store.listUsers().filter((u) => !Object.values(DEMO_USERS).some((d) => d.accountId === u.accountId));
    const count = (test: (u: (typeof generated)[number]) => boolean) => generated.filter(test).length;
    expect(share(count((u) => u.accountType === 'atlassian'), SITE_USERS)).toBeGreaterThan(0.96);
    expect(share(count((u) => u.accountType === 'atlassian'), SITE_USERS)).toBeLessThan(0.98);
    expect(count((u) => u.accountType === 'app')).toBeGreaterThan(100);
    expect(count((u) => u.accountType === 'customer')).toBeGreaterThan(50);
    expect(count((u) => u.accountType === 'customer')).toBeLessThan(count((u) => u.accountType === 'app'));
    expect(share(count((u) => !u.active), SITE_USERS)).toBeGreaterThan(0.08);
    expect(share(count((u) => !u.active), SITE_USERS)).toBeLessThan(0.12);
    expect(count((u) => u.accountType === 'atlassian' && u.isAdmin)).toBeGreaterThan(50);
    expect(count((u) => u.emailVisibility === 'private')).toBeGreaterThan(1000);
    // Both account ID shapes Jira hands out, and customers' qm: IDs.
    expect(count((u) => /^[0-9a-f]{24}$/.test(u.accountId))).toBeGreaterThan(3000);
    expect(count((u) => /^557058:[0-9a-f-]{36}$/.test(u.accountId))).toBeGreaterThan(2000);
    expect(count((u) => /^712020:[0-9a-f-]{36}$/.test(u.accountId))).toBeGreaterThan(500);
    expect(generated.filter((u) => u.accountType === 'customer').every((u) => u.accountId.startsWith('qm:'))).toBe(true);
    // Varied names: non-Latin scripts, accents, emoji; some email addresses not ASCII.
    expect(count((u) => /[\u0400-\u04ff]/.test(u.displayName))).toBeGreaterThan(100);
    expect(count((u) => /[\u4e00-\u9fff]/.test(u.displayName))).toBeGreaterThan(100);
    expect(count((u) => /[\u0600-\u06ff]/.test(u.displayName))).toBeGreaterThan(50);
    expect(count((u) => /\p{Extended_Pictographic}/u.test(u.displayName))).toBeGreaterThan(10);
    expect(count((u) => /[^\x00-\x7f]/.test(u.email))).toBeGreaterThan(100);
    expect(new Set(generated.map((u) => u.displayName)).size).toBeGreaterThan(1000);
    expect(new Set(generated.map((u) => u.timeZone)).size).toBeGreaterThan(15);
  });

  test('gives users a realistic mix of property keys, with ground truth from the store', () => {
    const store = run.sim.store;
    const keys = store.keysByUser();
    const holders = (key: string) => [...keys.values()].filter((list) => list.includes(key)).length;
    const atlassian = store.listUsers().filter((u) => u.accountType === 'atlassian').length;
    // Jira's own keys, on most people.
    expect(share(holders('navigation_next_ui_state'), atlassian)).toBeGreaterThan(0.6);
    expect(share(holders('onboarding'), atlassian)).toBeGreaterThan(0.45);
    expect(holders('jsw.board.preferences')).toBeGreaterThan(1000);
    // Several apps' keys.
    const allKeys = new Set([...keys.values()].flat());
    expect([...allKeys].filter((k) => k.startsWith('com.acme.timesheets.')).length).toBeGreaterThanOrEqual(3);
    expect([...allKeys].filter((k) => k.startsWith('io.tempo.')).length).toBeGreaterThanOrEqual(2);
    // Oddities: a key only a handful of users have, unicode keys, a space, an '=', the longest key Jira allows.
    expect(holders('legacy.migration.v1')).toBeGreaterThanOrEqual(2);
    expect(holders('legacy.migration.v1')).toBeLessThanOrEqual(20);
    expect([...allKeys].some((k) => /[^\x00-\x7f]/.test(k) && k.includes('.'))).toBe(true);
    expect([...allKeys].some((k) => k.includes(' '))).toBe(true);
    expect([...allKeys].some((k) => k.includes('='))).toBe(true);
    expect(Math.max(...[...allKeys].map((k) => k.length))).toBe(255);

    // The shared costCenter: mostly objects with a code and a region, a few legacy strings.
    const costCenters = [...store.valuesOfKey('costCenter').values()].map((json) => JSON.parse(json) as unknown);
    const objects = costCenters.filter((v): v is { code: string; region: string } => typeof v === 'object' && v !== null);
    expect(objects.length).toBeGreaterThan(5000);
    expect(objects.every((v) => /^CC-\d{4}$/.test(v.code) && ['AMER', 'EMEA', 'APAC'].includes(v.region))).toBe(true);
    expect(objects.filter((v) => v.code === 'CC-4102').length).toBeGreaterThan(500);
    expect(costCenters.filter((v) => typeof v === 'string').length).toBeGreaterThan(10);

    // Large values between 10 and 30 KB (the demo's Bob has one near the limit), none over Jira's 32,768 bytes.
    const demoIds = new Set(Object.values(DEMO_USERS).map((u) => u.accountId));
    const sizes: number[] = [];
    for (const [accountId, list] of keys) {
      for (const key of list) {
        const bytes = Buffer.byteLength(store.getPropertyJson(accountId, key) as string, 'utf8');
        expect(bytes).toBeLessThanOrEqual(32_768);
        if (!demoIds.has(accountId) && bytes >= 10_000) sizes.push(bytes);
      }
    }
    expect(sizes.length).toBeGreaterThan(100);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(30_000);
    expect(Math.max(...sizes)).toBeGreaterThan(25_000);
  });

  test('app accounts cannot sign in; customers can, without product access', async () => {
    const users = run.sim.store.listUsers();
    const appAccount = users.find((u) => u.accountType === 'app' && u.active)!;
    const customer = users.find((u) => u.accountType === 'customer' && u.active)!;
    expect((await run.call('GET', `${API}/myself`, { as: basic(appAccount.email) })).status).toBe(401);
    expect((await run.call('GET', `${API}/myself`, { as: forge(run.sim, `user:${appAccount.accountId}`) })).status).toBe(401);
    const me = await run.call('GET', `${API}/myself`, { as: basic(customer.email) });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ accountId: customer.accountId, accountType: 'customer' });
    expect((await run.call('GET', `${API}/users/search`, { as: basic(customer.email) })).status).toBe(403);
  });

  test('GET /users/search pages over every user exactly once, all types, active or not', async () => {
    for (const pageSize of [1000, 337]) {
      const seen: JiraUser[] = [];
      for (let startAt = 0; ; startAt += pageSize) {
        const response = await run.call('GET', `${API}/users/search?startAt=${startAt}&maxResults=${pageSize}`, { as: forge(run.sim, 'app') });
        expect(response.status).toBe(200);
        const page = (await response.json()) as JiraUser[];
        seen.push(...page);
        if (page.length < pageSize) break;
      }
      const ids = seen.map((u) => u.accountId);
      expect(ids).toEqual(run.sim.store.listUsers().map((u) => u.accountId));
      expect(new Set(ids).size).toBe(SITE_USERS + DEMO_COUNT);
      expect(new Set(seen.map((u) => u.accountType))).toEqual(new Set(['atlassian', 'app', 'customer']));
      expect(seen.some((u) => !u.active)).toBe(true);
      // App accounts have no email address in Jira's answers.
      expect(seen.filter((u) => u.accountType === 'app').every((u) => u.emailAddress === undefined)).toBe(true);
    }
  });

  test('GET /users/search: maxResults defaults to 50 and is limited to 1000 (its OpenAPI description)', async () => {
    const page = async (search: string) => (await (await run.call('GET', `${API}/users/search${search}`, { as: basic(DEMO_USERS.admin.email) })).json()) as JiraUser[];
    expect(await page('')).toHaveLength(50);
    expect(await page('?maxResults=5000')).toHaveLength(1000);
    expect((await page('?startAt=9990&maxResults=1000')).map((u) => u.accountId)).toEqual(
      run.sim.store.listUsers().slice(9990).map((u) => u.accountId),
    );
  });

  test('GET /group/member walks thousands of members 50 at a time, by nextPage, each exactly once', async () => {
    const group = DEMO_GROUPS.softwareUsers;
    for (const includeInactiveUsers of [true, false]) {
      const expected = run.sim.store.membersOf(group.name).filter((u) => includeInactiveUsers || u.active);
      expect(expected.length).toBeGreaterThan(7000);
      const seen: string[] = [];
      const pages: Array<[number, number, boolean]> = [];
      let next: string | undefined = `${run.base}${API}/group/member?groupId=${group.groupId}&includeInactiveUsers=${includeInactiveUsers}&maxResults=200`;
      while (next) {
        const response = await fetch(next, { headers: forge(run.sim, 'app') });
        expect(response.status).toBe(200);
        const page = (await response.json()) as MemberPage;
        expect(page.total).toBe(expected.length);
        pages.push([page.startAt, page.values.length, page.isLast]);
        seen.push(...page.values.map((u) => u.accountId));
        next = page.nextPage;
        expect(next === undefined).toBe(page.isLast);
      }
      expect(seen).toEqual(expected.map((u) => u.accountId));
      // "number should be between 1 and 50": 200 is answered with pages of 50.
      expect(pages.slice(0, -1).every(([, size, isLast]) => size === 50 && !isLast)).toBe(true);
      expect(pages.map(([startAt]) => startAt)).toEqual(pages.map((_, i) => i * 50));
      expect(pages[pages.length - 1][2]).toBe(true);
    }
  });
});

describe('determinism', () => {
  test('two sites of the same size and seed are identical; another seed is another site', () => {
    const a = createSimulator({ siteUsers: 1500 });
    const b = createSimulator({ siteUsers: 1500 });
    const other = createSimulator({ siteUsers: 1500, siteSeed: 'another-site' });
    try {
      expect(dump(b.store)).toEqual(dump(a.store));
      const ids = new Set(a.store.listUsers().map((u) => u.accountId));
      const otherGenerated = other.store.listUsers().filter((u) => !Object.values(DEMO_USERS).some((d) => d.accountId === u.accountId));
      expect(otherGenerated).toHaveLength(1500);
      expect(otherGenerated.filter((u) => ids.has(u.accountId))).toEqual([]);
    } finally {
      void a.close();
      void b.close();
      void other.close();
    }
  });

  test('a larger site starts with the smaller one: user i depends only on the seed and i', () => {
    const small = createSimulator({ siteUsers: 300 });
    const large = createSimulator({ siteUsers: 900 });
    try {
      const largeById = new Map(dump(large.store).map((u) => [u.accountId, u]));
      for (const user of dump(small.store)) expect(largeById.get(user.accountId)).toEqual(user);
    } finally {
      void small.close();
      void large.close();
    }
  });

  test('a persisted site gets only the missing users: nothing deleted comes back, a smaller count removes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-scale-'));
    const dbPath = path.join(dir, 'site.sqlite');
    try {
      const first = createSimulator({ dbPath, siteUsers: 200 });
      const someone = first.store.listUsers().find((u) => first.store.listKeys(u.accountId).includes('navigation_next_ui_state'));
      expect(someone).toBeDefined();
      (first.store as SimStore).deleteProperty(someone!.accountId, 'navigation_next_ui_state');
      void first.close();

      const grown = createSimulator({ dbPath, siteUsers: 500 });
      expect(grown.generatedSite).toMatchObject({ added: 300, total: 500 });
      expect(grown.store.listKeys(someone!.accountId)).not.toContain('navigation_next_ui_state');
      const fresh = createSimulator({ siteUsers: 500 });
      const withoutEdit = (users: ReturnType<typeof dump>) => users.filter((u) => u.accountId !== someone!.accountId);
      expect(withoutEdit(dump(grown.store))).toEqual(withoutEdit(dump(fresh.store)));
      void grown.close();
      void fresh.close();

      const again = createSimulator({ dbPath, siteUsers: 100 });
      expect(again.generatedSite).toMatchObject({ added: 0, total: 500 });
      expect(again.store.listUsers()).toHaveLength(500 + DEMO_COUNT);
      void again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a database from before account types is migrated: its users are Atlassian accounts, and it can grow', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-scale-'));
    const dbPath = path.join(dir, 'old.sqlite');
    try {
      const old = new Database(dbPath);
      old.exec(`
        CREATE TABLE users (account_id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT NOT NULL,
          active INTEGER NOT NULL, is_admin INTEGER NOT NULL, time_zone TEXT NOT NULL, locale TEXT NOT NULL,
          email_visibility TEXT NOT NULL DEFAULT 'anyone');`);
      const { alice } = DEMO_USERS;
      old.prepare('INSERT INTO users VALUES (?, ?, ?, 1, 0, ?, ?, ?)').run(alice.accountId, alice.email, alice.displayName, alice.timeZone, alice.locale, 'anyone');
      old.close();
      const sim = createSimulator({ dbPath, siteUsers: 100 });
      expect(sim.store.getUser(alice.accountId)?.accountType).toBe('atlassian');
      expect(sim.store.listUsers()).toHaveLength(101);
      const bot = { ...alice, accountId: '557058:00000000-0000-4000-8000-000000000001', email: 'bot@connect.atlassian.com', accountType: 'app' as const };
      (sim.store as SimStore).insertUser(bot);
      expect(sim.store.getUser(bot.accountId)?.accountType).toBe('app');
      void sim.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('generated users join only the groups the site has (seed: false has none) and bad counts are refused', () => {
    const bare = createSimulator({ seed: false, siteUsers: 50 });
    try {
      expect(bare.store.listUsers()).toHaveLength(50);
      expect(bare.store.listGroups()).toEqual([]);
      expect(() => addSiteUsers(bare.store as SimStore, -1)).toThrow(/non-negative integer/);
      expect(() => addSiteUsers(bare.store as SimStore, 1.5)).toThrow(/non-negative integer/);
    } finally {
      void bare.close();
    }
  });
});

describe('simulatorOptionsFromEnv (npm start)', () => {
  test('reads the generated site and the rate limits; everything is off by default', () => {
    expect(simulatorOptionsFromEnv({})).toEqual({});
    expect(simulatorOptionsFromEnv({ JIRA_SIM_USERS: '10000', JIRA_SIM_SITE_SEED: 'x' })).toEqual({ siteUsers: 10000, siteSeed: 'x' });
    expect(simulatorOptionsFromEnv({ JIRA_SIM_RATE_LIMITS: 'on' })).toEqual({ rateLimits: {} });
    expect(simulatorOptionsFromEnv({ JIRA_SIM_RATE_LIMITS: 'off', JIRA_SIM_APP_QUOTA_PER_HOUR: '5' })).toEqual({});
    expect(simulatorOptionsFromEnv({ JIRA_SIM_RATE_LIMITS: '1', JIRA_SIM_APP_QUOTA_PER_HOUR: '500', JIRA_SIM_BURST_PER_SECOND: '10' })).toEqual({
      rateLimits: { appQuotaPerHour: 500, burstPerSecond: 10 },
    });
    expect(() => simulatorOptionsFromEnv({ JIRA_SIM_USERS: 'lots' })).toThrow(/JIRA_SIM_USERS/);
    expect(() => simulatorOptionsFromEnv({ JIRA_SIM_RATE_LIMITS: 'maybe' })).toThrow(/JIRA_SIM_RATE_LIMITS/);
  });
});
