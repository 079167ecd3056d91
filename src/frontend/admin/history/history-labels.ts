import type { HistoryEntry, WriteAuthority } from '../../../shared/contract';
import { OPERATION_WORDS } from '../../shared/history-labels';

// Words and lozenge colours for history entries, shared by the table and the details.

type LozengeAppearance = 'default' | 'inprogress' | 'moved' | 'new' | 'removed' | 'success';

export const OPERATIONS: Record<HistoryEntry['operation'], { label: string; appearance: LozengeAppearance }> = {
  create: { label: OPERATION_WORDS.create, appearance: 'success' },
  update: { label: OPERATION_WORDS.update, appearance: 'inprogress' },
  delete: { label: OPERATION_WORDS.delete, appearance: 'removed' },
};

export const AUTHORITIES: Record<WriteAuthority, string> = {
  admin: 'Jira admin',
  delegate: 'Delegated manager',
  self: 'Their own preference',
  job: 'Background job',
};

export const PRINCIPALS: Record<HistoryEntry['principal'], string> = {
  asUser: 'As the person who made it',
  asApp: 'As the app',
};

export const UNCONFIRMED_HELP =
  "The app sent this change but lost Jira's answer (or stopped before recording it), so the value may or may not have changed. Open the user's properties to see what Jira holds now.";

export { formatWhen, personName } from '../../shared/history-labels';

export const count = (n: number) => n.toLocaleString('en-US');
