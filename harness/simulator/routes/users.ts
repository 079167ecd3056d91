import { MESSAGES } from '../errors';
import { errorResponse, intParam, isSimResponse, jsonResponse, type SimResponse } from '../http';
import { APP_USER } from '../seed';
import { renderAppUser, renderPickerUser, renderUser, userMatches } from '../render';
import type { SimUser } from '../types';
import type { AuthedContext } from './context';
import { groupRefsOf } from './groups';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 1000;
// User search endpoints stop at the thousandth user.
const SEARCH_WINDOW = 1000;

function expandGroups(ctx: AuthedContext): boolean {
  return (ctx.url.searchParams.get('expand') ?? '').split(',').map((s) => s.trim()).includes('groups');
}

function render(ctx: AuthedContext, user: SimUser): Record<string, unknown> {
  return renderUser(user, ctx.base, expandGroups(ctx) ? { groups: groupRefsOf(ctx.store, user) } : {});
}

function page(ctx: AuthedContext): { startAt: number; maxResults: number } | SimResponse {
  const startAt = intParam(ctx.url.searchParams, 'startAt', 0);
  if (startAt === undefined) return errorResponse(400, MESSAGES.notAnInteger('startAt'));
  const maxResults = intParam(ctx.url.searchParams, 'maxResults', DEFAULT_PAGE);
  if (maxResults === undefined) return errorResponse(400, MESSAGES.notAnInteger('maxResults'));
  return { startAt: Math.max(0, startAt), maxResults: Math.min(MAX_PAGE, Math.max(0, maxResults)) };
}

export function myself(ctx: AuthedContext): SimResponse {
  if (ctx.principal.kind === 'app') {
    return jsonResponse(200, renderAppUser(ctx.base, expandGroups(ctx) ? { groups: groupRefsOf(ctx.store, 'app') } : {}));
  }
  const user = ctx.store.getUser(ctx.principal.accountId);
  if (!user) return errorResponse(401, MESSAGES.notAuthenticated);
  return jsonResponse(200, render(ctx, user));
}

export function getUser(ctx: AuthedContext): SimResponse {
  const accountId = ctx.url.searchParams.get('accountId');
  if (!accountId) return errorResponse(400, MESSAGES.accountIdRequired);
  if (accountId === APP_USER.accountId) {
    return jsonResponse(200, renderAppUser(ctx.base, expandGroups(ctx) ? { groups: groupRefsOf(ctx.store, 'app') } : {}));
  }
  const user = ctx.store.getUser(accountId);
  if (!user) return errorResponse(404, MESSAGES.userNotFound(accountId));
  return jsonResponse(200, render(ctx, user));
}

// `property=key.path.to.value=value`: the key is everything before the first dot.
function propertyFilter(ctx: AuthedContext, spec: string): ((user: SimUser) => boolean) | undefined {
  const eq = spec.indexOf('=');
  if (eq <= 0) return undefined;
  const [key, ...path] = spec.slice(0, eq).split('.');
  const expected = spec.slice(eq + 1);
  if (!key || path.some((segment) => segment === '')) return undefined;
  return (user) => {
    let value: unknown = ctx.store.getProperty(user.accountId, key);
    for (const segment of path) {
      if (typeof value !== 'object' || value === null) return false;
      value = (value as Record<string, unknown>)[segment];
    }
    if (value === undefined) return false;
    return typeof value === 'string' ? value === expected : JSON.stringify(value) === expected;
  };
}

export function searchUsers(ctx: AuthedContext): SimResponse {
  const params = ctx.url.searchParams;
  const query = params.get('query') || undefined;
  const accountId = params.get('accountId') || undefined;
  const property = params.get('property') || undefined;
  if (!query && !accountId && !property) return errorResponse(400, MESSAGES.userSearchNeedsQuery);
  if (query && accountId) return errorResponse(400, MESSAGES.userSearchQueryAndAccountId);
  const byProperty = property === undefined ? undefined : propertyFilter(ctx, property);
  if (property !== undefined && !byProperty) return errorResponse(400, MESSAGES.userSearchBadProperty, { property: MESSAGES.userSearchBadProperty });
  const paging = page(ctx);
  if (isSimResponse(paging)) return paging;

  const matches = ctx.store
    .listUsers()
    .filter((user) => (query ? userMatches(user, query) : true))
    .filter((user) => (accountId ? user.accountId === accountId : true))
    .filter((user) => (byProperty ? byProperty(user) : true))
    .slice(0, SEARCH_WINDOW);
  const slice = matches.slice(paging.startAt, paging.startAt + paging.maxResults);
  return jsonResponse(200, slice.map((user) => render(ctx, user)));
}

export function listAllUsers(ctx: AuthedContext): SimResponse {
  const paging = page(ctx);
  if (isSimResponse(paging)) return paging;
  const slice = ctx.store.listUsers().slice(paging.startAt, paging.startAt + paging.maxResults);
  return jsonResponse(200, slice.map((user) => render(ctx, user)));
}

function accountIdList(params: URLSearchParams, name: string): Set<string> {
  return new Set(params.getAll(name).flatMap((value) => value.split(',')).map((id) => id.trim()).filter(Boolean));
}

// The picker only offers active users.
export function pickUsers(ctx: AuthedContext): SimResponse {
  const params = ctx.url.searchParams;
  const query = params.get('query');
  if (!query) return errorResponse(400, MESSAGES.pickerNeedsQuery, { query: MESSAGES.pickerNeedsQuery });
  if (params.has('exclude') && params.has('excludeAccountIds')) {
    return errorResponse(400, 'The exclude and excludeAccountIds query parameters cannot be combined.');
  }
  const maxResults = intParam(params, 'maxResults', DEFAULT_PAGE);
  if (maxResults === undefined) return errorResponse(400, MESSAGES.notAnInteger('maxResults'));
  const excluded = accountIdList(params, 'excludeAccountIds');

  const matches = ctx.store
    .listUsers()
    .filter((user) => user.active && !excluded.has(user.accountId) && userMatches(user, query))
    .slice(0, SEARCH_WINDOW);
  const users = matches.slice(0, Math.min(MAX_PAGE, Math.max(0, maxResults))).map((user) => renderPickerUser(user, ctx.base, query));
  return jsonResponse(200, { users, total: matches.length, header: `Showing ${users.length} of ${matches.length} matching users` });
}
