import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulkOutcome, BulkResult, ErrorBody } from '../../../shared/contract';
import { call } from '../../shared/invoke';

export type ResultsList =
  | { phase: 'loading' }
  | { phase: 'failed'; error: ErrorBody }
  | {
      phase: 'open';
      results: BulkResult[];
      /** Where the next page starts; absent once every result is read. */
      cursor?: string;
      loadingMore: boolean;
      /** The last "Load more" failed; what is loaded stays. */
      moreError?: ErrorBody;
    };

/** A filtered page may hold none of its outcome: a load reads on until it has something to show, or this many pages. */
const MAX_PAGES_PER_LOAD = 5;

/**
 * A finished bulk job's per-user results (getJobResults, 1,000 to a page), only those of `outcome` when given.
 * `loadMore` follows the cursor; a new job or filter starts again, and answers to the old one are dropped.
 */
export function useJobResults(jobId: string, outcome: BulkOutcome | undefined) {
  const [list, setList] = useState<ResultsList>({ phase: 'loading' });
  const generation = useRef(0);

  const readPages = useCallback(
    async (cursor: string | undefined) => {
      const results: BulkResult[] = [];
      let next = cursor;
      for (let page = 0; page < MAX_PAGES_PER_LOAD; page++) {
        const answer = await call('getJobResults', { jobId, ...(next === undefined ? {} : { cursor: next }), ...(outcome ? { outcome } : {}) });
        if (!answer.success) return { ok: false as const, error: answer.error, results, cursor: next };
        results.push(...answer.data.results);
        next = answer.data.cursor;
        if (next === undefined || results.length > 0) break;
      }
      return { ok: true as const, results, cursor: next };
    },
    [jobId, outcome],
  );

  const reload = useCallback(() => {
    const load = ++generation.current;
    setList({ phase: 'loading' });
    void readPages(undefined).then((read) => {
      if (load !== generation.current) return;
      if (!read.ok && read.results.length === 0) setList({ phase: 'failed', error: read.error });
      else setList({ phase: 'open', results: read.results, loadingMore: false, cursor: read.cursor, ...(read.ok ? {} : { moreError: read.error }) });
    });
  }, [readPages]);

  const loadMore = useCallback(() => {
    if (list.phase !== 'open' || list.cursor === undefined || list.loadingMore) return;
    const load = ++generation.current;
    const from = list.cursor;
    setList({ ...list, loadingMore: true, moreError: undefined });
    void readPages(from).then((read) => {
      if (load !== generation.current) return;
      setList((current) =>
        current.phase === 'open'
          ? { ...current, results: [...current.results, ...read.results], cursor: read.cursor, loadingMore: false, ...(read.ok ? {} : { moreError: read.error }) }
          : current,
      );
    });
  }, [list, readPages]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++; // unmounted: drop whatever is still in flight
    };
  }, [reload]);

  return { list, reload, loadMore };
}
