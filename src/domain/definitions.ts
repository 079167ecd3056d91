import type { PreferenceDefinition } from '../shared/contract';
import { ValidationError } from './errors';
import { assertMatchesSchema } from './preference-schema';
import { validatePropertyKey, validatePropertyValue } from './property-rules';

const MAX_TITLE = 100;
const MAX_DESCRIPTION = 1_000;
const DEFINITION_FIELDS = ['key', 'title', 'description', 'schema', 'defaultValue', 'userEditable'];

function text(raw: unknown, name: string, min: number, max: number): string {
  if (typeof raw !== 'string' || raw.trim().length < min || raw.length > max) {
    throw new ValidationError(`The ${name} must be ${min > 0 ? `${min}–` : 'at most '}${max} characters.`);
  }
  return raw.trim();
}

/**
 * A definition as an admin submitted it, checked: the schema is self-contained and compiles, and the default
 * satisfies it. Compiling is the expensive part: call this only after the caller's rights are confirmed.
 */
export function validateDefinition(raw: unknown): PreferenceDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ValidationError('"definition" must be an object.');
  const input = raw as Record<string, unknown>;
  const unknown = Object.keys(input).filter((field) => !DEFINITION_FIELDS.includes(field));
  if (unknown.length > 0) throw new ValidationError(`Unexpected field(s) in the definition: ${unknown.join(', ')}.`);
  const key = validatePropertyKey(input.key);
  if (typeof input.userEditable !== 'boolean') throw new ValidationError('"userEditable" must be true or false.');
  const title = text(input.title, 'title', 1, MAX_TITLE);
  const description = input.description === undefined ? '' : text(input.description, 'description', 0, MAX_DESCRIPTION);
  validatePropertyValue(input.defaultValue);
  validatePropertyValue(input.schema);
  assertMatchesSchema(input.schema, input.defaultValue, 'The default value');
  return {
    key,
    title,
    description,
    schema: input.schema as Record<string, unknown>,
    defaultValue: input.defaultValue,
    userEditable: input.userEditable,
  };
}
