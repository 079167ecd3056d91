// JSON Schema validation inside the frame, turned into problems a person can act on, each at an instance pointer.
//
// Why @cfworker/json-schema and not ajv (which the resolver and the UI Kit page use): ajv compiles each schema into
// JavaScript with `new Function`, and Forge serves Custom UI under a Content-Security-Policy whose script-src has no
// 'unsafe-eval' unless the manifest asks for it (permissions.content.scripts), which would weaken it for the whole app.
// @cfworker/json-schema interprets schemas (no generated code), has no dependencies and adds about 10 KB gzipped.
// Why not codemirror-json-schema: it pulls in shiki and markdown-it; a bundle with it measured 1.18 MB minified
// (334 KB gzipped) against 418 KB (137 KB) without, and it validates with json-schema-library, a third validator.
// This check is feedback while typing; the resolver validates again on save and is the one that decides.
import { Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import { compileLinearPattern, type LinearRegExp } from '../../../src/shared/linear-regexp';
import { forEachSubschema, LIST_SCHEMA_KEYWORDS, MAP_SCHEMA_KEYWORDS, SINGLE_SCHEMA_KEYWORDS } from '../../../src/shared/schema-keywords';
import { pointerToSegments } from './json-positions';

export interface SchemaIssue {
  /** Path of the instance the problem is about (decoded JSON pointer segments). */
  segments: string[];
  /** 'key' when the problem is the property's name itself (a property that is not allowed). */
  target: 'value' | 'key';
  message: string;
}

export type CompiledSchema =
  | { ok: true; validate(value: unknown): SchemaIssue[] }
  | { ok: false; message: string };

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

function draftOf(schema: JsonObject): SchemaDraft {
  const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
  if (declared.includes('2020-12')) return '2020-12';
  if (declared.includes('draft-04')) return '4';
  // Draft-07 schemas (ajv's default, and what the app's definitions use) validate under 2019-09's rules with one
  // difference that brings them closer to ajv v8: keywords beside a $ref are applied, not ignored.
  return '2019-09';
}

/** Calls `visit` on the schema and on every subschema in a schema position (not on values such as enum or const). */
function forEachSchema(schema: unknown, visit: (schema: JsonObject) => void): void {
  if (!isObject(schema)) return;
  visit(schema);
  forEachSubschema(schema, (sub) => forEachSchema(sub, visit));
}

/**
 * Every `pattern` and `patternProperties` key of the schema, compiled for the linear-time engine. Throws the engine's
 * message for one it cannot run (a backreference, lookaround), so the schema is refused before any value is checked.
 */
export function compilePatterns(schema: unknown): Map<string, LinearRegExp> {
  const patterns = new Map<string, LinearRegExp>();
  const add = (pattern: string) => {
    if (!patterns.has(pattern)) patterns.set(pattern, compileLinearPattern(pattern));
  };
  forEachSchema(schema, (node) => {
    if (typeof node.pattern === 'string') add(node.pattern);
    if (isObject(node.patternProperties)) Object.keys(node.patternProperties).forEach(add);
  });
  return patterns;
}

/**
 * Runs `run` (a cfworker validation) with its pattern checks on the linear-time engine (src/shared/linear-regexp.ts),
 * so that a pattern like ^(a+)+$ cannot hold the frame. cfworker builds `new RegExp(pattern, 'u')` for `pattern` and
 * `patternProperties` inside validate() and has no option for another engine, so the global RegExp is swapped for a
 * stand-in during the call, and put back in `finally`. Why this, of the ways considered:
 * - Rewriting those two call sites when bundling (an esbuild plugin) would fix the shipped bundle only: the jest tests
 *   load cfworker's CommonJS build through @swc/jest, so the code under test would still backtrack.
 * - Walking the schema ourselves cannot replace the matching: which subschema applies to which value (through $ref,
 *   if/then, anyOf, unevaluatedProperties…) is the validator's whole job.
 * - The swap is observable by nothing else: validate() is synchronous (no await, no callback into other code), and the
 *   frame's JavaScript runs on one thread. Regex literals never read the global binding, and the stand-in hands any call
 *   that is not cfworker's (a string and the 'u' flag) to the real constructor; `instanceof RegExp` keeps working.
 */
export function withLinearPatterns<T>(patterns: Map<string, LinearRegExp>, run: () => T): T {
  const scope = globalThis as { RegExp: RegExpConstructor };
  const native = scope.RegExp;
  function LinearPatternRegExp(source: unknown, flags?: unknown): unknown {
    if (typeof source !== 'string' || flags !== 'u') return new native(source as string, flags as string | undefined);
    let compiled = patterns.get(source);
    if (!compiled) {
      // A pattern somewhere compilePatterns does not look (cfworker still found it): compiled now, refused alike.
      compiled = compileLinearPattern(source);
      patterns.set(source, compiled);
    }
    // `new` returns an object a constructor returns: cfworker gets the linear matcher and calls its test().
    return compiled;
  }
  LinearPatternRegExp.prototype = native.prototype;
  scope.RegExp = LinearPatternRegExp as unknown as RegExpConstructor;
  try {
    return run();
  } finally {
    scope.RegExp = native;
  }
}

/**
 * A copy of the schema without `format`: the resolver and the UI Kit page do not check formats (ajv without
 * ajv-formats), and the editor must not refuse what the app accepts. Only schema positions are visited, so a property
 * that happens to be named "format" stays.
 */
export function withoutFormats(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const copy: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'format') continue;
    // A draft-07 `dependencies` list of property names passes through withoutFormats unchanged (it is no object).
    if (MAP_SCHEMA_KEYWORDS.includes(key) && isObject(value)) {
      copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withoutFormats(sub)]));
    } else if (LIST_SCHEMA_KEYWORDS.includes(key)) {
      copy[key] = Array.isArray(value) ? value.map(withoutFormats) : withoutFormats(value);
    } else if (SINGLE_SCHEMA_KEYWORDS.includes(key)) {
      copy[key] = withoutFormats(value);
    } else {
      copy[key] = value;
    }
  }
  return copy;
}

/** Resolves a local "#/…" reference; anything else (an $id, a remote URI) gives undefined. */
function resolveLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const segment of pointerToSegments(ref)) {
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as JsonObject)[segment];
  }
  return node;
}

/** The value of the keyword an error is about (its keywordLocation, following local $refs), if it can be found. */
function keywordValue(root: unknown, keywordLocation: string): unknown {
  let node: unknown = root;
  for (const segment of pointerToSegments(keywordLocation)) {
    if (segment === '$ref' && isObject(node) && typeof node.$ref === 'string') {
      node = resolveLocalRef(root, node.$ref);
      continue;
    }
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as JsonObject)[segment];
  }
  return node;
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  null: 'null',
};
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const json = (value: unknown) => JSON.stringify(value);

/** A sentence for a leaf error: from the schema's own value of the keyword, else cfworker's text. */
function describe(unit: OutputUnit, root: unknown): string {
  const value = keywordValue(root, unit.keywordLocation);
  const fallback = unit.error.replace(/^Instance /, 'The value ');
  switch (unit.keyword) {
    case 'type': {
      const types = Array.isArray(value) ? value : typeof value === 'string' ? [value] : undefined;
      return types ? `Must be ${types.map((t) => TYPE_NAMES[String(t)] ?? String(t)).join(' or ')}.` : fallback;
    }
    case 'enum':
      return Array.isArray(value) ? `Must be one of: ${value.map(json).join(', ')}.` : fallback;
    case 'const':
      return value !== undefined ? `Must be ${json(value)}.` : fallback;
    case 'required': {
      const name = /required property "(.*)"\.$/.exec(unit.error)?.[1];
      return name !== undefined ? `Missing required property "${name}".` : fallback;
    }
    case 'minimum':
      return typeof value === 'number' ? `Must be at least ${value}.` : fallback;
    case 'maximum':
      return typeof value === 'number' ? `Must be at most ${value}.` : fallback;
    case 'exclusiveMinimum':
      return typeof value === 'number' ? `Must be greater than ${value}.` : fallback;
    case 'exclusiveMaximum':
      return typeof value === 'number' ? `Must be less than ${value}.` : fallback;
    case 'multipleOf':
      return typeof value === 'number' ? `Must be a multiple of ${value}.` : fallback;
    case 'minLength':
      return typeof value === 'number' ? `Must be at least ${plural(value, 'character')} long.` : fallback;
    case 'maxLength':
      return typeof value === 'number' ? `Must be at most ${plural(value, 'character')} long.` : fallback;
    case 'pattern':
      return typeof value === 'string' ? `Must match the pattern ${value}.` : fallback;
    case 'minItems':
      return typeof value === 'number' ? `Must have at least ${plural(value, 'item')}.` : fallback;
    case 'maxItems':
      return typeof value === 'number' ? `Must have at most ${plural(value, 'item')}.` : fallback;
    case 'uniqueItems':
      return 'Must not repeat items.';
    case 'minProperties':
      return typeof value === 'number' ? `Must have at least ${plural(value, 'property')}.`.replace('propertys', 'properties') : fallback;
    case 'maxProperties':
      return typeof value === 'number' ? `Must have at most ${plural(value, 'property')}.`.replace('propertys', 'properties') : fallback;
    case 'anyOf':
      return 'Does not match any of the allowed forms (anyOf).';
    case 'oneOf':
      return 'Must match exactly one of the allowed forms (oneOf).';
    case 'not':
      return 'Matches a form that is not allowed (not).';
    case 'contains':
      return 'Must contain at least one matching item.';
    case 'false':
      return 'No value is allowed here.';
    default:
      return fallback;
  }
}

/** Keywords whose error only says "a subschema failed": the errors that follow it say what. */
const WRAPPERS = new Set(['$ref', '$recursiveRef', 'properties', 'patternProperties', 'items', 'prefixItems', 'allOf', 'if', 'dependentSchemas', 'unevaluatedItems']);
/** Keywords whose nested errors are about alternatives that all failed: their own error is clearer than those. */
const ALTERNATIVES = new Set(['anyOf', 'oneOf', 'not', 'contains']);
/** Keywords that judge members not covered elsewhere: with a `false` subschema, "not allowed" is the whole story. */
const LEFTOVERS = new Set(['additionalProperties', 'unevaluatedProperties', 'additionalItems']);

/**
 * cfworker's output (a flat list in which a wrapper error is followed by its nested errors) → the leaf problems.
 */
export function toIssues(units: readonly OutputUnit[], root: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  let skipUnder: string | undefined;
  for (let i = 0; i < units.length; i += 1) {
    const unit = units[i];
    if (skipUnder !== undefined && unit.keywordLocation.startsWith(`${skipUnder}/`)) continue;
    skipUnder = undefined;
    if (WRAPPERS.has(unit.keyword)) continue;
    if (unit.keyword === 'dependencies' && unit.error.includes('dependant schema')) continue;
    if (ALTERNATIVES.has(unit.keyword)) skipUnder = unit.keywordLocation;
    const next = units[i + 1];
    if (LEFTOVERS.has(unit.keyword)) {
      // The member's own errors follow; a `false` subschema (the usual case) reports an unhelpful "False boolean schema".
      if (next?.keyword === 'false') {
        const segments = pointerToSegments(next.instanceLocation);
        issues.push(
          unit.keyword === 'additionalItems'
            ? { segments, target: 'value', message: 'No more items are allowed here.' }
            : { segments, target: 'key', message: `Property ${json(segments[segments.length - 1] ?? '')} is not allowed here.` },
        );
        i += 1;
      }
      continue;
    }
    if (unit.keyword === 'propertyNames') {
      // Its nested errors point at the name as if it were a value; one problem on the key says it better.
      const name = /^Property name "(.*)" does not match schema\.$/.exec(unit.error)?.[1];
      if (name !== undefined) {
        issues.push({ segments: [...pointerToSegments(unit.instanceLocation), name], target: 'key', message: `Property name ${json(name)} is not allowed.` });
      }
      skipUnder = unit.keywordLocation;
      continue;
    }
    issues.push({ segments: pointerToSegments(unit.instanceLocation), target: 'value', message: describe(unit, root) });
  }
  return issues;
}

// cfworker's message for an unresolved $ref goes on with the absolute URI and every known schema: keep the first part.
const unusable = (error: unknown) => `The schema cannot be used: ${(error instanceof Error ? error.message : String(error)).split(/\n|  /)[0]}`;

/** Prepares a schema for repeated validation; a schema that cannot be used says why instead of throwing. */
export function compileSchema(schema: JsonObject): CompiledSchema {
  try {
    const prepared = withoutFormats(schema) as Schema;
    const patterns = compilePatterns(prepared);
    const validator = new Validator(prepared, draftOf(schema), false);
    // Unresolvable $refs only surface while validating: try once on a value that visits the root.
    withLinearPatterns(patterns, () => validator.validate(null));
    return {
      ok: true,
      validate: (value) => {
        try {
          const result = withLinearPatterns(patterns, () => validator.validate(value));
          return result.valid ? [] : toIssues(result.errors, prepared);
        } catch (error) {
          // A $ref below the root is only followed when a value reaches it.
          return [{ segments: [], target: 'value', message: unusable(error) }];
        }
      },
    };
  } catch (error) {
    return { ok: false, message: unusable(error) };
  }
}
