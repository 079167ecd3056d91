/** What a followed job is to the change: the run itself, a retry of its failed users, or its undo. */
export type RunRole = 'run' | 'retry' | 'undo';

export const ROLE_TITLES: Record<RunRole, string> = { run: 'Bulk change', retry: 'Retry', undo: 'Undo' };
