// Issue 9, point 4: reads that stay within Forge's limits at any size. An open lists the keys once (listProperties,
// with a first page of values), then reads the rest with getPropertyValues, a page of named keys per invocation.
import { DEMO_GROUPS, SimStore } from '../../harness/simulator';
import { entryAnswerBytes, FIRST_PAGE_COUNT, PAGE_MAX_KEYS, PAGE_VALUE_BUDGET_BYTES } from '../../src/domain/read-pages';
import type { PropertyEntry, PropertyPage } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

// Forge's documented limits (developer.atlassian.com/platform/forge/limits-invocation), restated here.
const RESPONSE_LIMIT = 5_242_880;
const PAYLOAD_LIMIT = 500 * 1024;
const TIME_LIMIT_MS = 25_000;

const LISTING = '/rest/api/3/user/properties';
const PERMISSION_CHECK = '/rest/api/3/mypermissions';

let app: TestApp;
let store: SimStore;
let userNumber = 0;

/** A new user holding `count` properties whose values are `bytes` bytes of JSON each (keys "p0000", "p0001", …). */
function userWith(count: number, bytes: number, prefix = 'p'): { accountId: string; keys: string[] } {
  const accountId = `712020:0000paged-${String(++userNumber).padStart(4, '0')}`;
  store.insertUser({
    accountId,
    email: `paged-${userNumber}@example.com`,
    displayName: `Paged User ${userNumber}`,
    active: true,
    isAdmin: false,
    timeZone: 'UTC',
    locale: 'en_US',
  });
  const keys = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);
  store.inTransaction(() => {
    for (const key of keys) store.putPropertyJson(accountId, key, JSON.stringify(`${key}:`.padEnd(bytes - 2, 'x')));
  });
  return { accountId, keys };
}

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value), 'utf8');
const propertyReads = (requests: ReturnType<TestApp['takeRequests']>) =>
  requests.filter((r) => r.method === 'GET' && r.pathname.startsWith(`${LISTING}/`)).map((r) => decodeURIComponent(r.pathname.slice(LISTING.length + 1)));

interface Step {
  functionKey: string;
  answerBytes: number;
  payloadBytes: number;
  requests: ReturnType<TestApp['takeRequests']>;
  page: PropertyPage;
}

/** Opens a user the way the admin page does: listProperties, then getPropertyValues until no key remains. */
async function openFully(as: DemoUser, accountId: string | undefined, moduleKey: string = MODULE_KEYS.adminPage) {
  app.takeRequests();
  const firstInvocation = app.runtime.invocations.length;
  const steps: Step[] = [];
  const step = async (functionKey: string, payload: Record<string, unknown>) => {
    const answer = await app.invoke<PropertyPage>(functionKey, payload, as, moduleKey);
    if (!answer.success) throw new Error(`${functionKey}: ${answer.error.code} ${answer.error.message}`);
    steps.push({ functionKey, answerBytes: bytesOf(answer), payloadBytes: bytesOf({ functionKey, payload }), requests: app.takeRequests(), page: answer.data });
    return answer.data;
  };
  const target = accountId === undefined ? {} : { accountId };
  let page = await step('listProperties', target);
  const properties: PropertyEntry[] = [...page.properties];
  let remaining = page.remainingKeys;
  while (remaining.length > 0) {
    const keys = remaining.slice(0, PAGE_MAX_KEYS);
    page = await step('getPropertyValues', { ...target, keys });
    expect(keys.slice(keys.length - page.remainingKeys.length)).toEqual(page.remainingKeys); // a tail of what was asked
    expect(page.remainingKeys.length).toBeLessThan(keys.length); // progress
    properties.push(...page.properties);
    remaining = [...page.remainingKeys, ...remaining.slice(keys.length)];
  }
  return { steps, properties, invocations: app.runtime.invocations.slice(firstInvocation) };
}

/** Every invocation of the open within every limit, as measured here and as the local platform recorded it. */
function expectWithinLimits(opened: Awaited<ReturnType<typeof openFully>>) {
  for (const s of opened.steps) {
    expect(s.answerBytes).toBeLessThanOrEqual(RESPONSE_LIMIT);
    expect(s.payloadBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
  }
  expect(opened.invocations).toHaveLength(opened.steps.length);
  for (const invocation of opened.invocations) {
    expect(invocation.failure).toBeUndefined();
    expect(invocation.responseBytes).toBeLessThanOrEqual(RESPONSE_LIMIT);
    expect(invocation.payloadBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT);
    expect(invocation.ms).toBeLessThan(TIME_LIMIT_MS);
  }
  expect(app.runtime.violations).toEqual([]);
}

/**
 * One key listing across the open (in its first invocation), one permission check per invocation, each value read
 * exactly once. `refusedListings`: a delegated manager's open also carries the as-user listing an admin's first call
 * starts alongside the permission check, which Jira refuses (403) for anyone else.
 */
function expectReadOnce(opened: Awaited<ReturnType<typeof openFully>>, keys: readonly string[], permissionChecks = 1, refusedListings = 0) {
  const all = opened.steps.flatMap((s) => s.requests);
  const listings = all.filter((r) => r.pathname === LISTING);
  expect(listings.filter((r) => r.status === 200)).toHaveLength(1);
  expect(listings.filter((r) => r.status === 403)).toHaveLength(refusedListings);
  expect(listings).toHaveLength(1 + refusedListings);
  expect(opened.steps[0].requests.filter((r) => r.pathname === LISTING)).toHaveLength(1 + refusedListings);
  for (const s of opened.steps) expect(s.requests.filter((r) => r.pathname === PERMISSION_CHECK)).toHaveLength(permissionChecks);
  const reads = propertyReads(all);
  expect([...reads].sort()).toEqual([...keys].sort());
  expect(new Set(reads).size).toBe(reads.length);
  expect(opened.properties.map((p) => p.key).sort()).toEqual([...keys].sort());
}

beforeAll(async () => {
  app = await startTestApp();
  store = app.simulator.store as SimStore;
});
afterAll(() => app.close());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));

describe('an admin opens a user of any size fully, every invocation within every limit', () => {
  test('1,000 small properties', async () => {
    const user = userWith(1_000, 40);
    const opened = await openFully('admin', user.accountId);
    expectWithinLimits(opened);
    expectReadOnce(opened, user.keys);
    expect(opened.steps[0].page.properties).toHaveLength(FIRST_PAGE_COUNT);
    expect(opened.steps).toHaveLength(1 + Math.ceil((1_000 - FIRST_PAGE_COUNT) / PAGE_MAX_KEYS));
    for (const p of opened.properties) expect(p).toEqual({ key: p.key, json: store.getPropertyJson(user.accountId, p.key), bytes: 40 });
  });

  test('300 properties of 20,000 bytes (6 MB in all)', async () => {
    const user = userWith(300, 20_000);
    const opened = await openFully('admin', user.accountId);
    expectWithinLimits(opened);
    expectReadOnce(opened, user.keys);
    expect(opened.properties.reduce((sum, p) => sum + p.bytes, 0)).toBe(6_000_000);
    expect(opened.properties.every((p) => p.bytes === 20_000)).toBe(true);
    expect(Math.max(...opened.steps.map((s) => s.answerBytes))).toBeGreaterThan(1_000_000); // big pages, still in bounds
  });

  test('values near the 32,768-byte limit: a page stops at its byte budget and answers the rest as remaining', async () => {
    // An entry takes more than its value in the answer, where `json` is itself a JSON string: each `\"` of these
    // 32,000-byte texts (escaped quotes, mostly) takes 4 bytes there, so 100 of them cannot fit one page's budget.
    const user = userWith(120, 32_000);
    store.inTransaction(() => {
      for (const key of user.keys) store.putPropertyJson(user.accountId, key, JSON.stringify(`${key}:${'"'.repeat(15_996)}`));
    });
    expect(user.keys.every((key) => Buffer.byteLength(store.getPropertyJson(user.accountId, key) ?? '', 'utf8') === 32_000)).toBe(true);
    const opened = await openFully('admin', user.accountId);
    expectWithinLimits(opened);
    expectReadOnce(opened, user.keys);
    const second = opened.steps[1].page;
    expect(second.remainingKeys.length).toBeGreaterThan(0);
    expect(second.properties.reduce((sum, p) => sum + p.bytes, 0)).toBeLessThanOrEqual(PAGE_VALUE_BUDGET_BYTES);
    expect(second.properties.reduce((sum, p) => sum + entryAnswerBytes(p), 0)).toBeLessThanOrEqual(PAGE_VALUE_BUDGET_BYTES);
    expect(second.properties.reduce((sum, p) => sum + entryAnswerBytes(p), 0)).toBeGreaterThan(PAGE_VALUE_BUDGET_BYTES / 2);
  });

  test.each([10, 100, 1_000])('the first page is the same size whatever the user holds (N = %i)', async (n) => {
    const user = userWith(n, 30);
    app.takeRequests();
    const first = await app.invoke<PropertyPage>('listProperties', { accountId: user.accountId }, 'admin');
    expect(first.success).toBe(true);
    if (!first.success) return;
    expect(first.data.properties).toHaveLength(Math.min(n, FIRST_PAGE_COUNT));
    expect(first.data.remainingKeys).toEqual(user.keys.slice(FIRST_PAGE_COUNT));
    expect(propertyReads(app.takeRequests())).toHaveLength(Math.min(n, FIRST_PAGE_COUNT));
  });

  test('a key no URL can address is answered as unreadable in the first page, never as a remaining key', async () => {
    const user = userWith(30, 30);
    store.setProperty(user.accountId, '..', 'planted');
    const first = await app.invoke<PropertyPage>('listProperties', { accountId: user.accountId }, 'admin');
    expect(first).toMatchObject({ success: true });
    if (!first.success) return;
    expect(first.data.properties).toContainEqual({ key: '..', json: 'null', bytes: 0, unreadable: expect.stringMatching(/cannot address it/) });
    expect(first.data.remainingKeys).not.toContain('..');
  });

  test('a key deleted since the listing is simply absent from the page', async () => {
    const user = userWith(15, 30);
    const first = await app.invoke<PropertyPage>('listProperties', { accountId: user.accountId }, 'admin');
    if (!first.success) throw new Error('listProperties failed');
    const [gone, ...kept] = first.data.remainingKeys;
    store.deleteProperty(user.accountId, gone);
    const next = await app.invoke<PropertyPage>('getPropertyValues', { accountId: user.accountId, keys: first.data.remainingKeys }, 'admin');
    expect(next).toEqual({ success: true, data: { accountId: user.accountId, properties: expect.any(Array), remainingKeys: [] } });
    if (next.success) expect(next.data.properties.map((p) => p.key)).toEqual(kept);
  });
});

describe('a user opens their own record in pages', () => {
  test('from My preferences and from the admin page, with no permission check', async () => {
    const alice = DEMO_USERS.alice.accountId;
    const extra = Array.from({ length: 40 }, (_, i) => `own.${i}`);
    store.inTransaction(() => extra.forEach((key) => store.setProperty(alice, key, { i: key })));
    try {
      for (const moduleKey of [MODULE_KEYS.personalSettings, MODULE_KEYS.adminPage]) {
        const opened = await openFully('alice', undefined, moduleKey);
        expectWithinLimits(opened);
        expectReadOnce(opened, store.listKeys(alice), 0);
        expect(opened.steps.flatMap((s) => s.requests).every((r) => r.principal.kind === 'user')).toBe(true);
      }
    } finally {
      extra.forEach((key) => store.deleteProperty(alice, key));
    }
  });
});

describe('a delegated manager opens only the keys delegated to them', () => {
  let user: { accountId: string; keys: string[] };
  let hrKeys: string[];
  beforeAll(async () => {
    user = userWith(150, 30);
    hrKeys = Array.from({ length: 120 }, (_, i) => `hr.${String(i).padStart(3, '0')}`);
    store.inTransaction(() => hrKeys.forEach((key) => store.setProperty(user.accountId, key, { hr: key })));
    const saved = await app.invoke('saveDelegation', {
      delegation: { groupId: DEMO_GROUPS.hrManagers.groupId, groupName: DEMO_GROUPS.hrManagers.name, keys: [{ match: 'prefix', value: 'hr.' }] },
    }, 'admin');
    expect(saved).toMatchObject({ success: true });
  });

  test('every page reads as the app, only entitled keys, each once, with one rights check per invocation', async () => {
    const opened = await openFully('alice', user.accountId);
    expectWithinLimits(opened);
    expectReadOnce(opened, hrKeys, 1, 1);
    for (const s of opened.steps) {
      expect(s.requests.filter((r) => r.pathname === '/rest/api/3/myself')).toHaveLength(1); // group membership, once
      const answered = s.requests.filter((r) => r.pathname.startsWith(LISTING) && r.status === 200);
      expect(answered.every((r) => r.principal.kind === 'app')).toBe(true);
    }
    expect(opened.steps[0].page.remainingKeys.every((key) => key.startsWith('hr.'))).toBe(true);
  });

  test('naming a key outside the delegation is FORBIDDEN, and nothing is read', async () => {
    app.takeRequests();
    const answer = await app.invoke('getPropertyValues', { accountId: user.accountId, keys: ['hr.000', user.keys[0], 'hr.001'] }, 'alice');
    expect(answer).toEqual({ success: false, error: { code: 'FORBIDDEN', message: expect.stringContaining(`"${user.keys[0]}"`) } });
    expect(app.takeRequests().filter((r) => r.pathname.startsWith(LISTING))).toEqual([]);
  });
});

describe('getPropertyValues refuses', () => {
  const bob = DEMO_USERS.bob.accountId;

  test.each([
    ['keys that are not a list', { accountId: bob, keys: 'team' }],
    ['no keys', { accountId: bob }],
    ['an empty list', { accountId: bob, keys: [] }],
    ['too many keys', { accountId: bob, keys: Array.from({ length: PAGE_MAX_KEYS + 1 }, (_, i) => `k${i}`) }],
    ['a key that is not a string', { accountId: bob, keys: ['team', 42] }],
    ['a key no URL can address', { accountId: bob, keys: ['..'] }],
    ['a key named twice', { accountId: bob, keys: ['team', 'team'] }],
    ['an unexpected field', { accountId: bob, keys: ['team'], all: true }],
  ])('%s: VALIDATION_ERROR before any request', async (_name, payload) => {
    app.takeRequests();
    const answer = await app.invoke('getPropertyValues', payload, 'admin');
    expect(answer).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', message: expect.any(String) } });
    expect(app.takeRequests()).toEqual([]);
  });

  test('a plain user naming another user\'s keys: FORBIDDEN, nothing read', async () => {
    app.takeRequests();
    const answer = await app.invoke('getPropertyValues', { accountId: bob, keys: ['team'] }, 'dmitri');
    expect(answer).toEqual({ success: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('Administer Jira') } });
    expect(propertyReads(app.takeRequests())).toEqual([]);
  });

  test('another user\'s keys from My preferences: FORBIDDEN, even for an admin', async () => {
    app.takeRequests();
    const answer = await app.invoke('getPropertyValues', { accountId: bob, keys: ['team'] }, 'admin', MODULE_KEYS.personalSettings);
    expect(answer).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    expect(app.takeRequests()).toEqual([]);
  });

  test('anonymous callers', async () => {
    expect(await app.invoke('getPropertyValues', { keys: ['team'] }, null)).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('My preferences reads the caller\'s record in pages too', () => {
  const dmitri = DEMO_USERS.dmitri.accountId;
  const raw = Array.from({ length: 150 }, (_, i) => `mine.${String(i).padStart(3, '0')}`);
  const definitions = ['zz.defined.a', 'zz.defined.b', 'zz.defined.c'];
  beforeAll(async () => {
    for (const key of definitions) {
      const saved = await app.invoke('saveDefinition', {
        definition: { key, title: key, description: '', schema: { type: 'integer' }, defaultValue: 0, userEditable: true },
      }, 'admin');
      expect(saved).toMatchObject({ success: true });
    }
    store.inTransaction(() => [...raw, ...definitions].forEach((key, i) => store.setProperty(dmitri, key, i)));
  });
  afterAll(async () => {
    [...raw, ...definitions].forEach((key) => store.deleteProperty(dmitri, key));
    for (const key of definitions) await app.invoke('deleteDefinition', { key }, 'admin');
  });

  test('the first answer holds the defined values and a first page; getPropertyValues from My preferences reads the rest once', async () => {
    app.takeRequests();
    const first = await app.invoke<{ properties: PropertyEntry[]; remainingKeys: string[] }>('getMyPreferences', {}, 'dmitri', MODULE_KEYS.personalSettings);
    if (!first.success) throw new Error(first.error.message);
    // Defined keys sort last in the listing, yet come first.
    expect(first.data.properties.slice(0, 3).map((p) => p.key)).toEqual(definitions);
    expect(first.data.properties).toHaveLength(FIRST_PAGE_COUNT);
    const requests = app.takeRequests();
    expect(requests.filter((r) => r.pathname === LISTING)).toHaveLength(1);
    expect(propertyReads(requests)).toHaveLength(FIRST_PAGE_COUNT);

    const loaded = [...first.data.properties];
    let remaining = first.data.remainingKeys;
    while (remaining.length > 0) {
      const keys = remaining.slice(0, PAGE_MAX_KEYS);
      const page = await app.invoke<PropertyPage>('getPropertyValues', { keys }, 'dmitri', MODULE_KEYS.personalSettings);
      if (!page.success) throw new Error(page.error.message);
      loaded.push(...page.data.properties);
      remaining = [...page.data.remainingKeys, ...remaining.slice(keys.length)];
    }
    const later = app.takeRequests();
    expect(later.filter((r) => r.pathname === LISTING || r.pathname === PERMISSION_CHECK)).toEqual([]);
    const reads = [...propertyReads(requests), ...propertyReads(later)];
    expect(new Set(reads).size).toBe(reads.length);
    expect(loaded.map((p) => p.key).sort()).toEqual(store.listKeys(dmitri));
  });
});
