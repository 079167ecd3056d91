import { createScanner } from 'jsonc-parser';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The parsed body, or undefined when it is empty or not JSON (a proxy's HTML error page, say). */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

// jsonc-parser's SyntaxKind and ScanError values: they are `const enum`s in its typings, which isolatedModules cannot
// import, so the few used here are restated.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const NULL = 7;
const TRUE = 8;
const FALSE = 9;
const STRING = 10;
const NUMBER = 11;
const EOF = 17;
const NO_SCAN_ERROR = 0;
const VALUE_STARTS = new Set([OPEN_BRACE, OPEN_BRACKET, NULL, TRUE, FALSE, STRING, NUMBER]);

/**
 * The exact text of the member `name` of the JSON object `text` (the last one, should the name repeat, as JSON.parse
 * reads it), from its first character to its last, whitespace around it left out; undefined when `text` is not an
 * object or has no such member. Nothing is parsed or written again: the answer is a slice of `text`, so a number keeps
 * every digit and a string every escape. Call it on a text JSON.parse accepted (it checks tokens, not the grammar).
 * jsonc-parser's scanner finds the tokens (strings whole, so brackets inside them do not count); nested values are
 * skipped by counting brackets, without recursion: parseTree recurses per level and overflows the stack on the
 * 16,384-deep arrays 32 KB can hold.
 */
export function memberText(text: string, name: string): string | undefined {
  const scanner = createScanner(text, true);
  const next = () => {
    const token = scanner.scan();
    return scanner.getTokenError() === NO_SCAN_ERROR ? token : undefined;
  };
  if (next() !== OPEN_BRACE) return undefined;
  let found: string | undefined;
  let token = next();
  if (token === CLOSE_BRACE) return undefined;
  for (;;) {
    if (token !== STRING) return undefined;
    const member = scanner.getTokenValue();
    if (next() !== COLON) return undefined;
    token = next();
    if (token === undefined || !VALUE_STARTS.has(token)) return undefined;
    const start = scanner.getTokenOffset();
    let depth = token === OPEN_BRACE || token === OPEN_BRACKET ? 1 : 0;
    while (depth > 0) {
      token = next();
      if (token === undefined || token === EOF) return undefined;
      if (token === OPEN_BRACE || token === OPEN_BRACKET) depth++;
      else if (token === CLOSE_BRACE || token === CLOSE_BRACKET) depth--;
    }
    const end = scanner.getTokenOffset() + scanner.getTokenLength();
    if (member === name) found = text.slice(start, end);
    token = next();
    if (token === COMMA) {
      token = next();
      continue;
    }
    if (token !== CLOSE_BRACE) return undefined;
    return next() === EOF ? found : undefined;
  }
}
