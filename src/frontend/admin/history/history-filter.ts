import { validateAccountId, validateStoredKey } from '../../../domain/property-rules';
import type { ListHistoryPayload } from '../../../shared/contract';

/** The History tab's filters as typed: every field is text, '' meaning "any". Dates are calendar days (yyyy-mm-dd). */
export interface HistoryFilterDraft {
  /** Whose property changed. */
  accountId: string;
  key: string;
  /** Who made the change. */
  actorAccountId: string;
  jobId: string;
  from: string;
  to: string;
}

export const EMPTY_FILTER: HistoryFilterDraft = { accountId: '', key: '', actorAccountId: '', jobId: '', from: '', to: '' };

export type FilterProblems = Partial<Record<keyof HistoryFilterDraft, string>>;

// The resolver's job and entry ids (src/resolvers/history.ts).
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day in the browser's time zone, as the Date of its first or last millisecond; undefined when not a day. */
function dayBoundary(text: string, end: 'start' | 'end'): Date | undefined {
  const match = DAY.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = end === 'start' ? new Date(year, month - 1, day, 0, 0, 0, 0) : new Date(year, month - 1, day, 23, 59, 59, 999);
  // new Date(2025, 1, 30) rolls over to March: such a day does not exist.
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return date;
}

function problemOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const DAY_PROBLEM = 'Enter a day as year-month-day, for example 2025-03-31.';

/** What is wrong with each field, if anything (the resolver checks the same again). */
export function filterProblems(draft: HistoryFilterDraft): FilterProblems {
  const problems: FilterProblems = {};
  for (const name of ['accountId', 'actorAccountId'] as const) {
    const text = draft[name].trim();
    const problem = text === '' ? undefined : problemOf(() => validateAccountId(text));
    if (problem) problems[name] = problem;
  }
  const keyProblem = draft.key === '' ? undefined : problemOf(() => validateStoredKey(draft.key));
  if (keyProblem) problems.key = keyProblem;
  const jobId = draft.jobId.trim();
  if (jobId !== '' && !JOB_ID.test(jobId.toLowerCase())) problems.jobId = 'A job id looks like 0f8e3c52-7d1a-4b6e-9a40-2c5d8e1f7b93.';
  const from = draft.from.trim() === '' ? null : dayBoundary(draft.from, 'start');
  const to = draft.to.trim() === '' ? null : dayBoundary(draft.to, 'end');
  if (from === undefined) problems.from = DAY_PROBLEM;
  if (to === undefined) problems.to = DAY_PROBLEM;
  if (from && to && from.getTime() > to.getTime()) problems.to = 'The last day must not be before the first day.';
  return problems;
}

export const hasProblems = (problems: FilterProblems) => Object.keys(problems).length > 0;

/**
 * The listHistory payload for valid filters: account and job ids trimmed, the key exactly as typed (a key may hold
 * spaces), days as the first and last millisecond of those days in the browser's time zone.
 */
export function historyQuery(draft: HistoryFilterDraft): ListHistoryPayload {
  const query: ListHistoryPayload = {};
  if (draft.accountId.trim() !== '') query.accountId = draft.accountId.trim();
  if (draft.key !== '') query.key = draft.key;
  if (draft.actorAccountId.trim() !== '') query.actorAccountId = draft.actorAccountId.trim();
  if (draft.jobId.trim() !== '') query.jobId = draft.jobId.trim().toLowerCase();
  const from = draft.from.trim() === '' ? undefined : dayBoundary(draft.from, 'start');
  const to = draft.to.trim() === '' ? undefined : dayBoundary(draft.to, 'end');
  if (from) query.from = from.toISOString();
  if (to) query.to = to.toISOString();
  return query;
}

/** Whether valid filters select every entry. */
export const isUnfiltered = (draft: HistoryFilterDraft) => Object.keys(historyQuery(draft)).length === 0;

/** The filters in words, for the summary above the table: 'user Bob Martin, key "costCenter", changed by Alex Admin'. */
export function describeFilter(draft: HistoryFilterDraft, people: Record<string, string>): string {
  const name = (id: string) => people[id.trim()] ?? id.trim();
  const parts: string[] = [];
  if (draft.accountId.trim() !== '') parts.push(`user ${name(draft.accountId)}`);
  if (draft.key !== '') parts.push(`key "${draft.key}"`);
  if (draft.actorAccountId.trim() !== '') parts.push(`changed by ${name(draft.actorAccountId)}`);
  if (draft.jobId.trim() !== '') parts.push(`job ${draft.jobId.trim().toLowerCase()}`);
  const from = draft.from.trim();
  const to = draft.to.trim();
  if (from !== '' && to !== '') parts.push(from === to ? `on ${from}` : `from ${from} to ${to}`);
  else if (from !== '') parts.push(`from ${from}`);
  else if (to !== '') parts.push(`until ${to}`);
  return parts.join(', ');
}
