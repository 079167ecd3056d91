import { useCallback, useEffect, useRef, useState } from 'react';
import type { Envelope, ErrorBody, JobState, JobStatus } from '../../../shared/contract';
import { call } from '../../shared/invoke';

/** How often an unfinished bulk job's progress is asked for. */
export const POLL_MS = 1_500;

/** States a job may still leave by itself (or, paused, by a resume from another page). */
export const isActive = (state: JobState) => state === 'queued' || state === 'running' || state === 'paused';

/** A run that stopped before it finished, whose results wait for its steps in flight to end: asked again too. */
const awaitsResults = (job: JobStatus) => (job.state === 'cancelled' || job.state === 'failed') && job.bulk !== undefined && !job.bulk.dryRun && !job.bulk.resultsReady;

export type FollowedJob =
  | { phase: 'none' }
  | { phase: 'loading' }
  /** The first getJob failed: nothing to show. */
  | { phase: 'failed'; error: ErrorBody }
  /** `pollError`: the last refresh failed; the job is asked again at the next tick. */
  | { phase: 'known'; job: JobStatus; pollError?: ErrorBody };

export type JobAction = 'pauseJob' | 'resumeJob' | 'cancelJob';

/**
 * Follows one bulk job: getJob at once, then every POLL_MS while it is unfinished. `onFinished` hears when a job seen
 * unfinished ends. `act` pauses, resumes or cancels it and shows the state it answers. A new `jobId` starts afresh:
 * what is known is kept with the id it is about, so the older job's status never shows under the new one, and
 * answers about an older one are dropped.
 */
export function useBulkJob(jobId: string | undefined, onFinished?: (job: JobStatus) => void) {
  const [known, setKnown] = useState<{ jobId?: string; followed: FollowedJob }>({ followed: { phase: 'none' } });
  const followed: FollowedJob = known.jobId === jobId ? known.followed : { phase: jobId ? 'loading' : 'none' };
  const generation = useRef(0);
  const seenActive = useRef(false);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const show = useCallback((job: JobStatus) => {
    if (isActive(job.state)) seenActive.current = true;
    else if (seenActive.current) {
      seenActive.current = false;
      finished.current?.(job);
    }
    setKnown({ jobId: job.jobId, followed: { phase: 'known', job } });
  }, []);

  const load = useCallback(
    async (id: string, mine: number) => {
      const answer = await call('getJob', { jobId: id });
      if (mine !== generation.current) return;
      if (answer.success) show(answer.data);
      else {
        setKnown((current) => ({
          jobId: id,
          followed: current.jobId === id && current.followed.phase === 'known' ? { ...current.followed, pollError: answer.error } : { phase: 'failed', error: answer.error },
        }));
      }
    },
    [show],
  );

  useEffect(() => {
    const mine = ++generation.current;
    seenActive.current = false;
    if (!jobId) return undefined;
    void load(jobId, mine);
    return () => {
      generation.current++; // another job, or unmounted: drop what is in flight
    };
  }, [jobId, load]);

  const unfinished = followed.phase === 'known' && (isActive(followed.job.state) || awaitsResults(followed.job));
  useEffect(() => {
    if (!jobId || !unfinished) return undefined;
    const mine = generation.current;
    const timer = setTimeout(() => void load(jobId, mine), POLL_MS);
    return () => clearTimeout(timer);
  }, [jobId, unfinished, followed, load]);

  const act = useCallback(
    async (action: JobAction): Promise<Envelope<JobStatus>> => {
      if (!jobId) return { success: false, error: { code: 'NOT_FOUND', message: 'No job is followed.' } };
      const mine = generation.current;
      const answer = await call(action, { jobId });
      if (answer.success && mine === generation.current) show(answer.data);
      return answer;
    },
    [jobId, show],
  );

  return { followed, act };
}
