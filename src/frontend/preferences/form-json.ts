// A preference form holds its value as JavaScript values, except for numbers a double cannot hold exactly: those
// stay LosslessNumbers (lossless-json), which no number field accepts (they are edited as raw JSON), so nothing is
// rounded. A save writes the value back as text in which every number the user did not change keeps its stored
// spelling (19.90, -0, 1.0e0), however the form held it.
//
// The walks below recurse once per nesting level. Values come from a bounded parse (`storedTree`, or parseJsonText at
// MAX_JSON_DEPTH), so the depth is bounded too.
import { isLosslessNumber, isSafeNumber, LosslessNumber, stringify } from 'lossless-json';
import { exactDecimal, jsonEqual, MAX_COMPARED_DEPTH } from '../../domain/json-equal';
import { formatJsonText } from '../../domain/json-layout';
import { jsonNestingDepth, parseLossless } from '../../domain/json-text';

type JsonNumber = number | LosslessNumber;

/** A number token as the form holds it: a JavaScript number when that keeps its digits, else the token itself. */
export const formNumber = (token: string): JsonNumber => (isSafeNumber(token) ? Number(token) : new LosslessNumber(token));

/**
 * The lossless tree of a stored text (every number a LosslessNumber), or undefined when the text is deeper than
 * MAX_COMPARED_DEPTH (the parser recurses per level) or not JSON.
 */
export function storedTree(json: string): unknown {
  if (jsonNestingDepth(json, MAX_COMPARED_DEPTH) > MAX_COMPARED_DEPTH) return undefined;
  try {
    return parseLossless(json);
  } catch {
    return undefined;
  }
}

/** A lossless tree as a form holds it: each LosslessNumber a JavaScript number when that is exact (see formNumber). */
export const toFormValue = (tree: unknown): unknown => mapNumbers(tree, (n) => (isLosslessNumber(n) ? formNumber(n.value) : n));

/**
 * The value with every number a double, for checks that need JavaScript numbers (ajv). Lossy: only for checking,
 * never to be written.
 */
export const lossyCopy = (value: unknown): unknown => mapNumbers(value, (n) => (isLosslessNumber(n) ? Number(n.value) : n));

/**
 * Whether two form values are the same JSON value, numbers compared by exact decimal value whichever way each is held
 * (a JavaScript number, or a LosslessNumber from raw JSON or a long number typed in a field).
 */
export const sameFormValue = (a: unknown, b: unknown): boolean => jsonEqual(exactNumbers(a), exactNumbers(b));

const exactNumbers = (value: unknown) => mapNumbers(value, (n) => (typeof n === 'number' && Number.isFinite(n) ? new LosslessNumber(String(n)) : n));

/** A (part of a) form value as a raw JSON field shows it: every digit kept, laid out one member per line. */
export const rawJsonText = (value: unknown): string => formatJsonText(stringify(value) ?? 'null');

/**
 * The JSON text a save sends for `value`, given the lossless tree of what is stored (`original`, undefined when
 * nothing is): at each path where the value holds the number stored there (same exact decimal), the stored token is
 * written; other numbers as JavaScript writes them, LosslessNumbers by their digits. Members stored before keep their
 * stored order (the form rebuilds objects in schema order); new ones follow.
 */
export function formJson(value: unknown, original?: unknown): string {
  const json = stringify(keepSpellings(value, original));
  if (json === undefined) throw new Error('The form has no value to write.');
  return json;
}

function keepSpellings(value: unknown, original: unknown): unknown {
  if (typeof value === 'number') {
    const same = isLosslessNumber(original) && Number.isFinite(value) && exactDecimal(String(value)) === exactDecimal(original.value);
    return same ? original : value;
  }
  if (Array.isArray(value)) {
    const before: unknown[] = Array.isArray(original) ? original : [];
    return value.map((item, index) => keepSpellings(item, before[index]));
  }
  if (!isObject(value)) return value; // strings, booleans, null, LosslessNumbers (written by their digits)
  const before = isObject(original) ? original : {};
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(before)) if (Object.hasOwn(value, key)) assign(out, key, keepSpellings(value[key], before[key]));
  for (const [key, item] of Object.entries(value)) if (!Object.hasOwn(out, key)) assign(out, key, keepSpellings(item, undefined));
  return out;
}

function mapNumbers(value: unknown, map: (n: JsonNumber) => unknown): unknown {
  if (typeof value === 'number' || isLosslessNumber(value)) return map(value);
  if (Array.isArray(value)) return value.map((item) => mapNumbers(item, map));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) assign(out, key, mapNumbers(item, map));
  return out;
}

/** An object's member (not a LosslessNumber, which is a number, nor an array). */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);

/** Sets a member, "__proto__" included (plain assignment would set the prototype and lose the member). */
export function assign(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
