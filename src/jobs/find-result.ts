import { kvs } from '@forge/kvs';
import { NotFoundError, ValidationError } from '../domain/errors';
import { inStorage } from '../storage/in-storage';
import type { UserSummary } from '../shared/contract';
import type { ChunkRecord, JobRecord } from './job-records';

// A finished find job's users, in pages of 1,000 (≈ 100 KB each: inside KVS's 240 KiB per value and far inside an
// answer's 5 MB), by account id; the page number is the cursor.
const USERS_PER_PAGE = 1_000;
const pageKey = (jobId: string, page: number) => `find:${jobId}:users:${page}`;

/** Stores the matches of every chunk; answers how many there are and in how many pages. */
export async function publishMatches(job: JobRecord, chunks: readonly ChunkRecord[]): Promise<{ users: number; pages: number }> {
  const users = chunks.flatMap((chunk) => chunk.matches ?? []);
  users.sort((a, b) => (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0));
  const pages = Math.ceil(users.length / USERS_PER_PAGE);
  for (let i = 0; i < pages; i++) await inStorage('save', () => kvs.set(pageKey(job.jobId, i), users.slice(i * USERS_PER_PAGE, (i + 1) * USERS_PER_PAGE)));
  return { users: users.length, pages };
}

/** One page of a finished find job's users, and the cursor of the next. */
export async function readMatches(job: JobRecord, cursor: string | undefined): Promise<{ users: UserSummary[]; cursor?: string }> {
  if (job.kind !== 'find') throw new ValidationError('That job is not a search for users.');
  if (job.state !== 'done' || !job.found) throw new NotFoundError('That search has not finished: follow it with getJob.');
  const page = cursor === undefined ? 0 : Number(cursor);
  if (!Number.isInteger(page) || page < 0 || (page >= job.found.pages && page > 0)) throw new ValidationError('"cursor" is not a cursor of this search.');
  const found = job.found;
  const users = page < found.pages ? await inStorage('read', () => kvs.get<UserSummary[]>(pageKey(job.jobId, page))) : [];
  return { users: users ?? [], ...(page + 1 < found.pages ? { cursor: String(page + 1) } : {}) };
}
