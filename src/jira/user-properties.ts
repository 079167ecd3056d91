import { route } from '@forge/api';
import { NotFoundError, ValidationError } from '../domain/errors';
import { byteSizeOf, validateAccountId, validatePropertyKey, validatePropertyValue } from '../domain/property-rules';
import type { PropertyEntry } from '../shared/contract';
import { mapWithConcurrency } from './concurrency';
import type { OperationDescription } from './errors';
import { expectStatus, malformedAnswer, type JiraHttp } from './http';
import { isRecord } from './json';

export interface SetOutcome {
  outcome: 'created' | 'updated';
  /** UTF-8 bytes of the JSON sent, as Jira counts them against its 32,768-byte limit. */
  bytes: number;
}

// `route` does not encode path values and throws on "/", "\", "?", "#" and "..", so the key is validated and
// percent-encoded here ("a/b" → "a%2Fb"); Jira decodes it back. Query values `route` encodes itself.
function encodeKey(key: unknown): string {
  const valid = validatePropertyKey(key);
  try {
    return encodeURIComponent(valid);
  } catch {
    // URIError: a lone UTF-16 surrogate, which has no UTF-8 form and so cannot be sent.
    throw new ValidationError('The property key must be valid Unicode text.');
  }
}

function propertyOperation(verb: string, accountId: string, key: string): OperationDescription {
  return {
    action: `${verb} the property ${JSON.stringify(key)} of user ${accountId}`,
    missing: `the property ${JSON.stringify(key)} of user ${accountId}, or the user`,
  };
}

/**
 * Keys of every property stored on the user, Jira's and other apps' included.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-get
 */
export async function listPropertyKeys(http: JiraHttp, accountId: string): Promise<string[]> {
  const id = validateAccountId(accountId);
  const operation = { action: `list the properties of user ${id}`, missing: `user ${id}` };
  const answer = await http.requestJira(
    route`/rest/api/3/user/properties?accountId=${id}`,
    { method: 'GET' },
    operation,
  );
  expectStatus(answer, operation, 200);
  const { body } = answer;
  if (!isRecord(body) || !Array.isArray(body.keys)) throw malformedAnswer(answer, operation, '{ keys: [...] }');
  return body.keys.map((entry: unknown) => {
    if (!isRecord(entry) || typeof entry.key !== 'string') throw malformedAnswer(answer, operation, '{ key: string }');
    return entry.key;
  });
}

/**
 * The OpenAPI document lists 404 for "user not found" only; Jira also answers 404 for a missing property.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-get
 */
export async function getProperty(
  http: JiraHttp,
  accountId: string,
  key: string,
): Promise<{ key: string; value: unknown }> {
  const id = validateAccountId(accountId);
  const encodedKey = encodeKey(key);
  const operation = propertyOperation('read', id, key);
  const answer = await http.requestJira(
    route`/rest/api/3/user/properties/${encodedKey}?accountId=${id}`,
    { method: 'GET' },
    operation,
  );
  expectStatus(answer, operation, 200);
  const { body } = answer;
  if (!isRecord(body) || typeof body.key !== 'string' || !('value' in body)) {
    throw malformedAnswer(answer, operation, '{ key: string, value }');
  }
  return { key: body.key, value: body.value };
}

/**
 * Reads `keys` with at most `concurrency` requests in flight, in the order given. A key deleted between
 * listing and reading (404) is left out rather than failing the whole read.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-get
 */
export async function getProperties(
  http: JiraHttp,
  accountId: string,
  keys: readonly string[],
  concurrency = 8,
): Promise<PropertyEntry[]> {
  const id = validateAccountId(accountId);
  keys.forEach(encodeKey); // every key checked before the first request
  const entries = await mapWithConcurrency(keys, concurrency, async (key) => {
    try {
      const property = await getProperty(http, id, key);
      return { key: property.key, value: property.value, bytes: byteSizeOf(property.value) };
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  });
  return entries.filter((entry): entry is PropertyEntry => entry !== undefined);
}

/**
 * Creates or replaces the property. After a retry, "updated" may follow an attempt that created it:
 * the outcome is what Jira answered last.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-put
 */
export interface WriteOptions {
  /** Runs before a retried attempt; a conditional write re-checks the stored state there. */
  beforeRetry?: () => Promise<void>;
}

export async function setProperty(
  http: JiraHttp,
  accountId: string,
  key: string,
  value: unknown,
  options: WriteOptions = {},
): Promise<SetOutcome> {
  const id = validateAccountId(accountId);
  const encodedKey = encodeKey(key);
  const { json, bytes } = validatePropertyValue(value);
  const operation = { action: `save the property ${JSON.stringify(key)} of user ${id}`, missing: `user ${id}` };
  const answer = await http.requestJira(
    route`/rest/api/3/user/properties/${encodedKey}?accountId=${id}`,
    { method: 'PUT', body: json, beforeRetry: options.beforeRetry },
    operation,
  );
  expectStatus(answer, operation, 200, 201);
  return { outcome: answer.status === 201 ? 'created' : 'updated', bytes };
}

/**
 * Deletes the property. A 404 after a retried attempt means an earlier attempt deleted it, so it counts as deleted.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-delete
 */
export async function deleteProperty(http: JiraHttp, accountId: string, key: string, options: WriteOptions = {}): Promise<void> {
  const id = validateAccountId(accountId);
  const encodedKey = encodeKey(key);
  const operation = propertyOperation('delete', id, key);
  const answer = await http.requestJira(
    route`/rest/api/3/user/properties/${encodedKey}?accountId=${id}`,
    { method: 'DELETE', beforeRetry: options.beforeRetry },
    operation,
  );
  if (answer.status === 404 && answer.earlierAttemptMayHaveApplied) return;
  expectStatus(answer, operation, 204);
}
