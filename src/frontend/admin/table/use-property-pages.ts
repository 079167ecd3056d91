import { useCallback, useEffect, useRef, useState } from 'react';
import { readRemainingPages } from '../../../domain/page-sequence';
import type { ErrorBody, PropertyEntry } from '../../../shared/contract';
import { call } from '../../shared/invoke';

/** An open of one user's properties, as far as it got. */
export type PropertyPages =
  | { phase: 'listing' }
  /** The listing failed: nothing to show. */
  | { phase: 'failed'; error: ErrorBody }
  | {
      phase: 'open';
      /** Values read so far, in the order they arrived. */
      loaded: PropertyEntry[];
      /** Listed keys not read yet, in listing order. */
      remaining: readonly string[];
      /** A page failed: reading stopped, `retry` resumes with `remaining`. */
      error?: ErrorBody;
    };

/**
 * Opens a user's properties: lists the keys and shows the first page (listProperties), then reads the remaining keys
 * a page at a time (getPropertyValues) until none remain. `reload` starts a fresh open; `retry` resumes a failed
 * page from the keys still unread, without reading again what is loaded. Each open has a generation: the answer
 * of an older open (a page in flight during Refresh, or after the panel closed) is dropped, never mixed in.
 */
export function usePropertyPages(accountId: string) {
  const [pages, setPages] = useState<PropertyPages>({ phase: 'listing' });
  const generation = useRef(0);

  const readRemaining = useCallback(
    (open: number, remaining: readonly string[]) =>
      readRemainingPages(remaining, {
        fetchPage: (keys) => call('getPropertyValues', { accountId, keys }),
        isCurrent: () => open === generation.current,
        onPage: (properties, left) =>
          setPages((current) => (current.phase === 'open' ? { phase: 'open', loaded: [...current.loaded, ...properties], remaining: left } : current)),
        onError: (error, left) => setPages((current) => (current.phase === 'open' ? { ...current, remaining: left, error } : current)),
      }),
    [accountId],
  );

  const reload = useCallback(() => {
    const open = ++generation.current;
    setPages({ phase: 'listing' });
    void call('listProperties', { accountId }).then((answer) => {
      if (open !== generation.current) return;
      if (!answer.success) {
        setPages({ phase: 'failed', error: answer.error });
        return;
      }
      setPages({ phase: 'open', loaded: answer.data.properties, remaining: answer.data.remainingKeys });
      void readRemaining(open, answer.data.remainingKeys);
    });
  }, [accountId, readRemaining]);

  const retry = useCallback(() => {
    if (pages.phase !== 'open' || !pages.error) return;
    // A generation of its own, so a second click before the first re-render cannot run two sequences side by side.
    const open = ++generation.current;
    setPages({ ...pages, error: undefined });
    void readRemaining(open, pages.remaining);
  }, [pages, readRemaining]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++; // unmounted: drop whatever is still in flight
    };
  }, [reload]);

  return { pages, reload, retry };
}
