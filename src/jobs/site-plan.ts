import type { JiraClient } from '../jira/client';
import { MAX_USERS_PAGE } from '../jira/site-users';
import { bulkTargetPage } from './bulk/bulk-targets';
import { hasPlan, savePlan, type JobRecord } from './job-records';
import { pushJobEvents, type JobEvent } from './site-queue';

// Every site-wide job walks the site the same way: one event per page of 1,000 accounts (GET /users/search) lists it
// and queues its people in chunks, then the next page. Each chunk stays far inside a consumer's time and Jira's burst
// limits.

/**
 * People per chunk: an inventory of keys (1 request each), a deep one (1 + one per key), a find (1 each, with names),
 * a bulk dry run (1 read each, 2 for a rename) and a bulk run (a read and a write each, and two history writes).
 */
export const CHUNK_USERS = { keys: 100, deep: 10, find: 50, preview: 100, bulk: 100 } as const;

/** Accounts that are people; app and customer accounts hold no preferences of the site's users. */
const isPerson = (accountType: string) => accountType === 'atlassian';

function chunkSize(job: JobRecord): number {
  if (job.kind === 'bulk') {
    const size = job.bulk?.dryRun ? CHUNK_USERS.preview : CHUNK_USERS.bulk;
    // An import reads (and may write) each of its keys for a user: a chunk takes about as many requests as another's.
    const operation = job.bulk?.operation;
    return operation?.op === 'import' ? Math.max(1, Math.floor(size / operation.keys.length)) : size;
  }
  return job.kind === 'find' ? CHUNK_USERS.find : job.deep ? CHUNK_USERS.deep : CHUNK_USERS.keys;
}

/** One page of the site's accounts, of which the people are visited. */
async function sitePage(jira: JiraClient, page: number) {
  const accounts = await jira.listSiteUsers(page * MAX_USERS_PAGE, MAX_USERS_PAGE);
  const people = accounts.filter((account) => isPerson(account.accountType));
  return { people, skipped: accounts.length - people.length, last: accounts.length < MAX_USERS_PAGE };
}

/** Lists one page of the job's users and queues its chunks (and the next page), unless an earlier delivery did. */
export async function planPage(job: JobRecord, page: number, jira: JiraClient): Promise<void> {
  if (await hasPlan(job.jobId, page)) return;
  const listed = await bulkTargetPage(job, page, jira);
  const { people, skipped, last } = listed
    ? { people: listed.accountIds.map((accountId) => ({ accountId, displayName: '', active: true })), skipped: listed.skipped, last: listed.last }
    : await sitePage(jira, page);
  const size = chunkSize(job);
  const events: JobEvent[] = [];
  for (let i = 0; i * size < people.length; i++) {
    const part = people.slice(i * size, (i + 1) * size);
    events.push({
      jobId: job.jobId,
      step: 'chunk',
      chunk: `${page}.${i}`,
      accountIds: part.map((person) => person.accountId),
      ...(job.kind === 'find' ? { people: part.map(({ accountId, displayName, active }) => ({ accountId, displayName, active })) } : {}),
    });
  }
  if (!last) events.push({ jobId: job.jobId, step: 'plan', page: page + 1 });
  // Queued before the page is recorded: a crash in between repeats the page (its chunks are idempotent), whereas the
  // other order could record a page whose chunks were never queued.
  await pushJobEvents(events);
  await savePlan(job.jobId, { page, people: people.length, skipped, chunks: events.length - (last ? 0 : 1), last });
}
