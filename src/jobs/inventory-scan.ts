import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import type { JiraClient } from '../jira/client';
import { hasChunk, saveChunk, type ChunkRecord, type JobRecord } from './job-records';

// An inventory chunk reads each person's keys (one request each; a deep scan reads every value as well, so its
// chunks are smaller: see site-plan.ts). The chunk is redone whole if its delivery fails: its record is written only
// at the end, once.

/** Jira requests in flight at once within a chunk. */
const CONCURRENCY = 10;

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
