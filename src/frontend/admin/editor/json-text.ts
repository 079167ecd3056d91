import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { utf8Bytes } from '../../../domain/property-rules';

export type ParsedJson =
  | { ok: true; value: unknown; bytes: number }
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
 * Parses what the admin typed, with the first error's line and column. jsonc-parser locates the error (browsers'
 * JSON.parse messages differ and often carry no position); JSON.parse then has the final word on validity.
 */
export function parseJsonText(text: string): ParsedJson {
  if (text.trim() === '') return { ok: false, message: 'Enter a JSON value, for example {} or "text".' };
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const [first] = errors;
    const code = printParseErrorCode(first.error);
    return { ok: false, message: READABLE[code] ?? code, ...position(text, first.offset) };
  }
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value, bytes: utf8Bytes(JSON.stringify(value)) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

export const formatJson = (value: unknown) => JSON.stringify(value, null, 2);
export const minifyJson = (value: unknown) => JSON.stringify(value);

/** A one-line preview for the table. */
export function previewJson(value: unknown, maxLength = 60): string {
  const text = JSON.stringify(value);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
