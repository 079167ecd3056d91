import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import type { JiraClient } from '../jira/client';
import { alreadyRecorded, recordPass } from './chunk-chain';
import { visitUntilRateLimited } from './chunk-pass';
import type { ChunkRecord, JobRecord } from './job-records';
import type { ChunkEvent } from './site-queue';

// An inventory chunk reads each person's keys (one request each; a deep scan reads every value as well, so its
// chunks are smaller: see site-plan.ts). Its record is written once, at the end of a delivery: for the whole chunk,
// or, when Jira's rate limit stopped it, for the people visited so far (chunk-chain.ts queues the rest).

/**
 * Jira requests in flight at once within a chunk: with a few deliveries at once, enough to use Jira's burst limit
 * (`npm run bench`); a 429 past it costs only the refused requests (chunk-pass.ts).
 */
const CONCURRENCY = 20;

/** Reads the keys (and, deep, the values' sizes) of one chunk of people, unless an earlier delivery did. */
export async function scanChunk(job: JobRecord, event: ChunkEvent, jira: JiraClient): Promise<void> {
  if (await alreadyRecorded(event)) return;
  // No prototype: a property key may be any string, `__proto__` included.
  const record: ChunkRecord = { chunk: event.chunk, users: 0, failed: 0, keys: Object.create(null) as ChunkRecord['keys'] };
  const pass = await visitUntilRateLimited(event.accountIds, CONCURRENCY, async (accountId) => {
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
      // failed. Jira's rate limit leaves the person for the rest of the chunk; anything else (a 5xx, a dropped
      // connection) fails the delivery, and the chunk is redone: a passing failure never turns into a miscount.
      if (!(error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof ValidationError)) throw error;
      record.failed++;
    }
  });
  await recordPass(event, record, pass, () => ({ accountIds: pass.rest }));
}
