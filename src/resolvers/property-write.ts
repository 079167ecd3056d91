import { ConflictError } from '../domain/errors';
import { recordedWrite } from '../history/recorded-write';
import type { JiraClient } from '../jira/client';
import type { Target } from '../security/target-policy';
import type { DeletePropertyResult, ExpectedState, HistoryEntry, PreferenceDefinition, SetPropertyResult, WriteAuthority } from '../shared/contract';
import { assertEntitled, authorityOverOthers, authorizeSelfWrite, clientFor } from './authority';
import { assertOutcomeAsExpected, prepareWrite } from './expected-state';
import type { Invocation } from './invocation';

/** What the caller may write with: the client, the right it holds, and the schema a self-written value must match. */
export interface WriteAccess {
  jira: JiraClient;
  authority: WriteAuthority;
  principal: HistoryEntry['principal'];
  definition?: PreferenceDefinition;
}

/** Refuses before any write unless the caller may write this key on this target. */
export async function authorizeWrite(invocation: Invocation, target: Target, key: string, operation: 'write-property' | 'delete-property'): Promise<WriteAccess> {
  if (!target.needsAdmin) {
    const definition = await authorizeSelfWrite(invocation, key);
    return { jira: invocation.jira(operation), authority: 'self', principal: 'asUser', ...(definition ? { definition } : {}) };
  }
  const authority = await authorityOverOthers(invocation);
  assertEntitled(authority, key);
  return {
    jira: clientFor(invocation, authority, operation, target),
    authority: authority.kind,
    principal: authority.kind === 'admin' ? 'asUser' : 'asApp',
  };
}

export interface PropertyWrite {
  target: Target;
  key: string;
  /** The JSON text to store; undefined deletes the key. */
  json?: string;
  expected?: ExpectedState;
  /** What a caller reads when the stored state is not the expected one (default: an edit session's wording). */
  conflictMessage?: string;
  restoredFrom?: string;
}

/**
 * One write, checked against what the caller expected and recorded in the history: the stored state is read just
 * before (the entry's "before", and the conditional check), the entry is settled by Jira's answer.
 */
export async function writeProperty(invocation: Invocation, access: WriteAccess, write: PropertyWrite & { json: string }): Promise<SetPropertyResult>;
export async function writeProperty(invocation: Invocation, access: WriteAccess, write: PropertyWrite & { json?: undefined }): Promise<DeletePropertyResult>;
export async function writeProperty(invocation: Invocation, access: WriteAccess, write: PropertyWrite): Promise<SetPropertyResult | DeletePropertyResult>;
export async function writeProperty(invocation: Invocation, access: WriteAccess, write: PropertyWrite): Promise<SetPropertyResult | DeletePropertyResult> {
  const { jira } = access;
  const { accountId } = write.target;
  const { key, json, expected } = write;
  const { before, options } = await prepareWrite(jira, accountId, key, expected, json === undefined ? { exists: false } : { exists: true, json }).catch(
    (error: unknown) => {
      throw error instanceof ConflictError && write.conflictMessage ? new ConflictError(write.conflictMessage) : error;
    },
  );
  const draft = {
    actorAccountId: invocation.caller.accountId,
    authority: access.authority,
    principal: access.principal,
    moduleKey: invocation.caller.moduleKey,
    accountId,
    key,
    ...(before.exists ? { before: before.json } : {}),
    ...(json === undefined ? {} : { after: json }),
    ...(write.restoredFrom ? { restoredFrom: write.restoredFrom } : {}),
  };
  if (json === undefined) {
    await recordedWrite(draft, () => jira.deleteProperty(accountId, key, options));
    return { key, accountId, deleted: true };
  }
  const { result } = await recordedWrite(
    draft,
    () => jira.setProperty(accountId, key, json, options),
    (answer) => ({ operation: answer.outcome === 'created' ? 'create' : 'update' }),
  );
  if (expected) assertOutcomeAsExpected(expected, result, { caller: invocation.caller, accountId, key });
  return { key, accountId, outcome: result.outcome, bytes: result.bytes };
}
