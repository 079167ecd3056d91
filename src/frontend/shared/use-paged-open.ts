import { useCallback, useEffect, useRef, useState } from 'react';
import { readRemainingPages, type PageAnswer } from '../../domain/page-sequence';
import type { Envelope, ErrorBody, PropertyEntry } from '../../shared/contract';
import { call } from './invoke';

/** An open of one user's properties, as far as it got. `first` is the rest of the first answer (its own data). */
export type PagedOpen<First> =
  | { phase: 'loading' }
  /** The first answer failed: nothing to show. */
  | { phase: 'failed'; error: ErrorBody }
  | {
      phase: 'open';
      first: First;
      /** Values read so far, in the order they arrived. */
      loaded: PropertyEntry[];
      /** Listed keys not read yet, in listing order. */
      remaining: readonly string[];
      /** A page failed: reading stopped, `retry` resumes with `remaining`. */
      error?: ErrorBody;
    };

/**
 * Opens a user's properties: `openFirst` answers the first page and the keys still to read (listProperties on the
 * admin page, getMyPreferences on My preferences), then getPropertyValues reads the remaining keys a page at a time
 * until none remain. `reload` starts a fresh open; `retry` resumes a failed page from the keys still unread, without
 * reading again what is loaded. Each open has a generation: the answer of an older open (a page in flight during
 * Refresh, or after the page closed) is dropped, never mixed in. `accountId` is the record read (none: the caller's).
 */
export function usePagedOpen<First>(openFirst: () => Promise<Envelope<PageAnswer & First>>, accountId?: string) {
  const [pages, setPages] = useState<PagedOpen<First>>({ phase: 'loading' });
  const generation = useRef(0);
  // The latest `openFirst`, so a caller's inline function does not start a new open on every render.
  const first = useRef(openFirst);
  first.current = openFirst;

  const readRemaining = useCallback(
    (open: number, remaining: readonly string[]) =>
      readRemainingPages(remaining, {
        fetchPage: (keys) => call('getPropertyValues', accountId === undefined ? { keys } : { accountId, keys }),
        isCurrent: () => open === generation.current,
        onPage: (properties, left) =>
          setPages((current) => (current.phase === 'open' ? { ...current, loaded: [...current.loaded, ...properties], remaining: left } : current)),
        onError: (error, left) => setPages((current) => (current.phase === 'open' ? { ...current, remaining: left, error } : current)),
      }),
    [accountId],
  );

  const reload = useCallback(() => {
    const open = ++generation.current;
    setPages({ phase: 'loading' });
    void first.current().then((answer) => {
      if (open !== generation.current) return;
      if (!answer.success) {
        setPages({ phase: 'failed', error: answer.error });
        return;
      }
      const { properties, remainingKeys, ...rest } = answer.data;
      setPages({ phase: 'open', first: rest as unknown as First, loaded: properties, remaining: remainingKeys });
      void readRemaining(open, remainingKeys);
    });
  }, [readRemaining]);

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
