import { DEMO_USERS, startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());
afterEach(() => expect(app.simulator.contractViolations).toEqual([]));
afterEach(() => app.simulator.faults.clear());

const bob = DEMO_USERS.bob.accountId;
const puts = () => app.takeRequests().filter((r) => r.method === 'PUT');

test('a 429 with Retry-After is waited out and the write lands once', async () => {
  app.takeRequests();
  app.simulator.faults.add({ status: 429, times: 1, retryAfterSeconds: 1, method: 'PUT' });
  const started = Date.now();
  const result = await app.invoke('setProperty', { accountId: bob, key: 'fault.429', json: '1' }, 'admin');
  expect(result).toMatchObject({ success: true, data: { outcome: 'created' } });
  expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  expect(puts().map((r) => r.status)).toEqual([429, 201]);
  expect(app.simulator.store.getProperty(bob, 'fault.429')).toBe(1);
});

test('a 503 without Retry-After is retried with backoff', async () => {
  app.takeRequests();
  app.simulator.faults.add({ status: 503, times: 2, method: 'PUT' });
  const result = await app.invoke('setProperty', { accountId: bob, key: 'fault.503', json: '[1]' }, 'admin');
  expect(result).toMatchObject({ success: true });
  expect(puts().map((r) => r.status)).toEqual([503, 503, 201]);
});

test('a rate limit that outlasts the retries is RATE_LIMITED, and nothing is written', async () => {
  app.simulator.faults.add({ status: 429, times: 10, retryAfterSeconds: 60, method: 'PUT' });
  const result = await app.invoke('setProperty', { accountId: bob, key: 'fault.busy', json: '1' }, 'admin');
  expect(result).toMatchObject({ success: false, error: { code: 'RATE_LIMITED' } });
  expect(app.simulator.store.getProperty(bob, 'fault.busy')).toBeUndefined();
});

test('a 500 is reported as JIRA_ERROR, not retried and not a success', async () => {
  app.takeRequests();
  app.simulator.faults.add({ status: 500, times: 1, method: 'DELETE' });
  const result = await app.invoke('deleteProperty', { accountId: bob, key: 'team' }, 'admin');
  expect(result).toMatchObject({ success: false, error: { code: 'JIRA_ERROR' } });
  expect(app.takeRequests().filter((r) => r.method === 'DELETE')).toHaveLength(1);
  expect(app.simulator.store.getProperty(bob, 'team')).toBe('Support');
});
