import { isLosslessNumber } from 'lossless-json';
import { ValidationError } from './errors';
import { exactDecimal } from './json-equal';
import { jsonNestingDepth, parseLossless } from './json-text';
import { MAX_JSON_DEPTH, validatePropertyKey } from './property-rules';

/**
 * Which users to find: those having `key` (or not, `present: false`), or those whose value of `key` holds `value` at
 * `path` (dot-separated member names), as Jira's `/user/search?property=key.path=value` reads it.
 */
export type PropertyQuery = { key: string; present: boolean } | { key: string; path: string[]; value: string };

const MAX_PATH_SEGMENTS = 10;
const MAX_VALUE_LENGTH = 255;

/** The finder's payload fields, checked: a key as the app accepts keys, a path of member names, a value as text. */
export function readPropertyQuery(fields: Record<string, unknown>): PropertyQuery {
  const key = validatePropertyKey(fields.key);
  const { path, value, present } = fields;
  if (value === undefined) {
    if (path !== undefined) throw new ValidationError('A "path" needs the "value" to find there.');
    if (present !== undefined && typeof present !== 'boolean') throw new ValidationError('"present" must be true or false.');
    return { key, present: present !== false };
  }
  if (present !== undefined) throw new ValidationError('Give "present" or a "value", not both.');
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_VALUE_LENGTH) {
    throw new ValidationError(`"value" must be text of 1 to ${MAX_VALUE_LENGTH} characters: the value to find, as written in JSON (a string without its quotes).`);
  }
  if (path !== undefined && (typeof path !== 'string' || !/^[^.]+(\.[^.]+)*$/.test(path))) {
    throw new ValidationError('"path" must be member names joined by dots, like "code" or "address.city".');
  }
  const segments = path === undefined ? [] : path.split('.');
  if (segments.length > MAX_PATH_SEGMENTS) throw new ValidationError(`"path" may have at most ${MAX_PATH_SEGMENTS} parts.`);
  return { key, path: segments, value };
}

/**
 * Whether Jira's property search can answer the query: only a value at a path, and only for a key without "." or "="
 * (the `property` parameter splits the key at its first "." and the value at "="; OpenAPI description of
 * GET /rest/api/3/user/search), and a path and value without "=" either. Presence cannot be searched at all.
 */
export function jiraCanSearch(query: PropertyQuery): query is Extract<PropertyQuery, { value: string }> {
  if (!('value' in query)) return false;
  return !/[.=]/.test(query.key) && !query.path.some((segment) => segment.includes('=')) && !query.value.includes('=');
}

/** The `property` parameter of GET /user/search for a query Jira can answer. */
export const jiraPropertyParameter = (query: Extract<PropertyQuery, { value: string }>) => `${[query.key, ...query.path].join('.')}=${query.value}`;

/**
 * Whether a stored value (its exact JSON text) matches a value query, as Jira's search compares: a string by its
 * characters; a number, true, false or null by what the query spells (numbers by exact decimal value, so a 20-digit
 * id is compared whole); an object or array never matches (the search "cannot be specified using a JSON object").
 */
export function valueMatches(json: string, query: Extract<PropertyQuery, { value: string }>): boolean {
  if (jsonNestingDepth(json, MAX_JSON_DEPTH * 10) > MAX_JSON_DEPTH * 10) return false;
  let node: unknown;
  try {
    node = parseLossless(json);
  } catch {
    return false;
  }
  for (const segment of query.path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node) || isLosslessNumber(node) || !Object.hasOwn(node, segment)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  if (typeof node === 'string') return node === query.value;
  if (isLosslessNumber(node)) {
    try {
      return exactDecimal(node.value) === exactDecimal(query.value);
    } catch {
      return false;
    }
  }
  if (typeof node === 'boolean' || node === null) return String(node) === query.value;
  return false;
}
