import type { PreferenceDefinition } from '../shared/contract';
import { ValidationError } from './errors';
import { assertMatchesSchema } from './preference-schema';
import { validatePropertyKey, validatePropertyValue } from './property-rules';

const MAX_TITLE = 100;
const MAX_DESCRIPTION = 1_000;

function text(raw: unknown, name: string, min: number, max: number): string {
  if (typeof raw !== 'string' || raw.trim().length < min || raw.length > max) {
    throw new ValidationError(`The ${name} must be ${min > 0 ? `${min}–` : 'at most '}${max} characters.`);
  }
  return raw.trim();
}

/** A definition as an admin submitted it, checked: the schema compiles and the default satisfies it. */
export function validateDefinition(raw: unknown): PreferenceDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ValidationError('"definition" must be an object.');
  const input = raw as Record<string, unknown>;
  const key = validatePropertyKey(input.key);
  if (typeof input.userEditable !== 'boolean') throw new ValidationError('"userEditable" must be true or false.');
  validatePropertyValue(input.defaultValue);
  validatePropertyValue(input.schema);
  assertMatchesSchema(input.schema, input.defaultValue, 'The default value');
  return {
    key,
    title: text(input.title, 'title', 1, MAX_TITLE),
    description: input.description === undefined ? '' : text(input.description, 'description', 0, MAX_DESCRIPTION),
    schema: input.schema as Record<string, unknown>,
    defaultValue: input.defaultValue,
    userEditable: input.userEditable,
  };
}
