// Shared by the bulk-change integration tests: the generated site's people, the counts a job answers, and the steps
// every test takes through the real resolvers (as a given demo user, from the admin page).
import type { BulkCounts, JobResultsPage } from '../../src/shared/contract';
import { DEMO_USERS, MODULE_KEYS, type DemoUser, type TestApp } from './test-app';

/** The generated people (not the demo users, not app or customer accounts), in the store's order. */
export const generatedPeople = (app: TestApp) =>
  app.simulator.store
    .listUsers()
    .filter((user) => (user.accountType ?? 'atlassian') === 'atlassian' && !Object.values(DEMO_USERS).some((demo) => demo.accountId === user.accountId))
    .map((user) => user.accountId);

/** A job's counts: these, and 0 for every other outcome. */
export const counts = (partial: Partial<BulkCounts>): BulkCounts => ({ create: 0, change: 0, delete: 0, unchanged: 0, refused: 0, conflict: 0, failed: 0, ...partial });

/** The resolver's data, or a thrown error naming its code and message. */
export async function invokeOk<T>(app: TestApp, key: string, payload: unknown, as: DemoUser = 'admin'): Promise<T> {
  const answer = await app.invoke<T>(key, payload, as, MODULE_KEYS.adminPage);
  if (!answer.success) throw new Error(`${key} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

/** Every page of a finished bulk job's results. */
export async function allResults(app: TestApp, jobId: string) {
  const results = [];
  let cursor: string | undefined;
  do {
    const page: JobResultsPage = await invokeOk(app, 'getJobResults', { jobId, ...(cursor ? { cursor } : {}) });
    results.push(...page.results);
    cursor = page.cursor;
  } while (cursor);
  return results;
}
