import type Resolver from '@forge/resolver';
import { randomUUID } from 'node:crypto';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { readInventory } from '../jobs/inventory-result';
import { readJob, readLatestJob, saveJob, type JobRecord } from '../jobs/job-records';
import { jobFigures, jobStatus } from '../jobs/job-progress';
import { pushJobEvents } from '../jobs/site-queue';
import type { PropertyQuery } from '../domain/property-query';
import { MODULE_KEYS, type JobStatus } from '../shared/contract';
import { defineResolver } from './define';
import type { Invocation } from './invocation';
import { optionalString, readPayload } from './payload';

const JOBS_NEED_ADMIN = 'Site-wide jobs read every user\'s properties: they are for Jira admins, who need the Administer Jira global permission.';
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Jobs are for Jira admins, from the admin page; checked as the caller before anything is read or queued. */
export async function assertJobAccess(invocation: Invocation): Promise<void> {
  if (invocation.caller.moduleKey !== MODULE_KEYS.adminPage) throw new ForbiddenError('Site-wide jobs can only be started from the admin page.');
  await invocation.assertAdmin(JOBS_NEED_ADMIN);
}

/** The payload's job id, checked by shape only: read before the rights check, which sends Jira requests. */
export function jobIdOf(payload: unknown, optional = false): string | undefined {
  const jobId = optionalString(readPayload(payload, ['jobId']), 'jobId');
  if (jobId === undefined && optional) return undefined;
  if (jobId === undefined || !JOB_ID.test(jobId)) throw new ValidationError('"jobId" must be a job id.');
  return jobId;
}

/** The named job, or (no id) the one started last, so a page opened later finds a running job. */
export async function existingJob(jobId: string | undefined): Promise<JobRecord> {
  const job = jobId === undefined ? await readLatestJob() : await readJob(jobId);
  if (!job) throw new NotFoundError(jobId === undefined ? 'No site-wide job has been started yet.' : `There is no job ${jobId}.`);
  return job;
}

const statusOf = async (job: JobRecord): Promise<JobStatus> => jobStatus(job, await jobFigures(job.jobId), Date.now());

/** Records a job owned by the caller and queues its first page of the site; the rights are checked by then. */
export async function startSiteJob(invocation: Invocation, kind: JobRecord['kind'], options: { deep?: boolean; query?: PropertyQuery }): Promise<string> {
  const now = Date.now();
  const job: JobRecord = {
    jobId: randomUUID(),
    kind,
    ownerAccountId: invocation.caller.accountId,
    state: 'running',
    deep: options.deep === true,
    createdAt: now,
    updatedAt: now,
    ...(options.query ? { query: options.query } : {}),
  };
  await saveJob(job);
  try {
    await pushJobEvents([{ jobId: job.jobId, step: 'plan', page: 0 }]);
  } catch (error) {
    await saveJob({ ...job, state: 'failed', reason: 'The job could not be queued.', updatedAt: Date.now(), finishedAt: Date.now() });
    throw error;
  }
  return job.jobId;
}

export function defineJobResolvers(resolver: Resolver): void {
  defineResolver(resolver, 'startJob', async (payload, invocation) => {
    const fields = readPayload(payload, ['kind', 'deep']);
    await assertJobAccess(invocation);
    if (fields.kind !== 'inventory') throw new ValidationError('"kind" must be "inventory" (users are found with findUsers).');
    if (fields.deep !== undefined && typeof fields.deep !== 'boolean') throw new ValidationError('"deep" must be true or false.');
    return { jobId: await startSiteJob(invocation, 'inventory', { deep: fields.deep === true }) };
  });

  defineResolver(resolver, 'getJob', async (payload, invocation) => {
    const jobId = jobIdOf(payload, true);
    await assertJobAccess(invocation);
    return statusOf(await existingJob(jobId));
  });

  defineResolver(resolver, 'cancelJob', async (payload, invocation) => {
    const jobId = jobIdOf(payload);
    await assertJobAccess(invocation);
    const job = await existingJob(jobId);
    if (job.state !== 'running') return statusOf(job);
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
