// JSON Schema `pattern` and `patternProperties` run on RE2JS, a port of RE2: matching time is linear in the input,
// whatever the pattern. JavaScript's own RegExp backtracks, so one schema such as {"pattern":"^(a+)+$"} checked
// against 30 "a"s and a "!" holds a process (the resolver's, or a browser tab) for seconds, and longer inputs for
// ever. A safe-regex style check was the alternative; it is a heuristic (star height) that still passes
// exponential patterns like ^(a|a)*$ and polynomial ones like ^a*a*a*b$, while RE2's guarantee is by construction.
// The price: backreferences and lookaround, which RE2 cannot express, are refused with a message.
// Used by the resolver (ajv's `code.regExp` hook), the preferences page (ajv in the browser) and the editor frame.
import { RE2JS } from 're2js';

export interface LinearRegExp {
  test(text: string): boolean;
  toString(): string;
}

/** A pattern RE2 cannot run (backreference, lookahead, lookbehind) or one that is not a valid regular expression. */
export class UnsupportedPatternError extends Error {
  constructor(readonly pattern: string, detail: string) {
    super(`The pattern ${JSON.stringify(pattern)} cannot be used: ${detail}`);
    this.name = 'UnsupportedPatternError';
  }
}

const MAX_PATTERN_LENGTH = 1_000;

function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/\\[1-9]|\(\?[=!<]/.test(message)) {
    return 'backreferences and lookaround are not supported, because they cannot be checked in linear time.';
  }
  return `it is not a regular expression the app can check in linear time (${message}).`;
}

/** Compiles an ECMA-262 pattern (as JSON Schema writes them, `u` flag) for linear-time matching. */
export function compileLinearPattern(pattern: string): LinearRegExp {
  if (typeof pattern !== 'string') throw new UnsupportedPatternError(String(pattern), 'a pattern must be a string.');
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new UnsupportedPatternError(pattern.slice(0, 40), `patterns may be at most ${MAX_PATTERN_LENGTH} characters.`);
  }
  // translateRegExp turns a named backreference \k<name> into the literal text "k<name>": refuse it like \1.
  if (/(^|[^\\])(\\\\)*\\k</.test(pattern)) {
    throw new UnsupportedPatternError(pattern, 'backreferences and lookaround are not supported, because they cannot be checked in linear time.');
  }
  let compiled: RE2JS;
  try {
    // JavaScript spellings (\u00e9, \cA, \/) become RE2's before compiling.
    compiled = RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (error) {
    throw new UnsupportedPatternError(pattern, reason(error));
  }
  return {
    // JSON Schema's `pattern` is unanchored: a match anywhere in the string, as RegExp.prototype.test.
    test: (text) => compiled.test(text),
    toString: () => `/${pattern}/u`,
  };
}

/**
 * The engine in the shape ajv's `code.regExp` option takes (`(pattern, flags) => { test }` plus `code`, which only
 * ajv's standalone code generation reads; the app never generates standalone code).
 */
export const linearRegExpEngine = Object.assign((pattern: string) => compileLinearPattern(pattern), {
  code: 'linearRegExp',
});
