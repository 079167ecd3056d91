import type { JobStatus } from '../shared/contract';
import { readChunks, readPlans, type ChunkRecord, type FinalFigures, type JobRecord, type PlanRecord } from './job-records';

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

/**
 * Whether every planned chunk is in. The chunk records are read only once the listing is complete: until then no
 * delivery can be the last, and reading every chunk after every chunk would grow with the square of the site.
 */
export async function completeFigures(jobId: string): Promise<JobFigures | undefined> {
  const plans = await readPlans(jobId);
  if (!isPlanned(plans)) return undefined;
  const figures = summarizeRecords(plans, await readChunks(jobId));
  return figures.complete ? figures : undefined;
}

export async function jobFigures(jobId: string): Promise<JobFigures> {
  const [plans, chunks] = await Promise.all([readPlans(jobId), readChunks(jobId)]);
  return summarizeRecords(plans, chunks);
}

function summarizeRecords(plans: PlanRecord[], chunks: ChunkRecord[]): JobFigures {
  // Pages are listed one after another, so the listing is complete when the last page and all before it are in.
  const planned = isPlanned(plans);
  const chunkCount = plans.reduce((sum, plan) => sum + plan.chunks, 0);
  return { plans, chunks, planned, complete: planned && chunks.length === chunkCount };
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
  };
}
