import { randomUUID } from 'node:crypto';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import type { PropertyQuery } from '../domain/property-query';
import type { BulkSpec } from '../jobs/bulk/bulk-spec';
import { jobFigures, jobStatus } from '../jobs/job-progress';
import { readJob, readLatestJob, saveJob, type JobRecord } from '../jobs/job-records';
import { pushJobEvents } from '../jobs/site-queue';
import { MODULE_KEYS, type JobKind, type JobStatus } from '../shared/contract';
import { authorityOverOthers, type Authority } from './authority';
import type { Invocation } from './invocation';
import { optionalString, readPayload } from './payload';

// Who may start, follow and steer site-wide jobs, and how a job is recorded and queued: shared by the job, finder
// and bulk-change resolvers.

const JOBS_NEED_ADMIN = 'Site-wide jobs read every user\'s properties: they are for Jira admins, who need the Administer Jira global permission.';
export const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Jobs are for Jira admins, from the admin page; checked as the caller before anything is read or queued. */
export async function assertJobAccess(invocation: Invocation): Promise<void> {
  if (invocation.caller.moduleKey !== MODULE_KEYS.adminPage) throw new ForbiddenError('Site-wide jobs can only be started from the admin page.');
  await invocation.assertAdmin(JOBS_NEED_ADMIN);
}

/** A `jobId` field, checked by shape only: read before the rights check, which sends Jira requests. */
export function checkJobId(fields: Record<string, unknown>, optional: true): string | undefined;
export function checkJobId(fields: Record<string, unknown>, optional?: false): string;
export function checkJobId(fields: Record<string, unknown>, optional = false): string | undefined {
  const jobId = optionalString(fields, 'jobId');
  if (jobId === undefined && optional) return undefined;
  if (jobId === undefined || !JOB_ID.test(jobId)) throw new ValidationError('"jobId" must be a job id.');
  return jobId;
}

/** The job id of a payload that holds nothing else. */
export const jobIdOf = (payload: unknown) => checkJobId(readPayload(payload, ['jobId']));

/** The named job, or (no id) the one (of `kind`) started last, so a page opened later finds a running job. */
export async function existingJob(jobId: string | undefined, kind?: JobKind): Promise<JobRecord> {
  const job = jobId === undefined ? await readLatestJob(kind) : await readJob(jobId);
  if (!job) throw new NotFoundError(jobId === undefined ? 'No site-wide job has been started yet.' : `There is no job ${jobId}.`);
  return job;
}

/**
 * Bulk changes are also for delegated managers, on their keys: the caller's right over other users' records, from the
 * admin page, checked before anything is read.
 */
export async function bulkAuthority(invocation: Invocation): Promise<Authority> {
  if (invocation.caller.moduleKey !== MODULE_KEYS.adminPage) throw new ForbiddenError('Bulk changes can only be made from the admin page.');
  return authorityOverOthers(invocation);
}

/** A job the caller may follow and steer: any job for a Jira admin; for a delegated manager, the bulk jobs they started. */
export async function accessibleJob(invocation: Invocation, jobId: string): Promise<JobRecord> {
  const authority = await bulkAuthority(invocation);
  const job = await existingJob(jobId);
  if (authority.kind === 'delegate' && !(job.kind === 'bulk' && job.ownerAccountId === invocation.caller.accountId)) {
    throw new ForbiddenError('A delegated manager follows only the bulk changes they started.');
  }
  return job;
}

export const statusOf = async (job: JobRecord): Promise<JobStatus> => jobStatus(job, await jobFigures(job.jobId), Date.now());

/** Records a job owned by the caller and queues its first page of users; the rights are checked by then. */
export async function startSiteJob(
  invocation: Invocation,
  kind: JobRecord['kind'],
  options: { deep?: boolean; query?: PropertyQuery; bulk?: BulkSpec; jobId?: string },
): Promise<string> {
  const now = Date.now();
  const job: JobRecord = {
    jobId: options.jobId ?? randomUUID(),
    kind,
    ownerAccountId: invocation.caller.accountId,
    state: 'running',
    deep: options.deep === true,
    createdAt: now,
    updatedAt: now,
    ...(options.query ? { query: options.query } : {}),
    ...(options.bulk ? { bulk: options.bulk } : {}),
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

