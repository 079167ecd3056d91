import { isLosslessNumber } from 'lossless-json';
import { jsonEqual } from '../../../domain/json-equal';

export interface JsonChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

// A LosslessNumber is an object too: a number, not a member list.
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);

const child = (path: string, key: string | number) =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

/**
 * The paths that differ between two JSON values parsed losslessly (`ParsedJson.tree`), for the "what will change"
 * summary shown before a save: a number changed past double precision is a change.
 */
export function diffJson(before: unknown, after: unknown): JsonChanges {
  const changes: JsonChanges = { added: [], removed: [], changed: [] };
  const walk = (a: unknown, b: unknown, path: string) => {
    if (jsonEqual(a, b)) return;
    if (isObject(a) && isObject(b)) {
      for (const key of Object.keys(a)) {
        if (!Object.hasOwn(b, key)) changes.removed.push(child(path, key));
        else walk(a[key], b[key], child(path, key));
      }
      for (const key of Object.keys(b)) if (!Object.hasOwn(a, key)) changes.added.push(child(path, key));
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      const shared = Math.min(a.length, b.length);
      for (let i = 0; i < shared; i++) walk(a[i], b[i], child(path, i));
      for (let i = shared; i < a.length; i++) changes.removed.push(child(path, i));
      for (let i = shared; i < b.length; i++) changes.added.push(child(path, i));
      return;
    }
    changes.changed.push(path || '(the whole value)');
  };
  walk(before, after, '');
  return changes;
}
