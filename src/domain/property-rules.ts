import { ValidationError } from './errors';

// Limits documented for PUT /rest/api/3/user/properties/{propertyKey}.
export const MAX_KEY_LENGTH = 255;
export const MAX_VALUE_BYTES = 32_768;
export const MAX_ACCOUNT_ID_LENGTH = 128;
/** Containers (objects and arrays) nested inside one another, the outermost included; a scalar has depth 0. */
export const MAX_JSON_DEPTH = 100;

// Characters that cannot be seen, typed or safely shown, found by Unicode property rather than listed one by one:
// controls (Cc), format characters (Cf: zero-width joiners, bidi marks and isolates, soft hyphen, the Arabic letter
// mark, interlinear annotations, tags), line and paragraph separators, surrogates, and every Default_Ignorable_Code_Point
// (variation selectors, the combining grapheme joiner, Khmer and Mongolian invisible vowels, the Hangul fillers).
// U+2800 BRAILLE PATTERN BLANK is a visible-width blank in the So category that renders like nothing: refused too.
const HIDDEN = '[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}\\p{Default_Ignorable_Code_Point}\\u2800]';
const HIDDEN_CHARACTER = new RegExp(HIDDEN, 'u');
/** Every hidden character, for replacing (global). */
export const HIDDEN_CHARACTERS = new RegExp(HIDDEN, 'gu');

export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_CHARACTER.test(text);
}

/** Whether the text has a lone UTF-16 surrogate, which has no UTF-8 form and so cannot travel in a URL. */
export function hasLoneSurrogate(text: string): boolean {
  return /\p{Cs}/u.test(text);
}

// Jira counts key length like Java's String.length(): UTF-16 code units, which is JS's `length` too.
// These are the rules for a key the app creates or names in its own settings. Keys Jira already holds are read,
// shown and deleted whatever they contain (`validateStoredKey`): another client may have written them.
// A key that is "." or ".." would turn into a dot segment and address another path, and "a..b" looks like a path
// trick in every list; both are refused here. Control, invisible and bidi characters are refused: they cannot be
// typed, and they let one key look exactly like another in lists and confirmations.
// Every other character (including / ? # \ % & + ; and unicode) is allowed: the client percent-encodes the key.
export function validatePropertyKey(key: unknown): string {
  const valid = validateStoredKey(key);
  if (valid.length > MAX_KEY_LENGTH) {
    throw new ValidationError(`The property key is ${valid.length} characters long; Jira allows at most ${MAX_KEY_LENGTH}.`);
  }
  if (valid.trim().length === 0) throw new ValidationError('The property key must not be only spaces.');
  if (valid.includes('..')) throw new ValidationError('The property key must not contain "..".');
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(valid)) {
    throw new ValidationError('The property key must not contain control characters or line breaks.');
  }
  if (hasHiddenCharacters(valid)) {
    throw new ValidationError('The property key must not contain invisible, formatting or text-direction characters.');
  }
  return valid;
}

// Longer than anything Jira stores (255), short enough that a hostile payload cannot make the app do real work.
const MAX_STORED_KEY_LENGTH = 1_024;

/**
 * A key as Jira may hold it, to read or delete: anything a URL can carry. Only what cannot be addressed at all is
 * refused: no text, the dot segments "." and "..", a lone surrogate (no UTF-8 form), an absurd length.
 */
export function validateStoredKey(key: unknown): string {
  if (typeof key !== 'string') throw new ValidationError('The property key must be a string.');
  if (key.length === 0) throw new ValidationError('The property key must not be empty.');
  if (key.length > MAX_STORED_KEY_LENGTH) {
    throw new ValidationError(`The property key is ${key.length} characters long; Jira allows at most ${MAX_KEY_LENGTH}.`);
  }
  if (key === '.' || key === '..') throw new ValidationError(`The property key must not be "${key}": a URL cannot address it.`);
  if (hasLoneSurrogate(key)) throw new ValidationError('The property key contains a broken unicode character.');
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

/** What makes the value not plain JSON, or undefined when it is. */
function jsonProblem(value: unknown, enclosing: number): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${value} is not a JSON number`;
  if (typeof value !== 'object') return `${typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`} is not JSON`;
  if (enclosing >= MAX_JSON_DEPTH) return `objects and arrays may be nested at most ${MAX_JSON_DEPTH} deep`;
  if (!Array.isArray(value)) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return 'only plain objects are JSON';
  }
  for (const item of Object.values(value as Record<string, unknown>)) {
    const problem = jsonProblem(item, enclosing + 1);
    if (problem) return problem;
  }
  return undefined;
}

export interface SerialisedValue {
  json: string;
  bytes: number;
}

/** A property value must be plain JSON (no undefined, NaN, functions, class instances) of at most 32,768 UTF-8 bytes. */
export function validatePropertyValue(value: unknown): SerialisedValue {
  if (value === undefined) throw new ValidationError('A property value is required.');
  const problem = jsonProblem(value, 0);
  if (problem) throw new ValidationError(`The property value must be plain JSON: ${problem}.`);
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
