import { MESSAGES } from '../errors';
import { errorResponse, intParam, jsonResponse, type SimResponse } from '../http';
import { hasBrowseUsersAndGroups } from '../permissions';
import { renderUser } from '../render';
import type { SimUser } from '../types';
import type { AuthedContext } from './context';
import { propertyMatcher } from './property-match';
import { parseUserQuery, statementsOf, type UserQuery } from './user-query-parser';

/** "up to the thousandth user" (the operation's description). */
export const USER_QUERY_WINDOW = 1000;
/** The documented default of maxResults. */
export const USER_QUERY_DEFAULT_PAGE = 100;

function evaluator(ctx: AuthedContext, query: UserQuery): (user: SimUser) => boolean {
  switch (query.kind) {
    case 'property': {
      const matches = propertyMatcher(ctx.store, query.key, query.path, query.value);
      return (user) => matches(user.accountId);
    }
    case 'and': {
      const tests = query.operands.map((operand) => evaluator(ctx, operand));
      return (user) => tests.every((test) => test(user));
    }
    case 'or': {
      const tests = query.operands.map((operand) => evaluator(ctx, operand));
      return (user) => tests.some((test) => test(user));
    }
    case 'issues':
      // Refused before evaluation (the site has no projects or issues): see findUsersByQuery.
      return () => false;
  }
}

/**
 * GET /rest/api/3/user/search/query (findUsersByQuery) → PageBeanUser. Its description: "takes the users in the range
 * defined by `startAt` and `maxResults`, up to the thousandth user, and then returns only the users from that range
 * that match the structured query. This means the operation usually returns fewer users than specified in
 * `maxResults`." So the range is cut from the site's users first (all of them, active or not, every account type, in
 * the order GET /users/search pages them, which the description points to for getting every match), and only the first
 * 1,000 users are ever looked at (the facts file: "`/user/search/query` … with the same cap").
 * - `total`: the matches among those 1,000 users; `isLast` and `nextPage` walk the range, so a page can be empty and
 *   still not be the last. maxResults is kept within 1 … 1,000 (0 would make a nextPage that never moves).
 * - Permission: Browse users and groups, else the documented 403. Not anonymous (the operation's security has no `{}`).
 * - Issue statements are valid syntax, but the simulated site has no projects or issues: 400, as for an unknown project.
 */
export function findUsersByQuery(ctx: AuthedContext): SimResponse {
  const params = ctx.url.searchParams;
  const text = params.get('query') ?? '';
  if (text.trim() === '') return errorResponse(400, MESSAGES.userQueryRequired, { query: MESSAGES.userQueryRequired });
  const parsed = parseUserQuery(text);
  if (!parsed.ok) return errorResponse(400, MESSAGES.userQueryInvalid(parsed.error), { query: MESSAGES.userQueryInvalid(parsed.error) });
  const startAtParam = intParam(params, 'startAt', 0);
  if (startAtParam === undefined) return errorResponse(400, MESSAGES.notAnInteger('startAt'));
  const maxResultsParam = intParam(params, 'maxResults', USER_QUERY_DEFAULT_PAGE);
  if (maxResultsParam === undefined) return errorResponse(400, MESSAGES.notAnInteger('maxResults'));
  if (!hasBrowseUsersAndGroups(ctx.principal, ctx.store)) return errorResponse(403, MESSAGES.noBrowseUsersForUser);
  const issueStatement = statementsOf(parsed.query).find((statement) => statement.kind === 'issues');
  if (issueStatement?.kind === 'issues') return errorResponse(400, MESSAGES.userQueryNoSuchIssues(issueStatement.targets[0]));

  const startAt = Math.max(0, startAtParam);
  const maxResults = Math.min(USER_QUERY_WINDOW, Math.max(1, maxResultsParam));
  const considered = ctx.store.listUsers().slice(0, USER_QUERY_WINDOW);
  const matches = evaluator(ctx, parsed.query);
  const end = Math.min(startAt + maxResults, considered.length);
  const values = considered.slice(startAt, end).filter(matches);
  const isLast = end >= considered.length;

  const link = (at: number) => {
    const query = new URLSearchParams({ query: text, startAt: String(at), maxResults: String(maxResults) });
    return `${ctx.base}/rest/api/3/user/search/query?${query}`;
  };
  return jsonResponse(200, {
    self: link(startAt),
    ...(isLast ? {} : { nextPage: link(startAt + maxResults) }),
    maxResults,
    startAt,
    total: considered.filter(matches).length,
    isLast,
    values: values.map((user) => renderUser(user, ctx.base, ctx.principal)),
  });
}
