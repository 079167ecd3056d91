import { compileLinearPattern, UnsupportedPatternError } from '../shared/linear-regexp';
import { forEachSubschema } from '../shared/schema-keywords';
import { ValidationError } from './errors';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

// Keywords that name a schema for others to find, or find one by name. A definition's schema must stand alone:
// an `$id` would enter a registry that outlives the request, and a `$ref` to anything but "#…" would resolve against
// whatever that registry holds (which, with a shared Ajv, was another caller's schema).
const NAMING = ['$id', '$anchor', '$dynamicAnchor', '$recursiveAnchor', '$dynamicRef', '$recursiveRef'];
const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

// Subschemas that apply to the same value as their parent: a cycle through these (and local $refs) never reaches a
// smaller part of the value, so validating anything would recurse until the stack overflows ({"$ref":"#"},
// {"anyOf":[{"$ref":"#"}]}, two $defs referring to each other). A $ref under "properties" or "items" is fine.
const IN_PLACE: ReadonlySet<string> = new Set(['not', 'if', 'then', 'else', 'allOf', 'anyOf', 'oneOf', 'dependentSchemas', 'dependencies']);

function refuse(where: string, what: string): never {
  throw new ValidationError(`The schema ${what} (at ${where || 'the top'}). A preference's schema must be self-contained.`);
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

/** Checks one schema position and those below it; collects every schema object into `seen` for the cycle check. */
function visit(schema: unknown, where: string, depth: number, seen: JsonObject[]): void {
  if (typeof schema === 'boolean') return;
  if (!isObject(schema)) refuse(where, 'has something other than a schema where a schema belongs');
  if (depth > 64) refuse(where, 'is nested too deeply');
  seen.push(schema);
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
  forEachSubschema(schema, (sub, keyword, name) => {
    if (keyword === 'patternProperties') checkPattern(name, `${where}/patternProperties`);
    visit(sub, name === undefined ? `${where}/${keyword}` : `${where}/${keyword}/${name}`, depth + 1, seen);
  });
}

function localTarget(root: JsonObject, ref: string): unknown {
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as JsonObject)[segment];
  }
  return node;
}

/** The schemas that apply to the same value as `schema`: its in-place subschemas and its local $ref's target. */
function inPlaceChildren(root: JsonObject, schema: JsonObject): unknown[] {
  const children: unknown[] = [];
  forEachSubschema(schema, (sub, keyword) => {
    if (IN_PLACE.has(keyword)) children.push(sub);
  });
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
    try {
      children.push(localTarget(root, decodeURI(schema.$ref)));
    } catch {
      // Bad percent-encoding: ajv refuses the reference when compiling.
    }
  }
  return children;
}

/** Every schema position is a possible start: a cycle may sit under "properties" and be reached only by a value. */
function assertNoEndlessRecursion(root: JsonObject, schemas: readonly JsonObject[]): void {
  const state = new Map<object, 'open' | 'done'>();
  const walk = (node: unknown): void => {
    if (!isObject(node) || state.get(node) === 'done') return;
    if (state.get(node) === 'open') {
      throw new ValidationError(
        'The schema refers to itself without ever going into a part of the value (a "$ref" cycle through allOf, anyOf, oneOf, not or if), so no value could be checked against it.',
      );
    }
    state.set(node, 'open');
    inPlaceChildren(root, node).forEach(walk);
    state.set(node, 'done');
  };
  schemas.forEach(walk);
}

/**
 * Refuses a schema that is not self-contained (`$id`, anchors, references outside itself, another draft), whose
 * patterns cannot run in linear time, or whose references loop without descending into the value. Cheap: one walk
 * and a cycle check, no compile.
 */
export function assertSelfContainedSchema(schema: unknown): void {
  if (!isObject(schema)) throw new ValidationError('The schema must be a JSON object (a JSON Schema).');
  const schemas: JsonObject[] = [];
  visit(schema, '', 0, schemas);
  assertNoEndlessRecursion(schema, schemas);
}
