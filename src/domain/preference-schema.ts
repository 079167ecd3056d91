import Ajv, { type ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import { linearRegExpEngine } from '../shared/linear-regexp';
import { ValidationError } from './errors';
import { assertSelfContainedSchema } from './schema-scope';

// Each schema compiles in an Ajv of its own, so nothing one schema registers ($id, compiled refs, Ajv's internal
// cache) is seen by another, and a compiled schema is freed with its Ajv when it leaves the cache below.
// Patterns run on the linear-time engine; formats are not checked (as in the browser: neither side loads ajv-formats).
const OPTIONS = { allErrors: true, strict: false, validateFormats: false, code: { regExp: linearRegExpEngine } } as const;

// Compiled validators by the SHA-256 of the schema's JSON text, least recently used evicted first. Only admins'
// saved schemas reach a compile (rights are checked before), so a handful of entries are live at any time.
const MAX_CACHED = 64;
const compiled = new Map<string, ValidateFunction>();

function cacheKey(schema: object): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('base64');
}

export function compileSchema(schema: unknown): ValidateFunction {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new ValidationError('The schema must be a JSON object (a JSON Schema).');
  }
  const key = cacheKey(schema);
  const cached = compiled.get(key);
  if (cached) {
    // Checked when it was compiled: a user's preference save against a known schema costs one hash and one lookup.
    compiled.delete(key);
    compiled.set(key, cached);
    return cached;
  }
  assertSelfContainedSchema(schema);
  let validate: ValidateFunction;
  try {
    validate = new Ajv(OPTIONS).compile(schema);
  } catch (error) {
    throw new ValidationError(`The schema is not a valid JSON Schema: ${(error as Error).message}`);
  }
  if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(key, validate);
  return validate;
}

/** How many compiled schemas are held (for tests of the bound). */
export function cachedSchemaCount(): number {
  return compiled.size;
}

/** Throws a ValidationError naming every place the value breaks the schema. */
export function assertMatchesSchema(schema: unknown, value: unknown, what: string): void {
  const validate = compileSchema(schema);
  if (validate(value)) return;
  const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(value)'} ${e.message ?? 'is invalid'}`);
  throw new ValidationError(`${what} does not match its schema: ${problems.join('; ')}.`);
}
