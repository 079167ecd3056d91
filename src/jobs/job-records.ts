import { kvs, Sort, WhereConditions } from '@forge/kvs';
import { StorageError } from '../domain/errors';
import type { PropertyQuery } from '../domain/property-query';
import type { JobKind, JobState, UserSummary } from '../shared/contract';

// A job's state in Forge storage. Async events arrive at least once and in any order, so nothing here is a counter
// that a duplicate delivery could bump twice: the job record says who started what and whether it should go on; each
// listed page of users and each finished chunk writes one record of its own, once (keyPolicy FAIL_IF_EXISTS), and
// every figure of the job is the sum of those records. A duplicate delivery finds its record and writes nothing.

export const JOB_ENTITY = 'job';

/** The job record (custom entity `job`, declared in manifest.yml). */
export interface JobRecord {
  jobId: string;
  kind: JobKind;
  ownerAccountId: string;
  state: JobState;
  deep: boolean;
  createdAt: number;
  updatedAt: number;
  finishedAt?: number;
  reason?: string;
  /** A finished job's figures, kept when its page and chunk records are deleted. */
  figures?: FinalFigures;
  /** A find job's query. */
  query?: PropertyQuery;
  /** A finished find job: how many users matched, and in how many pages of results. */
  found?: { users: number; pages: number };
}

export interface FinalFigures {
  total: number;
  done: number;
  failed: number;
  skipped: number;
}

/** One listed page of the site's users: how many people it held, how many accounts were skipped, its chunks. */
export interface PlanRecord {
  page: number;
  people: number;
  skipped: number;
  chunks: number;
  /** The page was shorter than a full page: the listing is complete. */
  last: boolean;
}

/** One finished chunk: the users it visited and, per key, how many of them had it (and the bytes of deep scans). */
export interface ChunkRecord {
  chunk: string;
  users: number;
  failed: number;
  /** key → [users having it, total bytes, largest bytes] (bytes 0 unless deep). */
  keys: Record<string, [number, number, number]>;
  /** A find job: the chunk's users who match. */
  matches?: UserSummary[];
}

const planKey = (jobId: string, page: number) => `job:${jobId}:plan:${page}`;
const chunkKey = (jobId: string, chunk: string) => `job:${jobId}:chunk:${chunk}`;

async function storage<T>(what: 'read' | 'save', run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new StorageError(what, { cause: error });
  }
}

export const readJob = (jobId: string) => storage('read', () => kvs.entity<JobRecord>(JOB_ENTITY).get(jobId));

/** The job started last (the `by-created` index, newest first), if any. */
export const readLatestJob = () =>
  storage('read', async () => (await kvs.entity<JobRecord>(JOB_ENTITY).query().index('by-created').sort(Sort.DESC).limit(1).getOne())?.value);

export const saveJob = (job: JobRecord) => storage('save', () => kvs.entity<JobRecord>(JOB_ENTITY).set(job.jobId, job));

/** Whether KVS refused a write because the key exists (keyPolicy FAIL_IF_EXISTS): a duplicate delivery's record. */
function alreadyExists(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'KEY_ALREADY_EXISTS' || /already exists/i.test(String((error as Error | undefined)?.message));
}

/** Writes a record once; false when it was already there (the work was done by an earlier delivery). */
async function writeOnce(key: string, value: object): Promise<boolean> {
  try {
    await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (error) {
    if (alreadyExists(error)) return false;
    throw new StorageError('save', { cause: error });
  }
}

export const hasPlan = async (jobId: string, page: number) => (await storage('read', () => kvs.get(planKey(jobId, page)))) !== undefined;
export const hasChunk = async (jobId: string, chunk: string) => (await storage('read', () => kvs.get(chunkKey(jobId, chunk)))) !== undefined;
export const savePlan = (jobId: string, plan: PlanRecord) => writeOnce(planKey(jobId, plan.page), plan);
export const saveChunk = (jobId: string, chunk: ChunkRecord) => writeOnce(chunkKey(jobId, chunk.chunk), chunk);

/** Every record under a prefix, 100 per query (KVS's page limit), by cursor. */
async function readAll<T>(prefix: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await storage('read', () => query.getMany<T>());
    out.push(...page.results.map((result) => result.value));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export const readPlans = (jobId: string) => readAll<PlanRecord>(`job:${jobId}:plan:`);
export const readChunks = (jobId: string) => readAll<ChunkRecord>(`job:${jobId}:chunk:`);

/** Deletes a finished job's page and chunk records (its figures are kept in the job's result). */
export async function deleteJobRecords(jobId: string): Promise<void> {
  for (const prefix of [`job:${jobId}:plan:`, `job:${jobId}:chunk:`]) {
    // Each query starts afresh: the page just read is deleted, so a cursor into it would point at nothing.
    for (;;) {
      const page = await storage('read', () => kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100).getMany());
      if (page.results.length === 0) break;
      await storage('save', () => Promise.all(page.results.map((result) => kvs.delete(result.key))));
    }
  }
}
