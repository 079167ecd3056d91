import type { BulkResult } from '../../shared/contract';
import { alreadyRecorded, recordPass } from '../chunk-chain';
import { visitUntilRateLimited } from '../chunk-pass';
import { readJob, type ChunkRecord } from '../job-records';
import type { ChunkEvent } from '../site-queue';
import { SAMPLES_PER_CHUNK } from './bulk-spec';
import { applyToUser, previewUser, type BulkContext } from './bulk-user';
import { releaseLease, takeLease } from './chunk-lease';
import { importedValues, readImportForJob } from './import-stage';

/**
 * Jira requests in flight at once within a chunk. A bulk run's read and write go to two endpoints, each with its own
 * burst budget (`npm run bench`); a 429 past it costs only the refused requests (chunk-pass.ts).
 */
const CONCURRENCY = 20;

/** A dry run's sample: a user it would change, with the before and after. */
const isSample = (result: BulkResult) => result.outcome === 'create' || result.outcome === 'change' || result.outcome === 'delete';
const withoutTexts = ({ before: _before, after: _after, key: _key, ...rest }: BulkResult): BulkResult => rest;

/** The job was cancelled, failed or finished (or is gone) since this delivery read it. */
const stoppedSince = async (jobId: string) => {
  const state = (await readJob(jobId))?.state;
  return state === undefined || state === 'cancelled' || state === 'failed' || state === 'done';
};

/** An import's job reads its chunk's values (or for an undo, which keys each user had imported) once, up front. */
async function withImported(ctx: BulkContext, accountIds: readonly string[]): Promise<BulkContext> {
  const { importId } = ctx.job.bulk;
  if (importId === undefined) return ctx;
  const staged = await readImportForJob(importId);
  if (!staged) throw new Error(`The import ${importId} this job reads is no longer stored.`);
  return { ...ctx, imported: await importedValues(staged, accountIds) };
}

/**
 * One chunk of a bulk job, unless an earlier delivery recorded it: every user's result, and for a dry run the first
 * few samples. A run holds the chunk's lease while it writes (chunk-lease.ts), so two deliveries never write at once.
 * The chunk is recorded before the lease is let go.
 */
export async function runBulkChunk(ctx: BulkContext, event: ChunkEvent): Promise<void> {
  if (await alreadyRecorded(event)) return;
  const { dryRun } = ctx.job.bulk;
  const lease = dryRun ? undefined : await takeLease(ctx.job.jobId, event.chunk);
  try {
    // Checked again under the lease: a delivery that held it may have recorded the chunk and queued its rest (whose
    // users a second pass over this chunk would write at the same time as the rest's own delivery). And a job stopped
    // since this delivery began writes nothing more: once no lease is held, its results are final (stopped-run.ts).
    if (lease && ((await alreadyRecorded(event)) || (await stoppedSince(ctx.job.jobId)))) return;
    const chunkCtx = await withImported(ctx, event.accountIds);
    // The rest of a rate-limited chunk (`3.7-1`) has its own lease, but its users' earlier writes may have landed
    // under the part before it (a rename's copy, an import's first keys): only an original chunk's first delivery
    // knows nothing was written for its users.
    const firstDelivery = lease?.first === true && !event.chunk.includes('-');
    const results: BulkResult[] = [];
    const samples: BulkResult[] = [];
    const record: ChunkRecord = { chunk: event.chunk, users: 0, failed: 0, keys: {}, results, ...(dryRun ? { samples } : {}) };
    const pass = await visitUntilRateLimited(event.accountIds, CONCURRENCY, async (accountId) => {
      const outcome = dryRun ? await previewUser(chunkCtx, accountId) : await applyToUser({ ...chunkCtx, firstDelivery }, accountId);
      if (outcome.outcome === 'failed') record.failed++;
      else record.users++;
      if (dryRun && isSample(outcome) && samples.length < SAMPLES_PER_CHUNK) samples.push(outcome);
      results.push(withoutTexts(outcome));
    });
    await recordPass(event, record, pass, () => ({ accountIds: pass.rest }));
  } finally {
    if (lease) await releaseLease(lease);
  }
}
