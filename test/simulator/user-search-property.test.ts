import { DEMO_USERS, type SimUser } from '../../harness/simulator';
import { API, basic, expectErrorCollection, forge, start, type Caller, type Running } from './helpers';

type JiraUser = { accountId: string; accountType: string; active: boolean; displayName: string; locale?: string };
type PageBeanUser = { self: string; nextPage?: string; maxResults: number; startAt: number; total: number; isLast: boolean; values: JiraUser[] };

// Ground truth computed straight from the store, independently of the simulator's matching code.
function valueAt(json: string, path: string[]): unknown {
  let value: unknown = JSON.parse(json);
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

let run: Running;
let app: Caller;
beforeAll(async () => {
  run = await start({ siteUsers: 10_000, validateContract: true });
  app = forge(run.sim, 'app');
});
afterAll(async () => {
  const violations = [...run.sim.contractViolations];
  await run.sim.close();
  expect(violations).toEqual([]);
});

/** Users (in the site's order) whose `key` holds `expected` at `path`. */
function holders(key: string, path: string[], expected: unknown, users: SimUser[] = run.sim.store.listUsers()): string[] {
  const values = run.sim.store.valuesOfKey(key);
  return users.filter((u) => values.has(u.accountId) && valueAt(values.get(u.accountId) as string, path) === expected).map((u) => u.accountId);
}
/** Guards an equality from being two empty lists. */
function nonEmpty(ids: string[]): string[] {
  expect(ids.length).toBeGreaterThan(0);
  return ids;
}
const active = () => run.sim.store.listUsers().filter((u) => u.active);
const firstThousand = () => run.sim.store.listUsers().slice(0, 1000);
const customer = () => run.sim.store.listUsers().find((u) => u.accountType === 'customer' && u.active) as SimUser;

async function getJson<T>(path: string, as: Caller = app): Promise<{ status: number; body: T }> {
  const response = await run.call('GET', path, { as });
  return { status: response.status, body: (await response.json()) as T };
}

describe('GET /user/search?property=key.path=value', () => {
  const search = (spec: string, paging = '') => `${API}/user/search?property=${encodeURIComponent(spec)}${paging}`;

  /** Every page, 100 at a time, until an empty one. */
  async function walk(spec: string): Promise<string[]> {
    const seen: string[] = [];
    for (let startAt = 0; startAt <= 2000; startAt += 100) {
      const { status, body } = await getJson<JiraUser[]>(search(spec, `&startAt=${startAt}&maxResults=100`));
      expect(status).toBe(200);
      if (body.length === 0) break;
      seen.push(...body.map((u) => u.accountId));
    }
    return seen;
  }

  test('finds active users by a field of a shared key, and stops at the thousandth match (its OpenAPI description)', async () => {
    const truth = holders('costCenter', ['code'], 'CC-4102', active());
    expect(truth.length).toBeGreaterThan(1000); // the cap is reached
    expect(await walk('costCenter.code=CC-4102')).toEqual(truth.slice(0, 1000));
    const tail = await getJson<JiraUser[]>(search('costCenter.code=CC-4102', '&startAt=950&maxResults=100'));
    expect(tail.body.map((u) => u.accountId)).toEqual(truth.slice(950, 1000));
    expect((await getJson<JiraUser[]>(search('costCenter.code=CC-4102', '&startAt=1000'))).body).toEqual([]);
    // Inactive holders exist and are left out ("Returns a list of active users").
    expect(holders('costCenter', ['code'], 'CC-4102').length).toBeGreaterThan(truth.length);
  });

  test('default page of 50; numbers and booleans match their JSON text, unicode strings their characters', async () => {
    const collapsed = holders('navigation_next_ui_state', ['isCollapsed'], true, active());
    const first = await getJson<JiraUser[]>(search('navigation_next_ui_state.isCollapsed=true'));
    expect(first.body.map((u) => u.accountId)).toEqual(collapsed.slice(0, 50));
    const width = holders('navigation_next_ui_state', ['productNavWidth'], 240, active());
    expect(width.length).toBeGreaterThan(0);
    expect(await walk('navigation_next_ui_state.productNavWidth=240')).toEqual(width);
    expect(await walk('navigation_next_ui_state.productNavWidth=240.0')).toEqual([]);
    const team = holders('team', [], 'Платформа', active());
    expect(team.length).toBeGreaterThan(0);
    expect(await walk('team=Платформа')).toEqual(team);
    const legacy = holders('costCenter', [], 'CC-4102', active());
    expect(legacy).toContain(DEMO_USERS.alice.accountId);
    expect(await walk('costCenter=CC-4102')).toEqual(legacy);
  });

  test('keys containing . or = cannot be searched: the path starts at the first dot', async () => {
    // Plenty of users hold these, yet property= names a different key (`com`, `設定`, `filter`).
    expect(holders('com.acme.timesheets.settings', ['weekStart'], 'monday', active()).length).toBeGreaterThan(100);
    expect(await walk('com.acme.timesheets.settings.weekStart=monday')).toEqual([]);
    expect(holders('io.tempo.preferences', ['plan', 'hoursPerDay'], 8, active()).length).toBeGreaterThan(100);
    expect(await walk('io.tempo.preferences.plan.hoursPerDay=8')).toEqual([]);
    expect(holders('設定.テーマ', [], 'ダーク', active()).length).toBeGreaterThan(0);
    expect(await walk('設定.テーマ=ダーク')).toEqual([]);
    const [withEquals] = [...run.sim.store.valuesOfKey('filter=default').values()];
    expect(await walk(`filter=default=${withEquals}`)).toEqual([]);
  });

  test('objects and arrays are never matched ("cannot be specified using a JSON object")', async () => {
    const [accountId, json] = [...run.sim.store.valuesOfKey('costCenter').entries()].find(([, v]) => v.startsWith('{')) as [string, string];
    expect(run.sim.store.getUser(accountId)).toBeDefined();
    expect(await walk(`costCenter=${json}`)).toEqual([]);
    expect(await walk('onboarding.completedTours=[]')).toEqual([]);
  });

  test('callers without Browse users and groups, or anonymous, get an empty list', async () => {
    expect(await getJson<JiraUser[]>(search('costCenter.code=CC-4102'), basic(customer().email))).toEqual({ status: 200, body: [] });
    expect(await getJson<JiraUser[]>(search('costCenter.code=CC-4102'), {})).toEqual({ status: 200, body: [] });
  });

  test.each([
    ['no = at all', 'costCenter'],
    ['nothing before =', '=CC-4102'],
    ['an empty path segment', 'costCenter..code=CC-4102'],
    ['a path starting with a dot', '.code=CC-4102'],
    ['a trailing dot', 'costCenter.=CC-4102'],
  ])('400 ErrorCollection for %s', async (_name, spec) => {
    const response = await run.call('GET', search(spec), { as: app });
    expect(response.status).toBe(400);
    const body = await expectErrorCollection(response);
    expect(body.errors).toHaveProperty('property');
  });
});

describe('GET /user/search/query?query=[key].path is "value"', () => {
  const query = (text: string, paging = '') => `${API}/user/search/query?query=${encodeURIComponent(text)}${paging}`;

  async function walk(text: string, paging = ''): Promise<{ ids: string[]; pages: PageBeanUser[] }> {
    const pages: PageBeanUser[] = [];
    let next: string | undefined = `${run.base}${query(text, paging)}`;
    while (next && pages.length < 50) {
      const response = await fetch(next, { headers: app });
      expect(response.status).toBe(200);
      const page = (await response.json()) as PageBeanUser;
      pages.push(page);
      next = page.nextPage;
    }
    return { ids: pages.flatMap((p) => p.values.map((u) => u.accountId)), pages };
  }

  test('takes the range first, then filters it, and never looks past the thousandth user (its OpenAPI description)', async () => {
    const inWindow = holders('costCenter', ['code'], 'CC-4102', firstThousand());
    expect(inWindow.length).toBeGreaterThan(50);
    const beyond = holders('costCenter', ['code'], 'CC-4102', run.sim.store.listUsers().slice(1000));
    expect(beyond.length).toBeGreaterThan(0);
    const { ids, pages } = await walk('[costCenter].code is "CC-4102"');
    expect(ids).toEqual(inWindow);
    // Default maxResults 100: ten ranges of 100 users, each returning only its matches.
    expect(pages.map((p) => [p.startAt, p.maxResults, p.isLast])).toEqual(Array.from({ length: 10 }, (_, i) => [i * 100, 100, i === 9]));
    expect(pages.every((p) => p.total === inWindow.length && p.values.length < 100)).toBe(true);
    // Inactive users and every account type are in the range.
    const all = new Map(run.sim.store.listUsers().map((u) => [u.accountId, u]));
    expect(ids.some((id) => !all.get(id)?.active)).toBe(true);
    expect(pages[0].values[0]).toHaveProperty('locale');

    const past = await getJson<PageBeanUser>(query('[costCenter].code is "CC-4102"', '&startAt=1000'));
    expect(past.body).toMatchObject({ startAt: 1000, isLast: true, values: [], total: inWindow.length });
    expect(past.body.nextPage).toBeUndefined();
    const whole = await getJson<PageBeanUser>(query('[costCenter].code is "CC-4102"', '&maxResults=5000'));
    expect(whole.body).toMatchObject({ startAt: 0, maxResults: 1000, isLast: true });
    expect(whole.body.values.map((u) => u.accountId)).toEqual(inWindow);
    const tiny = await getJson<PageBeanUser>(query('[costCenter].code is "CC-4102"', '&maxResults=0'));
    expect(tiny.body).toMatchObject({ maxResults: 1, isLast: false });
  });

  test('brackets name any key, dots and unicode included; AND binds tighter than OR; keywords ignore case', async () => {
    const window = firstThousand();
    const single = (text: string) => getJson<PageBeanUser>(query(text, '&maxResults=1000')).then(({ body }) => body.values.map((u) => u.accountId));
    expect(await single('[com.acme.timesheets.settings].weekStart is "monday"')).toEqual(nonEmpty(holders('com.acme.timesheets.settings', ['weekStart'], 'monday', window)));
    expect(await single('[com.acme.timesheets.settings].reminders.enabled is "true"')).toEqual(
      nonEmpty(holders('com.acme.timesheets.settings', ['reminders', 'enabled'], true, window)),
    );
    const japanese = nonEmpty(holders('設定.テーマ', [], 'ダーク', window));
    expect(await single('[設定.テーマ] is "ダーク"')).toEqual(japanese);

    const emea = new Set(holders('costCenter', ['region'], 'EMEA', window));
    const code = new Set(holders('costCenter', ['code'], 'CC-4102', window));
    const support = new Set(nonEmpty(holders('team', [], 'Support', window)));
    const inOrder = (ids: Set<string>) => window.map((u) => u.accountId).filter((id) => ids.has(id));
    const both = new Set([...code].filter((id) => emea.has(id)));
    expect(both.size).toBeGreaterThan(0);
    expect(await single('[costCenter].code is "CC-4102" and [costCenter].region IS "EMEA"')).toEqual(inOrder(both));
    expect(await single('[team] is "Support" OR [costCenter].code is "CC-4102" AND [costCenter].region is "EMEA"')).toEqual(
      inOrder(new Set([...support, ...both])),
    );
  });

  test('a quoted value may escape quotes and backslashes', async () => {
    const target = firstThousand()[7];
    run.sim.store.setProperty(target.accountId, 'quirky', { said: 'say "hi" \\o/' });
    const { body } = await getJson<PageBeanUser>(query('[quirky].said is "say \\"hi\\" \\\\o/"', '&maxResults=1000'));
    expect(body.values.map((u) => u.accountId)).toEqual([target.accountId]);
  });

  test.each([
    ['an empty query', ''],
    ['a missing ]', '[costCenter.code is "CC-4102"'],
    ['an empty key', '[].code is "CC-4102"'],
    ['an empty path segment', '[costCenter]..code is "CC-4102"'],
    ['an unquoted value', '[costCenter].code is CC-4102'],
    ['= instead of is', '[costCenter].code = "CC-4102"'],
    ['an unterminated value', '[costCenter].code is "CC-4102'],
    ['text after the statement', '[costCenter].code is "CC-4102" extra'],
    ['a dangling AND', '[costCenter].code is "CC-4102" AND'],
    ['an unknown role', 'is owner of PROJ'],
    ['an issue statement on a site without issues', 'is assignee of (PROJ-1, PROJ-2)'],
    ['a query over the length cap', `[k] is "${'x'.repeat(5000)}"`],
  ])('400 ErrorCollection for %s', async (_name, text) => {
    const response = await run.call('GET', query(text), { as: app });
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
  });

  test('400 without the required query parameter (a request off the contract, drained here)', async () => {
    const before = run.sim.contractViolations.length;
    const response = await run.call('GET', `${API}/user/search/query`, { as: app });
    expect(response.status).toBe(400);
    await expectErrorCollection(response);
    expect(run.sim.contractViolations.splice(before)).toEqual([`GET ${API}/user/search/query → 400: missing required query parameter 'query'`]);
  });

  test('403 without Browse users and groups, 401 anonymous; a user with it may search', async () => {
    const text = '[costCenter].code is "CC-4102"';
    expect((await run.call('GET', query(text), { as: basic(customer().email) })).status).toBe(403);
    expect((await run.call('GET', query(text), { as: {} })).status).toBe(401);
    const asAlice = await getJson<PageBeanUser>(query(text), forge(run.sim, `user:${DEMO_USERS.alice.accountId}`));
    expect(asAlice.status).toBe(200);
  });
});
