import { chunkPage, saveJob, type ChunkRecord, type JobRecord } from '../job-records';
import { jobFigures, sumFigures } from '../job-progress';
import { mergeRecords } from '../record-sum';
import { publishResults } from './bulk-results';
import type { BulkSpec } from './bulk-spec';
import { anyLeaseHeld } from './chunk-lease';

// A bulk run that stopped before it finished (cancelled by its owner, or failed: the owner's right withdrawn, a step
// Forge dropped) has written some users. Its results are published once no step of it can still be writing, so its
// undo, its retry and its results cover every user it wrote. Every write of a run is made under its chunk's lease,
// and a delivery that takes a lease after the job stopped checks the job again and writes nothing (bulk-scan.ts): so
// once no lease of the job is held, its records are final. A lease a crashed delivery left runs out within a minute.

type StoppedRun = JobRecord & { bulk: BulkSpec };

export const isStoppedRun = (job: JobRecord): job is StoppedRun =>
  job.kind === 'bulk' && job.bulk !== undefined && !job.bulk.dryRun && (job.state === 'cancelled' || job.state === 'failed');

/** A stopped run whose results are not published yet, and whose records are still there to publish them from. */
export const awaitsResults = (job: JobRecord): job is StoppedRun => isStoppedRun(job) && job.bulk.resultPages === undefined && job.archived !== true;

/** Each page's records merged, in page order: a stopped job's pages need not be complete, so no tally may exist. */
function pageRecords(chunks: readonly ChunkRecord[]): ChunkRecord[] {
  const pages = new Map<number, ChunkRecord[]>();
  for (const chunk of chunks) pages.set(chunkPage(chunk.chunk), [...(pages.get(chunkPage(chunk.chunk)) ?? []), chunk]);
  return [...pages.entries()].sort(([a], [b]) => a - b).map(([page, records]) => mergeRecords(`page ${page}`, records));
}

/** Publishes a stopped run's results once its records are final; answers the job as it is then. */
export async function settleStoppedRun(job: JobRecord, now = Date.now()): Promise<JobRecord> {
  if (!awaitsResults(job) || (await anyLeaseHeld(job.jobId, now))) return job;
  const figures = await jobFigures(job.jobId);
  const bulk = await publishResults(job, pageRecords(figures.chunks));
  const settled: JobRecord = { ...job, bulk, figures: job.figures ?? sumFigures(figures), updatedAt: now };
  await saveJob(settled);
  return settled;
}
