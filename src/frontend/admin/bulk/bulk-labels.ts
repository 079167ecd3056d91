import { displayKey } from '../../../domain/key-display';
import type { BulkCounts, BulkOperation, BulkOutcome, BulkStatus } from '../../../shared/contract';
import { previewJson } from '../../shared/json-text';
import { count } from '../../shared/job-words';


// Words and lozenge colours for bulk changes, shared by the form, the counts, the samples and the results.

type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

interface OutcomeWords {
  label: string;
  appearance: LozengeAppearance;
  /** How a dry run counts it ("3 to create") and how a run does ("3 created"). */
  planned: string;
  done: string;
  help: string;
}

export const OUTCOMES: readonly BulkOutcome[] = ['create', 'change', 'delete', 'unchanged', 'refused', 'conflict', 'failed'];

export const OUTCOME_WORDS: Record<BulkOutcome, OutcomeWords> = {
  create: { label: 'Create', appearance: 'success', planned: 'to create', done: 'created', help: 'The user did not have the key: it is added.' },
  change: { label: 'Change', appearance: 'inprogress', planned: 'to change', done: 'changed', help: 'The user has the key: its value is replaced.' },
  delete: { label: 'Delete', appearance: 'removed', planned: 'to delete', done: 'deleted', help: 'The key is removed from the user.' },
  unchanged: { label: 'Unchanged', appearance: 'default', planned: 'unchanged', done: 'unchanged', help: 'Already as the change would make it: nothing is written.' },
  refused: {
    label: 'Refused',
    appearance: 'moved',
    planned: 'refused',
    done: 'refused',
    help: 'The new value would be invalid or too large, or a rename would overwrite another value: the user is left as is.',
  },
  conflict: {
    label: 'Conflict',
    appearance: 'moved',
    planned: 'in conflict',
    done: 'in conflict',
    help: 'Someone changed the value while the change ran: it was left as they made it.',
  },
  failed: { label: 'Failed', appearance: 'removed', planned: 'failed', done: 'failed', help: 'Jira refused the user (a deleted account, say).' },
};

export const usersText = (n: number) => `${count(n)} ${n === 1 ? 'user' : 'users'}`;

/** Users whose value a change writes. */
export const changingUsers = (counts: BulkCounts) => counts.create + counts.change + counts.delete;

/** The outcomes that happened, in words: "3 to create, 1 unchanged" (dry run) or "3 created, 1 unchanged". */
export function countsText(counts: BulkCounts, dryRun: boolean): string {
  const parts = OUTCOMES.filter((outcome) => counts[outcome] > 0).map((outcome) => `${count(counts[outcome])} ${OUTCOME_WORDS[outcome][dryRun ? 'planned' : 'done']}`);
  return parts.length > 0 ? parts.join(', ') : 'no users';
}

const quoted = (key: string) => `"${displayKey(key).text}"`;

/** The operation in words, for confirmations and titles. */
export function operationText(operation: BulkOperation): string {
  switch (operation.op) {
    case 'set':
      return `Set ${quoted(operation.key)} to ${previewJson(operation.json, 40)}`;
    case 'merge':
      return `Merge ${previewJson(operation.json, 40)} into ${quoted(operation.key)}${operation.create ? ', creating it where missing' : ''}`;
    case 'delete':
      return `Delete ${quoted(operation.key)}`;
    case 'rename':
      return `Rename ${quoted(operation.key)} to ${quoted(operation.to)}`;
    case 'import':
      return `Import values of ${operation.keys.length === 1 ? quoted(operation.keys[0]!) : `${count(operation.keys.length)} keys`}`;
  }
}

/** The keys a change writes, in words: "k", "old" and "new", or an import's. */
export function keysText(operation: BulkOperation): string {
  if (operation.op === 'import') return operation.keys.length <= 3 ? operation.keys.map(quoted).join(', ') : `${count(operation.keys.length)} keys`;
  return operation.op === 'rename' ? `${quoted(operation.key)} and ${quoted(operation.to)}` : quoted(operation.key);
}

/** The key a sample's before and after are of. */
export const sampleKey = (operation: BulkOperation, result: { key?: string }): string =>
  result.key ?? (operation.op === 'import' ? (operation.keys[0] ?? '') : operation.key);

/** Whom a job visits, in words. */
export function targetText(target: BulkStatus['target']): string {
  if ('accountIds' in target) return `${usersText(target.accountIds)} listed`;
  if ('groupId' in target) return 'the members of a group';
  if ('finder' in target) return 'the users a search found';
  if ('all' in target) return 'every user on the site';
  if ('import' in target) return `${usersText(target.users)} of an import`;
  if ('undoOf' in target) return 'the users the change wrote';
  return 'the users the change failed on';
}
