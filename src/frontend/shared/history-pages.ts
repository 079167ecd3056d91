import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody, HistoryEntry, ListHistoryPayload } from '../../shared/contract';
import { call } from './invoke';

// The history of writes made through the app, as the pages show it: listHistory a page (50 entries, newest first) at
// a time, "Show more" following the cursor. Shared by the History tab, the admin editor's versions and My preferences.

export type HistoryList =
  | { phase: 'loading' }
  /** The first page failed: nothing to show. */
  | { phase: 'failed'; error: ErrorBody }
  | {
      phase: 'open';
      /** Entries kept so far, newest first. */
      entries: HistoryEntry[];
      /** accountId → display name, from every page read. */
      people: Record<string, string>;
      /** Where the next page starts; absent once the history is read to its end. */
      cursor?: string;
      /** Entries read so far, kept or not. */
      scanned: number;
      /** A "Show more" in flight. */
      loadingMore: boolean;
      /** The last "Show more" failed; what is loaded stays. */
      moreError?: ErrorBody;
    };

interface Options {
  /** Which entries to show (default: all); the others are read and skipped. */
  keep?(entry: HistoryEntry): boolean;
}

/**
 * A "Show more" (or the first load) with a filter reads on until it has something new to show, or the history ends,
 * or this many pages: a page of entries the filter skips is not shown as "nothing".
 */
const MAX_PAGES_PER_LOAD = 5;

/**
 * Reads the history matching `payload`; `reload` starts again from the newest entry, `showMore` reads the next page.
 * Each load has a generation: an answer to an older one (a page in flight during a reload) is dropped.
 */
export function useHistoryPages(payload: ListHistoryPayload, options: Options = {}) {
  const [list, setList] = useState<HistoryList>({ phase: 'loading' });
  const generation = useRef(0);
  const keep = useRef(options.keep);
  keep.current = options.keep;
  const payloadJson = JSON.stringify(payload);

  /** Reads pages from `cursor` until one adds a kept entry (or the end, or the page limit). */
  const readPages = useCallback(
    async (cursor: string | undefined) => {
      const base = JSON.parse(payloadJson) as ListHistoryPayload;
      const entries: HistoryEntry[] = [];
      const people: Record<string, string> = {};
      let scanned = 0;
      let next = cursor;
      for (let page = 0; page < MAX_PAGES_PER_LOAD; page++) {
        const answer = await call('listHistory', next === undefined ? base : { ...base, cursor: next });
        if (!answer.success) return { ok: false as const, error: answer.error, entries, people, scanned, cursor: next };
        const filter = keep.current;
        entries.push(...(filter ? answer.data.entries.filter((entry) => filter(entry)) : answer.data.entries));
        Object.assign(people, answer.data.people);
        scanned += answer.data.entries.length;
        next = answer.data.cursor;
        if (next === undefined || entries.length > 0) break;
      }
      return { ok: true as const, entries, people, scanned, cursor: next };
    },
    [payloadJson],
  );

  const reload = useCallback(() => {
    const load = ++generation.current;
    setList({ phase: 'loading' });
    void readPages(undefined).then((read) => {
      if (load !== generation.current) return;
      // A first load that failed after some pages still shows what it read, with the error on "Show more".
      if (!read.ok && read.scanned === 0) {
        setList({ phase: 'failed', error: read.error });
        return;
      }
      setList({
        phase: 'open',
        entries: read.entries,
        people: read.people,
        scanned: read.scanned,
        loadingMore: false,
        ...(read.cursor === undefined ? {} : { cursor: read.cursor }),
        ...(read.ok ? {} : { moreError: read.error }),
      });
    });
  }, [readPages]);

  const showMore = useCallback(() => {
    if (list.phase !== 'open' || list.cursor === undefined || list.loadingMore) return;
    const load = ++generation.current;
    const from = list.cursor;
    setList({ ...list, loadingMore: true, moreError: undefined });
    void readPages(from).then((read) => {
      if (load !== generation.current) return;
      setList((current) => {
        if (current.phase !== 'open') return current;
        const known = new Set(current.entries.map((entry) => entry.id));
        const { cursor: _old, ...rest } = current;
        return {
          ...rest,
          entries: [...current.entries, ...read.entries.filter((entry) => !known.has(entry.id))],
          people: { ...current.people, ...read.people },
          scanned: current.scanned + read.scanned,
          loadingMore: false,
          ...(read.cursor === undefined ? {} : { cursor: read.cursor }),
          ...(read.ok ? {} : { moreError: read.error }),
        };
      });
    });
  }, [list, readPages]);

  useEffect(() => {
    reload();
    return () => {
      generation.current++; // unmounted: drop whatever is still in flight
    };
  }, [reload]);

  return { list, reload, showMore };
}
