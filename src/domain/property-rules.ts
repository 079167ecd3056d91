import { ValidationError } from './errors';

// Limits documented for PUT /rest/api/3/user/properties/{propertyKey}.
export const MAX_KEY_LENGTH = 255;
export const MAX_VALUE_BYTES = 32_768;
export const MAX_ACCOUNT_ID_LENGTH = 128;
const MAX_JSON_DEPTH = 100;

const INVISIBLE_OR_BIDI = /[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

// Jira counts key length like Java's String.length(): UTF-16 code units, which is JS's `length` too.
// A key that is "." or ".." would turn into a dot segment and address another path; `route` also throws on any
// "..", so such keys are refused here with a message rather than left to fail deep in @forge/api.
// Control, invisible and bidi characters are refused: they cannot be typed, shown or safely logged.
// Every other character (including / ? # \ % & + ; and unicode) is allowed: the client percent-encodes the key.
export function validatePropertyKey(key: unknown): string {
  if (typeof key !== 'string') throw new ValidationError('The property key must be a string.');
  if (key.length === 0) throw new ValidationError('The property key must not be empty.');
  if (key.length > MAX_KEY_LENGTH) {
    throw new ValidationError(`The property key is ${key.length} characters long; Jira allows at most ${MAX_KEY_LENGTH}.`);
  }
  if (key.trim().length === 0) throw new ValidationError('The property key must not be only spaces.');
  if (key.includes('..')) throw new ValidationError('The property key must not contain "..".');
  if (key === '.') throw new ValidationError('The property key must not be ".".');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(key)) {
    throw new ValidationError('The property key must not contain control characters or line breaks.');
  }
  // Invisible and direction-changing characters let one key look like another in lists and confirmations.
  if (INVISIBLE_OR_BIDI.test(key)) {
    throw new ValidationError('The property key must not contain invisible or text-direction characters.');
  }
  // A lone UTF-16 surrogate cannot be encoded as UTF-8, so it cannot travel in a URL (encodeURIComponent throws).
  if (/[\uD800-\uDFFF]/u.test(key)) throw new ValidationError('The property key contains a broken unicode character.');
  return key;
}

// Jira account IDs are opaque but only ever use these characters (e.g. "5b10ac8d82e05b22cc7d4ef5",
// "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", "qm:…" for customers).
const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9:_-]+$/;

export function validateAccountId(accountId: unknown): string {
  if (typeof accountId !== 'string' || accountId.length === 0) {
    throw new ValidationError('The accountId must be a non-empty string.');
  }
  if (accountId.length > MAX_ACCOUNT_ID_LENGTH) {
    throw new ValidationError(`The accountId is longer than ${MAX_ACCOUNT_ID_LENGTH} characters.`);
  }
  if (!ACCOUNT_ID_PATTERN.test(accountId)) {
    throw new ValidationError('The accountId may only contain letters, digits, ":", "_" and "-".');
  }
  return accountId;
}

export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}

function isJsonValue(value: unknown, depth: number): boolean {
  if (depth > MAX_JSON_DEPTH) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(value as Record<string, unknown>).every((item) => isJsonValue(item, depth + 1));
  }
  return false;
}

export interface SerialisedValue {
  json: string;
  bytes: number;
}

/** A property value must be plain JSON (no undefined, NaN, functions, class instances) of at most 32,768 UTF-8 bytes. */
export function validatePropertyValue(value: unknown): SerialisedValue {
  if (value === undefined) throw new ValidationError('A property value is required.');
  if (!isJsonValue(value, 0)) {
    throw new ValidationError(
      `The property value must be plain JSON (objects, arrays, strings, finite numbers, booleans, null) nested at most ${MAX_JSON_DEPTH} deep.`,
    );
  }
  const json = JSON.stringify(value);
  const bytes = utf8Bytes(json);
  if (bytes > MAX_VALUE_BYTES) {
    throw new ValidationError(`The property value is ${bytes} bytes as JSON; Jira allows at most ${MAX_VALUE_BYTES}.`);
  }
  return { json, bytes };
}

export function byteSizeOf(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? '');
}
