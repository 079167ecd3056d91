import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { JobState } from '../shared/contract';
import { jobFigures, sumFigures } from './job-progress';
import { deleteJobRecords, JOB_ENTITY, saveJob, type JobRecord } from './job-records';
import { awaitsResults, settleStoppedRun } from './bulk/stopped-run';
import { nextWatch } from './stall';
import { setEntityIf } from '../storage/conditional-set';

// The hourly round of the job-watchdog trigger (manifest.yml). Forge retries a failed event only a few times, then
// drops it; a job whose step was dropped (its sandbox lost five times, say) has no delivery left to finish it and
// would show "running" forever. A running job whose records stop changing for several rounds is stopped with that
// reason, so the admin sees it and can run it again. Cancelled and failed jobs get their figures kept in the job
// record and their page and chunk records deleted (a finished job's are deleted as it finishes); a stopped bulk run's
// results are published from those records first (bulk/stopped-run.ts).

export const STALLED_REASON =
  'Part of this job could not be done: Forge gave up delivering one of its steps, and it made no progress for hours. Run it again.';

async function* jobsIn(state: JobState): AsyncGenerator<JobRecord> {
  let cursor: string | undefined;
  do {
    let query = kvs.entity<JobRecord>(JOB_ENTITY).query().index('by-state', { partition: [state] }).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany();
    for (const result of page.results) yield result.value;
    cursor = page.nextCursor;
  } while (cursor);
}

/** Saves the job only while it is still running: a cancel, a stop or the finish in the meantime wins. */
async function saveIfRunning(job: JobRecord): Promise<void> {
  await setEntityIf(JOB_ENTITY, job.jobId, job, new Filter<JobRecord>().and('state', FilterConditions.equalTo('running')));
}

async function watch(job: JobRecord, now: number): Promise<void> {
  const figures = await jobFigures(job.jobId);
  const { watch: next, stalled } = nextWatch(job.watch, figures.plans.length + figures.chunks.length);
  if (!stalled) return saveIfRunning({ ...job, watch: next });
  return saveIfRunning({ ...job, watch: next, state: 'failed', reason: STALLED_REASON, figures: sumFigures(figures), updatedAt: now, finishedAt: now });
}

async function archive(job: JobRecord): Promise<void> {
  await saveJob({ ...job, figures: job.figures ?? sumFigures(await jobFigures(job.jobId)) });
  await deleteJobRecords(job.jobId);
}

export async function watchJobs(now = Date.now()): Promise<void> {
  for await (const job of jobsIn('running')) await watch(job, now);
  for (const state of ['cancelled', 'failed'] as const) {
    for await (const stopped of jobsIn(state)) {
      if (stopped.archived) continue;
      // A stopped bulk run's results come from the records deleted here: published first, or next round if too soon.
      const job = await settleStoppedRun(stopped, now);
      if (!awaitsResults(job)) await archive({ ...job, archived: true });
    }
  }
}

/** The scheduled trigger's function: answers in the web trigger format Forge expects of it. */
export async function watchdogHandler(): Promise<{ statusCode: number }> {
  try {
    await watchJobs();
    return { statusCode: 204 };
  } catch (error) {
    // A scheduled trigger is not retried; the next round tries again.
    console.error(`job watchdog: ${(error as Error).message}`);
    return { statusCode: 500 };
  }
}
