// Checks a value against a preference's JSON Schema in the browser, before it is sent, with messages a user can act on,
// each at the JSON pointer it is about. The resolver checks again on save: this is for feedback, not for trust.
// ajv needs JavaScript numbers, so a form value is checked as a lossy copy (LosslessNumbers as doubles): a bound on a
// number past double precision is checked approximately here (12345678901234567891 passes `maximum:
// 12345678901234567890`), as the resolver checks the value JSON.parse reads from the text.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { compileLinearPattern, linearRegExpEngine } from '../../shared/linear-regexp';
import { lossyCopy } from './form-json';
import { escapePointerSegment, parseNumber, type FieldModel, type JsonSchema } from './schema-form';

export interface Issue {
  /** JSON pointer into the value, as ajv's `instancePath`. */
  pointer: string;
  message: string;
}

export type SchemaCheck =
  | { ok: true; validate(value: unknown): Issue[] }
  /** The schema could not be compiled here (an unsupported draft, or a page that forbids generated code). */
  | { ok: false; message: string };

// The resolver's settings (src/domain/preference-schema.ts): ajv's default draft, lenient about unknown keywords,
// formats not checked (neither side loads ajv-formats, so an unknown format is ignored on both), and `pattern` run on
// the linear-time engine (src/shared/linear-regexp.ts): a pattern such as ^(a+)+$ cannot hold the tab, and one it
// cannot run (a backreference, lookaround) fails the compile with a message that says so.
const OPTIONS = { allErrors: true, strict: false, validateFormats: false, code: { regExp: linearRegExpEngine } } as const;

const list = (values: unknown) => (Array.isArray(values) ? values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ') : '');
const characters = (n: number) => `${n} character${n === 1 ? '' : 's'}`;
const items = (n: number) => `${n} item${n === 1 ? '' : 's'}`;
const TYPE_NAMES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'on or off (true or false)',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** ajv's error as a sentence, and the pointer of the value it is about. */
export function describeAjvError(error: ErrorObject): Issue {
  const p = error.params as Record<string, unknown>;
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required':
      return { pointer: `${at}/${escapePointerSegment(String(p.missingProperty))}`, message: 'Required.' };
    case 'type': {
      const types = String(p.type).split(',');
      return { pointer: at, message: `Must be ${types.map((t) => TYPE_NAMES[t] ?? t).join(' or ')}.` };
    }
    case 'minimum':
      return { pointer: at, message: `Must be at least ${p.limit}.` };
    case 'maximum':
      return { pointer: at, message: `Must be at most ${p.limit}.` };
    case 'exclusiveMinimum':
      return { pointer: at, message: `Must be greater than ${p.limit}.` };
    case 'exclusiveMaximum':
      return { pointer: at, message: `Must be less than ${p.limit}.` };
    case 'multipleOf':
      return { pointer: at, message: `Must be a multiple of ${p.multipleOf}.` };
    case 'minLength':
      return { pointer: at, message: `Must be at least ${characters(Number(p.limit))} long.` };
    case 'maxLength':
      return { pointer: at, message: `Must be at most ${characters(Number(p.limit))} long.` };
    case 'pattern':
      return { pointer: at, message: `Must match the pattern ${p.pattern}.` };
    case 'enum':
      return { pointer: at, message: `Must be one of: ${list(p.allowedValues)}.` };
    case 'const':
      return { pointer: at, message: `Must be ${JSON.stringify(p.allowedValue)}.` };
    case 'minItems':
      return { pointer: at, message: `Must have at least ${items(Number(p.limit))}.` };
    case 'maxItems':
      return { pointer: at, message: `Must have at most ${items(Number(p.limit))}.` };
    case 'uniqueItems':
      return { pointer: at, message: `Must not repeat items (items ${Number(p.j) + 1} and ${Number(p.i) + 1} are the same).` };
    case 'additionalProperties':
      return { pointer: at, message: `"${String(p.additionalProperty)}" is not allowed here.` };
    case 'minProperties':
      return { pointer: at, message: `Must have at least ${p.limit} fields.` };
    case 'maxProperties':
      return { pointer: at, message: `Must have at most ${p.limit} fields.` };
    default: {
      const message = error.message ?? 'is not valid';
      return { pointer: at, message: `${message[0].toUpperCase()}${message.slice(1)}.` };
    }
  }
}

// Compiling generates code; definitions change rarely, so each schema is compiled once per page. An admin typing a
// schema compiles one per keystroke that parses: the oldest go first past a bound.
const cache = new Map<string, SchemaCheck>();
const MAX_CACHED = 100;

/** A checker for `schema`, or why there is none (a page whose policy forbids generated code cannot run ajv). */
export function compileSchema(schema: JsonSchema): SchemaCheck {
  const cacheKey = JSON.stringify(schema);
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  let check: SchemaCheck;
  try {
    // One Ajv per schema: a schema's `$id` may be registered only once per instance.
    const validate: ValidateFunction = new Ajv(OPTIONS).compile(schema);
    check = {
      ok: true,
      validate: (value) => (validate(lossyCopy(value)) ? [] : (validate.errors ?? []).filter((e) => !isSummaryError(e)).map(describeAjvError)),
    };
  } catch (error) {
    check = { ok: false, message: (error as Error).message };
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey, check);
  return check;
}

/**
 * Whether this page may generate code (ajv compiles schemas with `new Function`). False under a Content-Security-
 * Policy without 'unsafe-eval': then no schema compiles here, and a failed compile says nothing about the schema.
 */
export function canGenerateCode(): boolean {
  try {
    return new Function('return true')() === true;
  } catch {
    return false;
  }
}

// `if`/`then` and combinator failures repeat what their branches already said.
const isSummaryError = (error: ErrorObject) => error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf';

/**
 * The checks the form's own fields imply (required, ranges, lengths, patterns), for when ajv cannot run here: the
 * resolver still checks the whole schema on save. On a lossy copy, as ajv.
 */
export const basicIssues = (field: FieldModel, value: unknown): Issue[] => fieldIssues(field, lossyCopy(value));

function fieldIssues(field: FieldModel, value: unknown): Issue[] {
  const issues: Issue[] = [];
  const add = (message: string) => issues.push({ pointer: field.pointer, message });
  if (value === undefined) return issues;
  switch (field.kind) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ pointer: field.pointer, message: TYPE_MESSAGE.object }];
      const record = value as Record<string, unknown>;
      for (const child of field.fields) {
        const name = child.property as string;
        if (!(name in record)) {
          if (child.required) issues.push({ pointer: child.pointer, message: 'Required.' });
        } else {
          issues.push(...fieldIssues(child, record[name]));
        }
      }
      break;
    }
    case 'number': {
      if (typeof value !== 'number') return [{ pointer: field.pointer, message: TYPE_MESSAGE.number }];
      if (field.integer && !parseNumber(String(value), true).ok) add('Must be a whole number.');
      if (field.minimum !== undefined && value < field.minimum) add(`Must be at least ${field.minimum}.`);
      if (field.maximum !== undefined && value > field.maximum) add(`Must be at most ${field.maximum}.`);
      if (field.exclusiveMinimum !== undefined && value <= field.exclusiveMinimum) add(`Must be greater than ${field.exclusiveMinimum}.`);
      if (field.exclusiveMaximum !== undefined && value >= field.exclusiveMaximum) add(`Must be less than ${field.exclusiveMaximum}.`);
      break;
    }
    case 'string': {
      if (typeof value !== 'string') return [{ pointer: field.pointer, message: TYPE_MESSAGE.string }];
      const length = [...value].length;
      if (field.minLength !== undefined && length < field.minLength) add(`Must be at least ${characters(field.minLength)} long.`);
      if (field.maxLength !== undefined && length > field.maxLength) add(`Must be at most ${characters(field.maxLength)} long.`);
      if (field.pattern !== undefined && !safeTest(field.pattern, value)) add(`Must match the pattern ${field.pattern}.`);
      break;
    }
    default:
      break;
  }
  return issues;
}

const TYPE_MESSAGE = { object: 'Must be an object.', number: 'Must be a number.', string: 'Must be text.' };

/** Linear time whatever the pattern; one the engine cannot run is left to the resolver, which refuses it. */
function safeTest(pattern: string, value: string): boolean {
  try {
    return compileLinearPattern(pattern).test(value);
  } catch {
    return true;
  }
}
