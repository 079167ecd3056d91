import { InvocationError, InvocationErrorCode, RateLimitError, type AsyncEvent } from '@forge/events';
import { ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from '../domain/errors';
import { createDeadline } from '../jira/retry';
import { bulkJobJira, confirmOwnerIsAdmin, confirmOwnerIsDelegate, jobJira, type JobClientOptions, type JobOwnerProof } from '../security/job-principal';
import { runBulkChunk } from './bulk/bulk-scan';
import { publishResults } from './bulk/bulk-results';
import { operationKeys } from './bulk/bulk-spec';
import { LeaseHeld } from './bulk/chunk-lease';
import { park } from './job-pause';
import { scanFindChunk } from './find-scan';
import { publishMatches } from './find-result';
import { scanChunk } from './inventory-scan';
import { publishInventory } from './inventory-result';
import { chunkPage, readJob, saveJob, deleteJobRecords, type JobRecord } from './job-records';
import { completeFigures, sumFigures } from './job-progress';
import { planPage } from './site-plan';
import { pushJobEvents, rateLimitWaitSeconds, type JobEvent } from './site-queue';

// The `jobs` function (manifest.yml: the consumer of the site-jobs queue). One event is one page or one chunk of a
// job. Forge delivers at least once and in any order, so every step is idempotent (see job-records.ts). Pacing comes
// from the answers, never from sleeping here: Jira's 429 queues what is left of the step as a new event delayed by its
// Retry-After (a rate limit can last longer than Forge's few retries of one event allow, and a lost chunk would leave
// the job unfinished; chunk-chain.ts keeps the part already visited); Forge's own push limit hands the event back
// with InvocationError's `retryAfter`.

/** Jira budget of one delivery, retries excluded: well inside the consumer's 55 s default timeout. */
const DELIVERY_BUDGET_MS = 40_000;
/** Forge allows a retry at most 900 s later. */
const MAX_RETRY_AFTER_SECONDS = 900;
/** Forge's per-minute push limit resets within a minute. */
const PUSH_LIMIT_RETRY_SECONDS = 60;

const retryLater = (seconds: number, reason: InvocationErrorCode) =>
  new InvocationError({ retryAfter: Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, Math.ceil(seconds))), retryReason: reason });

/** The step again, later, as a new event; if even that push is refused, Forge redelivers this one. */
async function requeue(event: JobEvent, afterSeconds: number): Promise<InvocationError | undefined> {
  try {
    await pushJobEvents([event], afterSeconds);
    return undefined;
  } catch {
    return retryLater(afterSeconds, InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED);
  }
}

async function stop(job: JobRecord, reason: string): Promise<void> {
  const now = Date.now();
  await saveJob({ ...job, state: 'failed', reason, updatedAt: now, finishedAt: now });
}

/** Publishes the result once every chunk is in; any delivery for the page may be the one that completes the job. */
async function finishIfComplete(job: JobRecord, page: number): Promise<void> {
  const figures = await completeFigures(job.jobId, page);
  if (!figures) return;
  const current = await readJob(job.jobId);
  // A job paused while its last steps were in flight has nothing left to park: it is done.
  if (!current || (current.state !== 'running' && current.state !== 'paused')) return;
  const now = Date.now();
  const found = job.kind === 'find' ? await publishMatches(job, figures.chunks) : undefined;
  if (job.kind === 'inventory') await publishInventory(job, figures.chunks, now);
  const bulk = job.kind === 'bulk' ? await publishResults(current, figures.chunks) : undefined;
  await saveJob({ ...current, state: 'done', updatedAt: now, finishedAt: now, figures: sumFigures(figures), ...(found ? { found } : {}), ...(bulk ? { bulk } : {}) });
  await deleteJobRecords(job.jobId);
}

/** The owner's right, checked again for this step: the one the job started with, for the keys it writes. */
function confirmOwner(job: JobRecord, options: JobClientOptions): Promise<JobOwnerProof> {
  if (job.bulk?.authority === 'delegate') return confirmOwnerIsDelegate(job.ownerAccountId, operationKeys(job.bulk.operation), options);
  return confirmOwnerIsAdmin(job.ownerAccountId, options);
}

async function runStep(event: JobEvent): Promise<void> {
  const job = await readJob(event.jobId);
  if (job?.state === 'paused') return park(event);
  // A cancelled, failed or finished job (or one that no longer exists) ignores the events still queued for it.
  if (!job || job.state !== 'running') return;
  const deadline = createDeadline(DELIVERY_BUDGET_MS);
  let proof;
  try {
    proof = await confirmOwner(job, { deadline });
  } catch (error) {
    if (error instanceof ForbiddenError) return stop(job, error.message);
    throw error;
  }
  // A dry run only reads; a run may write the job's own keys, nothing else.
  const { bulk } = job;
  const jira = bulk && !bulk.dryRun ? bulkJobJira(proof, operationKeys(bulk.operation), { deadline }) : jobJira(proof, { deadline });
  if (event.step === 'plan') {
    try {
      await planPage(job, event.page, jira);
    } catch (error) {
      // Jira refusing the listing itself (a group deleted since, the app's rights withdrawn) will not pass on a retry.
      if (error instanceof ForbiddenError || error instanceof NotFoundError || error instanceof ValidationError) return stop(job, error.message);
      throw error;
    }
  } else if (bulk) await runBulkChunk({ job: { ...job, bulk }, jira, proof }, event);
  else if (job.kind === 'find') await scanFindChunk(job, event, jira);
  else await scanChunk(job, event, jira);
  await finishIfComplete(job, event.step === 'plan' ? event.page : chunkPage(event.chunk));
}

/** `page.index`, and `-part` for the rest of one (chunk-chain.ts). */
const CHUNK_ID = /^\d+\.\d+(?:-\d+)?$/;

function isJobEvent(body: unknown): body is JobEvent {
  const event = body as Partial<Record<string, unknown>> | null;
  if (typeof event !== 'object' || event === null || typeof event.jobId !== 'string') return false;
  if (event.step === 'plan') return Number.isInteger(event.page);
  if (event.step !== 'chunk' || typeof event.chunk !== 'string' || !CHUNK_ID.test(event.chunk) || !Array.isArray(event.accountIds)) return false;
  if (!event.accountIds.every((id) => typeof id === 'string')) return false;
  return event.people === undefined || (Array.isArray(event.people) && event.people.every(isPerson));
}

function isPerson(value: unknown): boolean {
  const person = value as Partial<Record<string, unknown>> | null;
  return typeof person === 'object' && person !== null && typeof person.accountId === 'string' && typeof person.displayName === 'string' && typeof person.active === 'boolean';
}

export async function jobsHandler(event: AsyncEvent): Promise<InvocationError | undefined> {
  // Only this app pushes to its queue, but an event is still checked before it is trusted.
  if (!isJobEvent(event.body)) return undefined;
  try {
    await runStep(event.body);
    return undefined;
  } catch (error) {
    if (error instanceof RateLimitedError) return requeue(event.body, rateLimitWaitSeconds(error.retryAfterSeconds));
    if (error instanceof LeaseHeld) return requeue(event.body, error.retryAfterSeconds);
    if (error instanceof RateLimitError) return retryLater(PUSH_LIMIT_RETRY_SECONDS, InvocationErrorCode.FUNCTION_PLATFORM_RATE_LIMITED);
    // Anything else fails the delivery, and Forge delivers the event again.
    throw error;
  }
}
