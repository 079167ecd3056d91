import type { PropertyEntry } from '../shared/contract';
import { ValidationError } from './errors';
import { isJsonWhitespaceOnly, jsonNestingDepth, parseLossless } from './json-text';
import { hasLoneSurrogate, MAX_JSON_DEPTH, MAX_VALUE_BYTES, utf8Bytes, type SerialisedValue } from './property-rules';

/**
 * A property value given as its JSON text (setProperty's `json`, an expected state's `json`), checked as Jira checks a
 * PUT body and by the app's own rules, and answered unchanged: the text is what is sent, byte for byte.
 * - a string of at most 32,768 UTF-8 bytes (Jira's limit counts the body as sent);
 * - no lone surrogate (a UTF-16 half character has no UTF-8 form, so the text could not be sent as it is; written
 *   as an escape, "\ud800", it is plain ASCII and fine);
 * - not empty or only whitespace;
 * - arrays and objects nested at most MAX_JSON_DEPTH deep, found by a scan without recursion before any parse;
 * - valid JSON (RFC 8259, as strict as JSON.parse and Jackson), found by a lossless parse that keeps every number.
 * Whitespace around or inside the value is kept as given. No rule on hidden characters applies: they are refused in
 * keys, where they hide one key behind another, not in values.
 */
export function validatePropertyJson(text: unknown, field = 'json'): SerialisedValue {
  if (typeof text !== 'string') throw new ValidationError(`"${field}" must be a string: the value's JSON text.`);
  // Every UTF-16 code unit is at least one UTF-8 byte: a text this long is too large before it is encoded.
  if (text.length > MAX_VALUE_BYTES) throw tooLarge(text.length, 'at least ');
  if (hasLoneSurrogate(text)) {
    throw new ValidationError(`The property value contains a broken unicode character (a lone surrogate); write it as a \\u escape.`);
  }
  const bytes = utf8Bytes(text);
  if (bytes > MAX_VALUE_BYTES) throw tooLarge(bytes, '');
  if (isJsonWhitespaceOnly(text)) throw new ValidationError('A property value is required: the JSON text is empty.');
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw new ValidationError(`The property value must be plain JSON: objects and arrays may be nested at most ${MAX_JSON_DEPTH} deep.`);
  }
  try {
    parseLossless(text);
  } catch (error) {
    throw new ValidationError(`The property value is not valid JSON: ${(error as Error).message}.`);
  }
  return { json: text, bytes };
}

function tooLarge(bytes: number, qualifier: string): ValidationError {
  return new ValidationError(`The property value is ${qualifier}${bytes} bytes as JSON; Jira allows at most ${MAX_VALUE_BYTES}.`);
}

/**
 * The value of a JSON text as JavaScript sees it (JSON.parse): lossy, since every number becomes a double
 * (12345678901234567890 reads as 12345678901234567000, 1e400 as Infinity). For schema checks only (ajv validates
 * JavaScript values); never write it back, and never compare stored values with it.
 */
export function lossyValueOf(json: string): unknown {
  return JSON.parse(json) as unknown;
}

/**
 * The contract's entry for a stored value given as its exact JSON text, as Jira answered it: the text travels as one
 * string, never parsed, whatever its numbers or its depth.
 */
export function propertyEntry(key: string, json: string): PropertyEntry {
  return { key, json, bytes: utf8Bytes(json) };
}

/** The entry of a listed key no request can address: nothing was read, so no text and no bytes. */
export function unreadableEntry(key: string, why: string): PropertyEntry {
  return { key, json: 'null', bytes: 0, unreadable: why };
}
