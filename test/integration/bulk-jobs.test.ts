import { DEMO_GROUPS } from '../../harness/simulator';
import type { HistoryPage, JobResultsPage, JobStatus } from '../../src/shared/contract';
import { allResults, counts, generatedPeople, invokeOk } from '../support/bulk-site';
import { DEMO_USERS, MODULE_KEYS, startTestApp, type DemoUser, type TestApp } from '../support/test-app';

// Bulk changes as real background jobs: the resolver queues them, the local queue delivers each step to the `jobs`
// function (Forge's bundle, in its sandboxes), which reads and writes the simulated site as the app. What each job
// wrote is checked against the simulator's own store and its request log, with and without injected faults.
let app: TestApp;
const SITE_USERS = 500;
const { admin, alice } = DEMO_USERS;

beforeAll(async () => {
  // Queue time runs 100× faster, so Retry-After waits and retry backoff take milliseconds.
  app = await startTestApp({ siteUsers: SITE_USERS, runtime: { queue: { concurrency: 4, clock: { timeScale: 100 } }, scheduler: { enabled: false } } });
  // alice manages `bulk.delegated.*` on everyone, through the hr-managers group.
  const HR = DEMO_GROUPS.hrManagers;
  const saved = await app.invoke('saveDelegation', { delegation: { groupId: HR.groupId, groupName: HR.name, keys: [{ match: 'prefix', value: 'bulk.delegated.' }] } }, 'admin');
  if (!saved.success) throw new Error(`saveDelegation failed: ${JSON.stringify(saved)}`);
}, 60_000);
afterAll(() => app.close());
afterEach(() => {
  app.simulator.faults.clear();
  app.runtime.queue.faults.reset();
});


const ok = <T>(key: string, payload: unknown, as: DemoUser = 'admin') => invokeOk<T>(app, key, payload, as);

async function finished(jobId: string, as: DemoUser = 'admin'): Promise<JobStatus> {
  await app.runtime.queue.idle();
  return ok<JobStatus>('getJob', { jobId }, as);
}

async function run(payload: Record<string, unknown>, as: DemoUser = 'admin'): Promise<JobStatus> {
  const { jobId } = await ok<{ jobId: string }>('startJob', { kind: 'bulk', ...payload }, as);
  return finished(jobId, as);
}


const holders = (key: string) => [...app.simulator.store.keysByUser()].filter(([, keys]) => keys.includes(key)).map(([accountId]) => accountId);
/** The app's property writes since `seq`, successful ones only. */
const writesSince = (seq: number) =>
  app.simulator.requests.filter((r) => r.seq > seq && (r.method === 'PUT' || r.method === 'DELETE') && r.pathname.includes('/user/properties/') && r.status >= 200 && r.status < 300);
const lastSeq = () => app.simulator.requests.at(-1)?.seq ?? 0;

test('a dry run writes nothing; the run writes exactly the listed users; a bulk delete removes it; undo restores it', async () => {
  const listed = generatedPeople(app).slice(0, 200);
  const operation = { op: 'set', key: 'bulk.onboarding', json: '{"done":false,"budget":12345678901234567890}' };
  const before = lastSeq();
  const dry = await run({ dryRun: true, target: { accountIds: listed }, operation });
  expect(dry).toMatchObject({ state: 'done', total: 200, done: 200, bulk: { dryRun: true, counts: counts({ create: 200 }), target: { accountIds: 200 } } });
  expect(dry.bulk?.samples.length).toBeGreaterThan(0);
  expect(dry.bulk?.samples[0]).toMatchObject({ outcome: 'create', after: operation.json });
  expect(writesSince(before)).toHaveLength(0);
  expect(holders('bulk.onboarding')).toEqual([]);

  const runStart = lastSeq();
  const done = await run({ dryRun: false, target: { accountIds: listed }, operation });
  expect(done).toMatchObject({ state: 'done', total: 200, done: 200, failed: 0, bulk: { dryRun: false, counts: counts({ create: 200 }) } });
  expect(holders('bulk.onboarding').sort()).toEqual([...listed].sort());
  for (const accountId of listed) expect(app.simulator.store.getPropertyJson(accountId, 'bulk.onboarding')).toBe(operation.json);
  // One read and one write per user, as the app (plus a permission check and the listing per step).
  const propertyRequests = app.simulator.requests.filter((r) => r.seq > runStart && r.pathname.includes('/user/properties/') && r.principal.kind === 'app');
  expect(propertyRequests.filter((r) => r.method === 'PUT')).toHaveLength(200);
  expect(propertyRequests.filter((r) => r.method === 'GET')).toHaveLength(200);
  const results = await allResults(app, done.jobId);
  expect(results.map((r) => r.accountId).sort()).toEqual([...listed].sort());
  expect(new Set(results.map((r) => r.outcome))).toEqual(new Set(['create']));
  const history = await ok<HistoryPage>('listHistory', { jobId: done.jobId });
  expect(history.entries[0]).toMatchObject({ jobId: done.jobId, authority: 'job', principal: 'asApp', actorAccountId: admin.accountId, operation: 'create', after: operation.json, state: 'recorded' });

  // Run again: every user is unchanged, nothing is written twice.
  const again = lastSeq();
  const rerun = await run({ dryRun: false, target: { accountIds: listed }, operation });
  expect(rerun.bulk?.counts).toEqual(counts({ unchanged: 200 }));
  expect(writesSince(again)).toHaveLength(0);

  const removed = await run({ dryRun: false, target: { accountIds: listed }, operation: { op: 'delete', key: 'bulk.onboarding' } });
  expect(removed.bulk?.counts).toEqual(counts({ delete: 200 }));
  expect(holders('bulk.onboarding')).toEqual([]);

  const { jobId: undoId } = await ok<{ jobId: string }>('undoJob', { jobId: removed.jobId });
  const undone = await finished(undoId);
  expect(undone).toMatchObject({ state: 'done', total: 200, bulk: { target: { undoOf: removed.jobId }, counts: counts({ create: 200 }) } });
  for (const accountId of listed) expect(app.simulator.store.getPropertyJson(accountId, 'bulk.onboarding')).toBe(operation.json);
  expect((await ok<JobStatus>('getJob', { jobId: removed.jobId })).bulk?.undoneBy).toBe(undoId);
  const twice = await app.invoke('undoJob', { jobId: removed.jobId }, 'admin', MODULE_KEYS.adminPage);
  expect(twice).toMatchObject({ success: false, error: { code: 'CONFLICT' } });
  // The latest job of a kind: the bulk tab's is the undo; the inventory tab has none on this site.
  expect(await ok<JobStatus>('getJob', { kind: 'bulk' })).toMatchObject({ jobId: undoId });
  expect(await app.invoke('getJob', { kind: 'inventory' }, 'admin', MODULE_KEYS.adminPage)).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
}, 120_000);

test('with 429 storms, 503s, dropped connections, duplicate deliveries and crashes the end state is the same, each user written once', async () => {
  const listed = generatedPeople(app).slice(200, 400);
  const operation = { op: 'set', key: 'bulk.faults', json: '{"wave":1}' };
  app.runtime.queue.faults.duplicateProbability = 0.3;
  app.runtime.queue.faults.crashProbability = 0.05;
  app.runtime.queue.faults.crashAfterMs = 150;
  app.simulator.faults.add({ status: 429, times: 40, retryAfterSeconds: 2, method: 'PUT', after: 20 });
  app.simulator.faults.add({ status: 503, times: 5, method: 'PUT', after: 60 });
  app.simulator.faults.add({ kind: 'drop-after', times: 5, method: 'PUT', after: 90 });
  app.simulator.faults.add({ kind: 'drop-before', times: 3, method: 'GET', pathIncludes: 'bulk.faults', after: 120 });
  const start = lastSeq();
  const done = await run({ dryRun: false, target: { accountIds: listed }, operation });
  expect(done).toMatchObject({ state: 'done', total: 200, done: 200, failed: 0 });
  expect(done.bulk?.counts).toEqual(counts({ create: 200 }));
  expect(holders('bulk.faults').sort()).toEqual([...listed].sort());
  // A write Jira applied (its answer lost or not) happened once per user: never a second PUT of the same change.
  const applied = app.simulator.requests.filter((r) => r.seq > start && r.method === 'PUT' && r.pathname.includes('bulk.faults') && (r.handledStatus ?? r.status) >= 200 && (r.handledStatus ?? r.status) < 300);
  expect(applied).toHaveLength(200);
  expect(new Set(applied.map((r) => r.query.accountId)).size).toBe(200);
  // Every write has exactly one recorded history entry.
  const entries = [];
  let cursor: string | undefined;
  do {
    const page: HistoryPage = await ok('listHistory', { jobId: done.jobId, ...(cursor ? { cursor } : {}) });
    entries.push(...page.entries);
    cursor = page.cursor;
  } while (cursor);
  expect(entries).toHaveLength(200);
  expect(new Set(entries.map((entry) => entry.accountId)).size).toBe(200);
  expect(entries.every((entry) => entry.state === 'recorded')).toBe(true);
}, 180_000);

test('an undo leaves a value someone changed since as they made it, and reports it as a conflict', async () => {
  const listed = generatedPeople(app).slice(400, 410);
  const done = await run({ dryRun: false, target: { accountIds: listed }, operation: { op: 'set', key: 'bulk.undo', json: '"job"' } });
  expect(done.bulk?.counts).toEqual(counts({ create: 10 }));
  // Someone edits one user's value with curl after the job.
  app.simulator.store.setProperty(listed[0]!, 'bulk.undo', 'edited by hand');
  const { jobId } = await ok<{ jobId: string }>('undoJob', { jobId: done.jobId });
  const undone = await finished(jobId);
  expect(undone.bulk?.counts).toEqual(counts({ delete: 9, conflict: 1 }));
  expect(app.simulator.store.getPropertyJson(listed[0]!, 'bulk.undo')).toBe('"edited by hand"');
  expect(holders('bulk.undo')).toEqual([listed[0]]);
  const conflicts = await ok<JobResultsPage>('getJobResults', { jobId, outcome: 'conflict' });
  expect(conflicts.results).toEqual([expect.objectContaining({ accountId: listed[0], outcome: 'conflict' })]);
}, 120_000);

test('a delegate\'s bulk job is limited to granted keys, and revoking the delegation mid-job stops it', async () => {
  const listed = generatedPeople(app).slice(0, 100);
  const refused = await app.invoke('startJob', { kind: 'bulk', dryRun: false, target: { accountIds: listed }, operation: { op: 'set', key: 'team', json: '"x"' } }, 'alice', MODULE_KEYS.adminPage);
  expect(refused).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });

  const granted = await run({ dryRun: false, target: { accountIds: [...listed.slice(0, 20), alice.accountId] }, operation: { op: 'set', key: 'bulk.delegated.a', json: '1' } }, 'alice');
  // The delegate's own record is refused, as for their single edits.
  expect(granted.bulk?.counts).toEqual(counts({ create: 20, refused: 1 }));
  const entries = await ok<HistoryPage>('listHistory', { jobId: granted.jobId });
  expect(entries.entries.every((entry) => entry.principal === 'asApp' && entry.actorAccountId === alice.accountId)).toBe(true);

  // Paused before its first step runs (the queue holds it a second), revoked, resumed by the admin: the next step
  // checks alice's delegation again and stops the job.
  app.runtime.queue.faults.slowNext(1, 100_000);
  const { jobId } = await ok<{ jobId: string }>('startJob', { kind: 'bulk', dryRun: false, target: { accountIds: listed }, operation: { op: 'set', key: 'bulk.delegated.b', json: '2' } }, 'alice');
  await ok('pauseJob', { jobId }, 'alice');
  await app.runtime.queue.idle();
  const { delegations } = (await ok<{ delegations: Array<{ id: string }> }>('getAppConfig', {}));
  for (const delegation of delegations) await ok('deleteDelegation', { id: delegation.id });
  const revokedAt = lastSeq();
  const resumed = await ok<JobStatus>('resumeJob', { jobId });
  expect(resumed.state).toBe('running');
  const stopped = await finished(jobId);
  expect(stopped).toMatchObject({ state: 'failed', reason: expect.stringContaining('no longer delegated') });
  expect(writesSince(revokedAt)).toHaveLength(0);
}, 120_000);

test('a paused job parks its steps and writes nothing until it is resumed; then it finishes as if never paused', async () => {
  const listed = generatedPeople(app).slice(410, 470);
  app.runtime.queue.faults.slowNext(1, 100_000);
  const { jobId } = await ok<{ jobId: string }>('startJob', { kind: 'bulk', dryRun: false, target: { accountIds: listed }, operation: { op: 'set', key: 'bulk.paused', json: 'true' } });
  expect((await ok<JobStatus>('pauseJob', { jobId })).state).toBe('paused');
  await app.runtime.queue.idle();
  expect(await ok<JobStatus>('getJob', { jobId })).toMatchObject({ state: 'paused', done: 0 });
  expect(holders('bulk.paused')).toEqual([]);
  expect((await ok<JobStatus>('resumeJob', { jobId })).state).toBe('running');
  const done = await finished(jobId);
  expect(done).toMatchObject({ state: 'done', total: 60, bulk: { counts: counts({ create: 60 }) } });
  expect(holders('bulk.paused').sort()).toEqual([...listed].sort());
}, 120_000);
