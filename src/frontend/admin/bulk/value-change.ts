import type { BulkOperation, BulkResult } from '../../../shared/contract';
import { parseJsonText } from '../../shared/json-text';
import { diffJson, type JsonChanges } from '../editor/json-diff';

/** What an absent "after" means for a user: the key deleted, moved to the rename's new key, or never there. */
export function absentAfterText(result: BulkResult, operation: BulkOperation): string {
  if (operation.op === 'rename' && result.before !== undefined) return `(moved to "${operation.to}")`;
  return result.outcome === 'delete' ? '(deleted)' : '(none)';
}

/**
 * The paths that differ between a user's before and after, when both parse (a dry run's sample texts are clipped
 * past 2,000 characters, and a clipped text does not).
 */
export function valueChanges(result: BulkResult): JsonChanges | undefined {
  if (result.before === undefined || result.after === undefined) return undefined;
  const before = parseJsonText(result.before);
  const after = parseJsonText(result.after);
  return before.ok && after.ok ? diffJson(before.tree, after.tree) : undefined;
}

const MAX_PATHS = 3;
const paths = (list: string[]) => (list.length > MAX_PATHS ? `${list.slice(0, MAX_PATHS).join(', ')} +${list.length - MAX_PATHS}` : list.join(', '));

function changesText(changes: JsonChanges): string {
  const parts = [
    changes.added.length ? `added ${paths(changes.added)}` : '',
    changes.removed.length ? `removed ${paths(changes.removed)}` : '',
    changes.changed.length ? `changed ${paths(changes.changed)}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'same value';
}

/** What changes for a user, in a few words for a table cell: "added theme; changed size", "new key". */
export function changeWords(result: BulkResult): string {
  if (result.before === undefined) return result.after === undefined ? '—' : 'new key';
  if (result.after === undefined) return 'key removed';
  const changes = valueChanges(result);
  return changes ? changesText(changes) : 'value replaced';
}
