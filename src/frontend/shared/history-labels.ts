import type { HistoryEntry } from '../../shared/contract';

// How the pages name the people, times and operations of history entries.

/** Who made a write: their name as Jira shows it to the caller, else the account id. */
export const personName = (people: Record<string, string>, accountId: string) => people[accountId] ?? accountId;

/** When a write was made, in the viewer's locale and time zone, to the second. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export const OPERATION_WORDS: Record<HistoryEntry['operation'], string> = { create: 'Created', update: 'Updated', delete: 'Deleted' };

/** The operation as a word; a restore says so. */
export const operationLabel = (entry: HistoryEntry) => `${OPERATION_WORDS[entry.operation]}${entry.restoredFrom ? ' (restored)' : ''}`;

export const UNCONFIRMED_HINT =
  "The app lost Jira's answer to this write, so the value may or may not have changed. It cannot be restored.";
