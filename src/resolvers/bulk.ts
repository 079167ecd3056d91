import type Resolver from '@forge/resolver';
import { randomUUID } from 'node:crypto';
import { Filter, FilterConditions } from '@forge/kvs';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { readResults, usersWith } from '../jobs/bulk/bulk-results';
import { OUTCOMES, operationKeys, type BulkSpec } from '../jobs/bulk/bulk-spec';
import { saveTargetList } from '../jobs/bulk/bulk-targets';
import { readImport } from '../jobs/bulk/import-stage';
import { awaitsResults, settleStoppedRun } from '../jobs/bulk/stopped-run';
import { unpark } from '../jobs/job-pause';
import { JOB_ENTITY, readJob, saveJob, type JobRecord } from '../jobs/job-records';
import type { BulkOutcome, BulkStatus, JobState } from '../shared/contract';
import { assertEntitled, type Authority } from './authority';
import { readBulkOperation, readBulkTarget } from './bulk-payload';
import { defineResolver } from './define';
import { accessibleJob, bulkAuthority, checkJobId, jobIdOf, startSiteJob, statusOf } from './job-access';
import type { Invocation } from './invocation';
import { optionalString, readPayload } from './payload';
import { setEntityIf } from '../storage/conditional-set';

// Bulk changes (src/jobs/bulk): started by a Jira admin on any key, or by a delegated manager on the keys granted to
// them; each chunk of the job checks that right again as the app (src/security/job-principal.ts). A dry run reads
// only; the run it is followed by plans again from what is stored then.

/** Records and queues a bulk job owned by the caller; a listed target is stored before the first event. */
async function launch(invocation: Invocation, authority: Authority, spec: Omit<BulkSpec, 'authority' | 'moduleKey'>, listed?: readonly string[]): Promise<string> {
  const jobId = randomUUID();
  if (listed) await saveTargetList(jobId, listed);
  const bulk: BulkSpec = { ...spec, authority: authority.kind, moduleKey: invocation.caller.moduleKey, ...(listed ? { listed: listed.length } : {}) };
  return startSiteJob(invocation, 'bulk', { bulk, jobId });
}

/** The caller's right over every key the operation writes. */
async function authorityFor(invocation: Invocation, keys: readonly string[]): Promise<Authority> {
  const authority = await bulkAuthority(invocation);
  for (const key of keys) assertEntitled(authority, key);
  return authority;
}

export async function startBulkJob(invocation: Invocation, payload: unknown): Promise<string> {
  const fields = readPayload(payload, ['kind', 'dryRun', 'target', 'operation']);
  if (typeof fields.dryRun !== 'boolean') throw new ValidationError('"dryRun" must be true or false (run a dry run first to see what would change).');
  const requested = readBulkOperation(fields.operation);
  const target = readBulkTarget(fields.target);
  if (requested.op === 'import' || 'import' in target) {
    if (requested.op !== 'import' || !('import' in target)) {
      throw new ValidationError('An import runs as { "op": "import" } on { "import": "<import id>" }, and that target only with that operation.');
    }
    const staged = await readImport(target.import, invocation.caller.accountId);
    if (!staged.complete) throw new ValidationError('That import is not complete: send its last part first.');
    const operation = { op: 'import' as const, keys: staged.keys };
    const authority = await authorityFor(invocation, staged.keys);
    return launch(invocation, authority, { dryRun: fields.dryRun, operation, target: { import: staged.importId, users: staged.users }, importId: staged.importId });
  }
  const operation = requested;
  const authority = await authorityFor(invocation, operationKeys(operation));
  const spec = { dryRun: fields.dryRun, operation };
  if ('accountIds' in target) return launch(invocation, authority, { ...spec, target: { accountIds: target.accountIds.length } }, target.accountIds);
  if ('finder' in target) {
    const find = await readJob(target.finder);
    if (!find || find.kind !== 'find') throw new NotFoundError('There is no search with that job id.');
    if (authority.kind === 'delegate' && find.ownerAccountId !== invocation.caller.accountId) throw new ForbiddenError('That search was started by someone else.');
    if (find.state !== 'done') throw new ValidationError('That search has not finished: follow it with getJob.');
  }
  return launch(invocation, authority, { ...spec, target });
}

/** An undo or a retry of an import's job reads the same import (each user's keys, and for a retry their values). */
const importOf = (bulk: BulkSpec) => (bulk.importId === undefined ? {} : { importId: bulk.importId });

/** A run (not a dry run) of the caller's that finished, or stopped and has its results, for an undo or a retry. */
async function finishedRun(invocation: Invocation, payload: unknown): Promise<JobRecord & { bulk: BulkSpec }> {
  const job = await settleStoppedRun(await accessibleJob(invocation, jobIdOf(payload)));
  const { bulk } = job;
  if (job.kind !== 'bulk' || !bulk) throw new ValidationError('That job is not a bulk change.');
  if (bulk.dryRun) throw new ValidationError('A dry run wrote nothing: there is nothing to undo or retry.');
  if (awaitsResults(job)) throw new ConflictError('That bulk change stopped moments ago: its undo and retry are ready once no step of it is still writing (within a minute).');
  if (bulk.resultPages === undefined) throw new ValidationError('That bulk change has not finished.');
  return { ...job, bulk };
}

/** Saves a job's new state only if it is still in `from` (a cancel or the finish in the meantime wins). */
async function moveState(job: JobRecord, from: JobState, to: JobState): Promise<JobRecord> {
  const moved: JobRecord = { ...job, state: to, updatedAt: Date.now() };
  if (!(await setEntityIf(JOB_ENTITY, job.jobId, moved, new Filter<JobRecord>().and('state', FilterConditions.equalTo(from))))) {
    throw new ConflictError(`The job is no longer ${from}.`);
  }
  return moved;
}

export function defineBulkResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'getJobResults', async (payload, invocation) => {
    const fields = readPayload(payload, ['jobId', 'cursor', 'outcome']);
    const jobId = checkJobId(fields);
    const cursor = optionalString(fields, 'cursor');
    const outcome = optionalString(fields, 'outcome');
    if (outcome !== undefined && !OUTCOMES.includes(outcome as BulkOutcome)) throw new ValidationError(`"outcome" must be one of ${OUTCOMES.join(', ')}.`);
    const job = await settleStoppedRun(await accessibleJob(invocation, jobId));
    return readResults(job, cursor, outcome as BulkOutcome | undefined);
  });

  defineResolver(resolver, 'pauseJob', async (payload, invocation) => {
    const job = await accessibleJob(invocation, jobIdOf(payload));
    if (job.kind !== 'bulk') throw new ValidationError('Only bulk changes can be paused.');
    if (job.state !== 'running') return statusOf(job);
    return statusOf(await moveState(job, 'running', 'paused'));
  });

  defineResolver(resolver, 'resumeJob', async (payload, invocation) => {
    const job = await accessibleJob(invocation, jobIdOf(payload));
    if (job.state !== 'paused') return statusOf(job);
    // The owner's right is checked again by every step as it runs; a resume by someone else does not take it over.
    const resumed = await moveState(job, 'paused', 'running');
    await unpark(job.jobId);
    return statusOf(resumed);
  });

  defineResolver(resolver, 'undoJob', async (payload, invocation) => {
    const job = await finishedRun(invocation, payload);
    if (job.bulk.undoneBy) throw new ConflictError(`That bulk change was already undone (job ${job.bulk.undoneBy}).`);
    const authority = await authorityFor(invocation, operationKeys(job.bulk.operation));
    // Only users the job wrote: a conflict may still be one whose write landed (a create or delete in between).
    const users = await usersWith(job, ['create', 'change', 'delete', 'conflict']);
    const target: BulkStatus['target'] = { undoOf: job.jobId };
    const spec = { dryRun: false, operation: job.bulk.operation, target, undoOf: job.jobId, ...importOf(job.bulk) };
    const jobId = await launch(invocation, authority, spec, users);
    await saveJob({ ...job, bulk: { ...job.bulk, undoneBy: jobId }, updatedAt: Date.now() });
    return { jobId };
  });

  defineResolver(resolver, 'retryJob', async (payload, invocation) => {
    const job = await finishedRun(invocation, payload);
    const users = await usersWith(job, ['failed']);
    if (users.length === 0) throw new ValidationError('No user failed in that bulk change: there is nothing to retry.');
    const authority = await authorityFor(invocation, operationKeys(job.bulk.operation));
    const spec = { dryRun: false, operation: job.bulk.operation, target: { retryOf: job.jobId }, ...(job.bulk.undoOf ? { undoOf: job.bulk.undoOf } : {}), ...importOf(job.bulk) };
    return { jobId: await launch(invocation, authority, spec, users) };
  });
}
