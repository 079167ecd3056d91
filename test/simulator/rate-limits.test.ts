import { createSimulator, DEMO_USERS, type RateLimitOptions } from '../../harness/simulator';
import { API, basic, expectErrorCollection, forge, propertyPath, start, type Caller, type Running } from './helpers';

const { admin, alice, bob, carol } = DEMO_USERS;
const HOUR = 3_600_000;
// 10:15:30.250 UTC on the day Jira began enforcing the points quota (facts file): the hour resets at 11:00.
const T0 = Date.UTC(2026, 2, 2, 10, 15, 30, 250);

let run: Running;
let now: number;
const clock = () => now;

async function startWith(limits: RateLimitOptions | undefined): Promise<void> {
  now = T0;
  run = await start({ validateContract: true, ...(limits ? { rateLimits: { now: clock, ...limits } } : {}) });
}
afterEach(async () => {
  const violations = [...run.sim.contractViolations];
  await run.sim.close();
  expect(violations).toEqual([]);
});

const asApp = (): Caller => forge(run.sim, 'app');
const asUser = (accountId: string): Caller => forge(run.sim, `user:${accountId}`);
const myself = (as: Caller) => run.call('GET', `${API}/myself`, { as });
const headersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => /ratelimit|retry-after/i.test(name)));

describe('off unless turned on', () => {
  test('by default: no 429 and no rate-limit headers, however many requests', async () => {
    await startWith(undefined);
    expect(run.sim.rateLimits.enabled).toBe(false);
    for (let i = 0; i < 150; i++) {
      const response = await myself(asApp());
      expect(response.status).toBe(200);
      expect(headersOf(response)).toEqual({});
    }
  });

  test('configure() turns limits on with fresh budgets, and off again', async () => {
    await startWith(undefined);
    run.sim.rateLimits.configure({ appQuotaPerHour: 1, now: clock });
    expect(run.sim.rateLimits.enabled).toBe(true);
    expect((await myself(asApp())).status).toBe(200);
    expect((await myself(asApp())).status).toBe(429);
    run.sim.rateLimits.configure({ appQuotaPerHour: 1, now: clock });
    expect((await myself(asApp())).status).toBe(200);
    run.sim.rateLimits.configure(undefined);
    expect((await myself(asApp())).status).toBe(200);
    expect(headersOf(await myself(asApp()))).toEqual({});
  });

  test('options are checked', async () => {
    await startWith(undefined);
    expect(() => createSimulator({ rateLimits: { appQuotaPerHour: 0 } })).toThrow(/appQuotaPerHour must be a positive integer/);
    expect(() => createSimulator({ rateLimits: { burstPerSecond: 1.5 } })).toThrow(/burstPerSecond/);
    expect(() => run.sim.rateLimits.configure({ userQuotaPerHour: -1 })).toThrow(/userQuotaPerHour/);
    expect(run.sim.rateLimits.enabled).toBe(false);
  });
});

describe('the hourly points quota', () => {
  test('asApp: 1 point a request, headers on every answer, then 429 jira-quota-tenant-based until the hour resets', async () => {
    await startWith({ appQuotaPerHour: 5 });
    const remaining: Array<string | null> = [];
    const near: Array<string | null> = [];
    for (let i = 0; i < 5; i++) {
      const response = await myself(asApp());
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe('5');
      expect(response.headers.get('x-ratelimit-reset')).toBe('2026-03-02T11:00:00.000Z');
      remaining.push(response.headers.get('x-ratelimit-remaining'));
      near.push(response.headers.get('x-ratelimit-nearlimit'));
      now += 1000;
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    // "true under 20% left": 1 of 5 is exactly 20%, not under it.
    expect(near).toEqual([null, null, null, null, 'true']);

    const refused = await myself(asApp());
    expect(refused.status).toBe(429);
    const secondsToReset = Math.ceil((Date.UTC(2026, 2, 2, 11) - now) / 1000);
    expect(headersOf(refused)).toEqual({
      'retry-after': String(secondsToReset),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2026-03-02T11:00:00.000Z',
      'x-ratelimit-nearlimit': 'true',
      'ratelimit-reason': 'jira-quota-tenant-based',
      'beta-ratelimit-policy': '"app-quota";q=5;w=3600',
      'beta-ratelimit': `"app-quota";r=0;t=${secondsToReset}`,
    });
    await expectErrorCollection(refused);

    // Retrying early changes nothing: the same reset, a shorter Retry-After as the clock moves.
    now += 600_000;
    const early = await myself(asApp());
    expect(early.status).toBe(429);
    expect(early.headers.get('x-ratelimit-reset')).toBe('2026-03-02T11:00:00.000Z');
    expect(Number(early.headers.get('retry-after'))).toBe(secondsToReset - 600);

    now = Date.UTC(2026, 2, 2, 11, 0, 0, 0);
    const afterReset = await myself(asApp());
    expect(afterReset.status).toBe(200);
    expect(afterReset.headers.get('x-ratelimit-remaining')).toBe('4');
    expect(afterReset.headers.get('x-ratelimit-reset')).toBe('2026-03-02T12:00:00.000Z');
  });

  test('a refused request is not handled and costs nothing; every status costs a point', async () => {
    await startWith({ appQuotaPerHour: 3 });
    expect((await run.call('GET', `${API}/user?accountId=5f0000000000000000000000`, { as: asApp() })).status).toBe(404);
    expect((await run.call('GET', `${API}/nope`, { as: asApp() })).status).toBe(404);
    run.sim.contractViolations.length = 0; // the undocumented path, on purpose
    expect((await run.put(propertyPath('paced', alice.accountId), asApp(), '1')).status).toBe(201);
    const refused = await run.put(propertyPath('refused', alice.accountId), asApp(), '1');
    expect(refused.status).toBe(429);
    expect(run.sim.store.getPropertyJson(alice.accountId, 'refused')).toBeUndefined();
    expect(run.sim.requests.map((r) => r.status)).toEqual([404, 404, 201, 429]);
  });

  test('asUser draws on a budget per user, apart from the app and from other users', async () => {
    await startWith({ appQuotaPerHour: 10, userQuotaPerHour: 2 });
    for (let i = 0; i < 2; i++) expect((await myself(asUser(alice.accountId))).status).toBe(200);
    const refused = await myself(asUser(alice.accountId));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-quota-tenant-based');
    expect(refused.headers.get('beta-ratelimit-policy')).toBe('"app-user-quota";q=2;w=3600');
    const forBob = await myself(asUser(bob.accountId));
    expect(forBob.status).toBe(200);
    expect(forBob.headers.get('x-ratelimit-remaining')).toBe('1');
    const app = await myself(asApp());
    expect(app.status).toBe(200);
    expect(app.headers.get('x-ratelimit-remaining')).toBe('9');
  });

  test('an optional global pool spans asApp and every asUser: jira-quota-global-based', async () => {
    await startWith({ appQuotaPerHour: 100, userQuotaPerHour: 100, globalQuotaPerHour: 3 });
    expect((await myself(asApp())).status).toBe(200);
    expect((await myself(asUser(alice.accountId))).status).toBe(200);
    const last = await myself(asUser(bob.accountId));
    expect(last.status).toBe(200);
    // The tightest budget is reported: the global one, with nothing left.
    expect(headersOf(last)).toMatchObject({
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-nearlimit': 'true',
      'beta-ratelimit-policy': '"global-quota";q=3;w=3600, "app-user-quota";q=100;w=3600',
    });
    const refused = await myself(asApp());
    expect(refused.status).toBe(429);
    expect(refused.headers.get('ratelimit-reason')).toBe('jira-quota-global-based');
  });

  test("people with API tokens, anonymous callers and refused credentials are not the app's requests", async () => {
    await startWith({ appQuotaPerHour: 1, userQuotaPerHour: 1, burstPerSecond: 1 });
    for (let i = 0; i < 5; i++) {
      const response = await myself(basic(admin.email));
      expect(response.status).toBe(200);
      expect(headersOf(response)).toEqual({});
      expect((await run.call('GET', `${API}/user/search?query=a`, { as: {} })).status).toBe(200);
      // An inactive user's forge principal is refused before any budget is charged.
      expect((await myself(asUser(carol.accountId))).status).toBe(401);
    }
    expect((await myself(asUser(alice.accountId))).status).toBe(200);
  });
});

describe('the burst limit per endpoint and method', () => {
  test('429 jira-burst-based within the second; other endpoints and methods, and the next second, go through', async () => {
    await startWith({ burstPerSecond: 3 });
    for (let i = 0; i < 3; i++) expect((await myself(asApp())).status).toBe(200);
    const refused = await myself(asApp());
    expect(refused.status).toBe(429);
    expect(headersOf(refused)).toEqual({
      'retry-after': '1',
      'x-ratelimit-limit': '3',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2026-03-02T10:15:31.000Z',
      'x-ratelimit-nearlimit': 'true',
      'ratelimit-reason': 'jira-burst-based',
      'beta-ratelimit-policy': '"burst";q=3;w=1',
      'beta-ratelimit': '"burst";r=0;t=1',
    });
    // Several users hitting the same endpoint share its burst (it is the app's).
    expect((await myself(asUser(alice.accountId))).status).toBe(429);

    // The endpoint is the OpenAPI operation: every property key shares one bucket, and each method has its own.
    for (let i = 0; i < 3; i++) expect((await run.call('GET', propertyPath(`k${i}`, alice.accountId), { as: asApp() })).status).toBe(404);
    expect((await run.call('GET', propertyPath('k9', alice.accountId), { as: asApp() })).status).toBe(429);
    expect((await run.put(propertyPath('k9', alice.accountId), asApp(), '1')).status).toBe(201);

    now += 750; // 10:15:31.000
    expect((await myself(asApp())).status).toBe(200);
  });

  test('the quota is not charged for a request the burst limit refused', async () => {
    await startWith({ appQuotaPerHour: 10, burstPerSecond: 1 });
    expect((await myself(asApp())).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await myself(asApp())).status).toBe(429);
    now += 1000;
    expect((await myself(asApp())).headers.get('x-ratelimit-remaining')).toBe('8');
  });
});

describe('beside fault injection', () => {
  test('an injected fault still answers, after the limiter has charged the request; a limited one is not consumed', async () => {
    await startWith({ appQuotaPerHour: 2 });
    run.sim.faults.add({ times: 2, status: 503, retryAfterSeconds: 7, pathIncludes: '/myself' });
    const faulted = await myself(asApp());
    expect(faulted.status).toBe(503);
    expect(faulted.headers.get('retry-after')).toBe('7');
    expect(faulted.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await run.call('GET', `${API}/mypermissions?permissions=ADMINISTER`, { as: asApp() })).status).toBe(200);
    expect((await myself(asApp())).status).toBe(429);
    now += HOUR;
    expect((await myself(asApp())).status).toBe(503); // the rule's second use was still there
  });
});
