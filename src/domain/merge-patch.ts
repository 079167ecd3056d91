import { isLosslessNumber, stringify } from 'lossless-json';
import { ValidationError } from './errors';
import { MAX_COMPARED_DEPTH } from './json-equal';
import { jsonNestingDepth, parseLossless } from './json-text';

// JSON Merge Patch (RFC 7396) on JSON texts, losslessly: both texts are parsed keeping every number's digits
// (lossless-json), and the result is written back with those digits. So a patch of one field leaves every other
// number exactly as stored, where JSON.parse would round a big integer. Whitespace and string escapes are not kept:
// the result is minified, with the same meaning.

type Json = unknown;

const isObject = (value: Json): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);

/** A member set as an own property: a key named `__proto__` is data, as in the parsed text, never the prototype. */
function setMember(target: Record<string, Json>, name: string, value: Json): void {
  Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
}

/** RFC 7396 section 2, MergePatch(Target, Patch); `target` may be undefined (the key does not exist). */
function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const result: Record<string, Json> = {};
  if (isObject(target)) for (const [name, value] of Object.entries(target)) setMember(result, name, value);
  for (const [name, value] of Object.entries(patch)) {
    if (value === null) delete result[name];
    else setMember(result, name, mergePatch(Object.hasOwn(result, name) ? result[name] : undefined, value));
  }
  return result;
}

function parseBounded(text: string, what: string): Json {
  if (jsonNestingDepth(text, MAX_COMPARED_DEPTH) > MAX_COMPARED_DEPTH) {
    throw new ValidationError(`The ${what} nests deeper than ${MAX_COMPARED_DEPTH} levels: it cannot be merged.`);
  }
  try {
    return parseLossless(text);
  } catch (error) {
    throw new ValidationError(`The ${what} is not valid JSON: ${(error as Error).message}.`);
  }
}

/**
 * The text of `patch` merged into `current` (undefined: the key does not exist, and the patch applies to nothing).
 * Answers undefined when the merge removes everything there is to store (a patch that is `null`).
 */
export function applyMergePatch(current: string | undefined, patch: string): string | undefined {
  const merged = mergePatch(current === undefined ? undefined : parseBounded(current, 'stored value'), parseBounded(patch, 'merge patch'));
  return merged === null ? undefined : (stringify(merged) as string);
}
