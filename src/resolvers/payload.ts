import { ValidationError } from '../domain/errors';

type Fields = Record<string, unknown>;

/**
 * Reads a resolver payload: it must be an object carrying only the named fields. Anything else is refused,
 * so a caller cannot smuggle in options the UI never sends.
 */
export function readPayload(payload: unknown, allowed: readonly string[]): Fields {
  if (payload === undefined || payload === null) return {};
  if (typeof payload !== 'object' || Array.isArray(payload)) throw new ValidationError('The request must be a JSON object.');
  const unknown = Object.keys(payload).filter((field) => !allowed.includes(field));
  if (unknown.length > 0) throw new ValidationError(`Unexpected field(s) in the request: ${unknown.join(', ')}.`);
  return payload as Fields;
}

export function optionalString(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationError(`"${name}" must be a string.`);
  return value;
}

export function requiredString(fields: Fields, name: string): string {
  const value = optionalString(fields, name);
  if (value === undefined) throw new ValidationError(`"${name}" is required.`);
  return value;
}
