import type { JobStatus } from '../../src/shared/contract';
import { allResults, counts, generatedPeople, invokeOk } from '../support/bulk-site';
import { MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

// A bulk run stopped before it finished has written some users; once no step of it is still writing, its results
// list exactly those, and its undo and retry work as for a finished run. One delivery at a time, so a cancel lands
// while one chunk writes and before the next starts.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ siteUsers: 250, runtime: { queue: { concurrency: 1, clock: { timeScale: 100 } }, scheduler: { enabled: false } } });
}, 60_000);
afterAll(() => app.close());
afterEach(() => {
  app.simulator.faults.latencyMs = 0;
});

const ok = <T>(key: string, payload: unknown) => invokeOk<T>(app, key, payload);
const holders = (key: string) => [...app.simulator.store.keysByUser()].filter(([, keys]) => keys.includes(key)).map(([accountId]) => accountId);

test('a run cancelled midway: once its steps in flight end, its results list exactly the users it wrote, and undo restores them', async () => {
  const listed = generatedPeople(app).slice(0, 200);
  const key = 'bulk.cancelled';
  // Each Jira request takes 50 ms: a chunk of 100 users writes for a second or so.
  app.simulator.faults.latencyMs = 50;
  const { jobId } = await ok<{ jobId: string }>('startJob', { kind: 'bulk', dryRun: false, target: { accountIds: listed }, operation: { op: 'set', key, json: '"v"' } });
  const deadline = Date.now() + 60_000;
  while (holders(key).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  expect((await ok<JobStatus>('cancelJob', { jobId })).state).toBe('cancelled');
  // The first chunk is still writing under its lease: its results are not final, so nothing can undo them yet.
  expect((await ok<JobStatus>('getJob', { jobId })).bulk?.resultsReady).toBe(false);
  expect(await app.invoke('undoJob', { jobId }, 'admin', MODULE_KEYS.adminPage)).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
  expect(await app.invoke('getJobResults', { jobId }, 'admin', MODULE_KEYS.adminPage)).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });

  await app.runtime.queue.idle();
  app.simulator.faults.latencyMs = 0;
  // The chunk in flight finished; the next found the job cancelled and wrote nothing.
  const written = holders(key).sort();
  expect(written).toHaveLength(100);
  const stopped = await ok<JobStatus>('getJob', { jobId });
  expect(stopped).toMatchObject({ state: 'cancelled', bulk: { resultsReady: true, counts: counts({ create: 100 }) } });
  expect((await allResults(app, jobId)).map((r) => r.accountId).sort()).toEqual(written);

  const { jobId: undoId } = await ok<{ jobId: string }>('undoJob', { jobId });
  await app.runtime.queue.idle();
  const undone = await ok<JobStatus>('getJob', { jobId: undoId });
  expect(undone).toMatchObject({ state: 'done', bulk: { counts: counts({ delete: 100 }) } });
  expect(holders(key)).toEqual([]);
}, 120_000);

test('the watchdog publishes a stopped run\'s results before it deletes the records they come from', async () => {
  const listed = generatedPeople(app).slice(200, 250);
  const key = 'bulk.archived';
  app.simulator.faults.latencyMs = 50;
  const { jobId } = await ok<{ jobId: string }>('startJob', { kind: 'bulk', dryRun: false, target: { accountIds: listed }, operation: { op: 'set', key, json: '1' } });
  const deadline = Date.now() + 60_000;
  while (holders(key).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  await ok<JobStatus>('cancelJob', { jobId });
  await app.runtime.queue.idle();
  app.simulator.faults.latencyMs = 0;
  // Nobody looked at the job since: the watchdog's round publishes its results, then archives it.
  expect(await app.runtime.scheduler.runNow('job-watchdog')).toMatchObject({ outcome: 'success', statusCode: 204 });
  const written = holders(key).sort();
  expect(written.length).toBeGreaterThan(0);
  expect(await ok<JobStatus>('getJob', { jobId })).toMatchObject({ state: 'cancelled', bulk: { resultsReady: true, counts: counts({ create: written.length }) } });
  expect((await allResults(app, jobId)).map((r) => r.accountId).sort()).toEqual(written);
}, 120_000);
