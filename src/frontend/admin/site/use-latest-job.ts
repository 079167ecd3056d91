import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody, JobStatus } from '../../../shared/contract';
import { call } from '../../shared/invoke';

/** How often a running job's progress is asked for. */
export const POLL_MS = 2_000;

export type LatestJob = { phase: 'loading' } | { phase: 'none' } | { phase: 'failed'; error: ErrorBody } | { phase: 'known'; job: JobStatus };

/**
 * The site's latest inventory (`getJob` without an id, so a page opened later finds one already running), asked again
 * every POLL_MS while it runs. `track` follows a job just started; `onFinished` hears when a followed job ends.
 */
export function useLatestJob(onFinished: (job: JobStatus) => void) {
  const [latest, setLatest] = useState<LatestJob>({ phase: 'loading' });
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const load = useCallback(async (jobId?: string) => {
    // The last inventory: a bulk change or a search is followed by its own panel.
    const answer = await call('getJob', jobId ? { jobId } : { kind: 'inventory' });
    if (answer.success) setLatest({ phase: 'known', job: answer.data });
    else if (answer.error.code === 'NOT_FOUND' && !jobId) setLatest({ phase: 'none' });
    else setLatest({ phase: 'failed', error: answer.error });
    return answer.success ? answer.data : undefined;
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const running = latest.phase === 'known' && latest.job.state === 'running' ? latest.job.jobId : undefined;
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => {
      void load(running).then((job) => {
        if (job && job.state !== 'running') finished.current(job);
      });
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [running, latest, load]);

  return { latest, track: load };
}
