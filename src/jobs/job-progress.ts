import type { BulkStatus, JobStatus } from '../shared/contract';
import { countResults, SAMPLES_PER_JOB } from './bulk/bulk-spec';
import {
  readChunks,
  readPageChunks,
  readPlan,
  readPlans,
  readTallies,
  readTally,
  saveTally,
  type ChunkRecord,
  type FinalFigures,
  type JobRecord,
  type PlanRecord,
} from './job-records';
import { mergeRecords } from './record-sum';

/** A job's figures, summed from its page and chunk records (see job-records.ts for why they are not counters). */
export interface JobFigures {
  plans: PlanRecord[];
  chunks: ChunkRecord[];
  /** Every page is listed: the totals are final. */
  planned: boolean;
  /** Planned and every planned chunk finished. */
  complete: boolean;
}

/** The page records only (one per 1,000 accounts): enough to know whether the listing is complete. */
function isPlanned(plans: readonly PlanRecord[]): boolean {
  const lastPage = plans.find((plan) => plan.last)?.page;
  return lastPage !== undefined && plans.length === lastPage + 1;
}

/** A chunk is finished when its last part is in: the one record of it with no continuation (see chunk-chain.ts). */
const finishedChunks = (records: readonly ChunkRecord[]) => records.filter((record) => !record.continuation).length;

/** The page's tally, written once every chunk of the page is in; undefined until then. */
async function settlePage(jobId: string, page: number): Promise<ChunkRecord | undefined> {
  const tally = await readTally(jobId, page);
  if (tally) return tally;
  const plan = await readPlan(jobId, page);
  if (!plan) return undefined;
  const records = await readPageChunks(jobId, page);
  if (finishedChunks(records) < plan.chunks) return undefined;
  const sum = mergeRecords(`page ${page}`, records);
  await saveTally(jobId, page, sum);
  return sum;
}

/**
 * After a delivery for `page`: the job's final figures, if it is now complete. Each delivery reads its own page's
 * records; only a delivery that finds its page complete reads the job's (one plan and one tally per 1,000 accounts),
 * so the checks grow with the site, not with its square. Every writer reads after it writes, so the last one sees
 * everything.
 */
export async function completeFigures(jobId: string, page: number): Promise<JobFigures | undefined> {
  if (!(await settlePage(jobId, page))) return undefined;
  const plans = await readPlans(jobId);
  if (!isPlanned(plans)) return undefined;
  const tallies = await readTallies(jobId);
  if (tallies.length < plans.length) return undefined;
  return { plans, chunks: tallies, planned: true, complete: true };
}

export async function jobFigures(jobId: string): Promise<JobFigures> {
  const [plans, chunks] = await Promise.all([readPlans(jobId), readChunks(jobId)]);
  // Pages are listed one after another, so the listing is complete when the last page and all before it are in.
  const planned = isPlanned(plans);
  const chunkCount = plans.reduce((sum, plan) => sum + plan.chunks, 0);
  return { plans, chunks, planned, complete: planned && finishedChunks(chunks) === chunkCount };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The job's totals so far: people listed, visited, failed, and accounts skipped. */
export function sumFigures(figures: JobFigures): FinalFigures {
  return {
    total: figures.plans.reduce((sum, plan) => sum + plan.people, 0),
    skipped: figures.plans.reduce((sum, plan) => sum + plan.skipped, 0),
    done: figures.chunks.reduce((sum, chunk) => sum + chunk.users + chunk.failed, 0),
    failed: figures.chunks.reduce((sum, chunk) => sum + chunk.failed, 0),
  };
}

/** A bulk job's own status: its kept counts once finished, else those of the chunks in so far. */
function bulkStatus(job: JobRecord, figures: JobFigures): BulkStatus | undefined {
  const spec = job.bulk;
  if (!spec) return undefined;
  return {
    dryRun: spec.dryRun,
    operation: spec.operation,
    target: spec.target,
    counts: spec.counts ?? countResults(figures.chunks.flatMap((chunk) => chunk.results ?? [])),
    samples: spec.samples ?? figures.chunks.flatMap((chunk) => chunk.samples ?? []).slice(0, SAMPLES_PER_JOB),
    ...(spec.undoneBy ? { undoneBy: spec.undoneBy } : {}),
    resultsReady: spec.resultPages !== undefined,
  };
}

/** What getJob answers, with an ETA from the pace so far once there is one. A finished job answers its kept figures. */
export function jobStatus(job: JobRecord, figures: JobFigures, now: number): JobStatus {
  const { total, skipped, done, failed } = job.figures ?? sumFigures(figures);
  const planned = job.figures !== undefined || figures.planned;
  const elapsedSeconds = (now - job.createdAt) / 1000;
  const etaSeconds =
    job.state === 'running' && planned && done > 0 && done < total ? Math.ceil((elapsedSeconds / done) * (total - done)) : undefined;
  return {
    jobId: job.jobId,
    kind: job.kind,
    state: job.state,
    total,
    planned,
    done,
    failed,
    skipped,
    startedAt: iso(job.createdAt),
    updatedAt: iso(job.updatedAt),
    ...(job.finishedAt === undefined ? {} : { finishedAt: iso(job.finishedAt) }),
    ...(etaSeconds === undefined ? {} : { etaSeconds }),
    ...(job.reason === undefined ? {} : { reason: job.reason }),
    ...(job.bulk ? { bulk: bulkStatus(job, figures) } : {}),
  };
}
