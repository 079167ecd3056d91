import type { AuthResult } from '../auth';
import { MESSAGES } from '../errors';
import { errorResponse, type SimResponse } from '../http';
import { serveAvatar } from './avatars';
import type { AuthedContext, Handler, OptionalAuthContext, RequestContext } from './context';
import { bulkPermissions } from './bulk-permissions';
import { findUsersByQuery } from './find-users-by-query';
import { findGroups, groupMembers } from './groups';
import { myPermissions } from './permissions';
import { deleteProperty, getProperty, keylessWrite, listPropertyKeys, putProperty } from './userProperties';
import { getUser, listAllUsers, myself, pickUsers, searchUsers } from './users';

// public: no authentication at all (avatars). anonymous: Jira's "can be accessed anonymously" operations; wrong
// credentials still answer 401, no credentials reach the handler as the anonymous principal.
type Route =
  | { pattern: RegExp; public: true; methods: Record<string, Handler<RequestContext>> }
  | { pattern: RegExp; public?: false; anonymous: true; methods: Record<string, Handler<OptionalAuthContext>> }
  | { pattern: RegExp; public?: false; anonymous?: false; methods: Record<string, Handler> };

const API = '/rest/api/3';

const ROUTES: Route[] = [
  {
    pattern: new RegExp(`^${API}/user/properties/?$`),
    methods: { GET: listPropertyKeys, PUT: keylessWrite, DELETE: keylessWrite },
  },
  {
    pattern: new RegExp(`^${API}/user/properties/([^/]+)$`),
    methods: { GET: getProperty, PUT: putProperty, DELETE: deleteProperty },
  },
  { pattern: new RegExp(`^${API}/myself$`), methods: { GET: myself } },
  { pattern: new RegExp(`^${API}/mypermissions$`), methods: { GET: myPermissions } },
  { pattern: new RegExp(`^${API}/permissions/check$`), anonymous: true, methods: { POST: bulkPermissions } },
  { pattern: new RegExp(`^${API}/user$`), methods: { GET: getUser } },
  // The three user searches answer anonymous callers as their descriptions say (users.ts): /user/search with an empty
  // list, /user/picker with exact name matches only, /users/search with its documented 403.
  { pattern: new RegExp(`^${API}/user/search$`), anonymous: true, methods: { GET: searchUsers } },
  { pattern: new RegExp(`^${API}/user/search/query$`), methods: { GET: findUsersByQuery } },
  { pattern: new RegExp(`^${API}/users/search$`), anonymous: true, methods: { GET: listAllUsers } },
  { pattern: new RegExp(`^${API}/user/picker$`), anonymous: true, methods: { GET: pickUsers } },
  { pattern: new RegExp(`^${API}/group/member$`), methods: { GET: groupMembers } },
  { pattern: new RegExp(`^${API}/groups/picker$`), anonymous: true, methods: { GET: findGroups } },
  { pattern: /^\/avatars\/([^/]+)\.svg$/, public: true, methods: { GET: serveAvatar } },
];

export const AVATAR_PREFIX = '/avatars/';

/**
 * What to do with a request, decided from its method, path and credentials alone: an answer now (404, 401, 405), or
 * the handler to run once the body has been read. Nothing here needs the body, so a request that will be refused is
 * refused before a byte of its body is read.
 */
export type Routed = { answer: SimResponse } | { run: (body: Buffer) => SimResponse | Promise<SimResponse> };

type HeadContext = Omit<RequestContext, 'params' | 'body'>;

// Own keys only: a method name must never reach Object.prototype's members.
function handlerFor<H>(methods: Record<string, H>, method: string): H | undefined {
  return Object.hasOwn(methods, method) ? methods[method] : undefined;
}

/** Finds the route, then applies Jira's order: unknown resource 404, authentication 401, method 405. */
export function route(ctx: HeadContext, auth: AuthResult): Routed {
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(ctx.url.pathname);
    if (!match) continue;
    const params = match.slice(1);
    const allow = Object.keys(candidate.methods).join(', ');
    const notAllowed = () => ({ answer: errorResponse(405, MESSAGES.methodNotAllowed(ctx.method), {}, { allow }) });
    if (candidate.public) {
      const handler = handlerFor(candidate.methods, ctx.method);
      return handler ? { run: (body) => handler({ ...ctx, body, params }) } : notAllowed();
    }
    if (!auth.ok) return { answer: errorResponse(401, MESSAGES.notAuthenticated) };
    const principal = auth.principal;
    if (candidate.anonymous) {
      const handler = handlerFor(candidate.methods, ctx.method);
      return handler ? { run: (body) => handler({ ...ctx, body, params, principal }) } : notAllowed();
    }
    if (principal.kind === 'anonymous') return { answer: errorResponse(401, MESSAGES.notAuthenticated) };
    const handler = handlerFor(candidate.methods, ctx.method);
    if (!handler) return notAllowed();
    return { run: (body) => handler({ ...ctx, body, params, principal } satisfies AuthedContext) };
  }
  return { answer: errorResponse(404, MESSAGES.notFoundPath(ctx.url.pathname)) };
}
