import { route } from '@forge/api';
import { ValidationError } from '../domain/errors';
import { expectStatus, malformedAnswer, type JiraHttp } from './http';
import { isRecord } from './json';

/** `GET /users/search` answers at most 1,000 users per page (its `maxResults` is "limited to 1000"). */
export const MAX_USERS_PAGE = 1_000;

export interface SiteUser {
  accountId: string;
  /** 'atlassian' for people; 'app' and 'customer' accounts are not site users in the inventory's sense. */
  accountType: string;
  active: boolean;
  displayName: string;
}

/**
 * One page of every account on the site, active, inactive and deleted, in Jira's order. A page shorter than
 * `maxResults` is the last one (the operation answers a bare list, with no total).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-users-search-get
 */
export async function listSiteUsers(http: JiraHttp, startAt: number, maxResults: number): Promise<SiteUser[]> {
  if (!Number.isInteger(startAt) || startAt < 0) throw new ValidationError('startAt must be a whole number, 0 or more.');
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_USERS_PAGE) {
    throw new ValidationError(`maxResults must be between 1 and ${MAX_USERS_PAGE}.`);
  }
  const operation = { action: `list the site's users from ${startAt}`, missing: 'the user list' };
  const answer = await http.requestJira(route`/rest/api/3/users/search?startAt=${startAt}&maxResults=${maxResults}`, { method: 'GET' }, operation);
  expectStatus(answer, operation, 200);
  if (!Array.isArray(answer.body)) throw malformedAnswer(answer, operation, 'a list of users');
  return answer.body.map((user) => {
    if (!isRecord(user) || typeof user.accountId !== 'string') throw malformedAnswer(answer, operation, 'users with a string accountId');
    return {
      accountId: user.accountId,
      accountType: typeof user.accountType === 'string' ? user.accountType : 'unknown',
      active: user.active !== false,
      displayName: typeof user.displayName === 'string' ? user.displayName : user.accountId,
    };
  });
}
