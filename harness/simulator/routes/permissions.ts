import { MESSAGES } from '../errors';
import { errorResponse, jsonResponse, type SimResponse } from '../http';
import { KNOWN_PERMISSIONS } from '../permissions';
import type { AuthedContext } from './context';

// Jira Cloud requires `permissions` (a comma-separated list of keys) since the unfiltered form was removed.
export function myPermissions(ctx: AuthedContext): SimResponse {
  const requested = (ctx.url.searchParams.get('permissions') ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  if (requested.length === 0) return errorResponse(400, MESSAGES.permissionsRequired, { permissions: MESSAGES.permissionsRequired });
  const unknown = requested.find((key) => !Object.hasOwn(KNOWN_PERMISSIONS, key));
  if (unknown !== undefined) return errorResponse(400, MESSAGES.unknownPermission(unknown));

  const permissions = Object.fromEntries(
    requested.map((key) => {
      const { granted, ...details } = KNOWN_PERMISSIONS[key];
      return [key, { ...details, havePermission: granted(ctx.principal, ctx.store) }];
    }),
  );
  return jsonResponse(200, { permissions });
}
