import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { utf8Bytes } from '../domain/property-rules';
import type { JiraClient } from './client';

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

export interface KeyValuesBudget {
  /** Reads in flight at most. */
  concurrency: number;
  /** Bytes the answered values may take as JSON: those read, plus each read in flight at `reservationBytes`. */
  maxBytes: number;
  /** The most one value can take as JSON until its answer lands. */
  reservationBytes: number;
  /** True once no new read should start. */
  timeIsUp: () => boolean;
}

/** UTF-8 bytes of a value as the answer's JSON carries it. */
export const keyValueBytes = (value: KeyValue) => utf8Bytes(JSON.stringify(value));

/**
 * Reads the users' values in the order given, at most `concurrency` at a time, and stops starting reads once time is up
 * or the values read plus those in flight could pass `maxBytes`: it answers the values of a prefix of `accountIds` (the
 * first read always starts, so every call makes progress), and the caller asks again for the rest. The first failure
 * that is not about one user fails the read.
 */
export function readKeyValues(read: (accountId: string, index: number) => Promise<KeyValue>, accountIds: readonly string[], budget: KeyValuesBudget): Promise<KeyValue[]> {
  const { concurrency, maxBytes, reservationBytes, timeIsUp } = budget;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    return Promise.reject(new RangeError(`The concurrency limit must be a positive integer, not ${concurrency}.`));
  }
  const values = new Array<KeyValue>(accountIds.length);
  return new Promise<KeyValue[]>((resolve, reject) => {
    let next = 0;
    let inFlight = 0;
    let bytes = 0;
    let stopped = false;
    const mayStart = () =>
      next < accountIds.length && inFlight < concurrency && (next === 0 || (bytes + (inFlight + 1) * reservationBytes <= maxBytes && !timeIsUp()));
    const launch = (): void => {
      while (!stopped && mayStart()) {
        const index = next++;
        inFlight++;
        // Through `then` so a synchronous throw in `read` becomes a rejection too.
        Promise.resolve()
          .then(() => read(accountIds[index], index))
          .then(
            (value) => {
              if (stopped) return;
              values[index] = value;
              bytes += keyValueBytes(value);
              inFlight--;
              launch();
            },
            (error: unknown) => {
              if (stopped) return;
              stopped = true;
              reject(error);
            },
          );
      }
      if (!stopped && inFlight === 0) {
        stopped = true;
        resolve(values.slice(0, next));
      }
    };
    launch();
  });
}
