import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { valueMatches, type PropertyQuery } from '../domain/property-query';
import type { JiraClient } from '../jira/client';
import type { UserSummary } from '../shared/contract';
import { alreadyRecorded, recordPass } from './chunk-chain';
import { visitUntilRateLimited } from './chunk-pass';
import type { ChunkRecord, JobRecord } from './job-records';
import type { ChunkEvent } from './site-queue';

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

const byAccountId = (a: UserSummary, b: UserSummary) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0);

/** Tests one chunk of people against the job's query, unless an earlier delivery did; records who matched. */
export async function scanFindChunk(job: JobRecord, event: ChunkEvent, jira: JiraClient): Promise<void> {
  if (!job.query || (await alreadyRecorded(event))) return;
  const query = job.query;
  const matched: UserSummary[] = [];
  const record: ChunkRecord = { chunk: event.chunk, users: 0, failed: 0, keys: {}, matches: matched };
  const pass = await visitUntilRateLimited(event.people ?? [], CONCURRENCY, async (person) => {
    try {
      // The finder answers active people, as Jira's search does ("a list of active users"): no request for others.
      if (person.active && (await matches(jira, person.accountId, query))) matched.push(person);
      record.users++;
    } catch (error) {
      // As in the inventory: a refusal counts as failed; a rate limit leaves the person for the rest of the chunk;
      // any other passing failure fails the delivery.
      if (!(error instanceof ForbiddenError || error instanceof ValidationError)) throw error;
      record.failed++;
    }
  });
  matched.sort(byAccountId);
  await recordPass(event, record, pass, () => ({ accountIds: pass.rest.map((person) => person.accountId), people: pass.rest }));
}
