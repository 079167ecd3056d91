// Completion from a JSON Schema: property names where a key goes, and the values the schema names (enum, const,
// default, examples, true/false, null) where a value goes. Pure: text + cursor in, items out; editor.ts adapts them to
// CodeMirror. Follows local $refs and merges allOf/anyOf/oneOf branches (a suggestion is a hint, not a verdict).
import { getLocation, parseTree, type JSONPath, type Node } from 'jsonc-parser';
import { pointerToSegments } from './json-positions';

export interface SchemaCompletionItem {
  /** What the list shows and filters on: the JSON text (a key is quoted). */
  label: string;
  /** Text that replaces the range. */
  insert: string;
  kind: 'property' | 'value';
  /** A short type or "required". */
  detail?: string;
  /** The schema's title and description. */
  info?: string;
  /** For a property: its schema names values to pick from, so the editor can offer them right after the key. */
  suggestsValues?: boolean;
  /** Required properties first. */
  boost?: number;
}

export interface SchemaCompletions {
  from: number;
  to: number;
  items: SchemaCompletionItem[];
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function resolveRef(root: JsonObject, schema: JsonObject, seen: Set<unknown>): JsonObject | undefined {
  let current: unknown = schema;
  while (isObject(current) && typeof current.$ref === 'string' && current.$ref.startsWith('#')) {
    if (seen.has(current)) return undefined;
    seen.add(current);
    let target: unknown = root;
    for (const segment of pointerToSegments(current.$ref)) {
      target = isObject(target) || Array.isArray(target) ? (target as JsonObject)[segment] : undefined;
    }
    // Keywords beside the $ref still apply (as with ajv v8): merge the two, the target's first.
    const { $ref: _ref, ...siblings } = current;
    current = isObject(target) ? { ...target, ...siblings } : siblings;
  }
  return isObject(current) ? current : undefined;
}

/** The schema and the branches of its combinators, each with $refs resolved. */
function expand(root: JsonObject, schema: unknown, depth = 0): JsonObject[] {
  if (!isObject(schema) || depth > 16) return [];
  const resolved = resolveRef(root, schema, new Set());
  if (!resolved) return [];
  const out = [resolved];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const branches = resolved[key];
    if (Array.isArray(branches)) for (const branch of branches) out.push(...expand(root, branch, depth + 1));
  }
  for (const key of ['then', 'else']) if (isObject(resolved[key])) out.push(...expand(root, resolved[key], depth + 1));
  return out;
}

/** Schemas that may apply at a path in the document. */
export function schemasAt(root: JsonObject, path: JSONPath): JsonObject[] {
  let current = expand(root, root);
  for (const segment of path) {
    const next: unknown[] = [];
    for (const schema of current) {
      if (typeof segment === 'number') {
        if (Array.isArray(schema.prefixItems) && segment < schema.prefixItems.length) next.push(schema.prefixItems[segment]);
        else if (Array.isArray(schema.items)) next.push(segment < schema.items.length ? schema.items[segment] : schema.additionalItems);
        else next.push(schema.items);
        continue;
      }
      const properties = isObject(schema.properties) ? schema.properties : {};
      if (Object.prototype.hasOwnProperty.call(properties, segment)) {
        next.push(properties[segment]);
        continue;
      }
      let matched = false;
      if (isObject(schema.patternProperties)) {
        for (const [pattern, sub] of Object.entries(schema.patternProperties)) {
          try {
            if (new RegExp(pattern, 'u').test(segment)) {
              next.push(sub);
              matched = true;
            }
          } catch {
            // An invalid pattern suggests nothing.
          }
        }
      }
      if (!matched) next.push(schema.additionalProperties);
    }
    current = next.flatMap((schema) => expand(root, schema));
  }
  return current;
}

const typesOf = (schema: JsonObject): string[] => (Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === 'string' ? [schema.type] : []);

function summary(schema: JsonObject): string | undefined {
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = typesOf(schema);
  return types.length > 0 ? types.join(' | ') : undefined;
}

function info(schema: JsonObject): string | undefined {
  const parts = [schema.title, schema.description].filter((part): part is string => typeof part === 'string' && part !== '');
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

function valuesOf(schema: JsonObject): unknown[] {
  const values: unknown[] = [];
  if (Array.isArray(schema.enum)) values.push(...schema.enum);
  if (schema.const !== undefined) values.push(schema.const);
  if (schema.default !== undefined) values.push(schema.default);
  if (Array.isArray(schema.examples)) values.push(...schema.examples);
  // Typed values only when nothing more specific is named.
  if (values.length === 0) {
    for (const type of typesOf(schema)) {
      if (type === 'boolean') values.push(true, false);
      if (type === 'null') values.push(null);
      if (type === 'object') values.push({});
      if (type === 'array') values.push([]);
    }
  }
  return values;
}

function suggestsValues(root: JsonObject, schema: unknown): boolean {
  return expand(root, schema).some((s) => valuesOf(s).length > 0);
}

function propertyItems(root: JsonObject, schemas: JsonObject[], existing: Set<string>): SchemaCompletionItem[] {
  const items = new Map<string, SchemaCompletionItem>();
  for (const schema of schemas) {
    if (!isObject(schema.properties)) continue;
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    for (const [name, sub] of Object.entries(schema.properties)) {
      if (existing.has(name) || items.has(name)) continue;
      const resolved = expand(root, sub)[0] ?? {};
      const type = summary(resolved);
      items.set(name, {
        label: JSON.stringify(name),
        insert: `${JSON.stringify(name)}: `,
        kind: 'property',
        detail: required.has(name) ? (type ? `${type} (required)` : 'required') : type,
        info: info(resolved),
        suggestsValues: suggestsValues(root, sub),
        boost: required.has(name) ? 1 : 0,
      });
    }
  }
  return [...items.values()];
}

function valueItems(schemas: JsonObject[]): SchemaCompletionItem[] {
  const items = new Map<string, SchemaCompletionItem>();
  for (const schema of schemas) {
    for (const value of valuesOf(schema)) {
      const text = JSON.stringify(value);
      if (text === undefined || items.has(text)) continue;
      const detail = schema.default !== undefined && JSON.stringify(schema.default) === text ? 'default' : typesOf(schema).join(' | ') || undefined;
      items.set(text, { label: text, insert: text, kind: 'value', detail, info: info(schema) });
    }
  }
  return [...items.values()];
}

/** Keys already present in the object at `path` (of the text as far as it parses). */
function existingKeys(text: string, path: JSONPath): Set<string> {
  const keys = new Set<string>();
  let node: Node | undefined = parseTree(text);
  for (const segment of path) {
    if (!node) break;
    const children: Node[] = node.children ?? [];
    if (typeof segment === 'number') node = node.type === 'array' ? children[segment] : undefined;
    else node = node.type === 'object' ? children.find((p) => p.children?.[0]?.value === segment)?.children?.[1] : undefined;
  }
  if (node?.type === 'object') for (const property of node.children ?? []) keys.add(String(property.children?.[0]?.value));
  return keys;
}

/** Start of a bare word (a key or a literal typed without quotes yet) that ends at `offset`. */
function wordStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && /[\w$.+-]/.test(text[start - 1])) start -= 1;
  return start;
}

/**
 * What to offer at `offset`, or undefined when the schema has nothing for this place (or the cursor is right after
 * a complete value, where a comma belongs). `explicit` (Ctrl-Space) offers even before anything is typed.
 */
export function schemaCompletions(schema: JsonObject, text: string, offset: number, explicit = false): SchemaCompletions | undefined {
  const location = getLocation(text, offset);
  const previous = location.previousNode;
  let from = offset;
  let to = offset;
  if (previous && (previous.type === 'string' || previous.type === 'property' || previous.type === 'number' || previous.type === 'boolean' || previous.type === 'null')) {
    const end = previous.offset + previous.length;
    if (offset > end) return undefined;
    from = previous.offset;
    // An unterminated string runs to the end of the line: replace only what is before the cursor.
    const quoted = previous.type === 'string' || previous.type === 'property';
    to = !quoted || (previous.length >= 2 && text[end - 1] === '"') ? end : offset;
  } else {
    from = wordStart(text, offset);
  }
  if (!explicit && from === offset) return undefined;

  if (location.isAtPropertyKey) {
    const objectPath = location.path.slice(0, -1);
    const current = location.path[location.path.length - 1];
    const keys = existingKeys(text, objectPath);
    if (typeof current === 'string') keys.delete(current);
    const items = propertyItems(schema, schemasAt(schema, objectPath), keys);
    return items.length > 0 ? { from, to, items } : undefined;
  }
  const items = valueItems(schemasAt(schema, location.path));
  return items.length > 0 ? { from, to, items } : undefined;
}
