import { route } from '@forge/api';
import { ValidationError } from '../domain/errors';
import { validateAccountId } from '../domain/property-rules';
import type { UserSummary } from '../shared/contract';
import type { OperationDescription } from './errors';
import { expectStatus, malformedAnswer, type JiraAnswer, type JiraHttp } from './http';
import { isRecord } from './json';

export const MAX_SEARCH_RESULTS = 1_000; // Jira's user search stops at 1,000 users.
const MAX_QUERY_LENGTH = 255;

/** Jira's User bean → UserSummary; undefined unless it has a string accountId. */
export function toUserSummary(user: unknown): UserSummary | undefined {
  if (!isRecord(user) || typeof user.accountId !== 'string') return undefined;
  const avatarUrl = isRecord(user.avatarUrls) ? user.avatarUrls['48x48'] : undefined;
  return {
    accountId: user.accountId,
    // Privacy settings can hide fields; the accountId is the only one Jira always sends.
    displayName: typeof user.displayName === 'string' ? user.displayName : user.accountId,
    active: typeof user.active === 'boolean' ? user.active : true,
    ...(typeof avatarUrl === 'string' ? { avatarUrl } : {}),
    ...(typeof user.emailAddress === 'string' ? { emailAddress: user.emailAddress } : {}),
  };
}

function userFrom(answer: JiraAnswer, operation: OperationDescription): UserSummary {
  const user = toUserSummary(answer.body);
  if (!user) throw malformedAnswer(answer, operation, 'a user with a string accountId');
  return user;
}

/**
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
 */
export async function getUser(http: JiraHttp, accountId: string): Promise<UserSummary> {
  const id = validateAccountId(accountId);
  const operation = { action: `read user ${id}`, missing: `user ${id}` };
  const answer = await http.requestJira(route`/rest/api/3/user?accountId=${id}`, { method: 'GET' }, operation);
  expectStatus(answer, operation, 200);
  return userFrom(answer, operation);
}

/**
 * The user the transport acts as: the caller with `asUser()`, the app's own user with `asApp()`.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
 */
export async function getCurrentUser(http: JiraHttp): Promise<UserSummary> {
  const operation = { action: 'read the current user', missing: 'the current user' };
  const answer = await http.requestJira(route`/rest/api/3/myself`, { method: 'GET' }, operation);
  expectStatus(answer, operation, 200);
  return userFrom(answer, operation);
}

/**
 * Users whose display name or email address starts with `query`.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get
 */
export async function findUsers(http: JiraHttp, query: string, maxResults = 20): Promise<UserSummary[]> {
  if (typeof query !== 'string' || query.trim() === '') {
    throw new ValidationError('Type part of a name or email address to search for.');
  }
  if (query.length > MAX_QUERY_LENGTH) {
    throw new ValidationError(`The search text is longer than ${MAX_QUERY_LENGTH} characters.`);
  }
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_SEARCH_RESULTS) {
    throw new ValidationError(`maxResults must be a whole number from 1 to ${MAX_SEARCH_RESULTS}.`);
  }
  const operation = { action: 'search for users', missing: 'the user search' };
  const answer = await http.requestJira(
    route`/rest/api/3/user/search?query=${query}&maxResults=${maxResults}`,
    { method: 'GET' },
    operation,
  );
  expectStatus(answer, operation, 200);
  if (!Array.isArray(answer.body)) throw malformedAnswer(answer, operation, 'an array of users');
  return answer.body.map((item: unknown) => {
    const user = toUserSummary(item);
    if (!user) throw malformedAnswer(answer, operation, 'users with a string accountId');
    return user;
  });
}

/**
 * People (accountType atlassian; the search answers active users only) whose property matches `property`
 * (`key.path=value`), as Jira's search finds them. It looks at no more than MAX_SEARCH_RESULTS matches, so an answer
 * that long may be cut short (the caller then scans instead). The request is written out as in findUsers, not
 * shared: @forge/lint checks scopes only for `route` templates inline in a requestJira call.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get
 */
export async function findUsersByProperty(http: JiraHttp, property: string): Promise<UserSummary[]> {
  const operation = { action: 'search for users by property', missing: 'the user search' };
  const answer = await http.requestJira(
    route`/rest/api/3/user/search?property=${property}&maxResults=${MAX_SEARCH_RESULTS}`,
    { method: 'GET' },
    operation,
  );
  expectStatus(answer, operation, 200);
  if (!Array.isArray(answer.body)) throw malformedAnswer(answer, operation, 'an array of users');
  return answer.body.flatMap((item: unknown) => {
    const user = toUserSummary(item);
    if (!user) throw malformedAnswer(answer, operation, 'users with a string accountId');
    const accountType = isRecord(item) ? item.accountType : undefined;
    return accountType === undefined || accountType === 'atlassian' ? [user] : [];
  });
}
