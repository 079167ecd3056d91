// Matching a user property's value at a path, shared by GET /user/search?property= and GET /user/search/query.
import type { SimStore } from '../store';

/** The value at `path` inside a stored value (its JSON text); undefined when the path leads nowhere. */
function valueAt(json: string, path: readonly string[]): unknown {
  let value: unknown = JSON.parse(json);
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

/**
 * Whether a value equals what a query spells: a string by its characters, a number, boolean or null by its JSON text
 * (`nested=1` finds `{"nested":1}`, the example of the `property` parameter's description). Objects and arrays never
 * match: "The query string cannot be specified using a JSON object" (same description).
 */
function equalsQueryText(value: unknown, expected: string): boolean {
  if (typeof value === 'string') return value === expected;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value) === expected;
  return false;
}

/**
 * A test for "user's property `key`, at `path`, equals `expected`", with every value of `key` read in one query up
 * front (a search looks at up to thousands of users).
 */
export function propertyMatcher(store: SimStore, key: string, path: readonly string[], expected: string): (accountId: string) => boolean {
  const values = store.valuesOfKey(key);
  return (accountId) => {
    const json = values.get(accountId);
    return json !== undefined && equalsQueryText(valueAt(json, path), expected);
  };
}
