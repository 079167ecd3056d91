import { MESSAGES } from '../errors';
import { errorResponse, intParam, isSimResponse, jsonResponse, type SimResponse } from '../http';
import { hasBrowseUsersAndGroups } from '../permissions';
import { APP_USER } from '../seed';
import { renderAppUser, renderPickerUser, renderUser, userMatches } from '../render';
import type { SimPrincipal, SimUser } from '../types';
import type { AuthedContext, OptionalAuthContext } from './context';
import { groupRefsOf } from './groups';
import { propertyMatcher } from './property-match';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 1000;
// User search endpoints stop at the thousandth user.
const SEARCH_WINDOW = 1000;

// Users' email addresses follow their profile visibility for every viewer (render.ts, emailVisibleTo); the
// permission checks below decide whether a caller sees users at all.

function canBrowseUsers(principal: SimPrincipal, ctx: OptionalAuthContext): boolean {
  return principal.kind !== 'anonymous' && hasBrowseUsersAndGroups(principal, ctx.store);
}

function expandGroups(ctx: OptionalAuthContext): boolean {
  return (ctx.url.searchParams.get('expand') ?? '').split(',').map((s) => s.trim()).includes('groups');
}

function render(ctx: OptionalAuthContext, user: SimUser): Record<string, unknown> {
  return renderUser(user, ctx.base, ctx.principal, expandGroups(ctx) ? { groups: groupRefsOf(ctx.store, user) } : {});
}

function page(ctx: OptionalAuthContext): { startAt: number; maxResults: number } | SimResponse {
  const startAt = intParam(ctx.url.searchParams, 'startAt', 0);
  if (startAt === undefined) return errorResponse(400, MESSAGES.notAnInteger('startAt'));
  const maxResults = intParam(ctx.url.searchParams, 'maxResults', DEFAULT_PAGE);
  if (maxResults === undefined) return errorResponse(400, MESSAGES.notAnInteger('maxResults'));
  return { startAt: Math.max(0, startAt), maxResults: Math.min(MAX_PAGE, Math.max(0, maxResults)) };
}

/** GET /myself: "Permission to access Jira" only. Everyone may read their own profile, email address included. */
export function myself(ctx: AuthedContext): SimResponse {
  if (ctx.principal.kind === 'app') {
    return jsonResponse(200, renderAppUser(ctx.base, expandGroups(ctx) ? { groups: groupRefsOf(ctx.store, 'app') } : {}));
  }
  const user = ctx.store.getUser(ctx.principal.accountId);
  if (!user) return errorResponse(401, MESSAGES.notAuthenticated);
  return jsonResponse(200, render(ctx, user));
}

/**
 * GET /user. Permission: *Browse users and groups*; its 403 is documented ("Returned if the calling user does not have
 * the Browse users and groups global permission"), and so is 401 for "incorrect or missing" credentials, so the route
 * is not anonymous. Checks in Jira's order: accountId (400), permission (403), user exists (404). Inactive users are
 * found (the User object says `active`); the caller's own record needs the permission too, /myself does not.
 */
export function getUser(ctx: AuthedContext): SimResponse {
  const accountId = ctx.url.searchParams.get('accountId');
  if (!accountId) return errorResponse(400, MESSAGES.accountIdRequired);
  if (!hasBrowseUsersAndGroups(ctx.principal, ctx.store)) return errorResponse(403, MESSAGES.noBrowseUsersForUser);
  if (accountId === APP_USER.accountId) {
    return jsonResponse(200, renderAppUser(ctx.base, expandGroups(ctx) ? { groups: groupRefsOf(ctx.store, 'app') } : {}));
  }
  const user = ctx.store.getUser(accountId);
  if (!user) return errorResponse(404, MESSAGES.userNotFound(accountId));
  return jsonResponse(200, render(ctx, user));
}

/**
 * `property=key.path.to.value=value`. The parameter's description: "Property keys are specified by path, so property
 * keys containing dot (.) or equals (=) characters cannot be used. The query string cannot be specified using a JSON
 * object." So the key is everything before the first dot (or `=`), the path the dot-separated rest up to the first
 * `=`, the value everything after it: a key with a dot cannot be named (`com.acme.settings.x=1` looks for key `com`),
 * and a value that is an object or array is never found, whatever the text after `=` (property-match.ts). The facts
 * file says the same ("keys with `.` or `=` can't be searched"). No `=`, nothing before it, or an empty path segment
 * is the documented 400 ("`property` parameter is not valid").
 */
function propertyFilter(ctx: OptionalAuthContext, spec: string): ((user: SimUser) => boolean) | SimResponse {
  const invalid = () => errorResponse(400, MESSAGES.userSearchBadProperty, { property: MESSAGES.userSearchBadProperty });
  const eq = spec.indexOf('=');
  if (eq <= 0) return invalid();
  const [key, ...path] = spec.slice(0, eq).split('.');
  const expected = spec.slice(eq + 1);
  if (!key || path.some((segment) => segment === '')) return invalid();
  const matches = propertyMatcher(ctx.store, key, path, expected);
  return (user) => matches(user.accountId);
}

/**
 * GET /user/search (findUsers), accessible anonymously. The OpenAPI description:
 * - "Returns a list of active users that match the search string and property": inactive users are never listed,
 *   not even when named by accountId (GET /users/search lists everyone, GET /user finds one user either way);
 * - "Anonymous calls or calls by users without the required permission [Browse users and groups] return empty search
 *   results": 200 with [], never 401 or 403 (wrong credentials are still 401, see the router);
 * - "first applies a filter ..., and then takes the filtered users in the range defined by startAt and maxResults, up
 *   to the thousandth user": the matches past the 1,000th are never returned, whatever startAt says. The facts file
 *   puts it as "only the first 1,000 users are considered", which could also mean the first 1,000 users of the site;
 *   the description is the more precise of the two and is what this follows (GET /user/search/query, whose
 *   description does take the range first, works the other way: find-users-by-query.ts).
 * The parameters are checked first (400 for everyone, as documented), then the permission.
 */
export function searchUsers(ctx: OptionalAuthContext): SimResponse {
  const params = ctx.url.searchParams;
  const query = params.get('query') || undefined;
  const accountId = params.get('accountId') || undefined;
  const property = params.get('property') || undefined;
  if (!query && !accountId && !property) return errorResponse(400, MESSAGES.userSearchNeedsQuery);
  if (query && accountId) return errorResponse(400, MESSAGES.userSearchQueryAndAccountId);
  const byProperty = property === undefined ? undefined : propertyFilter(ctx, property);
  if (isSimResponse(byProperty)) return byProperty;
  const paging = page(ctx);
  if (isSimResponse(paging)) return paging;
  if (!canBrowseUsers(ctx.principal, ctx)) return jsonResponse(200, []);

  const matches = ctx.store
    .listUsers()
    .filter((user) => user.active)
    .filter((user) => (query ? userMatches(user, query, ctx.principal) : true))
    .filter((user) => (accountId ? user.accountId === accountId : true))
    .filter((user) => (byProperty ? byProperty(user) : true))
    .slice(0, SEARCH_WINDOW);
  const slice = matches.slice(paging.startAt, paging.startAt + paging.maxResults);
  return jsonResponse(200, slice.map((user) => render(ctx, user)));
}

/**
 * GET /users/search (getAllUsers): "all users, including active users, inactive users and previously deleted users":
 * every account type too (app and customer accounts carry their accountType). The Forge app's own user is not a row
 * of the store and is not listed. Ordered as everywhere here (display name, then account ID), so pages never overlap.
 * Permission: Browse users and groups, 403 without it ("Returned if the user doesn't have the necessary permission").
 * The document lists no 401 for this operation and allows anonymous access in its security list, so an anonymous
 * caller, who lacks the permission, gets the documented 403; wrong credentials are still 401 (the router).
 */
export function listAllUsers(ctx: OptionalAuthContext): SimResponse {
  const paging = page(ctx);
  if (isSimResponse(paging)) return paging;
  if (!canBrowseUsers(ctx.principal, ctx)) return errorResponse(403, MESSAGES.noBrowseUsersForUser);
  const slice = ctx.store.listUsers().slice(paging.startAt, paging.startAt + paging.maxResults);
  return jsonResponse(200, slice.map((user) => render(ctx, user)));
}

function accountIdList(params: URLSearchParams, name: string): Set<string> {
  return new Set(params.getAll(name).flatMap((value) => value.split(',')).map((id) => id.trim()).filter(Boolean));
}

/**
 * GET /user/picker (findUsersForPicker), accessible anonymously: "Anonymous calls and calls by users without the
 * required permission [Browse users and groups] return search results for an exact name match only" (the whole
 * display name, ignoring case). The description does not say whether inactive users are offered; like Jira Cloud's
 * user pickers, this one offers only active users.
 */
export function pickUsers(ctx: OptionalAuthContext): SimResponse {
  const params = ctx.url.searchParams;
  const query = params.get('query');
  if (!query) return errorResponse(400, MESSAGES.pickerNeedsQuery, { query: MESSAGES.pickerNeedsQuery });
  if (params.has('exclude') && params.has('excludeAccountIds')) {
    return errorResponse(400, 'The exclude and excludeAccountIds query parameters cannot be combined.');
  }
  const maxResults = intParam(params, 'maxResults', DEFAULT_PAGE);
  if (maxResults === undefined) return errorResponse(400, MESSAGES.notAnInteger('maxResults'));
  const excluded = accountIdList(params, 'excludeAccountIds');
  const browse = canBrowseUsers(ctx.principal, ctx);
  const matchesQuery = (user: SimUser) =>
    browse ? userMatches(user, query, ctx.principal) : user.displayName.toLocaleLowerCase() === query.toLocaleLowerCase();

  const matches = ctx.store
    .listUsers()
    .filter((user) => user.active && !excluded.has(user.accountId) && matchesQuery(user))
    .slice(0, SEARCH_WINDOW);
  const users = matches
    .slice(0, Math.min(MAX_PAGE, Math.max(0, maxResults)))
    .map((user) => renderPickerUser(user, ctx.base, query, ctx.principal));
  return jsonResponse(200, { users, total: matches.length, header: `Showing ${users.length} of ${matches.length} matching users` });
}
