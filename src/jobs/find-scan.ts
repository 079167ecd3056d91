import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { valueMatches, type PropertyQuery } from '../domain/property-query';
import type { JiraClient } from '../jira/client';
import type { UserSummary } from '../shared/contract';
import { hasChunk, saveChunk, type ChunkRecord, type JobRecord } from './job-records';

/** Jira requests in flight at once within a chunk. */
const CONCURRENCY = 10;

/**
 * Whether one user matches: one request, the key's value (404: the user has no such key). A value query compares the
 * exact text (see valueMatches), so the scan answers what Jira's search would.
 */
async function matches(jira: JiraClient, accountId: string, query: PropertyQuery): Promise<boolean> {
  try {
    const { json } = await jira.getProperty(accountId, query.key);
    return 'value' in query ? valueMatches(json, query) : query.present;
  } catch (error) {
    if (error instanceof NotFoundError) return 'present' in query && !query.present;
    throw error;
  }
}

/** Tests one chunk of people against the job's query, unless an earlier delivery did; records who matched. */
export async function scanFindChunk(job: JobRecord, chunk: string, people: readonly UserSummary[], jira: JiraClient): Promise<void> {
  if (!job.query || (await hasChunk(job.jobId, chunk))) return;
  const query = job.query;
  const record: ChunkRecord = { chunk, users: 0, failed: 0, keys: {}, matches: [] };
  const pending = [...people];
  const worker = async () => {
    for (let person = pending.shift(); person !== undefined; person = pending.shift()) {
      try {
        // The finder answers active people, as Jira's search does ("a list of active users"): no request for others.
        if (person.active && (await matches(jira, person.accountId, query))) record.matches!.push(person);
        record.users++;
      } catch (error) {
        // As in the inventory: a refusal counts as failed; a passing failure stops the chunk, to be redone whole.
        if (!(error instanceof ForbiddenError || error instanceof ValidationError)) throw error;
        record.failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, people.length) }, worker));
  record.matches!.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  await saveChunk(job.jobId, record);
}
