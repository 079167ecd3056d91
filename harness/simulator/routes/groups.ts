import { MESSAGES } from '../errors';
import { errorResponse, intParam, jsonResponse, type SimResponse } from '../http';
import { hasAdminister, hasBrowseUsersAndGroups, KNOWN_PERMISSIONS } from '../permissions';
import { renderAppUserDetails, renderFoundGroup, renderUserDetails, type GroupRef } from '../render';
import { APP_GROUP_NAME, APP_USER } from '../seed';
import type { SimStore } from '../store';
import type { SimGroup, SimPrincipal } from '../types';
import type { AuthedContext, OptionalAuthContext } from './context';

/** GET /group/member: "number should be between 1 and 50", default 50. Values outside are clamped. */
export const GROUP_MEMBER_MAX_RESULTS = 50;
/** GET /groups/picker answers at most jira.ajax.autocomplete.limit groups (20 by default), also its default. */
export const GROUP_PICKER_LIMIT = 20;

/**
 * The groups `expand=groups` lists. The Forge app user is not a row in `users`: like every app user, it is a member of
 * atlassian-addons-admin (groupId null on a site seeded without groups; the GroupName schema allows it).
 */
export function groupRefsOf(store: SimStore, who: { accountId: string } | 'app'): GroupRef[] {
  if (who === 'app' || who.accountId === APP_USER.accountId) {
    return [store.getGroupByName(APP_GROUP_NAME) ?? { name: APP_GROUP_NAME, groupId: null }];
  }
  return store.groupsOf(who.accountId);
}

interface Member {
  accountId: string;
  displayName: string;
  active: boolean;
  render(base: string, viewer: SimPrincipal): Record<string, unknown>;
}

// Jira orders members by username, which it no longer returns; display name then account ID is the stable stand-in
// (the order of listUsers()).
function membersOf(store: SimStore, group: SimGroup): Member[] {
  const members: Member[] = store.membersOf(group.name).map((user) => ({
    accountId: user.accountId,
    displayName: user.displayName,
    active: user.active,
    render: (base, viewer) => renderUserDetails(user, base, viewer),
  }));
  if (group.name.toLowerCase() === APP_GROUP_NAME) {
    members.push({ accountId: APP_USER.accountId, displayName: APP_USER.displayName, active: true, render: renderAppUserDetails });
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return members.sort((a, b) => order(a.displayName, b.displayName) || order(a.accountId, b.accountId));
}

function booleanParam(params: URLSearchParams, name: string): boolean {
  return (params.get(name) ?? '').trim().toLowerCase() === 'true';
}

/**
 * GET /rest/api/3/group/member → PageBeanUserDetails.
 *
 * Permission: the operation's description says "either of Browse users and groups or Administer Jira"; its 403
 * response text still says Administer Jira only (Atlassian fixed the docs to the former, JRACLOUD-77810). Followed the
 * description. Browse users and groups comes from group membership (permissions.ts), so a user taken out of
 * jira-software-users is refused from the next request on; the app principal has both.
 * Checks in Jira's order: group parameters (400), permission (403), group exists (404).
 */
export function groupMembers(ctx: AuthedContext): SimResponse {
  const params = ctx.url.searchParams;
  const groupname = params.get('groupname') || undefined;
  const groupId = params.get('groupId') || undefined;
  if (groupname === undefined && groupId === undefined) return errorResponse(400, MESSAGES.groupRequired);
  if (groupname !== undefined && groupId !== undefined) return errorResponse(400, MESSAGES.groupNameAndId);
  const startAtParam = intParam(params, 'startAt', 0);
  if (startAtParam === undefined) return errorResponse(400, MESSAGES.notAnInteger('startAt'));
  const maxResultsParam = intParam(params, 'maxResults', GROUP_MEMBER_MAX_RESULTS);
  if (maxResultsParam === undefined) return errorResponse(400, MESSAGES.notAnInteger('maxResults'));
  if (!hasBrowseUsersAndGroups(ctx.principal, ctx.store) && !hasAdminister(ctx.principal, ctx.store)) {
    return errorResponse(403, MESSAGES.noBrowseUsersPermission);
  }
  const group = groupId !== undefined ? ctx.store.getGroupById(groupId) : ctx.store.getGroupByName(groupname as string);
  if (!group) {
    return groupId !== undefined
      ? errorResponse(404, MESSAGES.groupNotFound('groupId', groupId))
      : errorResponse(404, MESSAGES.groupNotFound('groupname', groupname as string));
  }

  const includeInactiveUsers = booleanParam(params, 'includeInactiveUsers');
  const startAt = Math.max(0, startAtParam);
  const maxResults = Math.min(GROUP_MEMBER_MAX_RESULTS, Math.max(1, maxResultsParam));
  const members = membersOf(ctx.store, group).filter((member) => includeInactiveUsers || member.active);
  const values = members.slice(startAt, startAt + maxResults);
  const isLast = startAt + values.length >= members.length;

  // Links name the group the way the caller did.
  const link = (at: number) => {
    const query = new URLSearchParams(groupId !== undefined ? { groupId } : { groupname: groupname as string });
    query.set('includeInactiveUsers', String(includeInactiveUsers));
    query.set('startAt', String(at));
    query.set('maxResults', String(maxResults));
    return `${ctx.base}/rest/api/3/group/member?${query}`;
  };
  return jsonResponse(200, {
    self: link(startAt),
    ...(isLast ? {} : { nextPage: link(startAt + maxResults) }),
    maxResults,
    startAt,
    total: members.length,
    isLast,
    values: values.map((member) => member.render(ctx.base, ctx.principal)),
  });
}

// Where `query` occurs in `name`: -1 when it does not. `at` is undefined when it matched but cannot be highlighted
// (lower-casing changed the length of the name).
function locate(name: string, query: string, caseInsensitive: boolean): { found: boolean; at?: number } {
  if (!caseInsensitive) {
    const at = name.indexOf(query);
    return { found: at >= 0, at };
  }
  const lower = name.toLowerCase();
  const at = lower.indexOf(query.toLowerCase());
  return { found: at >= 0, at: lower.length === name.length ? at : undefined };
}

/**
 * GET /rest/api/3/groups/picker → FoundGroups. Accessible anonymously.
 *
 * - Without Browse projects (anonymous callers) the list is empty; without Browse users and groups only a group whose
 *   name is exactly the query (ignoring case, as Jira resolves group names) is found.
 * - Substring match on the name, case-sensitive unless caseInsensitive=true: the documented default of
 *   caseInsensitive is false, and the document wins over "case-insensitive" folklore here.
 * - Sorted by name; maxResults defaults to, and is capped at, the autocomplete limit (20); `total` counts all matches.
 */
export function findGroups(ctx: OptionalAuthContext): SimResponse {
  const params = ctx.url.searchParams;
  if (params.has('exclude') && params.has('excludeId')) return errorResponse(400, MESSAGES.groupPickerExcludeAndExcludeId);
  const maxResults = intParam(params, 'maxResults', GROUP_PICKER_LIMIT);
  if (maxResults === undefined) return errorResponse(400, MESSAGES.notAnInteger('maxResults'));
  const query = params.get('query') ?? '';
  const caseInsensitive = booleanParam(params, 'caseInsensitive');
  const excludedNames = new Set(params.getAll('exclude').map((name) => name.toLowerCase()));
  const excludedIds = new Set(params.getAll('excludeId'));

  const principal = ctx.principal;
  const canBrowseProjects = principal.kind !== 'anonymous' && KNOWN_PERMISSIONS.BROWSE_PROJECTS.granted(principal, ctx.store);
  const canBrowseUsers = principal.kind !== 'anonymous' && hasBrowseUsersAndGroups(principal, ctx.store);

  const candidates = canBrowseProjects
    ? ctx.store.listGroups().filter((group) => !excludedNames.has(group.name.toLowerCase()) && !excludedIds.has(group.groupId))
    : [];
  const matches: Array<{ group: SimGroup; at?: number }> = [];
  for (const group of candidates) {
    if (!canBrowseUsers) {
      if (group.name.toLowerCase() === query.toLowerCase()) matches.push({ group, at: 0 });
      continue;
    }
    const hit = locate(group.name, query, caseInsensitive);
    if (hit.found) matches.push({ group, at: hit.at });
  }
  const shown = matches.slice(0, Math.min(GROUP_PICKER_LIMIT, Math.max(0, maxResults)));
  return jsonResponse(200, {
    header: `Showing ${shown.length} of ${matches.length} matching groups`,
    total: matches.length,
    groups: shown.map(({ group, at }) => renderFoundGroup(group, at ?? -1, query.length)),
  });
}
