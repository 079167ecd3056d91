import { useEffect, useRef, useState } from 'react';
import type { ErrorBody, FindUsersPayload, JobStatus, UserSummary } from '../../../shared/contract';
import { call } from '../../shared/invoke';
import { POLL_MS } from './use-latest-job';

export type FinderQuery = Extract<FindUsersPayload, { key: string }>;

export type FindState =
  | { phase: 'idle' }
  | { phase: 'searching' }
  | { phase: 'scanning'; job?: JobStatus; jobId: string; query: FinderQuery }
  /** Every user the query matched (a scan's pages all read); `jobId`, the finished scan's job, when it took one. */
  | { phase: 'found'; source: 'search' | 'scan'; users: UserSummary[]; query: FinderQuery; jobId?: string }
  | { phase: 'failed'; error: ErrorBody };

/** Pages of a finished scan, read one after another. */
async function readAll(jobId: string): Promise<UserSummary[] | ErrorBody> {
  const users: UserSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await call('findUsers', { jobId, ...(cursor ? { cursor } : {}) });
    if (!page.success) return page.error;
    if (!('users' in page.data)) return { code: 'INTERNAL_ERROR', message: 'The search answered no users.' };
    users.push(...page.data.users);
    cursor = page.data.cursor;
  } while (cursor);
  return users;
}

/**
 * Runs a finder query: Jira's search answers at once when it can; otherwise the scan's job is followed every POLL_MS
 * and its users read once it is done. A newer query replaces an older one still under way.
 */
export function useFindUsers() {
  const [state, setState] = useState<FindState>({ phase: 'idle' });
  const generation = useRef(0);

  const find = async (query: FinderQuery) => {
    const mine = ++generation.current;
    setState({ phase: 'searching' });
    const answer = await call('findUsers', query);
    if (mine !== generation.current) return;
    if (!answer.success) setState({ phase: 'failed', error: answer.error });
    else if ('jobId' in answer.data) setState({ phase: 'scanning', jobId: answer.data.jobId, query });
    else setState({ phase: 'found', source: answer.data.source, users: answer.data.users, query });
  };

  const scanning = state.phase === 'scanning' ? state : undefined;
  useEffect(() => {
    if (!scanning) return;
    const mine = generation.current;
    const timer = setTimeout(() => {
      void (async () => {
        const status = await call('getJob', { jobId: scanning.jobId });
        if (mine !== generation.current) return;
        if (!status.success) return setState({ phase: 'failed', error: status.error });
        if (status.data.state === 'running') return setState({ ...scanning, job: status.data });
        if (status.data.state !== 'done') {
          return setState({ phase: 'failed', error: { code: 'INTERNAL_ERROR', message: status.data.reason ?? `The search was ${status.data.state}.` } });
        }
        const users = await readAll(scanning.jobId);
        if (mine !== generation.current) return;
        setState(Array.isArray(users) ? { phase: 'found', source: 'scan', users, query: scanning.query, jobId: scanning.jobId } : { phase: 'failed', error: users });
      })();
    }, scanning.job ? POLL_MS : 200);
    return () => clearTimeout(timer);
  }, [scanning]);

  const cancel = async () => {
    if (!scanning) return;
    generation.current++;
    await call('cancelJob', { jobId: scanning.jobId });
    setState({ phase: 'idle' });
  };

  return { state, find, cancel };
}
