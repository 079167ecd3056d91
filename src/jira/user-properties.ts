import { assumeTrustedRoute, route, type Route } from '@forge/api';
import { NotFoundError } from '../domain/errors';
import { propertyEntry, unreadableEntry, validatePropertyJson } from '../domain/property-json';
import { entryAnswerBytes } from '../domain/read-pages';
import { validateAccountId, validatePropertyKey, validateStoredKey } from '../domain/property-rules';
import type { PropertyEntry } from '../shared/contract';
import { mapWithConcurrency, readWithinBudget, type ReadBudget } from './concurrency';
import type { OperationDescription } from './errors';
import { expectStatus, malformedAnswer, type JiraHttp } from './http';
import { isRecord, memberText } from './json';

/** A stored property as Jira answered it: the value as its exact JSON text, never parsed into JavaScript numbers. */
export interface StoredProperty {
  key: string;
  /** The `value` member of Jira's answer, character for character (Jira may write non-ASCII as \u00E9-style escapes). */
  json: string;
}

export interface SetOutcome {
  outcome: 'created' | 'updated';
  /** UTF-8 bytes of the JSON text sent, as Jira counts them against its 32,768-byte limit. */
  bytes: number;
  /** An earlier attempt of this PUT may have been applied (see RetriedResponse), so `outcome` may describe ours. */
  earlierAttemptMayHaveApplied: boolean;
}

/**
 * The key as one path segment. `route` does not encode path values and throws on "/", "\\", "?", "#" and "..", so
 * the key is percent-encoded here ("a/b" → "a%2Fb"; Jira decodes it back) and handed to `route` as a Route, which
 * it inserts unchanged. Dots are encoded too when the key holds "..": a key Jira already stores, such as "a..b",
 * must stay readable and deletable, and once encoded it is one segment that no URL parser treats as a dot segment
 * ("." and ".." themselves are refused by validateStoredKey). Query values `route` encodes itself.
 */
function keySegment(key: unknown): Route {
  const encoded = encodeURIComponent(validateStoredKey(key));
  return assumeTrustedRoute(encoded.includes('..') ? encoded.replaceAll('.', '%2E') : encoded);
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
 * Reads the property's value as the exact text Jira answered: Jira stores the text it was sent and embeds it raw in
 * this answer (`{"key":…,"value":<the text>}`), so the text is cut out of the body rather than parsed (a parse would
 * round every number past double precision). The parsed body only checks the answer's shape.
 * The OpenAPI document lists 404 for "user not found" only; Jira also answers 404 for a missing property.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-get
 */
export async function getProperty(http: JiraHttp, accountId: string, key: string): Promise<StoredProperty> {
  const id = validateAccountId(accountId);
  const encodedKey = keySegment(key);
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
  // The body parsed, so the text is valid JSON and holds the member; undefined only if the two disagreed somehow.
  const json = memberText(answer.text, 'value');
  if (json === undefined) throw malformedAnswer(answer, operation, '{ key: string, value }');
  return { key: body.key, json };
}

/**
 * Reads `keys` with at most `concurrency` requests in flight, in the order given. A key deleted between
 * listing and reading (404) is left out rather than failing the whole read. A key no URL can address (Jira's REST
 * API cannot create one, but another way might have) is listed as `unreadable` rather than hiding the record.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-get
 */
export async function getProperties(
  http: JiraHttp,
  accountId: string,
  keys: readonly string[],
  concurrency = 8,
): Promise<PropertyEntry[]> {
  const id = validateAccountId(accountId);
  const entries = await mapWithConcurrency(keys, concurrency, async (key): Promise<PropertyEntry | undefined> => {
    const unreadable = unaddressable(key);
    if (unreadable) return unreadableEntry(key, unreadable);
    try {
      const property = await getProperty(http, id, key);
      return propertyEntry(property.key, property.json);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  });
  return entries.filter((entry): entry is PropertyEntry => entry !== undefined);
}

/** Why a listed key cannot be put in a URL at all ("..", a lone surrogate), or undefined when it can. */
export function unaddressable(key: string): string | undefined {
  try {
    validateStoredKey(key);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * A page's budget: entries counted as the JSON they take in the answer (`entryAnswerBytes`), a read in flight at the
 * most one entry can take (ENTRY_RESERVATION_BYTES).
 */
export type PageBudget = ReadBudget & { maxCount: number };

export interface PropertyPage {
  /** The values read, in the order of `keys`; a key deleted since it was listed (404) is left out. */
  properties: PropertyEntry[];
  /** The keys not read, in the order of `keys`: always a tail of it. */
  unread: string[];
}

/**
 * Reads the values of `keys` in order, at most `concurrency` at a time, and stops starting reads when the page is
 * full: `maxCount` reads started, the bytes read plus those in flight (each at `reservationBytes`) could pass
 * `maxBytes`, or time is up. So what it answers never holds more than `maxBytes` of entries (given Jira's 32,768-byte
 * cap and a reservation that bounds one entry), and each key is read at most once. The first read always starts, so every page makes progress. A key deleted
 * since it was listed (404) is left out; a key no URL can address is answered `unreadable` without a request. The
 * first failure fails the page, as in `getProperties`.
 * `read` is one GET of one property (`JiraClient.getProperty` bound to the user).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-get
 */
export async function readPropertyPage(
  read: (key: string) => Promise<StoredProperty>,
  keys: readonly string[],
  budget: PageBudget,
): Promise<PropertyPage> {
  const readEntry = async (key: string): Promise<PropertyEntry | undefined> => {
    try {
      const property = await read(key);
      return propertyEntry(property.key, property.json);
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  };
  const unreadable = (key: string) => {
    const why = unaddressable(key);
    return why ? unreadableEntry(key, why) : undefined;
  };
  const { results, taken } = await readWithinBudget(keys, budget, entryAnswerBytes, readEntry, unreadable);
  return { properties: results.filter((entry): entry is PropertyEntry => entry !== undefined), unread: keys.slice(taken) };
}

export interface WriteOptions {
  /** Runs before a retried attempt; a conditional write re-checks the stored state there. */
  beforeRetry?: () => Promise<void>;
}

/**
 * Creates or replaces the property with `json`, a value's JSON text, sent as the body exactly as given (checked
 * first: valid JSON, at most 32,768 UTF-8 bytes, see validatePropertyJson), so Jira stores those very characters.
 * After a retry, "updated" may follow an attempt that created it: the outcome is what Jira answered last.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-put
 */
export async function setProperty(
  http: JiraHttp,
  accountId: string,
  key: string,
  json: string,
  options: WriteOptions = {},
): Promise<SetOutcome> {
  const id = validateAccountId(accountId);
  // Keys the app creates or replaces follow the write rules; reads and deletes take any key Jira holds.
  const encodedKey = keySegment(validatePropertyKey(key));
  const { bytes } = validatePropertyJson(json);
  const operation = { action: `save the property ${JSON.stringify(key)} of user ${id}`, missing: `user ${id}` };
  const answer = await http.requestJira(
    route`/rest/api/3/user/properties/${encodedKey}?accountId=${id}`,
    { method: 'PUT', body: json, beforeRetry: options.beforeRetry },
    operation,
  );
  expectStatus(answer, operation, 200, 201);
  return { outcome: answer.status === 201 ? 'created' : 'updated', bytes, earlierAttemptMayHaveApplied: answer.earlierAttemptMayHaveApplied };
}

/**
 * Deletes the property. A 404 after a retried attempt means an earlier attempt deleted it, so it counts as deleted.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-properties/#api-rest-api-3-user-properties-propertykey-delete
 */
export async function deleteProperty(http: JiraHttp, accountId: string, key: string, options: WriteOptions = {}): Promise<void> {
  const id = validateAccountId(accountId);
  const encodedKey = keySegment(key);
  const operation = propertyOperation('delete', id, key);
  const answer = await http.requestJira(
    route`/rest/api/3/user/properties/${encodedKey}?accountId=${id}`,
    { method: 'DELETE', beforeRetry: options.beforeRetry },
    operation,
  );
  if (answer.status === 404 && answer.earlierAttemptMayHaveApplied) return;
  expectStatus(answer, operation, 204);
}
