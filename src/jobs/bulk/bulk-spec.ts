import { createHash } from 'node:crypto';
import type { BulkCounts, BulkOperation, BulkOutcome, BulkResult, BulkStatus } from '../../shared/contract';

// What a bulk job was started for, kept in its job record: the operation, whom it visits, by what right, and once
// finished its counts and the first few samples (its per-user results are pages of their own, bulk-results.ts).

export interface BulkSpec {
  dryRun: boolean;
  operation: BulkOperation;
  target: BulkStatus['target'];
  /** The owner's right when the job started; each chunk checks it again (src/security/job-principal.ts). */
  authority: 'admin' | 'delegate';
  moduleKey: string;
  /** A target kept in storage (pasted, an undo's or a retry's users): how many users it lists (bulk-targets.ts). */
  listed?: number;
  /** An undo job: the job whose writes it takes back. */
  undoOf?: string;
  /** An import's job, its undo's and its retry's: the staged import whose values and keys it uses (import-stage.ts). */
  importId?: string;
  counts?: BulkCounts;
  samples?: BulkResult[];
  /** Pages of per-user results, once finished. */
  resultPages?: number;
  /** The undo job started for this one. */
  undoneBy?: string;
}

export const OUTCOMES: readonly BulkOutcome[] = ['create', 'change', 'delete', 'unchanged', 'refused', 'conflict', 'failed'];

export const emptyCounts = (): BulkCounts => ({ create: 0, change: 0, delete: 0, unchanged: 0, refused: 0, conflict: 0, failed: 0 });

export function countResults(results: readonly BulkResult[], into: BulkCounts = emptyCounts()): BulkCounts {
  for (const result of results) into[result.outcome]++;
  return into;
}

/** The keys a job writes, in the order its writes go (a rename's copy first, then the old key's delete). */
export const operationKeys = (operation: BulkOperation): string[] =>
  operation.op === 'import' ? operation.keys : operation.op === 'rename' ? [operation.key, operation.to] : [operation.key];

/** Users per listed page of a pasted list, of an undo's or a retry's users (as Jira's own listing pages). */
export const TARGET_PAGE_USERS = 1_000;

/**
 * The id of the history entry of a job's write of `key` for one user, the same for every delivery: a delivery that
 * finds it knows an earlier one wrote (or tried to write) that very value. UUID-shaped, as every entry id is.
 */
export function jobEntryId(jobId: string, accountId: string, key: string): string {
  const hex = createHash('sha256').update(`${jobId}\n${accountId}\n${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A dry run's samples show at most this much of each text (a sample is a preview; the run writes the whole text). */
export const SAMPLE_TEXT_CHARS = 2_000;
/** Samples a chunk keeps, and a job shows. */
export const SAMPLES_PER_CHUNK = 2;
export const SAMPLES_PER_JOB = 10;
/** A result's reason is cut here, so 1,000 results stay inside one KVS value (240 KiB). */
export const REASON_CHARS = 160;

export const clip = (text: string, chars: number) => (text.length > chars ? `${text.slice(0, chars - 1)}…` : text);
