import { useEffect, useRef, useState } from 'react';
import { KEY_EXPORT_MAX_USERS, type KeyValueRow } from '../../../domain/property-export';
import type { ErrorBody } from '../../../shared/contract';
import { call } from '../../shared/invoke';

export type KeyExportState =
  | { phase: 'reading'; read: number }
  /** A call failed: `resume` goes on from the first user not read. */
  | { phase: 'stopped'; read: number; error: ErrorBody }
  | { phase: 'done'; rows: readonly KeyValueRow[] };

const MISMATCH: ErrorBody = { code: 'INTERNAL_ERROR', message: 'The app answered for other users than it was asked about. Try again.' };

/**
 * Reads `key` on every one of `accountIds`, in their order: KEY_EXPORT_MAX_USERS users to a readKeyValues call, one
 * call at a time (Jira's rate limits are per app and user). A call that answers fewer users (its time or byte budget
 * ran out) is followed by one starting at the first user it left. Unmounting (the modal closed) stops it: no further
 * call starts, and an answer still on its way is dropped.
 */
export function useKeyExport(key: string, accountIds: readonly string[]) {
  const rows = useRef<KeyValueRow[]>([]);
  const mounted = useRef(false);
  const running = useRef(false);
  const [state, setState] = useState<KeyExportState>({ phase: 'reading', read: 0 });

  const run = async () => {
    if (running.current) return;
    running.current = true;
    try {
      setState({ phase: 'reading', read: rows.current.length });
      while (rows.current.length < accountIds.length) {
        const batch = accountIds.slice(rows.current.length, rows.current.length + KEY_EXPORT_MAX_USERS);
        const answer = await call('readKeyValues', { key, accountIds: batch });
        if (!mounted.current) return;
        if (!answer.success) return setState({ phase: 'stopped', read: rows.current.length, error: answer.error });
        const { values } = answer.data;
        // Every answer is a prefix of the users asked about, and never empty: anything else would loop or mislabel.
        if (values.length === 0 || values.length > batch.length || values.some((value, index) => value.accountId !== batch[index])) {
          return setState({ phase: 'stopped', read: rows.current.length, error: MISMATCH });
        }
        rows.current.push(...values);
        setState({ phase: 'reading', read: rows.current.length });
      }
      setState({ phase: 'done', rows: rows.current });
    } finally {
      running.current = false;
    }
  };

  useEffect(() => {
    mounted.current = true;
    void run();
    return () => {
      mounted.current = false;
    };
  }, []);

  return { state, total: accountIds.length, resume: () => void run() };
}
