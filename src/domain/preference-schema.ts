import Ajv, { type ValidateFunction } from 'ajv';
import { ValidationError } from './errors';

// One Ajv for the function's lifetime; compiled schemas are cached by their JSON text.
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ValidateFunction>();
const MAX_CACHED = 200;

export function compileSchema(schema: unknown): ValidateFunction {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new ValidationError('The schema must be a JSON object (a JSON Schema).');
  }
  const text = JSON.stringify(schema);
  const cached = compiled.get(text);
  if (cached) return cached;
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new ValidationError(`The schema is not a valid JSON Schema: ${(error as Error).message}`);
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(text, validate);
  return validate;
}

/** Throws a ValidationError naming every place the value breaks the schema. */
export function assertMatchesSchema(schema: unknown, value: unknown, what: string): void {
  const validate = compileSchema(schema);
  if (validate(value)) return;
  const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '(value)'} ${e.message ?? 'is invalid'}`);
  throw new ValidationError(`${what} does not match its schema: ${problems.join('; ')}.`);
}
