import { useCallback, useEffect, useRef, useState } from 'react';
import { readRemainingPages } from '../../domain/page-sequence';
import type { ErrorBody, MyPreferences, PropertyEntry } from '../../shared/contract';
import { call } from '../shared/invoke';

/** My preferences as far as they are loaded. */
export type MyPreferencePages =
  | { phase: 'loading' }
  | { phase: 'failed'; error: ErrorBody }
  | {
      phase: 'open';
      preferences: Omit<MyPreferences, 'properties' | 'remainingKeys'>;
      /** The caller's values read so far. */
      loaded: PropertyEntry[];
      /** Their keys not read yet. */
      remaining: readonly string[];
      /** A page failed: reading stopped, `retry` resumes with `remaining`. */
      error?: ErrorBody;
    };

/**
 * Loads My preferences: the definitions and a first page of the caller's values (getMyPreferences, defined keys
 * first), then their other values a page at a time (getPropertyValues on their own record) until none remain.
 * Like the admin table's open: `reload` starts afresh, `retry` resumes a failed page, stale answers are dropped.
 */
export function useMyPreferences() {
  const [pages, setPages] = useState<MyPreferencePages>({ phase: 'loading' });
  const generation = useRef(0);

  const readRemaining = useCallback(
    (open: number, remaining: readonly string[]) =>
      readRemainingPages(remaining, {
        fetchPage: (keys) => call('getPropertyValues', { keys }),
        isCurrent: () => open === generation.current,
        onPage: (properties, left) =>
          setPages((current) => (current.phase === 'open' ? { ...current, loaded: [...current.loaded, ...properties], remaining: left } : current)),
        onError: (error, left) => setPages((current) => (current.phase === 'open' ? { ...current, remaining: left, error } : current)),
      }),
    [],
  );

  const reload = useCallback(() => {
    const open = ++generation.current;
    setPages({ phase: 'loading' });
    void call('getMyPreferences', undefined).then((answer) => {
      if (open !== generation.current) return;
      if (!answer.success) {
        setPages({ phase: 'failed', error: answer.error });
        return;
      }
      const { properties, remainingKeys, ...preferences } = answer.data;
      setPages({ phase: 'open', preferences, loaded: properties, remaining: remainingKeys });
      void readRemaining(open, remainingKeys);
    });
  }, [readRemaining]);

  const retry = useCallback(() => {
    if (pages.phase !== 'open' || !pages.error) return;
    const open = ++generation.current;
    setPages({ ...pages, error: undefined });
    void readRemaining(open, pages.remaining);
  }, [pages, readRemaining]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  return { pages, reload, retry };
}
