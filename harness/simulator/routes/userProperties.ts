import { isUtf8 } from 'node:buffer';
import { MESSAGES } from '../errors';
import { emptyResponse, errorResponse, isSimResponse, jsonResponse, jsonTextResponse, type SimResponse } from '../http';
import { canActOnUser } from '../permissions';
import type { AuthedContext } from './context';

export const MAX_KEY_LENGTH = 255;
// The guide and the OpenAPI description say bytes (UTF-8), so bytes are counted, not characters.
/**
 * A value over 32,768 bytes is the operation's 400, not the edge's 413: the OpenAPI document's requestBody for this
 * operation says "The maximum length of the property value is 32768 bytes", lists no 413 (it documents 413 only for
 * per-issue limits and attachments), and the other property stores that document the case answer 400 ("the value is
 * longer than 32768 characters": PUT /rest/forge/1/app/properties/{propertyKey} and the Connect app properties). The
 * guide says bytes (UTF-8), so bytes are counted, not characters. Only bodies past MAX_REQUEST_BODY_BYTES (http.ts)
 * get 413, answered before the operation runs.
 */
export const MAX_VALUE_BYTES = 32_768;
export const MAX_ACCOUNT_ID_LENGTH = 128;
/**
 * Jira Cloud documents no nesting limit, only "a valid, non-empty JSON value". Jira validates the value with Jackson's
 * streaming parser (guide), and jackson-core's StreamReadConstraints refuse documents nested deeper than 1,000 arrays
 * and objects by default since 2.15 ("Depth (1001) exceeds the maximum allowed nesting depth (1000)", jackson-core
 * PR #943 and its StreamReadConstraints wiki page): this limit follows that default, and deeper values are bad input,
 * 400. (Unbounded, a 5,000-deep value used to get this simulator's JSON.stringify to overflow the stack: a 500.)
 */
export const MAX_VALUE_DEPTH = 1000;

/**
 * How deeply `text` nests arrays and objects, scanned once without recursion, so any input of any depth costs one
 * linear pass and no stack. `text` need not be valid JSON: unbalanced brackets count as they open, as a streaming
 * parser counts them before it meets the end. Brackets inside strings do not count. Stops as soon as the depth passes
 * `limit` (and returns that depth). Kept apart from the app's own scan (src/domain/json-text.ts) on purpose: the
 * simulator stands for Jira, and sharing the app's code would let one bug hide on both sides of the wire.
 */
export function nestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return max;
}

// JSON's own whitespace (RFC 8259 `ws`): U+00A0, U+FEFF (a BOM) and the rest of what String.trim drops are not.
const JSON_WHITESPACE_ONLY = /^[\t\n\r ]*$/;

// One UTF-16 code unit from U+0080 up (no `u` flag: a character beyond U+FFFF is matched as its two surrogates).
const NON_ASCII_CODE_UNIT = /[\u0080-\uffff]/g;

/**
 * A stored value's text as the GET answer embeds it: each UTF-16 code unit from U+0080 up becomes a `\u00E9`-style escape
 * (upper-case hex; a character beyond U+FFFF becomes its two surrogate escapes), nothing else changes. This follows
 * Jira: BasePropertyResource.getProperty passes the stored text through RestStringUtils.escapeUnicode before embedding
 * it with @JsonRawValue ("because for some characters (i.e. pile of poo) jackson may throw exception"); that escaper
 * writes upper-case hex, and code points above U+FFFF as two escapes. Cloud documents nothing either way; escaping
 * means clients here meet the spelling Jira's code produces, so an app must treat the answer as JSON whose strings may
 * be spelt differently from what it sent (same value, exact numbers), never compare texts byte for byte.
 * One departure: Jira's escaper also escapes characters below U+0020, which in valid JSON occur only as whitespace
 * between tokens (tab, LF, CR), where `\u000A` is not JSON: the simulator leaves them, so its answer stays valid JSON.
 * The text is valid JSON (PUT validates it; seeds write JSON.stringify), so code units from U+0080 up occur only
 * inside strings, and never right after a backslash (an escape is `\` plus ASCII): a raw character and its escape
 * mean the same string, and numbers, literals, whitespace, key order and existing escapes stay byte for byte.
 */
export function escapeNonAscii(json: string): string {
  return json.replace(NON_ASCII_CODE_UNIT, (unit) => `\\u${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
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
  const json = ctx.store.getPropertyJson(target.accountId, key);
  if (json === undefined) return errorResponse(404, MESSAGES.propertyNotFound(key));
  // Built as text, as Jira's EntityPropertyBean is written (`key`, then `value` with @JsonRawValue): the stored text is
  // embedded as it is (escapeNonAscii aside), never parsed, so no number passes through a double.
  return jsonTextResponse(200, `{"key":${JSON.stringify(key)},"value":${escapeNonAscii(json)}}`);
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

  // Bodies over MAX_REQUEST_BODY_BYTES never get here (413 at the edge, simulator.ts). The limit counts the body's
  // bytes as sent, which are exactly what is stored (Jira reads at most 32,768 + 1 bytes of the body and refuses more).
  if (ctx.body.length > MAX_VALUE_BYTES) return errorResponse(400, MESSAGES.valueTooLong(ctx.body.length, MAX_VALUE_BYTES));
  // Invalid UTF-8 is refused, not silently turned into U+FFFD (Jackson refuses it too).
  if (!isUtf8(ctx.body)) return errorResponse(400, MESSAGES.valueInvalidUtf8);
  const text = ctx.body.toString('utf8');
  if (JSON_WHITESPACE_ONLY.test(text)) return errorResponse(400, MESSAGES.valueEmpty);
  // Depth before syntax: a streaming parser fails at the 1,001st open bracket whatever follows, so deep text that is
  // unbalanced or truncated is "too deep" here too (when such text also has a syntax error before that bracket, the
  // message names depth instead; both are 400). JSON.parse is strict RFC 8259, as Jackson is by default: it refuses
  // bad escapes ("\x", "\u12", "\uZZZZ"), raw control characters and NUL in strings, and a leading BOM (Jira keeps the
  // body as text, and Jackson's text parser refuses U+FEFF: jackson-core#458); it accepts escaped lone surrogates
  // ("\ud800"), which RFC 8259's grammar allows and Jackson accepts too.
  if (nestingDepth(text, MAX_VALUE_DEPTH) > MAX_VALUE_DEPTH) return errorResponse(400, MESSAGES.valueTooDeep(MAX_VALUE_DEPTH));
  // JSON.parse is only the validity check: its result (doubles, rounded) is dropped, never stored.
  try {
    JSON.parse(text);
  } catch {
    return errorResponse(400, MESSAGES.valueInvalidJson);
  }

  // The text is stored exactly as sent, as Jira does (BasePropertyResource reads the body into a String, and
  // JsonEntityPropertyManagerImpl checks it with a streaming parser and stores that same String): big integers, long
  // decimals, exponents, -0, escapes, key order and whitespace all survive. Leading and trailing whitespace is kept
  // too, not trimmed: Jira keeps it, embedding it raw still gives valid JSON (JSON allows whitespace around a value),
  // and the stored text then is byte for byte the body the 32,768-byte limit counted.
  const created = ctx.store.putPropertyJson(target.accountId, key, text);
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
