import { route } from '@forge/api';
import { ValidationError } from '../domain/errors';
import type { GroupSummary } from '../shared/contract';
import { expectStatus, malformedAnswer, type JiraHttp } from './http';
import { isRecord } from './json';

const MAX_GROUP_QUERY_LENGTH = 255;

function toGroup(item: unknown): GroupSummary | undefined {
  if (!isRecord(item) || typeof item.name !== 'string' || typeof item.groupId !== 'string') return undefined;
  return { groupId: item.groupId, name: item.name };
}

/**
 * The groups of the user the transport acts as, read fresh on every call (a membership removed in Jira counts
 * at once). `/myself?expand=groups` needs only read:jira-user, unlike `/group/member`.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
 */
export async function getMyGroups(http: JiraHttp): Promise<GroupSummary[]> {
  const operation = { action: 'read your groups', missing: 'the current user' };
  const answer = await http.requestJira(route`/rest/api/3/myself?expand=groups`, { method: 'GET' }, operation);
  expectStatus(answer, operation, 200);
  const groups = isRecord(answer.body) && isRecord(answer.body.groups) ? answer.body.groups.items : undefined;
  if (!Array.isArray(groups)) throw malformedAnswer(answer, operation, 'a user with groups.items');
  return groups.map((item: unknown) => {
    const group = toGroup(item);
    if (!group) throw malformedAnswer(answer, operation, 'groups with a name and a groupId');
    return group;
  });
}

/**
 * Groups whose name contains the query (case-insensitive).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-groups-picker-get
 */
export async function findGroups(http: JiraHttp, query: string, maxResults = 20): Promise<GroupSummary[]> {
  if (typeof query !== 'string' || query.length > MAX_GROUP_QUERY_LENGTH) {
    throw new ValidationError(`The group search text must be at most ${MAX_GROUP_QUERY_LENGTH} characters.`);
  }
  const operation = { action: 'search for groups', missing: 'the group search' };
  const answer = await http.requestJira(
    route`/rest/api/3/groups/picker?query=${query}&maxResults=${maxResults}&caseInsensitive=${'true'}`,
    { method: 'GET' },
    operation,
  );
  expectStatus(answer, operation, 200);
  const groups = isRecord(answer.body) ? answer.body.groups : undefined;
  if (!Array.isArray(groups)) throw malformedAnswer(answer, operation, '{ groups: [...] }');
  return groups.map((item: unknown) => {
    const group = toGroup(item);
    if (!group) throw malformedAnswer(answer, operation, 'groups with a name and a groupId');
    return group;
  });
}

/** GET /group/member answers at most 50 members a page. */
export const GROUP_MEMBERS_PAGE = 50;

export interface GroupMembersPage {
  accountIds: string[];
  isLast: boolean;
}

/**
 * One page of a group's members, inactive ones included (a bulk change targets the group as Jira lists it to admins).
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-member-get
 */
export async function listGroupMembers(http: JiraHttp, groupId: string, startAt: number): Promise<GroupMembersPage> {
  if (typeof groupId !== 'string' || groupId.trim() === '' || groupId.length > MAX_GROUP_QUERY_LENGTH) throw new ValidationError('"groupId" must be a group id.');
  const operation = { action: `list the members of group ${groupId}`, missing: `the group ${groupId}` };
  const answer = await http.requestJira(
    route`/rest/api/3/group/member?groupId=${groupId}&includeInactiveUsers=${'true'}&startAt=${startAt}&maxResults=${GROUP_MEMBERS_PAGE}`,
    { method: 'GET' },
    operation,
  );
  expectStatus(answer, operation, 200);
  const values = isRecord(answer.body) ? answer.body.values : undefined;
  if (!Array.isArray(values)) throw malformedAnswer(answer, operation, '{ values: [...] }');
  const accountIds = values.map((item: unknown) => {
    if (!isRecord(item) || typeof item.accountId !== 'string') throw malformedAnswer(answer, operation, 'members with an accountId');
    return item.accountId;
  });
  const isLast = isRecord(answer.body) && answer.body.isLast === true;
  return { accountIds, isLast: isLast || accountIds.length === 0 };
}

/**
 * The groups of any user, asked as the app: how a job re-checks, with no user present, that its owner still belongs
 * to a delegated group.
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
 */
export async function getUserGroups(http: JiraHttp, accountId: string): Promise<GroupSummary[]> {
  const operation = { action: `read the groups of user ${accountId}`, missing: `user ${accountId}` };
  const answer = await http.requestJira(route`/rest/api/3/user?accountId=${accountId}&expand=${'groups'}`, { method: 'GET' }, operation);
  expectStatus(answer, operation, 200);
  const groups = isRecord(answer.body) && isRecord(answer.body.groups) ? answer.body.groups.items : undefined;
  if (!Array.isArray(groups)) throw malformedAnswer(answer, operation, 'a user with groups.items');
  return groups.map((item: unknown) => toGroup(item)).filter((group): group is GroupSummary => group !== undefined);
}
