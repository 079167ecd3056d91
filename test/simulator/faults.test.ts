import type { FaultRule } from '../../harness/simulator';
import { DEMO_USERS } from '../../harness/simulator';
import { API, basic, expectErrorCollection, propertyPath, start, type Running } from './helpers';

const { alice } = DEMO_USERS;

let run: Running;
beforeEach(async () => {
  run = await start({ validateContract: true });
});
afterEach(async () => {
  await run.sim.close();
});

const writeTeam = (value: string) => run.put(propertyPath('team', alice.accountId), basic(alice.email), JSON.stringify(value));

describe('fault rules', () => {
  test('429 carries Retry-After, X-RateLimit-Reset and RateLimit-Reason, and does not touch the store', async () => {
    run.sim.faults.add({ status: 429, times: 1, retryAfterSeconds: 7 });
    const before = Date.now();
    const response = await writeTeam('Changed');
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(response.headers.get('ratelimit-reason')).toBe('jira-burst-based');
    const reset = Date.parse(response.headers.get('x-ratelimit-reset') ?? '');
    expect(reset).toBeGreaterThanOrEqual(before + 7000 - 1000);
    expect(reset).toBeLessThanOrEqual(Date.now() + 7000 + 1000);
    await expectErrorCollection(response);
    expect(run.sim.store.getProperty(alice.accountId, 'team')).toBe('Platform');
  });

  test('a rule answers `times` requests, then requests are handled again', async () => {
    const rule: FaultRule = { status: 503, times: 2, retryAfterSeconds: 3 };
    run.sim.faults.add(rule);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await writeTeam(`v${i}`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(rule.times).toBe(0);
    expect(run.sim.store.getProperty(alice.accountId, 'team')).toBe('v2');
  });

  test('`after` lets that many matching requests through first, untouched', async () => {
    const rule: FaultRule = { status: 500, times: 1, after: 2, pathIncludes: '/user/properties' };
    run.sim.faults.add(rule);
    await run.call('GET', `${API}/myself`, { as: basic(alice.email) });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await writeTeam(`v${i}`)).status);
    expect(statuses).toEqual([200, 200, 500, 200]);
    expect(rule).toMatchObject({ after: 0, times: 0 });
    expect(() => run.sim.faults.add({ status: 500, times: 1, after: -1 })).toThrow(/after must be a non-negative integer/);
  });

  test.each([429, 500, 502, 503, 504] as const)('%d without retryAfterSeconds has no Retry-After', async (status) => {
    run.sim.faults.add({ status, times: 1 });
    const response = await run.call('GET', `${API}/myself`, { as: basic(alice.email) });
    expect(response.status).toBe(status);
    expect(response.headers.get('retry-after')).toBeNull();
    await expectErrorCollection(response);
  });

  test('500 ignores retryAfterSeconds', async () => {
    run.sim.faults.add({ status: 500, times: 1, retryAfterSeconds: 5 });
    const response = await run.call('GET', `${API}/myself`, { as: basic(alice.email) });
    expect(response.headers.get('retry-after')).toBeNull();
  });

  test('method and pathIncludes narrow a rule; the first matching rule wins', async () => {
    run.sim.faults.add({ status: 502, times: 5, method: 'put' });
    run.sim.faults.add({ status: 504, times: 5, pathIncludes: '/user/picker' });
    run.sim.faults.add({ status: 500, times: 5, pathIncludes: '/user/properties' });
    const myself = await run.call('GET', `${API}/myself`, { as: basic(alice.email) });
    const picker = await run.call('GET', `${API}/user/picker?query=a`, { as: basic(alice.email) });
    const put = await writeTeam('x');
    const get = await run.call('GET', propertyPath('team', alice.accountId), { as: basic(alice.email) });
    expect([myself.status, picker.status, put.status, get.status]).toEqual([200, 504, 502, 500]);
  });

  test('faults apply before authentication, and faulted requests are logged with their caller', async () => {
    run.sim.faults.add({ status: 429, times: 1 });
    const response = await run.call('GET', `${API}/myself`);
    expect(response.status).toBe(429);
    run.sim.faults.add({ status: 429, times: 1 });
    await run.call('GET', `${API}/myself`, { as: basic(alice.email) });
    expect(run.sim.requests.map((r) => [r.status, r.principal.kind])).toEqual([
      [429, 'anonymous'],
      [429, 'user'],
    ]);
  });

  test('clear() removes every rule', async () => {
    run.sim.faults.add({ status: 500, times: 10 });
    run.sim.faults.clear();
    expect((await run.call('GET', `${API}/myself`, { as: basic(alice.email) })).status).toBe(200);
  });

  test('a rule with negative or fractional times is refused', () => {
    expect(() => run.sim.faults.add({ status: 500, times: -1 })).toThrow(/times/);
    expect(() => run.sim.faults.add({ status: 500, times: 1.5 })).toThrow(/times/);
  });

  test('injected faults are not contract violations, even where the spec lists no such status', async () => {
    run.sim.faults.add({ status: 503, times: 1 });
    expect((await writeTeam('x')).status).toBe(503);
    expect(run.sim.contractViolations).toEqual([]);
  });
});

describe('latency', () => {
  test('latencyMs delays every response', async () => {
    run.sim.faults.latencyMs = 150;
    const started = performance.now();
    const response = await run.call('GET', `${API}/myself`, { as: basic(alice.email) });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  test('concurrent requests are delayed in parallel, not queued', async () => {
    run.sim.faults.latencyMs = 150;
    const started = performance.now();
    const responses = await Promise.all(Array.from({ length: 5 }, () => run.call('GET', `${API}/myself`, { as: basic(alice.email) })));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(performance.now() - started).toBeLessThan(700);
  });
});

describe('request log', () => {
  test('every request is logged in order with its final status, query and principal', async () => {
    await run.call('GET', `${API}/myself`, { as: basic(alice.email) });
    await run.call('GET', `${API}/user/picker?query=al&maxResults=5`, { as: basic(alice.email) });
    await run.call('GET', `${API}/myself`);
    expect(run.sim.requests).toEqual([
      { seq: 1, method: 'GET', pathname: `${API}/myself`, query: {}, principal: { kind: 'user', accountId: alice.accountId }, status: 200 },
      {
        seq: 2,
        method: 'GET',
        pathname: `${API}/user/picker`,
        query: { query: 'al', maxResults: '5' },
        principal: { kind: 'user', accountId: alice.accountId },
        status: 200,
      },
      { seq: 3, method: 'GET', pathname: `${API}/myself`, query: {}, principal: { kind: 'anonymous' }, status: 401 },
    ]);
  });
});
