import { applyEdits, createScanner, format } from 'jsonc-parser';
import { jsonNestingDepth } from './json-text';

// Re-layouts of a JSON text that keep every token as written: each number's digits, exponent and sign, each string's
// escapes, the members' order. Only whitespace between tokens changes (and, in `readableEscapes`, how a string spells
// a character it holds), so what the user did not edit goes back to Jira exactly as it came.

// jsonc-parser's SyntaxKind values are a `const enum` in its typings, which isolatedModules cannot import.
const STRING = 10;
const EOF = 17;

/**
 * Deeper texts are laid out on one line: indentation grows with the square of the depth (a 16,384-deep array, which
 * 32 KB can hold, would indent to hundreds of megabytes).
 */
export const MAX_FORMATTED_DEPTH = 100;

/** One token per line where JSON.stringify(value, null, 2) would break, two-space indent; tokens unchanged. */
export function formatJsonText(text: string): string {
  if (jsonNestingDepth(text, MAX_FORMATTED_DEPTH) > MAX_FORMATTED_DEPTH) return minifyJsonText(text);
  return applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' }));
}

/** The text without whitespace between tokens: what the app sends, so Jira's byte limit is spent on data. */
export function minifyJsonText(text: string): string {
  const scanner = createScanner(text, true);
  let out = '';
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    out += text.slice(scanner.getTokenOffset(), scanner.getTokenOffset() + scanner.getTokenLength());
  }
  return out;
}

// A visible character is a letter, mark, digit, punctuation or symbol; spaces, controls, format characters (bidi
// marks, zero-width joiners) and lone surrogates are not, and keep their escapes so the editor still shows them.
const VISIBLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
const ESCAPE = /\\(?:u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|.)/g;

/**
 * The text with each string's escapes of visible non-ASCII characters written as the characters: Jira's GET answer
 * escapes every non-ASCII character (its `escapeUnicode`), so "Émile" comes back as "\u00c9mile". Shown as sent, the
 * editor would show escapes and a save would store them, 6 bytes per UTF-16 unit where UTF-8 takes 2 or 3, so a value
 * near the limit could no longer be saved. Same value: each string holds the same characters. Other escapes
 * (quotes, controls, ASCII, invisible characters) are kept as written.
 */
export function readableEscapes(text: string): string {
  if (!text.includes('\\u')) return text;
  const scanner = createScanner(text, false);
  let out = '';
  let copied = 0;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    if (token !== STRING) continue;
    const start = scanner.getTokenOffset();
    const end = start + scanner.getTokenLength();
    const raw = text.slice(start, end);
    if (!raw.includes('\\u')) continue;
    out += text.slice(copied, start) + raw.replace(ESCAPE, decodeVisible);
    copied = end;
  }
  return out + text.slice(copied);
}

function decodeVisible(escape: string, high?: string, low?: string, single?: string): string {
  const hex = high !== undefined && low !== undefined ? [high, low] : single !== undefined ? [single] : undefined;
  if (!hex) return escape;
  const character = String.fromCharCode(...hex.map((h) => parseInt(h, 16)));
  return character.codePointAt(0)! >= 0x80 && VISIBLE.test(character) ? character : escape;
}
