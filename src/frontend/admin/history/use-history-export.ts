import { useCallback, useEffect, useRef, useState } from 'react';
import { utf8Bytes } from '../../../domain/property-rules';
import type { ErrorBody, HistoryEntry, ListHistoryPayload } from '../../../shared/contract';
import { call } from '../../shared/invoke';
import { exportText, type ExportFormat } from './export-format';

/** The most entries one export holds: past that, narrow the filters. */
export const MAX_EXPORT_ENTRIES = 10_000;

export type HistoryExportState =
  | { phase: 'idle' }
  | { phase: 'loading'; format: ExportFormat; loaded: number }
  | { phase: 'ready'; format: ExportFormat; text: string; bytes: number; entries: number; truncated: boolean }
  | { phase: 'failed'; format: ExportFormat; loaded: number; error: ErrorBody };

/**
 * Exports the history of one filter: reads every page (newest first) until the last one or MAX_EXPORT_ENTRIES,
 * counting as it goes, then writes the text. `close` stops a load in flight (its answers are dropped).
 */
export function useHistoryExport() {
  const [state, setState] = useState<HistoryExportState>({ phase: 'idle' });
  const generation = useRef(0);
  useEffect(
    () => () => {
      generation.current++; // unmounted: stop reading pages
    },
    [],
  );

  const start = useCallback(async (format: ExportFormat, filter: ListHistoryPayload) => {
    const run = ++generation.current;
    const entries: HistoryEntry[] = [];
    const people: Record<string, string> = {};
    let cursor: string | undefined;
    let truncated = false;
    setState({ phase: 'loading', format, loaded: 0 });
    do {
      const answer = await call('listHistory', { ...filter, ...(cursor ? { cursor } : {}) });
      if (run !== generation.current) return;
      if (!answer.success) {
        setState({ phase: 'failed', format, loaded: entries.length, error: answer.error });
        return;
      }
      const room = MAX_EXPORT_ENTRIES - entries.length;
      entries.push(...answer.data.entries.slice(0, room));
      Object.assign(people, answer.data.people ?? {});
      cursor = answer.data.cursor;
      if (answer.data.entries.length > room || (entries.length >= MAX_EXPORT_ENTRIES && cursor)) {
        truncated = true;
        break;
      }
      setState({ phase: 'loading', format, loaded: entries.length });
    } while (cursor);
    const text = exportText(format, { exportedAt: new Date().toISOString(), filter, entries, people, truncated });
    setState({ phase: 'ready', format, text, bytes: utf8Bytes(text), entries: entries.length, truncated });
  }, []);

  const close = useCallback(() => {
    generation.current++;
    setState({ phase: 'idle' });
  }, []);

  return { state, start, close };
}
