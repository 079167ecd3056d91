import { isUtf8 } from 'node:buffer';
import type { AuthenticatedPrincipal } from '../auth';
import { MESSAGES } from '../errors';
import { errorResponse, isSimResponse, jsonResponse, type SimResponse } from '../http';
import { hasAdminister, KNOWN_PERMISSIONS } from '../permissions';
import { APP_USER } from '../seed';
import type { OptionalAuthContext } from './context';

interface BulkRequest {
  accountId?: string;
  globalPermissions: string[];
  projectPermissions: string[][];
}

const FIELDS = new Set(['accountId', 'globalPermissions', 'projectPermissions']);
const PROJECT_FIELDS = new Set(['permissions', 'projects', 'issues']);

const bad = (detail: string) => errorResponse(400, MESSAGES.bulkPermissionsBody(detail));
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// "Null values in globalPermissions, projectPermissions, projectPermissions.projects, and projectPermissions.issues
// are ignored"; "Empty strings in projectPermissions.permissions are ignored" (the operation's description).
function strings(value: unknown, field: string, dropEmpty: boolean): string[] | SimResponse {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return bad(`${field} must be an array of strings`);
  const out: string[] = [];
  for (const item of value) {
    if (item === null) continue;
    if (typeof item !== 'string') return bad(`${field} must be an array of strings`);
    if (dropEmpty && item.trim() === '') continue;
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

function ids(value: unknown, field: string): SimResponse | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((id) => id !== null && !Number.isSafeInteger(id))) return bad(`${field} must be an array of integer IDs`);
  return undefined;
}

/** The body as BulkPermissionsRequestBean describes it (its additionalProperties is false: unknown fields are refused). */
function parseBody(body: Buffer): BulkRequest | SimResponse {
  if (!isUtf8(body)) return bad('it must be JSON encoded as UTF-8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return bad('it must be a JSON object');
  }
  if (!isObject(parsed)) return bad('it must be a JSON object');
  const unknown = Object.keys(parsed).find((field) => !FIELDS.has(field));
  if (unknown !== undefined) return bad(`unrecognized field '${unknown}'`);
  const { accountId } = parsed;
  if (accountId !== undefined && accountId !== null && typeof accountId !== 'string') return bad('accountId must be a string');
  const globalPermissions = strings(parsed.globalPermissions, 'globalPermissions', false);
  if (isSimResponse(globalPermissions)) return globalPermissions;
  const entries = parsed.projectPermissions ?? [];
  if (!Array.isArray(entries)) return bad('projectPermissions must be an array');
  const projectPermissions: string[][] = [];
  for (const entry of entries) {
    if (entry === null) continue;
    if (!isObject(entry)) return bad('each entry of projectPermissions must be an object');
    const extra = Object.keys(entry).find((field) => !PROJECT_FIELDS.has(field));
    if (extra !== undefined) return bad(`unrecognized field '${extra}' in projectPermissions`);
    const permissions = strings(entry.permissions, 'projectPermissions.permissions', true);
    if (isSimResponse(permissions)) return permissions;
    if (permissions.length === 0) return errorResponse(400, MESSAGES.bulkPermissionsNoProjectPermission);
    const badIds = ids(entry.projects, 'projectPermissions.projects') ?? ids(entry.issues, 'projectPermissions.issues');
    if (badIds) return badIds;
    projectPermissions.push(permissions);
  }
  return { accountId: typeof accountId === 'string' && accountId !== '' ? accountId : undefined, globalPermissions, projectPermissions };
}

// The documented example: {"errorMessages":[],"errors":{"PERMISSION_123":"Unrecognized permission"}}.
function unrecognized(keys: string[]): SimResponse {
  return { status: 400, json: { errorMessages: [], errors: Object.fromEntries(keys.map((key) => [key, MESSAGES.unrecognizedPermission])) } };
}

/**
 * POST /rest/api/3/permissions/check (getBulkPermissions) → BulkPermissionGrants. Accessible anonymously.
 * - "If no account ID is provided, the operation returns details for the logged in user"; an anonymous caller holds
 *   no global permission here. Another user's permissions need Administer Jira, else the documented 403 (the app has
 *   it, and Connect apps "can … obtain permission details for any user, without admin permission").
 * - Grants come from the simulator's permission model (permissions.ts), read on every request: a user who loses
 *   Administer Jira, or is deactivated, no longer has ADMINISTER from the next check on.
 * - 400 for a key that is not a global (or, in projectPermissions, a project) permission, an entry without a project
 *   permission, or an account ID that names nobody; checked in that order, before the 403.
 * - The site has no projects or issues, so every project and issue ID is invalid and "ignored": each requested project
 *   permission is answered with empty `projects` and `issues`, and the 1,000-ID caps cannot be reached.
 */
export function bulkPermissions(ctx: OptionalAuthContext): SimResponse {
  const request = parseBody(ctx.body);
  if (isSimResponse(request)) return request;
  const isKind = (key: string, type: 'GLOBAL' | 'PROJECT') => Object.hasOwn(KNOWN_PERMISSIONS, key) && KNOWN_PERMISSIONS[key].type === type;
  const badKeys = [
    ...request.globalPermissions.filter((key) => !isKind(key, 'GLOBAL')),
    ...request.projectPermissions.flat().filter((key) => !isKind(key, 'PROJECT')),
  ];
  if (badKeys.length > 0) return unrecognized([...new Set(badKeys)]);

  const caller = ctx.principal;
  const self = caller.kind === 'user' && caller.accountId === request.accountId;
  if (request.accountId !== undefined && !self && (caller.kind === 'anonymous' || !hasAdminister(caller, ctx.store))) {
    return errorResponse(403, MESSAGES.onlyAdminsCheckOthers);
  }
  let subject: AuthenticatedPrincipal | undefined = caller.kind === 'anonymous' ? undefined : caller;
  if (request.accountId !== undefined && !self) {
    if (request.accountId === APP_USER.accountId) subject = { kind: 'app' };
    else if (ctx.store.getUser(request.accountId)) subject = { kind: 'user', accountId: request.accountId };
    else return errorResponse(400, MESSAGES.bulkPermissionsUnknownAccount(request.accountId));
  }

  const granted = subject === undefined ? [] : request.globalPermissions.filter((key) => KNOWN_PERMISSIONS[key].granted(subject, ctx.store));
  const projectPermissions = [...new Set(request.projectPermissions.flat())].map((permission) => ({ permission, projects: [], issues: [] }));
  return jsonResponse(200, { globalPermissions: granted, projectPermissions });
}
