import { planBulkChange, type BulkWrite, type PlannedOutcome, type UniformOperation } from '../../domain/bulk-plan';
import { jsonTextEqual } from '../../domain/json-equal';
import type { HistoryRecord } from '../../history/history-records';

// What a bulk job plans for one user, from what is stored now: the operation's plan (src/domain/bulk-plan.ts), an
// import's values, or for an undo, the before values of the original job's entries, each written back only where its
// after is still stored.

/** The writes for one user and how they count; `conflict`: a value was changed since the job planned on it. */
export interface UserPlan {
  outcome: PlannedOutcome | 'conflict';
  writes: BulkWrite[];
  reason?: string;
}

/** Each key of the operation and its stored text (undefined: absent). */
export type StoredKeys = Map<string, string | undefined>;

export const sameText = (a: string | undefined, b: string | undefined) => (a === undefined || b === undefined ? a === b : jsonTextEqual(a, b));

/** How a set of writes counts: one write by what it does, a rename's two as one change. */
export function outcomeOfWrites(writes: readonly BulkWrite[], stored: StoredKeys): PlannedOutcome {
  if (writes.length !== 1) return writes.length === 0 ? 'unchanged' : 'change';
  const [write] = writes as [BulkWrite];
  if ('delete' in write) return 'delete';
  return stored.get(write.key) === undefined ? 'create' : 'change';
}

export function planOperation(operation: UniformOperation, stored: StoredKeys): UserPlan {
  return planBulkChange(operation, { value: stored.get(operation.key), target: operation.op === 'rename' ? stored.get(operation.to) : undefined });
}

/** An import: each of the user's imported values that differs in meaning from what is stored (or is absent there). */
export function planImport(values: ReadonlyMap<string, string>, stored: StoredKeys): UserPlan {
  const writes: BulkWrite[] = [];
  for (const [key, json] of values) {
    if (!sameText(stored.get(key), json)) writes.push({ key, json });
  }
  return { outcome: outcomeOfWrites(writes, stored), writes };
}

/**
 * The undo of one user: per key the job wrote for them (a rename's old key first, so its value is never absent), the
 * original entry's before, where the entry's after is still what is stored. A key changed since is a conflict, and
 * then nothing of the user is undone.
 */
export function planUndo(keys: readonly string[], original: ReadonlyMap<string, HistoryRecord>, stored: StoredKeys): UserPlan {
  const writes: BulkWrite[] = [];
  for (const key of keys) {
    const entry = original.get(key);
    if (!entry) continue;
    const now = stored.get(key);
    if (sameText(now, entry.before)) continue;
    if (!sameText(now, entry.after)) {
      return { outcome: 'conflict', writes: [], reason: `"${key}" was changed since the job wrote it, so it was left as it is now.` };
    }
    writes.push(entry.before === undefined ? { key, delete: true } : { key, json: entry.before });
  }
  return { outcome: outcomeOfWrites(writes, stored), writes };
}
