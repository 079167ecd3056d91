import { MAX_VALUE_BYTES, validatePropertyKey, validateStoredKey } from '../../../domain/property-rules';
import type { BulkOperation, BulkTarget, GroupSummary } from '../../../shared/contract';
import { parseJsonText, type ParsedJson } from '../../shared/json-text';
import { MAX_LISTED_USERS, readAccountList, type AccountList } from './account-list';

export type TargetChoice = 'listed' | 'group' | 'all' | 'found';
export type OperationChoice = BulkOperation['op'];

/**
 * The users a finder search found (All users tab), handed to the Bulk changes tab: a finished scan by its job, whose
 * stored matches the job visits; Jira's immediate answer (under its 1,000-match cap) by its account ids.
 */
export interface FoundTarget {
  /** What was searched for, as the choice names it: `costCenter`, `no costCenter`, `costCenter code = CC-4102`. */
  search: string;
  users: number;
  target: { finder: string } | { accountIds: string[] };
}

/** The Bulk changes form as typed; every field is kept when the target or the operation changes. */
export interface BulkDraft {
  target: TargetChoice;
  accountText: string;
  group?: GroupSummary;
  op: OperationChoice;
  key: string;
  json: string;
  /** Merge: also create the key where a user does not have it. */
  create: boolean;
  /** Rename: the new key. */
  to: string;
  /** Users a search found, offered as the `found` target until another search replaces them. */
  found?: FoundTarget;
}

export const EMPTY_DRAFT: BulkDraft = { target: 'listed', accountText: '', op: 'set', key: '', json: '', create: false, to: '' };

/** The draft with a search's users as its target (the rest of the form kept); unchanged without one. */
export const withFoundTarget = (draft: BulkDraft, found: FoundTarget | undefined): BulkDraft => (found ? { ...draft, target: 'found', found } : draft);

/** The found target's choice, and how the confirmation names its users. */
export const foundLabel = (found: FoundTarget) =>
  `Users found by the search for ${found.search} (${found.users.toLocaleString('en-US')} ${found.users === 1 ? 'user' : 'users'})`;

/** What startJob is given besides `kind` and `dryRun`. */
export interface BulkRequest {
  target: BulkTarget;
  operation: BulkOperation;
}

export interface DraftCheck {
  /** Set when the form is complete and valid. */
  request?: BulkRequest;
  /** What is wrong with what was typed; an empty field is not a problem, only incomplete. */
  problems: Partial<Record<'accounts' | 'key' | 'json' | 'to', string>>;
  accounts: AccountList;
  /** The JSON text parsed (set and merge). */
  json?: ParsedJson;
}

const problemOf = (check: () => unknown) => {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

function accountsProblem(accounts: AccountList): string | undefined {
  const [first] = accounts.invalid;
  if (first) {
    const more = accounts.invalid.length > 1 ? ` (and ${accounts.invalid.length - 1} more lines)` : '';
    return `Line ${first.line}: "${first.text}" is not an account id${more}. Account ids hold only letters, digits, ":", "_" and "-".`;
  }
  if (accounts.accountIds.length > MAX_LISTED_USERS) {
    return `A list holds at most ${MAX_LISTED_USERS.toLocaleString('en-US')} users; target a group or all users instead.`;
  }
  return undefined;
}

function targetOf(draft: BulkDraft, accounts: AccountList): BulkTarget | undefined {
  if (draft.target === 'all') return { all: true };
  if (draft.target === 'group') return draft.group ? { groupId: draft.group.groupId } : undefined;
  if (draft.target === 'found') return draft.found?.target;
  return accounts.accountIds.length > 0 ? { accountIds: accounts.accountIds } : undefined;
}

function operationOf(draft: BulkDraft, json: ParsedJson | undefined): BulkOperation | undefined {
  const { key } = draft;
  switch (draft.op) {
    case 'set':
      return json?.ok ? { op: 'set', key, json: json.json } : undefined;
    case 'merge':
      return json?.ok ? { op: 'merge', key, json: json.json, ...(draft.create ? { create: true } : {}) } : undefined;
    case 'delete':
      return { op: 'delete', key };
    case 'rename':
      return { op: 'rename', key, to: draft.to };
  }
}

/**
 * Checks the form with the resolver's own rules (keys as a single edit checks them, JSON as typed) and, when it is
 * complete, the request it makes. JSON goes as parsed: whitespace between tokens dropped, every number as written.
 */
export function checkDraft(draft: BulkDraft): DraftCheck {
  const accounts = readAccountList(draft.target === 'listed' ? draft.accountText : '');
  const problems: DraftCheck['problems'] = {};
  const listProblem = draft.target === 'listed' ? accountsProblem(accounts) : undefined;
  if (listProblem) problems.accounts = listProblem;
  // Keys Jira holds are deleted or renamed whatever they contain; a key the app writes must be a valid new key.
  const writesKey = draft.op === 'set' || draft.op === 'merge';
  const keyProblem = draft.key === '' ? undefined : problemOf(() => (writesKey ? validatePropertyKey(draft.key) : validateStoredKey(draft.key)));
  if (keyProblem) problems.key = keyProblem;
  const json = writesKey ? parseJsonText(draft.json) : undefined;
  if (json && !json.ok && draft.json.trim() !== '') problems.json = json.line ? `Line ${json.line}, column ${json.column}: ${json.message}` : json.message;
  if (json?.ok && json.bytes > MAX_VALUE_BYTES) {
    problems.json = `The JSON is ${json.bytes.toLocaleString('en-US')} bytes; Jira keeps at most ${MAX_VALUE_BYTES.toLocaleString('en-US')} per value.`;
  }
  if (draft.op === 'rename' && draft.to !== '') {
    const toProblem = draft.to === draft.key ? 'The new key must differ from the key.' : problemOf(() => validatePropertyKey(draft.to));
    if (toProblem) problems.to = toProblem;
  }

  const target = targetOf(draft, accounts);
  const operation = draft.key === '' || (draft.op === 'rename' && draft.to === '') ? undefined : operationOf(draft, json);
  if (!target || !operation || Object.keys(problems).length > 0) return { problems, accounts, json };
  return { request: { target, operation }, problems, accounts, json };
}

/** Two requests are the same change when this is equal: a dry run counts only for exactly the form it ran. */
export const requestKey = (request: BulkRequest) => JSON.stringify(request);
