import { compileLinearPattern, UnsupportedPatternError } from '../shared/linear-regexp';
import { ValidationError } from './errors';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

// The keywords whose values are schemas, as json-schema-traverse (which ajv uses to find `$id`s and `$ref`s) walks
// them. Values of other keywords (enum, const, default, examples, …) are data, so a property or an enum value that
// happens to be called "$id" is not refused.
const SINGLE = ['additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const LISTS = ['items', 'prefixItems', 'allOf', 'anyOf', 'oneOf'];
const MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas', 'dependencies'];

// Keywords that name a schema for others to find, or find one by name. A definition's schema must stand alone:
// an `$id` would enter a registry that outlives the request, and a `$ref` to anything but "#…" would resolve against
// whatever that registry holds (which, with a shared Ajv, was another caller's schema).
const NAMING = ['$id', '$anchor', '$dynamicAnchor', '$recursiveAnchor', '$dynamicRef', '$recursiveRef'];
const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

function refuse(where: string, what: string): never {
  throw new ValidationError(`The schema ${what} (at ${where || 'the top'}). A preference's schema must be self-contained.`);
}

function visit(schema: unknown, where: string, depth: number): void {
  if (typeof schema === 'boolean') return;
  if (!isObject(schema)) refuse(where, 'has something other than a schema where a schema belongs');
  if (depth > 64) refuse(where, 'is nested too deeply');
  for (const keyword of NAMING) {
    if (Object.hasOwn(schema, keyword)) refuse(where, `uses "${keyword}"`);
  }
  if (Object.hasOwn(schema, '$ref') && (typeof schema.$ref !== 'string' || !schema.$ref.startsWith('#'))) {
    refuse(where, 'refers to a schema outside itself ("$ref" must start with "#")');
  }
  if (Object.hasOwn(schema, '$schema') && (depth > 0 || typeof schema.$schema !== 'string' || !DRAFT_07.test(schema.$schema))) {
    refuse(where, 'declares a "$schema" other than draft-07 at its top');
  }
  if (Object.hasOwn(schema, 'pattern')) checkPattern(schema.pattern, `${where}/pattern`);
  for (const keyword of [...SINGLE, ...IN_PLACE_SINGLE]) if (Object.hasOwn(schema, keyword)) visit(schema[keyword], `${where}/${keyword}`, depth + 1);
  for (const keyword of LISTS) {
    if (!Object.hasOwn(schema, keyword)) continue;
    const value = schema[keyword];
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${where}/${keyword}/${i}`, depth + 1));
    else visit(value, `${where}/${keyword}`, depth + 1);
  }
  for (const keyword of MAPS) {
    const value = schema[keyword];
    if (!Object.hasOwn(schema, keyword) || !isObject(value)) continue;
    for (const [name, sub] of Object.entries(value)) {
      if (keyword === 'patternProperties') checkPattern(name, `${where}/patternProperties`);
      // draft-07 `dependencies` maps a property either to a schema or to a list of property names.
      if (keyword === 'dependencies' && Array.isArray(sub)) continue;
      visit(sub, `${where}/${keyword}/${name}`, depth + 1);
    }
  }
}

function checkPattern(pattern: unknown, where: string): void {
  if (typeof pattern !== 'string') refuse(where, 'has a pattern that is not a string');
  try {
    compileLinearPattern(pattern);
  } catch (error) {
    if (error instanceof UnsupportedPatternError) throw new ValidationError(`In the schema at ${where}: ${error.message}`);
    throw error;
  }
}

// Subschemas that apply to the same value as their parent: a cycle through these (and local $refs) never reaches a
// smaller part of the value, so validating anything would recurse until the stack overflows ({"$ref":"#"},
// {"anyOf":[{"$ref":"#"}]}, two $defs referring to each other). A $ref under "properties" or "items" is fine.
const IN_PLACE_SINGLE = ['not', 'if', 'then', 'else'];
const IN_PLACE_LISTS = ['allOf', 'anyOf', 'oneOf'];
const IN_PLACE_MAPS = ['dependentSchemas', 'dependencies'];

function localTarget(root: JsonObject, ref: string): unknown {
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as JsonObject)[segment];
  }
  return node;
}

function inPlaceChildren(root: JsonObject, schema: JsonObject): unknown[] {
  const children: unknown[] = [];
  for (const keyword of IN_PLACE_SINGLE) if (Object.hasOwn(schema, keyword)) children.push(schema[keyword]);
  for (const keyword of IN_PLACE_LISTS) if (Array.isArray(schema[keyword])) children.push(...(schema[keyword] as unknown[]));
  for (const keyword of IN_PLACE_MAPS) if (isObject(schema[keyword])) children.push(...Object.values(schema[keyword] as JsonObject));
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
    let ref = schema.$ref;
    try {
      ref = decodeURI(ref);
    } catch {
      return children; // ajv refuses it when compiling
    }
    children.push(localTarget(root, ref));
  }
  return children;
}

function assertNoEndlessRecursion(root: JsonObject): void {
  const state = new Map<object, 'open' | 'done'>();
  const walk = (node: unknown): void => {
    if (!isObject(node) || state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      throw new ValidationError('The schema refers to itself without ever going into a part of the value (a "$ref" cycle through allOf, anyOf, oneOf, not or if), so no value could be checked against it.');
    }
    state.set(node, 'open');
    inPlaceChildren(root, node).forEach(walk);
    state.set(node, 'done');
  };
  // Every schema position is a possible start: a cycle may sit under "properties" and be reached only by a value.
  const all: JsonObject[] = [];
  const collect = (node: unknown): void => {
    if (!isObject(node)) return;
    all.push(node);
    for (const keyword of [...SINGLE, ...IN_PLACE_SINGLE]) if (Object.hasOwn(node, keyword)) collect(node[keyword]);
    for (const keyword of LISTS) (Array.isArray(node[keyword]) ? (node[keyword] as unknown[]) : [node[keyword]]).forEach(collect);
    for (const keyword of MAPS) if (isObject(node[keyword])) Object.values(node[keyword] as JsonObject).forEach(collect);
  };
  collect(root);
  all.forEach(walk);
}

/**
 * Refuses a schema that is not self-contained (`$id`, anchors, references outside itself, another draft), whose
 * patterns cannot run in linear time, or whose references loop without descending into the value. Cheap: two walks,
 * no compile.
 */
export function assertSelfContainedSchema(schema: unknown): void {
  if (!isObject(schema)) throw new ValidationError('The schema must be a JSON object (a JSON Schema).');
  visit(schema, '', 0);
  assertNoEndlessRecursion(schema);
}
