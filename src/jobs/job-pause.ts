import { kvs, WhereConditions } from '@forge/kvs';
import { inStorage } from '../storage/in-storage';
import { readJob } from './job-records';
import { pushJobEvents, type JobEvent } from './site-queue';

// A paused job's steps wait in storage instead of the queue: a delivery that finds its job paused parks its event,
// and resumeJob queues every parked event again. Both sides write before they read, so no step is lost to a resume
// that lands between a delivery's check and its parking: the delivery reads the job again after parking, and sends
// itself back to the queue if the job runs again by then (a step queued twice is harmless: each is idempotent).

const parkedPrefix = (jobId: string) => `job:${jobId}:parked:`;
const stepId = (event: JobEvent) => (event.step === 'plan' ? `plan-${event.page}` : event.chunk);

export async function park(event: JobEvent): Promise<void> {
  const key = `${parkedPrefix(event.jobId)}${stepId(event)}`;
  await inStorage('save', () => kvs.set(key, event));
  const job = await readJob(event.jobId);
  if (job?.state !== 'running') return;
  await pushJobEvents([event]);
  await inStorage('save', () => kvs.delete(key));
}

/** Queues a resumed job's parked steps again (the job is saved running first). */
export async function unpark(jobId: string): Promise<number> {
  let count = 0;
  // Each query starts afresh: the page just read is deleted.
  for (;;) {
    const page = await inStorage('read', () => kvs.query().where('key', WhereConditions.beginsWith(parkedPrefix(jobId))).limit(100).getMany<JobEvent>());
    if (page.results.length === 0) return count;
    await pushJobEvents(page.results.map((result) => result.value));
    await inStorage('save', () => Promise.all(page.results.map((result) => kvs.delete(result.key))));
    count += page.results.length;
  }
}
