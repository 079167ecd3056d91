import { STALLED_AFTER_QUIET_ROUNDS } from '../../src/jobs/stall';
import { STALLED_REASON } from '../../src/jobs/watchdog';
import type { FoundUsers, Inventory, JobStatus } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

// The inventory as a real background job: the resolver queues it through @forge/events, the local platform's queue
// delivers each event to the `jobs` consumer function (Forge's bundle, in its sandboxes), which reads the simulated
// site of 2,000 extra users as the app. Its counts must equal the simulator's own data, whatever the queue does.
let app: TestApp;
const SITE_USERS = 2_000;

beforeAll(async () => {
  // Queue time runs 100× faster, so Retry-After waits and retry backoff take milliseconds; invocations run in real time.
  // The watchdog runs when a test says so (runNow), not on its hourly schedule.
  app = await startTestApp({ siteUsers: SITE_USERS, runtime: { queue: { concurrency: 4, clock: { timeScale: 100 } }, scheduler: { enabled: false } } });
}, 60_000);
afterAll(() => app.close());
afterEach(() => {
  app.simulator.faults.clear();
  app.runtime.queue.faults.reset();
  app.simulator.store.setAdmin(DEMO_USERS.admin.accountId, true);
});

/** Ground truth from the store: for each key, how many people (accountType atlassian, any status) have it. */
function expectedCounts(): { users: number; keys: Map<string, number> } {
  const people = new Set(app.simulator.store.listUsers().filter((user) => (user.accountType ?? 'atlassian') === 'atlassian').map((user) => user.accountId));
  const keys = new Map<string, number>();
  for (const [accountId, userKeys] of app.simulator.store.keysByUser()) {
    if (!people.has(accountId)) continue;
    for (const key of userKeys) keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  return { users: people.size, keys };
}

async function runInventory(): Promise<{ jobId: string; status: JobStatus }> {
  const started = await app.invoke<{ jobId: string }>('startJob', { kind: 'inventory' }, 'admin');
  if (!started.success) throw new Error(`startJob failed: ${started.error.message}`);
  await app.runtime.queue.idle();
  const status = await app.invoke<JobStatus>('getJob', { jobId: started.data.jobId }, 'admin');
  if (!status.success) throw new Error(`getJob failed: ${status.error.message}`);
  return { jobId: started.data.jobId, status: status.data };
}

async function inventory(): Promise<Inventory> {
  const answer = await app.invoke<Inventory>('getInventory', {}, 'admin');
  if (!answer.success) throw new Error(`getInventory failed: ${answer.error.message}`);
  return answer.data;
}

function expectExact(found: Inventory) {
  const expected = expectedCounts();
  expect(found.users).toBe(expected.users);
  expect(found.failed).toBe(0);
  expect(new Map(found.keys.map((entry) => [entry.key, entry.users]))).toEqual(expected.keys);
}

test('an inventory of the whole site reaches done, and every key\'s user count equals the simulator\'s own data', async () => {
  const { jobId, status } = await runInventory();
  const expected = expectedCounts();
  expect(status).toMatchObject({ jobId, kind: 'inventory', state: 'done', planned: true, total: expected.users, done: expected.users, failed: 0 });
  expect(status.skipped).toBe(app.simulator.store.listUsers().length - expected.users);
  const found = await inventory();
  expect(found.jobId).toBe(jobId);
  expectExact(found);
  expect(found.keys.find((entry) => entry.key === 'onboarding')?.owner).toBe('Jira onboarding');
  // Without faults every delivery succeeds at once; keys only: one Jira request per person, plus a permission check
  // per delivery and the listing's pages.
  const deliveries = app.runtime.queue.deliveries;
  expect(deliveries.every((d) => d.outcome === 'success' && d.attempt === 1)).toBe(true);
  const jiraRequests = deliveries.reduce((sum, d) => sum + d.requests.jira, 0);
  expect(jiraRequests).toBe(expected.users + deliveries.length + Math.ceil(app.simulator.store.listUsers().length / 1_000));
});

test('a 429 in the middle of a chunk keeps the people already read: only the rest is read again, after Retry-After', async () => {
  const before = app.simulator.requests.length;
  app.simulator.faults.add({ status: 429, retryAfterSeconds: 1, pathIncludes: '/user/properties', after: 5, times: 1 });
  const { status } = await runInventory();
  expect(status).toMatchObject({ state: 'done', done: expectedCounts().users, failed: 0 });
  expectExact(await inventory());
  const keyReads = app.simulator.requests.slice(before).filter((r) => r.method === 'GET' && r.pathname === '/rest/api/3/user/properties');
  expect(keyReads.filter((r) => r.status === 429)).toHaveLength(1);
  const readsPerPerson = new Map<string, number>();
  for (const r of keyReads.filter((read) => read.status === 200)) readsPerPerson.set(String(r.query.accountId), (readsPerPerson.get(String(r.query.accountId)) ?? 0) + 1);
  expect(readsPerPerson.size).toBe(expectedCounts().users);
  expect([...readsPerPerson.values()].every((reads) => reads === 1)).toBe(true);
});

test('with duplicate deliveries, consumer crashes and 429 storms from Jira, the counts are still exact', async () => {
  app.runtime.queue.faults.duplicateProbability = 0.3;
  app.runtime.queue.faults.crashNext(3, 20);
  app.simulator.faults.add({ status: 429, retryAfterSeconds: 5, pathIncludes: '/user/properties', times: 40 });
  app.simulator.faults.add({ status: 429, retryAfterSeconds: 2, pathIncludes: '/users/search', times: 2 });
  const { status } = await runInventory();
  expect(status.state).toBe('done');
  expect(status.done).toBe(expectedCounts().users);
  expectExact(await inventory());
  // The faults really happened: Jira answered 429s (each step queued again after its Retry-After), a sandbox was lost,
  // and events came twice.
  expect(app.simulator.requests.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(40);
  expect(app.runtime.queue.deliveries.some((d) => d.outcome === 'crashed')).toBe(true);
  expect(app.runtime.queue.deliveries.some((d) => d.duplicate)).toBe(true);
}, 120_000);

test('a plain user\'s startJob is FORBIDDEN and queues nothing', async () => {
  const before = app.runtime.queue.deliveries.length;
  for (const [as, moduleKey] of [['bob', MODULE_KEYS.adminPage], ['alice', MODULE_KEYS.adminPage], ['admin', MODULE_KEYS.personalSettings]] as const) {
    const answer = await app.invoke('startJob', { kind: 'inventory' }, as, moduleKey);
    expect(answer).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  }
  await app.runtime.queue.idle();
  expect(app.runtime.queue.deliveries.length).toBe(before);
});

test('an admin who loses Administer Jira mid-job: the next chunk stops the job with that reason', async () => {
  const started = await app.invoke<{ jobId: string }>('startJob', { kind: 'inventory' }, 'admin');
  if (!started.success) throw new Error(started.error.message);
  app.simulator.store.setAdmin(DEMO_USERS.admin.accountId, false);
  await app.runtime.queue.idle();
  const status = await app.invoke<JobStatus>('getJob', { jobId: started.data.jobId }, 'bob');
  expect(status).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
  app.simulator.store.setAdmin(DEMO_USERS.admin.accountId, true);
  const seen = await app.invoke<JobStatus>('getJob', { jobId: started.data.jobId }, 'admin');
  expect(seen).toMatchObject({ success: true, data: { state: 'failed', reason: expect.stringContaining('no longer has the Administer Jira') } });
  if (seen.success) expect(seen.data.done).toBeLessThan(expectedCounts().users);
});

test('cancel stops a running job: the events still queued do nothing', async () => {
  app.runtime.queue.faults.slowNext(1_000, 2_000);
  const started = await app.invoke<{ jobId: string }>('startJob', { kind: 'inventory' }, 'admin');
  if (!started.success) throw new Error(started.error.message);
  const cancelled = await app.invoke<JobStatus>('cancelJob', { jobId: started.data.jobId }, 'admin');
  expect(cancelled).toMatchObject({ success: true, data: { state: 'cancelled' } });
  await app.runtime.queue.idle();
  const status = await app.invoke<JobStatus>('getJob', {}, 'admin');
  expect(status).toMatchObject({ success: true, data: { jobId: started.data.jobId, state: 'cancelled', done: 0 } });
});

test('a job whose step Forge gave up on is stopped by the watchdog after its quiet rounds; stopped jobs keep their figures, not their records', async () => {
  // Every delivery Forge makes of the job's first step loses its sandbox: the event is dropped, nothing can finish it.
  app.runtime.queue.faults.crashNext(5, 20);
  const started = await app.invoke<{ jobId: string }>('startJob', { kind: 'inventory' }, 'admin');
  if (!started.success) throw new Error(started.error.message);
  const { jobId } = started.data;
  await app.runtime.queue.idle();
  expect(app.runtime.queue.deliveries.filter((d) => d.jobId && d.outcome === 'crashed').length).toBeGreaterThanOrEqual(5);
  const status = async () => {
    const answer = await app.invoke<JobStatus>('getJob', { jobId }, 'admin');
    if (!answer.success) throw new Error(answer.error.message);
    return answer.data;
  };
  for (let round = 0; round < STALLED_AFTER_QUIET_ROUNDS; round++) {
    expect(await app.runtime.scheduler.runNow('job-watchdog')).toMatchObject({ outcome: 'success', statusCode: 204 });
    expect((await status()).state).toBe('running');
  }
  await app.runtime.scheduler.runNow('job-watchdog');
  expect(await status()).toMatchObject({ state: 'failed', reason: STALLED_REASON, done: 0 });
  // This job and the cancelled and failed ones of the tests before keep their figures; their records are gone.
  const leftovers = app.runtime.kvs.entries().filter((entry) => /^job:[^:]+:(plan|chunk|tally):/.test(entry.key));
  expect(leftovers).toEqual([]);
});

describe('findUsers', () => {
  const activePeople = () =>
    new Set(app.simulator.store.listUsers().filter((user) => (user.accountType ?? 'atlassian') === 'atlassian' && user.active).map((user) => user.accountId));

  async function scanResults(jobId: string): Promise<string[]> {
    await app.runtime.queue.idle();
    const status = await app.invoke<JobStatus>('getJob', { jobId }, 'admin');
    expect(status).toMatchObject({ success: true, data: { kind: 'find', state: 'done' } });
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await app.invoke<FoundUsers>('findUsers', { jobId, ...(cursor ? { cursor } : {}) }, 'admin');
      if (!page.success || !('users' in page.data)) throw new Error(`paging failed: ${JSON.stringify(page)}`);
      ids.push(...page.data.users.map((user) => user.accountId));
      cursor = page.data.cursor;
    } while (cursor);
    return ids;
  }

  test('by value: the same users through Jira\'s search and through a scan, and those the store holds', async () => {
    const values = app.simulator.store.valuesOfKey('costCenter');
    const codeOf = (json: string) => {
      const value = JSON.parse(json) as unknown;
      return typeof value === 'object' && value !== null && 'code' in value ? String((value as { code: unknown }).code) : undefined;
    };
    const code = [...values.values()].map(codeOf).find((c) => c !== undefined);
    if (!code) throw new Error('the generated site has no costCenter with a code');
    const people = activePeople();
    const expected = [...values].filter(([id, json]) => people.has(id) && codeOf(json) === code).map(([id]) => id).sort();
    expect(expected.length).toBeGreaterThan(1);

    const query = { key: 'costCenter', path: 'code', value: code };
    const searched = await app.invoke<FoundUsers>('findUsers', query, 'admin');
    if (!searched.success || !('users' in searched.data)) throw new Error(`search failed: ${JSON.stringify(searched)}`);
    expect(searched.data.source).toBe('search');
    const scan = await app.invoke<FoundUsers>('findUsers', { ...query, scan: true }, 'admin');
    if (!scan.success || !('jobId' in scan.data)) throw new Error(`scan did not start: ${JSON.stringify(scan)}`);
    expect(searched.data.users.map((user) => user.accountId)).toEqual(expected);
    expect(await scanResults(scan.data.jobId)).toEqual(expected);
  }, 60_000);

  test('a key Jira cannot search (it holds a dot) or a presence query is answered by a scan', async () => {
    const people = activePeople();
    const key = 'com.acme.timesheets.settings';
    const having = [...app.simulator.store.keysByUser()].filter(([id, keys]) => people.has(id) && keys.includes(key)).map(([id]) => id);
    const started = await app.invoke<FoundUsers>('findUsers', { key }, 'admin');
    if (!started.success || !('jobId' in started.data)) throw new Error(`no scan: ${JSON.stringify(started)}`);
    expect(await scanResults(started.data.jobId)).toEqual(having.sort());
    const absent = await app.invoke<FoundUsers>('findUsers', { key, present: false }, 'admin');
    if (!absent.success || !('jobId' in absent.data)) throw new Error(`no scan: ${JSON.stringify(absent)}`);
    expect((await scanResults(absent.data.jobId)).length).toBe(people.size - having.length);
  }, 60_000);

  test('a plain user cannot search or page results; bad queries are refused before anything is read', async () => {
    expect(await app.invoke('findUsers', { key: 'costCenter', path: 'code', value: 'CC-1' }, 'bob')).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
    for (const payload of [{ key: 'costCenter', path: 'code' }, { key: 'costCenter', value: 'x', present: true }, { key: 'x', cursor: '1' }, {}]) {
      app.takeRequests();
      expect(await app.invoke('findUsers', payload, 'admin')).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR' } });
      expect(app.takeRequests()).toEqual([]);
    }
  });
});
