import { isUtf8 } from 'node:buffer';
import { MESSAGES } from '../errors';
import { emptyResponse, errorResponse, isSimResponse, jsonResponse, type SimResponse } from '../http';
import { canActOnUser } from '../permissions';
import type { AuthedContext } from './context';

export const MAX_KEY_LENGTH = 255;
// The guide and the OpenAPI description say bytes (UTF-8), so bytes are counted, not characters.
export const MAX_VALUE_BYTES = 32_768;
export const MAX_ACCOUNT_ID_LENGTH = 128;
/**
 * Jira reads values with Jackson, whose StreamReadConstraints refuse documents nested deeper than 1,000 arrays and
 * objects (the default since 2.15): a deeper value is bad input, 400. (Unbounded, a 5,000-deep value used to get
 * this simulator's JSON.stringify to overflow the stack: a 500.)
 */
export const MAX_VALUE_DEPTH = 1000;

/** How deeply `json` (valid JSON text) nests arrays and objects; scanned without recursion. */
export function nestingDepth(json: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return max;
}

function propertySelf(base: string, key: string, accountId: string): string {
  return `${base}/rest/api/3/user/properties/${encodeURIComponent(key)}?accountId=${encodeURIComponent(accountId)}`;
}

// Shared checks in Jira's order: accountId present (400), permission (403), target user exists (404).
function resolveTarget(ctx: AuthedContext): { accountId: string } | SimResponse {
  const accountId = ctx.url.searchParams.get('accountId');
  if (!accountId) return errorResponse(400, MESSAGES.accountIdRequired, { accountId: MESSAGES.accountIdRequired });
  if (accountId.length > MAX_ACCOUNT_ID_LENGTH) return errorResponse(400, MESSAGES.accountIdTooLong(MAX_ACCOUNT_ID_LENGTH));
  if (!canActOnUser(ctx.principal, accountId, ctx.store)) return errorResponse(403, MESSAGES.noPropertyPermission);
  if (!ctx.store.getUser(accountId)) return errorResponse(404, MESSAGES.userNotFound(accountId));
  return { accountId };
}

function decodeKey(raw: string): string | SimResponse {
  try {
    return decodeURIComponent(raw);
  } catch {
    return errorResponse(400, MESSAGES.propertyKeyMalformed);
  }
}

export function listPropertyKeys(ctx: AuthedContext): SimResponse {
  const target = resolveTarget(ctx);
  if (isSimResponse(target)) return target;
  const keys = ctx.store.listKeys(target.accountId).map((key) => ({ key, self: propertySelf(ctx.base, key, target.accountId) }));
  return jsonResponse(200, { keys });
}

export function getProperty(ctx: AuthedContext): SimResponse {
  const target = resolveTarget(ctx);
  if (isSimResponse(target)) return target;
  const key = decodeKey(ctx.params[0]);
  if (isSimResponse(key)) return key;
  const value = ctx.store.getProperty(target.accountId, key);
  if (value === undefined) return errorResponse(404, MESSAGES.propertyNotFound(key));
  return jsonResponse(200, { key, value });
}

function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(header.trim());
}

export function putProperty(ctx: AuthedContext): SimResponse {
  // Jira's REST layer refuses a body that is not declared as JSON before the resource runs.
  if (!isJsonContentType(ctx.headers['content-type'])) return errorResponse(415, MESSAGES.unsupportedMediaType);
  const target = resolveTarget(ctx);
  if (isSimResponse(target)) return target;
  const key = decodeKey(ctx.params[0]);
  if (isSimResponse(key)) return key;
  if (key.length > MAX_KEY_LENGTH) {
    return errorResponse(400, MESSAGES.propertyKeyTooLong(MAX_KEY_LENGTH), { propertyKey: MESSAGES.propertyKeyTooLong(MAX_KEY_LENGTH) });
  }

  // Bodies over MAX_REQUEST_BODY_BYTES never get here (413 at the edge, simulator.ts).
  if (ctx.body.length > MAX_VALUE_BYTES) return errorResponse(400, MESSAGES.valueTooLong(ctx.body.length, MAX_VALUE_BYTES));
  // Invalid UTF-8 is refused, not silently turned into U+FFFD (Jackson refuses it too).
  if (!isUtf8(ctx.body)) return errorResponse(400, MESSAGES.valueInvalidUtf8);
  const text = ctx.body.toString('utf8');
  if (text.trim() === '') return errorResponse(400, MESSAGES.valueEmpty);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return errorResponse(400, MESSAGES.valueInvalidJson);
  }
  if (nestingDepth(text) > MAX_VALUE_DEPTH) return errorResponse(400, MESSAGES.valueTooDeep(MAX_VALUE_DEPTH));

  const created = ctx.store.putPropertyJson(target.accountId, key, JSON.stringify(value));
  return emptyResponse(created ? 201 : 200);
}

export function deleteProperty(ctx: AuthedContext): SimResponse {
  const target = resolveTarget(ctx);
  if (isSimResponse(target)) return target;
  const key = decodeKey(ctx.params[0]);
  if (isSimResponse(key)) return key;
  if (!ctx.store.deleteProperty(target.accountId, key)) return errorResponse(404, MESSAGES.propertyNotFound(key));
  return emptyResponse(204);
}

/** PUT or DELETE on /user/properties without a key: Jira answers 405. */
export function keylessWrite(_ctx: AuthedContext): SimResponse {
  return errorResponse(405, MESSAGES.propertyKeyRequired, {}, { allow: 'GET' });
}
