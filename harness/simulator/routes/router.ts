import type { AuthResult } from '../auth';
import { MESSAGES } from '../errors';
import { errorResponse, type SimResponse } from '../http';
import { serveAvatar } from './avatars';
import type { AuthedContext, Handler, OptionalAuthContext, RequestContext } from './context';
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
  { pattern: new RegExp(`^${API}/user$`), methods: { GET: getUser } },
  { pattern: new RegExp(`^${API}/user/search$`), methods: { GET: searchUsers } },
  { pattern: new RegExp(`^${API}/users/search$`), methods: { GET: listAllUsers } },
  { pattern: new RegExp(`^${API}/user/picker$`), methods: { GET: pickUsers } },
  { pattern: new RegExp(`^${API}/group/member$`), methods: { GET: groupMembers } },
  { pattern: new RegExp(`^${API}/groups/picker$`), anonymous: true, methods: { GET: findGroups } },
  { pattern: /^\/avatars\/([^/]+)\.svg$/, public: true, methods: { GET: serveAvatar } },
];

export const AVATAR_PREFIX = '/avatars/';

/** Finds the route, then applies Jira's order: unknown resource 404, authentication 401, method 405. */
export async function dispatch(ctx: Omit<RequestContext, 'params'>, auth: AuthResult): Promise<SimResponse> {
  for (const route of ROUTES) {
    const match = route.pattern.exec(ctx.url.pathname);
    if (!match) continue;
    const withParams: RequestContext = { ...ctx, params: match.slice(1) };
    const allow = Object.keys(route.methods).join(', ');
    if (route.public) {
      const handler = route.methods[ctx.method];
      return handler ? handler(withParams) : errorResponse(405, MESSAGES.methodNotAllowed(ctx.method), {}, { allow });
    }
    if (!auth.ok) return errorResponse(401, MESSAGES.notAuthenticated);
    if (route.anonymous) {
      const handler = route.methods[ctx.method];
      if (!handler) return errorResponse(405, MESSAGES.methodNotAllowed(ctx.method), {}, { allow });
      return handler({ ...withParams, principal: auth.principal });
    }
    if (auth.principal.kind === 'anonymous') return errorResponse(401, MESSAGES.notAuthenticated);
    const handler = route.methods[ctx.method];
    if (!handler) return errorResponse(405, MESSAGES.methodNotAllowed(ctx.method), {}, { allow });
    const authed: AuthedContext = { ...withParams, principal: auth.principal };
    return handler(authed);
  }
  return errorResponse(404, MESSAGES.notFoundPath(ctx.url.pathname));
}
