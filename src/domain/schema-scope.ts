import { compileLinearPattern, UnsupportedPatternError } from '../shared/linear-regexp';
import { ValidationError } from './errors';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

// The keywords whose values are schemas, as json-schema-traverse (which ajv uses to find `$id`s and `$ref`s) walks
// them. Values of other keywords (enum, const, default, examples, …) are data, so a property or an enum value that
// happens to be called "$id" is not refused.
const SINGLE = ['additionalItems', 'additionalProperties', 'contains', 'propertyNames', 'not', 'if', 'then', 'else', 'unevaluatedItems', 'unevaluatedProperties'];
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
  for (const keyword of SINGLE) if (Object.hasOwn(schema, keyword)) visit(schema[keyword], `${where}/${keyword}`, depth + 1);
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

/**
 * Refuses a schema that is not self-contained (`$id`, anchors, references outside itself, another draft) or whose
 * patterns cannot run in linear time. Cheap: one walk, no compile.
 */
export function assertSelfContainedSchema(schema: unknown): void {
  if (!isObject(schema)) throw new ValidationError('The schema must be a JSON object (a JSON Schema).');
  visit(schema, '', 0);
}
