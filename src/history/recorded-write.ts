import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from '../domain/errors';
import type { HistoryEntry } from '../shared/contract';
import { deleteHistoryRecord, saveHistoryRecord, type HistoryRecord } from './history-records';

// Every write the app makes goes through here, so none goes unrecorded. The entry is written *before* the write is
// sent, as `pending`, and settled by Jira's answer:
// - Jira took it: the entry becomes `recorded`, with the operation Jira's answer tells (created or replaced);
// - Jira refused it (a 4xx, or our own conflict check before a retry): nothing changed, and the entry is deleted;
// - no clear answer (a 5xx, a dropped connection, the time budget spent): the value may have changed, so the entry
//   stays, `unconfirmed`.
// If the invocation dies between Jira's answer and the settling write, the entry stays `pending`; the history shows
// a pending entry older than an invocation can live as unconfirmed. So the window where a write could go unrecorded
// is closed, not narrowed: the cost is one more storage write per change, and an entry that, rarely, says it is
// unsure. If the pending entry cannot be stored, the write is not sent.

export type WriteDraft = Omit<HistoryRecord, 'id' | 'at' | 'status' | 'operation'>;

/** A pending entry older than this belongs to no live invocation (UI invocations end within 25 s). */
export const PENDING_TIMEOUT_MS = 60_000;

/** Jira refused the write (a 429 included: a rate-limited request is not applied), or our own check did. */
const refusedBeforeApplying = (error: unknown) =>
  error instanceof ValidationError ||
  error instanceof ForbiddenError ||
  error instanceof NotFoundError ||
  error instanceof ConflictError ||
  error instanceof RateLimitedError;

const operationOf = (before: string | undefined, after: string | undefined): HistoryEntry['operation'] =>
  after === undefined ? 'delete' : before === undefined ? 'create' : 'update';

/**
 * Runs `write` with its history entry around it. `settle` turns the write's result into what Jira says happened: a
 * PUT's 201 means the key did not exist just before, whatever the app read. `id`: a bulk job names its entries
 * itself (one per job, user and key), so a later delivery finds what an earlier one wrote (src/jobs/bulk).
 */
export async function recordedWrite<T>(
  draft: WriteDraft,
  write: () => Promise<T>,
  settle: (result: T) => { operation: HistoryEntry['operation'] } = () => ({ operation: operationOf(draft.before, draft.after) }),
  id: string = randomUUID(),
): Promise<{ result: T; entryId: string }> {
  const pending: HistoryRecord = { ...draft, id, at: Date.now(), status: 'pending', operation: operationOf(draft.before, draft.after) };
  await saveHistoryRecord(pending);
  let result: T;
  try {
    result = await write();
  } catch (error) {
    if (refusedBeforeApplying(error)) await deleteHistoryRecord(pending.id).catch(() => undefined);
    else await saveHistoryRecord({ ...pending, status: 'unconfirmed' }).catch(() => undefined);
    throw error;
  }
  try {
    await saveHistoryRecord({ ...pending, ...settle(result), status: 'recorded' });
  } catch (error) {
    // The write is done; its entry stays pending and shows as unconfirmed. Failing the answer now would invite a
    // second write of the same change.
    console.warn(JSON.stringify({ event: 'history-settle-failed', entryId: pending.id, error: (error as Error).message }));
  }
  return { result, entryId: pending.id };
}

export function isShownAsUnconfirmed(record: HistoryRecord, now: number): boolean {
  return record.status === 'unconfirmed' || (record.status === 'pending' && now - record.at > PENDING_TIMEOUT_MS);
}
