import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { jsonTextEqual } from '../domain/json-equal';
import { validatePropertyJson } from '../domain/property-json';
import type { JiraClient } from '../jira/client';
import type { SetOutcome } from '../jira/user-properties';
import type { Caller } from '../security/caller';
import type { ExpectedState } from '../shared/contract';

const EXPECTED_SHAPE = '"expected" must be { "exists": false } or { "exists": true, "json": "…" }.';

/**
 * The expected state of a write, its `json` checked like a value's text (validatePropertyJson). Run after the
 * caller's rights are checked: a payload can make the check expensive.
 */
export function readExpectedState(raw: unknown): ExpectedState | undefined {
  if (raw === undefined || raw === null) return undefined;
  const fields = raw as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw) || typeof fields.exists !== 'boolean') throw new ValidationError(EXPECTED_SHAPE);
  const unknown = Object.keys(fields).filter((field) => field !== 'exists' && (field !== 'json' || !fields.exists));
  if (unknown.length > 0) throw new ValidationError(`Unexpected field(s) in "expected": ${unknown.join(', ')}. ${EXPECTED_SHAPE}`);
  if (!fields.exists) return { exists: false };
  if (!Object.hasOwn(fields, 'json')) throw new ValidationError('"expected" with "exists": true needs the "json" it started from.');
  return { exists: true, json: validatePropertyJson(fields.json, 'expected.json').json };
}

/** What is stored now: the value's exact text as Jira answered it. */
export type StoredState = { exists: false } | { exists: true; json: string };

/** The stored state of one key, read just now. */
export async function readStoredState(jira: JiraClient, accountId: string, key: string): Promise<StoredState> {
  try {
    return { exists: true, json: (await jira.getProperty(accountId, key)).json };
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return { exists: false };
  }
}

/** Whether the stored value is the expected one, by exact meaning (jsonTextEqual, a lossless parse). */
function sameState(stored: StoredState, expected: ExpectedState): boolean {
  if (!stored.exists || !expected.exists) return stored.exists === expected.exists;
  return jsonTextEqual(stored.json, expected.json);
}

/**
 * Refuses a write when the stored state is not what the editor started from. Jira has no conditional write for
 * properties, so this is a read just before the write: it closes the window of an edit session (minutes) down to
 * one round trip (milliseconds), which is what protects people from overwriting each other. A write that Jira
 * makes us retry (429, 503, a dropped connection) checks again before each retry, so a wait of seconds does not
 * reopen the window. The stored value is read as its exact text, so numbers are compared digit for digit.
 */
export async function assertStoredState(
  jira: JiraClient,
  accountId: string,
  key: string,
  expected: ExpectedState,
  orAfterWrite?: ExpectedState,
): Promise<StoredState> {
  const stored = await readStoredState(jira, accountId, key);
  // Before a retry, an earlier attempt of this very write may already have landed: that state is ours, not a conflict.
  if (orAfterWrite && sameState(stored, orAfterWrite)) return stored;
  if (!expected.exists && stored.exists) {
    throw new ConflictError(`A property "${key}" already exists for this user. Open it to edit it instead.`);
  }
  if (expected.exists && !stored.exists) {
    throw new ConflictError(`"${key}" was deleted by someone else since you opened it.`);
  }
  if (expected.exists && stored.exists && !jsonTextEqual(stored.json, expected.json)) {
    throw new ConflictError(`"${key}" was changed by someone else since you opened it. Compare both versions, then reload or overwrite.`);
  }
  return stored;
}

/**
 * Reads the stored state just before a write (the history's "before"), refusing with CONFLICT when the write is
 * conditional and it is not the expected one; the write options check it again before each retry.
 */
export async function prepareWrite(
  jira: JiraClient,
  accountId: string,
  key: string,
  expected: ExpectedState | undefined,
  afterWrite: ExpectedState,
): Promise<{ before: StoredState; options: { beforeRetry?: () => Promise<void> } }> {
  if (!expected) return { before: await readStoredState(jira, accountId, key), options: {} };
  const before = await assertStoredState(jira, accountId, key, expected);
  return { before, options: { beforeRetry: async () => void (await assertStoredState(jira, accountId, key, expected, afterWrite)) } };
}

/**
 * Jira's answer to the PUT itself tells whether the key existed just before it: 201 created, 200 replaced. When
 * that contradicts the state the write was conditional on, someone else's create or delete landed between our check
 * and our write (Jira has no conditional write to prevent it). The value is written by then; what the app can do is
 * not report success, say what happened, and leave a record in the app's log (`forge logs`) for the admin.
 * Not after a retried attempt that may have applied: then the 200 may answer our own earlier 201.
 */
export function assertOutcomeAsExpected(expected: ExpectedState, result: SetOutcome, write: { caller: Caller; accountId: string; key: string }): void {
  if (result.earlierAttemptMayHaveApplied) return;
  const contradicted = expected.exists ? result.outcome === 'created' : result.outcome === 'updated';
  if (!contradicted) return;
  console.warn(
    JSON.stringify({
      event: 'conditional-write-contradicted',
      expected: expected.exists ? 'exists' : 'absent',
      jiraAnswered: result.outcome,
      actor: write.caller.accountId,
      moduleKey: write.caller.moduleKey,
      accountId: write.accountId,
      key: write.key,
    }),
  );
  throw new ConflictError(
    expected.exists
      ? `"${write.key}" was deleted by someone else just before your save, so your save created it again. Check whether it should exist.`
      : `Someone else created "${write.key}" just before your save, and your value replaced theirs. Open the property to check it.`,
  );
}
