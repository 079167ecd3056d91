import { summarize } from '../../../src/jobs/inventory-result';
import { mergeRecords } from '../../../src/jobs/record-sum';
import { jobStatus, type JobFigures } from '../../../src/jobs/job-progress';
import type { ChunkRecord, JobRecord, PlanRecord } from '../../../src/jobs/job-records';

const job: JobRecord = { jobId: 'j', kind: 'inventory', ownerAccountId: 'a', state: 'running', deep: false, createdAt: 0, updatedAt: 1_000 };
const plan = (page: number, people: number, chunks: number, last: boolean, skipped = 0): PlanRecord => ({ page, people, skipped, chunks, last });
const chunk = (id: string, users: number, failed: number, keys: ChunkRecord['keys'] = {}): ChunkRecord => ({ chunk: id, users, failed, keys });
const figures = (plans: PlanRecord[], chunks: ChunkRecord[], planned: boolean): JobFigures => ({ plans, chunks, planned, complete: false });

describe('summarize', () => {
  test('sums each key over the chunks, the most widespread first, with known owners; bytes only for deep scans', () => {
    const chunks = [chunk('0.0', 3, 1, { onboarding: [3, 30, 12], 'acme.x': [1, 5, 5] }), chunk('0.1', 2, 0, { onboarding: [2, 40, 25], zeta: [2, 8, 4] })];
    expect(summarize(chunks, false)).toEqual({
      users: 5,
      failed: 1,
      keys: [
        { key: 'onboarding', users: 5, owner: 'Jira onboarding' },
        { key: 'zeta', users: 2 },
        { key: 'acme.x', users: 1 },
      ],
    });
    expect(summarize(chunks, true).keys[0]).toEqual({ key: 'onboarding', users: 5, owner: 'Jira onboarding', bytes: { total: 70, largest: 25 } });
  });
});

describe('jobStatus', () => {
  test('totals come from the listed pages, progress from the finished chunks; no ETA until the listing is complete', () => {
    const listing = jobStatus(job, figures([plan(0, 1_000, 10, false, 3)], [chunk('0.0', 99, 1)], false), 10_000);
    expect(listing).toMatchObject({ total: 1_000, planned: false, done: 100, failed: 1, skipped: 3, state: 'running' });
    expect(listing.etaSeconds).toBeUndefined();
    const planned = jobStatus(job, figures([plan(0, 1_000, 10, false), plan(1, 200, 2, true)], [chunk('0.0', 100, 0), chunk('0.1', 100, 0)], true), 10_000);
    // 200 of 1,200 in 10 s: 1,000 more at that pace.
    expect(planned).toMatchObject({ total: 1_200, planned: true, done: 200, etaSeconds: 50, startedAt: '1970-01-01T00:00:00.000Z' });
  });

  test('a finished, failed or cancelled job has no ETA and says why it stopped', () => {
    const stopped = jobStatus({ ...job, state: 'failed', reason: 'No longer an admin.', finishedAt: 2_000 }, figures([plan(0, 10, 1, true)], [], true), 5_000);
    expect(stopped).toMatchObject({ state: 'failed', reason: 'No longer an admin.', finishedAt: '1970-01-01T00:00:02.000Z' });
    expect(stopped.etaSeconds).toBeUndefined();
  });
});

describe('mergeRecords', () => {
  test('sums users, failures, keys and matches; a key named __proto__ is counted like any other', () => {
    const parts = [
      { ...chunk('0.0', 9, 0, JSON.parse('{"__proto__": [2, 0, 0], "a": [9, 0, 0]}') as ChunkRecord['keys']), matches: [{ accountId: 'x', displayName: 'X', active: true }] },
      { ...chunk('0.0-1', 91, 1, { a: [50, 0, 0] }), matches: [] },
    ];
    const merged = mergeRecords('page 0', parts);
    expect(merged).toMatchObject({ chunk: 'page 0', users: 100, failed: 1, matches: [{ accountId: 'x' }] });
    expect(JSON.parse(JSON.stringify(merged.keys))).toEqual(JSON.parse('{"__proto__": [2, 0, 0], "a": [59, 0, 0]}'));
  });
});
