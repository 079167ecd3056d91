import { isLosslessNumber } from 'lossless-json';
import { jsonNestingDepth, parseLossless } from './json-text';

/**
 * Deep equality of two parsed JSON values; object key order does not matter (JSON gives it no meaning). JavaScript
 * numbers compare with `===` (so -0 equals 0), which is only as exact as the parse that made them; LosslessNumbers
 * (lossless-json) compare by exact decimal value, as in `jsonTextEqual`; a number never equals a LosslessNumber. To
 * compare stored values, compare their texts with `jsonTextEqual`. Iterative, so any depth costs no stack.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const pending: Array<[unknown, unknown]> = [[a, b]];
  while (pending.length > 0) {
    const [x, y] = pending.pop() as [unknown, unknown];
    if (x === y) continue;
    const xIsContainer = isContainer(x);
    if (xIsContainer !== isContainer(y)) return false;
    if (!xIsContainer) {
      if (!(isLosslessNumber(x) && isLosslessNumber(y) && exactDecimal(x.value) === exactDecimal(y.value))) return false;
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const other = y as unknown[];
      if (x.length !== other.length) return false;
      for (let i = 0; i < x.length; i++) pending.push([x[i], other[i]]);
      continue;
    }
    const left = x as Record<string, unknown>;
    const right = y as Record<string, unknown>;
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    for (const key of keys) {
      if (!Object.hasOwn(right, key)) return false;
      pending.push([left[key], right[key]]);
    }
  }
  return true;
}

/**
 * The deepest nesting `jsonTextEqual` parses. Jira's own parser (Jackson's StreamReadConstraints) refuses deeper
 * values by default, and lossless-json's parser recurses once per level, which this bounds. The app itself writes
 * at most MAX_JSON_DEPTH.
 */
export const MAX_COMPARED_DEPTH = 1_000;

/**
 * Whether two JSON texts hold the same value, exactly, through a lossless parse (no number becomes a double):
 * - objects are unordered sets of members (`{"a":1,"b":2}` equals `{"b":2,"a":1}`); a key given twice keeps its last
 *   value, as Jira's parser reads it;
 * - arrays compare item by item, in order;
 * - strings compare by UTF-16 code units once unescaped (`"\u00e9"` equals `"é"`; no Unicode normalisation, so a
 *   precomposed "é" differs from "e" + U+0301);
 * - numbers compare by their exact decimal value, whatever the spelling: `1.0` equals `1`, `1e2` equals `100` and
 *   `100.00`, `0.1000000000000000055511151231257827` differs from `0.1`, and `12345678901234567890` differs from
 *   `12345678901234567891` (both are one double). `-0` (and `-0.0`, `-0e5`) equals `0`: a JSON number denotes a
 *   decimal value (RFC 8259), and a decimal zero has no sign (Java's BigDecimal and integer types, as Jira's code
 *   reads JSON, cannot tell them apart either); only the spelling differs, and the stored text keeps it anyway;
 * - `true`, `false` and `null` only equal themselves; no type equals another (`1` is not `"1"`, `0` is not `false`).
 * Texts whitespace aside are not looked at. A text that is not valid JSON equals nothing but the identical text.
 * Bounded: texts of different depth differ without a parse, and texts deeper than MAX_COMPARED_DEPTH (which the app
 * never writes) are equal only when identical. The comparison itself is iterative.
 */
export function jsonTextEqual(a: string, b: string): boolean {
  if (a === b) return true;
  const depth = jsonNestingDepth(a, MAX_COMPARED_DEPTH);
  if (depth !== jsonNestingDepth(b, MAX_COMPARED_DEPTH) || depth > MAX_COMPARED_DEPTH) return false;
  let left: unknown;
  let right: unknown;
  try {
    left = parseLossless(a);
    right = parseLossless(b);
  } catch {
    return false;
  }
  return jsonEqual(left, right);
}

const JSON_NUMBER = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * One spelling per decimal value of a JSON number: `[-]<digits>e<exponent>` with no leading or trailing zero in the
 * digits (the exponent a BigInt, so no exponent is too large to be exact), and "0" for every zero, -0 included.
 * `1.50e1`, `15` and `150e-1` are all "15e0". Throws SyntaxError on a text that is not a JSON number.
 */
export function exactDecimal(number: string): string {
  const match = JSON_NUMBER.exec(number);
  if (!match) throw new SyntaxError(`Not a JSON number: ${number.slice(0, 40)}`);
  const [, sign, integer, fraction = '', exponent = '0'] = match;
  const all = integer + fraction;
  let start = 0;
  while (start < all.length && all.charCodeAt(start) === 0x30) start++;
  if (start === all.length) return '0';
  let end = all.length;
  while (all.charCodeAt(end - 1) === 0x30) end--;
  const scale = BigInt(exponent) - BigInt(fraction.length) + BigInt(all.length - end);
  return `${sign}${all.slice(start, end)}e${scale}`;
}

/** An array or a plain object; a LosslessNumber is a leaf (a number), not an object to compare member by member. */
function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !isLosslessNumber(value);
}
