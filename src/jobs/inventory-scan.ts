import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import type { JiraClient } from '../jira/client';
import { MAX_USERS_PAGE } from '../jira/site-users';
import { hasChunk, hasPlan, saveChunk, savePlan, type ChunkRecord, type JobRecord } from './job-records';
import { pushJobEvents, type JobEvent } from './site-queue';

// The inventory as a job: one event per page of 1,000 accounts (GET /users/search) lists it and queues its people in
// chunks, then the next page; one event per chunk reads each person's keys (one request each; a deep scan reads every
// value as well, so its chunks are smaller). Each chunk stays far inside a consumer's time and Jira's burst limits,
// and is redone whole if its delivery fails: its record is written only at the end, once.

/** People per chunk: keys only (1 request each) or deep (1 + one per key). */
export const CHUNK_USERS = { keys: 100, deep: 10 } as const;
/** Jira requests in flight at once within a chunk. */
const CONCURRENCY = 10;

/** Accounts that are people; app and customer accounts hold no preferences of the site's users. */
const isPerson = (accountType: string) => accountType === 'atlassian';

/** Lists one page of the site's accounts and queues its chunks (and the next page), unless an earlier delivery did. */
export async function planPage(job: JobRecord, page: number, jira: JiraClient): Promise<void> {
  if (await hasPlan(job.jobId, page)) return;
  const accounts = await jira.listSiteUsers(page * MAX_USERS_PAGE, MAX_USERS_PAGE);
  const people = accounts.filter((account) => isPerson(account.accountType)).map((account) => account.accountId);
  const size = job.deep ? CHUNK_USERS.deep : CHUNK_USERS.keys;
  const events: JobEvent[] = [];
  for (let i = 0; i * size < people.length; i++) {
    events.push({ jobId: job.jobId, step: 'chunk', chunk: `${page}.${i}`, accountIds: people.slice(i * size, (i + 1) * size) });
  }
  const last = accounts.length < MAX_USERS_PAGE;
  if (!last) events.push({ jobId: job.jobId, step: 'plan', page: page + 1 });
  // Queued before the page is recorded: a crash in between repeats the page (its chunks are idempotent), whereas the
  // other order could record a page whose chunks were never queued.
  await pushJobEvents(events);
  await savePlan(job.jobId, { page, people: people.length, skipped: accounts.length - people.length, chunks: events.length - (last ? 0 : 1), last });
}

/** Reads the keys (and, deep, the values' sizes) of one chunk of people, unless an earlier delivery did. */
export async function scanChunk(job: JobRecord, chunk: string, accountIds: readonly string[], jira: JiraClient): Promise<void> {
  if (await hasChunk(job.jobId, chunk)) return;
  const record: ChunkRecord = { chunk, users: 0, failed: 0, keys: {} };
  const pending = [...accountIds];
  const worker = async () => {
    for (let accountId = pending.shift(); accountId !== undefined; accountId = pending.shift()) {
      try {
        const keys = await jira.listPropertyKeys(accountId);
        const sizes = job.deep ? await jira.getProperties(accountId, keys) : [];
        const bytesOf = new Map(sizes.map((entry) => [entry.key, entry.bytes]));
        record.users++;
        for (const key of keys) {
          const bytes = bytesOf.get(key) ?? 0;
          const [users, total, largest] = record.keys[key] ?? [0, 0, 0];
          record.keys[key] = [users + 1, total + bytes, Math.max(largest, bytes)];
        }
      } catch (error) {
        // A user deleted meanwhile, or one whose keys Jira refuses to list or the app refuses to read, counts as
        // failed. Anything else (Jira's rate limit, a 5xx, a dropped connection) stops the chunk: it is redone later,
        // whole, so a passing failure never turns into a miscount.
        if (!(error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof ValidationError)) throw error;
        record.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, accountIds.length) }, worker));
  await saveChunk(job.jobId, record);
}
