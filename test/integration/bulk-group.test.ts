import type { JobStatus } from '../../src/shared/contract';
import { counts, generatedPeople } from '../support/bulk-site';
import { MODULE_KEYS, startTestApp, type TestApp } from '../support/test-app';

// A bulk change whose target is a group, on a site large enough for a group of 1,000: Jira lists a group's members 50
// at a time, and the job must visit exactly its members, however many pages that takes.
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ siteUsers: 1_100, runtime: { queue: { concurrency: 4, clock: { timeScale: 100 } }, scheduler: { enabled: false } } });
}, 60_000);
afterAll(() => app.close());


async function run(payload: Record<string, unknown>): Promise<JobStatus> {
  const started = await app.invoke<{ jobId: string }>('startJob', { kind: 'bulk', ...payload }, 'admin', MODULE_KEYS.adminPage);
  if (!started.success) throw new Error(`startJob failed: ${started.error.message}`);
  await app.runtime.queue.idle();
  const status = await app.invoke<JobStatus>('getJob', { jobId: started.data.jobId }, 'admin', MODULE_KEYS.adminPage);
  if (!status.success) throw new Error(`getJob failed: ${status.error.message}`);
  return status.data;
}

test('a merge patch on a group of 1,000 members changes only the patched field, and only for its members', async () => {
  const people = generatedPeople(app);
  const group = app.simulator.store.addGroup('bulk-thousand');
  const members = people.slice(0, 1_000);
  for (const accountId of members) app.simulator.store.addMember(group.name, accountId);
  for (const accountId of people.slice(0, 1_020)) app.simulator.store.setProperty(accountId, 'bulk.profile', { team: 'Platform', level: 3, tags: ['a'] });
  const done = await run({ dryRun: false, target: { groupId: group.groupId }, operation: { op: 'merge', key: 'bulk.profile', json: '{"level":4}' } });
  expect(done).toMatchObject({ state: 'done', total: members.length, bulk: { counts: counts({ change: members.length }) } });
  for (const accountId of members) expect(JSON.parse(app.simulator.store.getPropertyJson(accountId, 'bulk.profile')!)).toEqual({ team: 'Platform', level: 4, tags: ['a'] });
  for (const accountId of people.slice(1_000, 1_020)) expect(app.simulator.store.getPropertyJson(accountId, 'bulk.profile')).toBe('{"team":"Platform","level":3,"tags":["a"]}');
}, 120_000);


test('a group deleted before the job lists it stops the job with Jira\'s reason, and nothing is written', async () => {
  const done = await run({ dryRun: false, target: { groupId: '00000000-0000-4000-8000-00000000dead' }, operation: { op: 'delete', key: 'bulk.profile' } });
  expect(done).toMatchObject({ state: 'failed', total: 0, reason: expect.stringContaining('group') });
});
