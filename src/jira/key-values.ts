import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { utf8Bytes } from '../domain/property-rules';
import type { JiraClient } from './client';
import { readWithinBudget, type ReadBudget } from './concurrency';

/** One user's value of one key: the exact text Jira answered, none (no such key), or why Jira refused the user. */
export interface KeyValue {
  accountId: string;
  json?: string;
  error?: string;
}

/** Refusals that concern one user only; anything else (a rate limit past its retries, a 5xx) fails the whole read. */
const refusesTheUser = (error: unknown): error is Error =>
  error instanceof NotFoundError || error instanceof ForbiddenError || error instanceof ValidationError;

/**
 * The user's value of `key`, as its exact text. Jira answers 404 both for a key the user does not have and for a user
 * that does not exist (a deleted account): the listing of the user's keys, which 404s only for a missing user, tells
 * which, so a deleted account is an error rather than a user without the key. The listing is sent only after a 404.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-get
 */
export async function readKeyValue(jira: JiraClient, accountId: string, key: string): Promise<KeyValue> {
  try {
    return { accountId, json: (await jira.getProperty(accountId, key)).json };
  } catch (error) {
    if (!refusesTheUser(error)) throw error;
    if (!(error instanceof NotFoundError)) return { accountId, error: error.message };
  }
  try {
    await jira.listPropertyKeys(accountId);
    return { accountId };
  } catch (error) {
    if (!refusesTheUser(error)) throw error;
    return { accountId, error: error.message };
  }
}

/** Values counted as the JSON the answer carries them in (`keyValueBytes`). */
export type KeyValuesBudget = Omit<ReadBudget, 'maxCount'>;

/** UTF-8 bytes of a value as the answer's JSON carries it. */
export const keyValueBytes = (value: KeyValue) => utf8Bytes(JSON.stringify(value));

/**
 * Reads the users' values in the order given, at most `concurrency` at a time, and stops starting reads once time is up
 * or the values read plus those in flight could pass `maxBytes`: it answers the values of a prefix of `accountIds` (the
 * first read always starts, so every call makes progress), and the caller asks again for the rest. The first failure
 * that is not about one user fails the read.
 */
export async function readKeyValues(read: (accountId: string, index: number) => Promise<KeyValue>, accountIds: readonly string[], budget: KeyValuesBudget): Promise<KeyValue[]> {
  const { results } = await readWithinBudget(accountIds, budget, keyValueBytes, read);
  return results as KeyValue[];
}
