import type Resolver from '@forge/resolver';
import { ValidationError } from '../domain/errors';
import { settleStoppedRun } from '../jobs/bulk/stopped-run';
import { readInventory } from '../jobs/inventory-result';
import { saveJob, type JobRecord } from '../jobs/job-records';
import type { JobKind } from '../shared/contract';
import { startBulkJob } from './bulk';
import { defineResolver } from './define';
import { accessibleJob, assertJobAccess, checkJobId, existingJob, jobIdOf, startSiteJob, statusOf } from './job-access';
import { readPayload } from './payload';

const JOB_KINDS: readonly JobKind[] = ['inventory', 'find', 'bulk'];

export function defineJobResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'startJob', async (payload, invocation) => {
    if ((payload as { kind?: unknown } | null)?.kind === 'bulk') return { jobId: await startBulkJob(invocation, payload) };
    const fields = readPayload(payload, ['kind', 'deep']);
    await assertJobAccess(invocation);
    if (fields.kind !== 'inventory') throw new ValidationError('"kind" must be "inventory" or "bulk" (users are found with findUsers).');
    if (fields.deep !== undefined && typeof fields.deep !== 'boolean') throw new ValidationError('"deep" must be true or false.');
    return { jobId: await startSiteJob(invocation, 'inventory', { deep: fields.deep === true }) };
  });

  defineResolver(resolver, 'getJob', async (payload, invocation) => {
    const fields = readPayload(payload, ['jobId', 'kind']);
    const { kind } = fields;
    if (kind !== undefined && !JOB_KINDS.includes(kind as JobKind)) throw new ValidationError('"kind" must be "inventory", "find" or "bulk".');
    const jobId = checkJobId(fields, true);
    // A stopped bulk run publishes its results once they are final, when it is next looked at (stopped-run.ts).
    if (jobId !== undefined) return statusOf(await settleStoppedRun(await accessibleJob(invocation, jobId)));
    await assertJobAccess(invocation);
    return statusOf(await settleStoppedRun(await existingJob(undefined, kind as JobKind | undefined)));
  });

  defineResolver(resolver, 'cancelJob', async (payload, invocation) => {
    const jobId = jobIdOf(payload);
    const job = await accessibleJob(invocation, jobId);
    if (job.state !== 'running' && job.state !== 'paused') return statusOf(job);
    // The events still queued find the job cancelled and do nothing.
    const now = Date.now();
    const cancelled: JobRecord = { ...job, state: 'cancelled', updatedAt: now, finishedAt: now, reason: `Cancelled by ${invocation.caller.accountId}.` };
    await saveJob(cancelled);
    return statusOf(cancelled);
  });

  defineResolver(resolver, 'getInventory', async (payload, invocation) => {
    readPayload(payload, []);
    await assertJobAccess(invocation);
    return readInventory();
  });
}
