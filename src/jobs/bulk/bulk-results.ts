import { kvs } from '@forge/kvs';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { inStorage } from '../../storage/in-storage';
import type { BulkOutcome, BulkResult, JobResultsPage } from '../../shared/contract';
import type { ChunkRecord, JobRecord } from '../job-records';
import { countResults, emptyCounts, SAMPLES_PER_JOB, type BulkSpec } from './bulk-spec';

// A finished bulk job's per-user results: one page per listed page of users (at most 1,000 results, ≈ 70 bytes each
// with no reason, inside KVS's 240 KiB per value), kept after the job's working records are deleted; the page number
// is the cursor.

const pageKey = (jobId: string, page: number) => `bulk:${jobId}:results:${page}`;
const pageOf = (tally: ChunkRecord) => Number(tally.chunk.replace(/^page /, ''));

/** Stores each page's results; answers the job's bulk spec with its counts, samples and pages. */
export async function publishResults(job: JobRecord, tallies: readonly ChunkRecord[]): Promise<BulkSpec> {
  const spec = job.bulk as BulkSpec;
  const ordered = [...tallies].sort((a, b) => pageOf(a) - pageOf(b));
  const counts = emptyCounts();
  for (const [page, tally] of ordered.entries()) {
    const results = tally.results ?? [];
    countResults(results, counts);
    await inStorage('save', () => kvs.set(pageKey(job.jobId, page), results));
  }
  const samples = ordered.flatMap((tally) => tally.samples ?? []).slice(0, SAMPLES_PER_JOB);
  return { ...spec, counts, samples, resultPages: ordered.length };
}

async function readPage(job: JobRecord, page: number): Promise<BulkResult[]> {
  return (await inStorage('read', () => kvs.get<BulkResult[]>(pageKey(job.jobId, page)))) ?? [];
}

/** One page of a finished bulk job's results (only those of `outcome`, if given), and the cursor of the next. */
export async function readResults(job: JobRecord, cursor: string | undefined, outcome?: BulkOutcome): Promise<JobResultsPage> {
  if (job.kind !== 'bulk' || !job.bulk) throw new ValidationError('That job is not a bulk change.');
  const pages = job.bulk.resultPages;
  // A stopped run's results are published once no step of it can still be writing (stopped-run.ts).
  if (pages === undefined) throw new NotFoundError('That job has no results yet: follow it with getJob until it has finished (or, stopped, until its results are ready).');
  const page = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isInteger(page) || page < 0 || (page >= pages && page > 0)) throw new ValidationError('"cursor" is not a cursor of this job\'s results.');
  const results = page < pages ? await readPage(job, page) : [];
  return { results: outcome ? results.filter((result) => result.outcome === outcome) : results, ...(page + 1 < pages ? { cursor: String(page + 1) } : {}) };
}

/** Every user of a finished job with one of `outcomes`, page by page: the users of an undo or of a retry. */
export async function usersWith(job: JobRecord, outcomes: readonly BulkOutcome[]): Promise<string[]> {
  const pages = job.bulk?.resultPages ?? 0;
  const users: string[] = [];
  for (let page = 0; page < pages; page++) {
    for (const result of await readPage(job, page)) if (outcomes.includes(result.outcome)) users.push(result.accountId);
  }
  return users;
}
