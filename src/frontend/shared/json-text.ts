import { isLosslessNumber, isSafeNumber } from 'lossless-json';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { formatJsonText, minifyJsonText, readableEscapes } from '../../domain/json-layout';
import { jsonNestingDepth, parseLossless } from '../../domain/json-text';
import { MAX_JSON_DEPTH, utf8Bytes } from '../../domain/property-rules';

// Editors hold a value as text and send text: a value is never parsed into JavaScript numbers on its way from Jira
// back to Jira, so a 20-digit id or a long decimal the user did not touch is written back digit for digit.

export type ParsedJson =
  | {
      ok: true;
      /** The text to send: as typed, whitespace between tokens removed (every number and escape as written). */
      json: string;
      /** UTF-8 bytes of `json`, which is what Jira's limit counts. */
      bytes: number;
      /** The value, parsed losslessly (lossless-json): numbers are LosslessNumbers; for diffs and comparisons. */
      tree: unknown;
    }
  | { ok: false; message: string; line?: number; column?: number };

function position(text: string, offset: number) {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

const READABLE: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: 'Expected ":"',
  CommaExpected: 'Expected ","',
  CloseBraceExpected: 'Expected "}"',
  CloseBracketExpected: 'Expected "]"',
  EndOfFileExpected: 'Unexpected text after the value',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Comments are not allowed in JSON',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Incomplete number',
  InvalidUnicode: 'Invalid \\u escape',
  InvalidEscapeCharacter: 'Invalid escape character',
  InvalidCharacter: 'Invalid character in string',
};

/**
 * Parses what the user typed, with the first error's line and column. The depth is checked first, by a scan (both
 * parsers recurse per level; the app writes at most MAX_JSON_DEPTH levels anyway). jsonc-parser locates the error
 * (browsers' JSON.parse messages differ and often carry no position); the lossless parse has the final word, the one
 * the resolver applies to setProperty's `json`.
 */
export function parseJsonText(text: string): ParsedJson {
  if (text.trim() === '') return { ok: false, message: 'Enter a JSON value, for example {} or "text".' };
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return { ok: false, message: `Objects and arrays may be nested at most ${MAX_JSON_DEPTH} deep.` };
  }
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const [first] = errors;
    const code = printParseErrorCode(first.error);
    return { ok: false, message: READABLE[code] ?? code, ...position(text, first.offset) };
  }
  try {
    const tree = parseLossless(text);
    const json = minifyJsonText(text);
    return { ok: true, json, bytes: utf8Bytes(json), tree };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** A stored value's text as editors and read-only views show it: laid out, Jira's non-ASCII escapes as characters. */
export const editableJson = (json: string) => formatJsonText(readableEscapes(json));

/** A one-line preview of a stored value's text for tables. */
export function previewJson(json: string, maxLength = 60): string {
  const text = minifyJsonText(readableEscapes(json));
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/**
 * The value as JavaScript reads it (JSON.parse): numbers as doubles. Only for the app's own settings (a preference's
 * schema and default are stored as JavaScript values) and for schema checks; never for a value that is written back.
 */
export const lossyValue = (parsed: { json: string }): unknown => JSON.parse(parsed.json);

/**
 * The first number in a lossless tree that a double does not hold exactly (12345678901234567890, 1e400,
 * 0.1000000000000000055511151231257827), as written; undefined when every number survives JSON.parse. Iterative.
 */
export function firstInexactNumber(tree: unknown): string | undefined {
  const pending: unknown[] = [tree];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isLosslessNumber(node)) {
      if (!isSafeNumber(node.value)) return node.value;
    } else if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) pending.push(node[i]);
    } else if (typeof node === 'object' && node !== null) {
      pending.push(...Object.values(node).reverse());
    }
  }
  return undefined;
}
