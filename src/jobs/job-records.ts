import { kvs, Sort, WhereConditions } from '@forge/kvs';
import { StorageError } from '../domain/errors';
import { inStorage } from '../storage/in-storage';
import type { PropertyQuery } from '../domain/property-query';
import type { BulkResult, JobKind, JobState, UserSummary } from '../shared/contract';
import type { BulkSpec } from './bulk/bulk-spec';
import { deleteLeases } from './bulk/chunk-lease';
import type { ChunkEvent } from './site-queue';
import type { JobWatch } from './stall';

// A job's state in Forge storage. Async events arrive at least once and in any order, so nothing here is a counter
// that a duplicate delivery could bump twice: the job record says who started what and whether it should go on; each
// listed page of users and each finished chunk writes one record of its own, once (keyPolicy FAIL_IF_EXISTS), and
// every figure of the job is the sum of those records. A duplicate delivery finds its record and writes nothing. Once
// all of a page's chunks are in, one record sums them (its tally), so telling whether the job is complete reads one
// record per page, not one per chunk.

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
  /** What the watchdog saw of a running job (watchdog.ts). */
  watch?: JobWatch;
  /** A cancelled or failed job whose page and chunk records the watchdog deleted (its figures are kept). */
  archived?: boolean;
  /** A bulk change: what it does, to whom, by what right; its counts once finished. */
  bulk?: BulkSpec;
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

/**
 * One finished chunk (or part of one): the users it visited and, per key, how many of them had it (and the bytes of
 * deep scans). A page's tally has the same shape: the sum of its chunks.
 */
export interface ChunkRecord {
  chunk: string;
  users: number;
  failed: number;
  /** key → [users having it, total bytes, largest bytes] (bytes 0 unless deep). */
  keys: Record<string, [number, number, number]>;
  /** A find job: the chunk's users who match. */
  matches?: UserSummary[];
  /** A bulk job: each user's result, and a dry run's first samples (with their texts). */
  results?: BulkResult[];
  samples?: BulkResult[];
  /** Jira's rate limit stopped this part: the event that visits the rest (see chunk-chain.ts). */
  continuation?: ChunkEvent;
}

const planKey = (jobId: string, page: number) => `job:${jobId}:plan:${page}`;
const chunkKey = (jobId: string, chunk: string) => `job:${jobId}:chunk:${chunk}`;
const tallyKey = (jobId: string, page: number) => `job:${jobId}:tally:${page}`;
/** Every record a job keeps while it runs (a bulk job's leases are entities of their own: bulk/chunk-lease.ts). */
const RECORD_KINDS = ['plan', 'chunk', 'tally', 'parked', 'targets'] as const;

/** The page a chunk (or a part of one) belongs to: chunk ids are `page.index`, parts add `-n` (KVS keys allow no `~`). */
export const chunkPage = (chunk: string) => Number(chunk.slice(0, chunk.indexOf('.')));


export const readJob = (jobId: string) => inStorage('read', () => kvs.entity<JobRecord>(JOB_ENTITY).get(jobId));

/** The job started last (the `by-created` index, newest first), or the last of one kind (`by-kind`), if any. */
export const readLatestJob = (kind?: JobKind) =>
  inStorage('read', async () => {
    const query = kvs.entity<JobRecord>(JOB_ENTITY).query();
    const indexed = kind === undefined ? query.index('by-created') : query.index('by-kind', { partition: [kind] });
    return (await indexed.sort(Sort.DESC).limit(1).getOne())?.value;
  });

export const saveJob = (job: JobRecord) => inStorage('save', () => kvs.entity<JobRecord>(JOB_ENTITY).set(job.jobId, job));

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

export const readPlan = (jobId: string, page: number) => inStorage('read', () => kvs.get<PlanRecord>(planKey(jobId, page)));
export const hasPlan = async (jobId: string, page: number) => (await readPlan(jobId, page)) !== undefined;
export const readChunk = (jobId: string, chunk: string) => inStorage('read', () => kvs.get<ChunkRecord>(chunkKey(jobId, chunk)));
export const hasChunk = async (jobId: string, chunk: string) => (await readChunk(jobId, chunk)) !== undefined;
export const readTally = (jobId: string, page: number) => inStorage('read', () => kvs.get<ChunkRecord>(tallyKey(jobId, page)));
export const savePlan = (jobId: string, plan: PlanRecord) => writeOnce(planKey(jobId, plan.page), plan);
export const saveChunk = (jobId: string, chunk: ChunkRecord) => writeOnce(chunkKey(jobId, chunk.chunk), chunk);
export const saveTally = (jobId: string, page: number, tally: ChunkRecord) => writeOnce(tallyKey(jobId, page), tally);

/** Every record under a prefix, 100 per query (KVS's page limit), by cursor. */
async function readAll<T>(prefix: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await inStorage('read', () => query.getMany<T>());
    out.push(...page.results.map((result) => result.value));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

export const readPlans = (jobId: string) => readAll<PlanRecord>(`job:${jobId}:plan:`);
export const readChunks = (jobId: string) => readAll<ChunkRecord>(`job:${jobId}:chunk:`);
/** One page's chunk records (`3.` is not a prefix of `30.0`). */
export const readPageChunks = (jobId: string, page: number) => readAll<ChunkRecord>(`job:${jobId}:chunk:${page}.`);
export const readTallies = (jobId: string) => readAll<ChunkRecord>(`job:${jobId}:tally:`);

/** Deletes a finished job's page, chunk and tally records (its figures are kept in the job's result). */
export async function deleteJobRecords(jobId: string): Promise<void> {
  for (const prefix of RECORD_KINDS.map((kind) => `job:${jobId}:${kind}:`)) {
    // Each query starts afresh: the page just read is deleted, so a cursor into it would point at nothing.
    for (;;) {
      const page = await inStorage('read', () => kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100).getMany());
      if (page.results.length === 0) break;
      // A bulk run's chunk (and each part of one) also has a lease.
      if (prefix.endsWith(':chunk:')) await deleteLeases(jobId, page.results.map((result) => result.key.slice(prefix.length)));
      await inStorage('save', () => Promise.all(page.results.map((result) => kvs.delete(result.key))));
    }
  }
}
