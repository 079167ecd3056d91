// A preference's JSON Schema as form fields: which fields to show, the form state a value loads into, and the value
// (with per-field parse errors) the form state reads back as. Pure: no React, no ajv; the page validates the value read
// back against the full schema separately (schema-validate.ts). Numbers a double cannot hold exactly are LosslessNumbers
// (see form-json.ts): no number field takes one, so such a part is edited as raw JSON, digit for digit.
import { isLosslessNumber, type LosslessNumber } from 'lossless-json';
import { exactDecimal, jsonEqual } from '../../domain/json-equal';
import { parseJsonText } from '../shared/json-text';
import { assign, formNumber, rawJsonText, toFormValue } from './form-json';

export type JsonSchema = Record<string, unknown>;

export interface EnumOption {
  label: string;
  value: unknown;
}

interface FieldBase {
  /** JSON pointer (as in ajv's `instancePath`) of the part of the value the field edits; '' for the whole value. */
  pointer: string;
  /** The property name inside the parent object; absent for the whole value. */
  property?: string;
  label: string;
  description?: string;
  required: boolean;
  /** The schema's own `default`, shown while the field is empty. */
  schemaDefault?: unknown;
}

export type ListItemType = 'string' | 'number' | 'integer';

export type FieldModel =
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; options: EnumOption[] })
  | (FieldBase & { kind: 'multiEnum'; options: EnumOption[] })
  | (FieldBase & {
      kind: 'number';
      integer: boolean;
      minimum?: number;
      maximum?: number;
      exclusiveMinimum?: number;
      exclusiveMaximum?: number;
      multipleOf?: number;
    })
  | (FieldBase & { kind: 'string'; minLength?: number; maxLength?: number; pattern?: string })
  | (FieldBase & { kind: 'list'; itemType: ListItemType })
  | (FieldBase & { kind: 'object'; fields: FieldModel[] })
  | (FieldBase & { kind: 'json'; reason?: string });

export type FieldKind = FieldModel['kind'];

/**
 * What each field holds while it is edited, by pointer (object groups hold nothing themselves):
 * boolean → boolean, or null when the value has none; enum → option index or null; multiEnum → option indices or null;
 * number, string, list (one item per line) and json → the text as typed.
 */
export type FieldInput = boolean | number | number[] | string | null;
export type FormState = Record<string, FieldInput>;

/** Per-pointer messages. */
export type FieldErrors = Record<string, string[]>;

export interface FormRead {
  /**
   * The value the form stands for. While `errors` is not empty it is partial (the parts in error are left out), so the
   * rest can still be checked against the schema; it is never to be saved then.
   */
  value: unknown;
  /** Input that cannot become a value at all (not a number, broken JSON, nothing chosen); the schema is checked apart. */
  errors: FieldErrors;
}

// Keywords that shape a value in ways a plain field cannot show; such a (sub)schema is edited as raw JSON.
const STRUCTURAL_KEYWORDS = ['$ref', '$dynamicRef', 'oneOf', 'anyOf', 'allOf', 'not', 'if', 'const', 'patternProperties', 'dependentSchemas', 'prefixItems'];

export const escapePointerSegment = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);

const asNumber = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** "quietHours" → "Quiet hours", "email_digest" → "Email digest". */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words === '' ? name : words[0].toUpperCase() + words.slice(1);
}

const optionLabel = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** `oneOf`/`anyOf` whose every branch is `{ const, title? }`: an enum with labels. */
function labelledConstOptions(schema: JsonSchema): EnumOption[] | undefined {
  const branches = schema.oneOf ?? schema.anyOf;
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  if (!branches.every((branch) => isPlainObject(branch) && 'const' in branch)) return undefined;
  return (branches as JsonSchema[]).map((branch) => ({
    value: branch.const,
    label: typeof branch.title === 'string' ? branch.title : optionLabel(branch.const),
  }));
}

function enumOptions(schema: JsonSchema): EnumOption[] | undefined {
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum.map((value) => ({ value, label: optionLabel(value) }));
  return labelledConstOptions(schema);
}

interface Place {
  pointer: string;
  property?: string;
  label: string;
  required: boolean;
}

/** The field a (sub)schema is edited with. Anything outside the supported subset becomes a raw JSON field. */
export function buildField(schema: unknown, place: Place = { pointer: '', label: 'Value', required: true }): FieldModel {
  if (!isPlainObject(schema)) return { ...place, kind: 'json', reason: 'This value has no form; edit it as JSON.' };
  const base: FieldBase = {
    ...place,
    label: typeof schema.title === 'string' && schema.title.trim() !== '' ? schema.title : place.label,
    ...(typeof schema.description === 'string' && schema.description.trim() !== '' ? { description: schema.description } : {}),
    ...('default' in schema ? { schemaDefault: schema.default } : {}),
  };
  const options = enumOptions(schema);
  if (options) return { ...base, kind: 'enum', options };
  if (STRUCTURAL_KEYWORDS.some((keyword) => keyword in schema)) return { ...base, kind: 'json' };

  const type = Array.isArray(schema.type) && schema.type.length === 1 ? schema.type[0] : schema.type;
  switch (type) {
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'number':
    case 'integer': {
      const limits = {
        minimum: asNumber(schema.minimum),
        maximum: asNumber(schema.maximum),
        exclusiveMinimum: asNumber(schema.exclusiveMinimum),
        exclusiveMaximum: asNumber(schema.exclusiveMaximum),
        multipleOf: asNumber(schema.multipleOf),
      };
      return { ...base, kind: 'number', integer: type === 'integer', ...dropUndefined(limits) };
    }
    case 'string': {
      const limits = {
        minLength: asNumber(schema.minLength),
        maxLength: asNumber(schema.maxLength),
        pattern: typeof schema.pattern === 'string' ? schema.pattern : undefined,
      };
      return { ...base, kind: 'string', ...dropUndefined(limits) };
    }
    case 'array': {
      const items = schema.items;
      if (!isPlainObject(items)) return { ...base, kind: 'json' };
      const itemOptions = enumOptions(items);
      if (itemOptions) return { ...base, kind: 'multiEnum', options: itemOptions };
      if (STRUCTURAL_KEYWORDS.some((keyword) => keyword in items)) return { ...base, kind: 'json' };
      if (items.type === 'string' || items.type === 'number' || items.type === 'integer') return { ...base, kind: 'list', itemType: items.type };
      return { ...base, kind: 'json' };
    }
    case 'object': {
      const properties = schema.properties;
      if (!isPlainObject(properties) || Object.keys(properties).length === 0) return { ...base, kind: 'json' };
      const required = new Set(Array.isArray(schema.required) ? schema.required.filter((name): name is string => typeof name === 'string') : []);
      const fields = Object.entries(properties).map(([name, child]) =>
        buildField(child, { pointer: `${place.pointer}/${escapePointerSegment(name)}`, property: name, label: humanize(name), required: required.has(name) }),
      );
      return { ...base, kind: 'object', fields };
    }
    default:
      return { ...base, kind: 'json' };
  }
}

function dropUndefined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Every field of the model, depth first, object groups included. */
export function allFields(field: FieldModel): FieldModel[] {
  return field.kind === 'object' ? [field, ...field.fields.flatMap(allFields)] : [field];
}

const childValue = (value: unknown, field: FieldModel) =>
  field.property !== undefined && isPlainObject(value) ? value[field.property] : undefined;

const isListItem = (item: unknown, type: ListItemType) =>
  type === 'string'
    ? typeof item === 'string' && item !== '' && item === item.trim() && !/[\r\n]/.test(item)
    : typeof item === 'number' && Number.isFinite(item);

/** Whether `value` (undefined: absent) can be shown by the field and read back unchanged. */
export function fits(field: FieldModel, value: unknown): boolean {
  if (value === undefined) return true;
  switch (field.kind) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'enum':
      return field.options.some((option) => jsonEqual(option.value, value));
    case 'multiEnum':
      return Array.isArray(value) && value.every((item) => field.options.some((option) => jsonEqual(option.value, item)));
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
      return typeof value === 'string';
    case 'list':
      return Array.isArray(value) && value.every((item) => isListItem(item, field.itemType));
    case 'object':
      return isPlainObject(value) && field.fields.every((child) => fits(child, childValue(value, child)));
    case 'json':
      return true;
  }
}

const MISFIT = 'The stored value does not fit this field, so it is shown as JSON.';

/** The model with every field that cannot show its part of `value` turned into a raw JSON field, so nothing is lost. */
export function adaptField(field: FieldModel, value: unknown): FieldModel {
  if (field.kind === 'object' && (value === undefined || isPlainObject(value))) {
    return { ...field, fields: field.fields.map((child) => adaptField(child, childValue(value, child))) };
  }
  if (fits(field, value)) return field;
  const { pointer, property, label, description, required, schemaDefault } = field;
  return { ...dropUndefined({ pointer, property, label, description, schemaDefault }), pointer, label, required, kind: 'json', reason: MISFIT };
}

const indexOf = (options: EnumOption[], value: unknown) => options.findIndex((option) => jsonEqual(option.value, value));

/** The form state showing `value` (which should fit the field, see `adaptField`). */
export function initialState(field: FieldModel, value: unknown, state: FormState = {}): FormState {
  switch (field.kind) {
    case 'object':
      field.fields.forEach((child) => initialState(child, childValue(value, child), state));
      break;
    case 'boolean':
      state[field.pointer] = typeof value === 'boolean' ? value : null;
      break;
    case 'enum': {
      const index = value === undefined ? -1 : indexOf(field.options, value);
      state[field.pointer] = index < 0 ? null : index;
      break;
    }
    case 'multiEnum':
      state[field.pointer] = Array.isArray(value) ? value.map((item) => indexOf(field.options, item)).filter((index) => index >= 0) : null;
      break;
    case 'number':
      state[field.pointer] = typeof value === 'number' ? String(value) : '';
      break;
    case 'string':
      state[field.pointer] = typeof value === 'string' ? value : '';
      break;
    case 'list':
      state[field.pointer] = Array.isArray(value) ? value.map(String).join('\n') : '';
      break;
    case 'json':
      state[field.pointer] = value === undefined ? '' : rawJsonText(value);
      break;
  }
  return state;
}

const text = (input: FieldInput | undefined) => (typeof input === 'string' ? input : '');

/** Whether the user left the field (and everything under it) empty. */
export function isBlank(field: FieldModel, state: FormState): boolean {
  const input = state[field.pointer];
  switch (field.kind) {
    case 'object':
      return field.fields.every((child) => isBlank(child, state));
    case 'boolean':
    case 'enum':
      return input === null || input === undefined;
    case 'multiEnum':
      return !Array.isArray(input) || input.length === 0;
    default:
      return text(input).trim() === '';
  }
}

const NUMBER_TEXT = /^([-+]?)(\d*)(?:\.(\d*))?([eE][-+]?\d+)?$/;

/** The JSON spelling of a number as people type it ("+5", ".5", "5.", "007"), same value; undefined if none. */
function jsonNumberToken(text: string): string | undefined {
  const match = NUMBER_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign, integer, fraction, exponent = ''] = match;
  if (integer === '' && !fraction) return undefined;
  return `${sign === '-' ? '-' : ''}${integer.replace(/^0+(?=\d)/, '') || '0'}${fraction ? `.${fraction}` : ''}${exponent}`;
}

/**
 * One number typed as text, or why it is not one. Its exact value is kept: a JavaScript number when a double holds
 * it exactly, else a LosslessNumber (a 20-digit id is not rounded). One too large for a double (1e400) is refused.
 */
export function parseNumber(input: string, integer: boolean): { ok: true; value: number | LosslessNumber } | { ok: false; message: string } {
  const token = jsonNumberToken(input.trim());
  if (token === undefined || !Number.isFinite(Number(token))) return { ok: false, message: 'Enter a number.' };
  // Whole by exact value: 12345678901234567890.5 is not, though its double is.
  if (integer && exactDecimal(token).includes('e-')) return { ok: false, message: 'Enter a whole number.' };
  return { ok: true, value: formNumber(token) };
}

/**
 * The value the form stands for. `base` is the value the form was loaded with: keys the schema does not describe are
 * kept from it, and an optional part that was absent stays absent while its fields are left empty.
 */
export function readForm(field: FieldModel, state: FormState, base: unknown): FormRead {
  const errors: FieldErrors = {};
  const fail = (pointer: string, message: string) => {
    (errors[pointer] ??= []).push(message);
    return undefined;
  };

  const read = (f: FieldModel, baseValue: unknown): unknown => {
    const input = state[f.pointer];
    switch (f.kind) {
      case 'object': {
        if (!f.required && baseValue === undefined && isBlank(f, state)) return undefined;
        const described = new Set(f.fields.map((child) => child.property));
        const out: Record<string, unknown> = {};
        if (isPlainObject(baseValue)) {
          for (const [name, value] of Object.entries(baseValue)) if (!described.has(name)) assign(out, name, value);
        }
        for (const child of f.fields) {
          const value = read(child, childValue(baseValue, child));
          if (value !== undefined) assign(out, child.property as string, value);
        }
        return out;
      }
      case 'boolean':
        if (typeof input === 'boolean') return input;
        return f.required ? (typeof f.schemaDefault === 'boolean' ? f.schemaDefault : false) : undefined;
      case 'enum':
        if (typeof input === 'number' && f.options[input]) return f.options[input].value;
        return f.required ? fail(f.pointer, 'Choose an option.') : undefined;
      case 'multiEnum': {
        const chosen = Array.isArray(input) ? input.filter((index) => f.options[index]).map((index) => f.options[index].value) : [];
        return chosen.length === 0 && !f.required && baseValue === undefined ? undefined : chosen;
      }
      case 'number': {
        if (text(input).trim() === '') return f.required ? fail(f.pointer, 'Enter a number.') : undefined;
        const parsed = parseNumber(text(input), f.integer);
        return parsed.ok ? parsed.value : fail(f.pointer, parsed.message);
      }
      case 'string': {
        const value = text(input);
        return value === '' && !f.required && baseValue !== '' ? undefined : value;
      }
      case 'list': {
        const lines = text(input)
          .split(/\r?\n/)
          .map((line) => line.trim())
          .filter((line) => line !== '');
        if (lines.length === 0) return !f.required && baseValue === undefined ? undefined : [];
        if (f.itemType === 'string') return lines;
        const numbers: unknown[] = [];
        for (const line of lines) {
          const parsed = parseNumber(line, f.itemType === 'integer');
          if (!parsed.ok) return fail(f.pointer, `"${line}": ${parsed.message}`);
          numbers.push(parsed.value);
        }
        return numbers;
      }
      case 'json': {
        if (text(input).trim() === '') return f.required ? fail(f.pointer, 'Enter a JSON value, for example {} or "text".') : undefined;
        const parsed = parseJsonText(text(input));
        if (parsed.ok) return toFormValue(parsed.tree);
        return fail(f.pointer, parsed.line ? `Line ${parsed.line}, column ${parsed.column}: ${parsed.message}` : parsed.message);
      }
    }
  };

  return { value: read(field, base), errors };
}

/** The field a message about `pointer` belongs to: the deepest field at or above it ('' is always a field). */
export function fieldFor(pointer: string, fieldPointers: readonly string[]): string {
  let best = '';
  for (const candidate of fieldPointers) {
    if ((pointer === candidate || pointer.startsWith(`${candidate}/`)) && candidate.length > best.length) best = candidate;
  }
  return best;
}

/** Adds messages, at the fields they belong to, to fields that have none yet (the first problem found wins). */
export function mergeErrors(into: FieldErrors, issues: ReadonlyArray<{ pointer: string; message: string }>, fieldPointers: readonly string[]): FieldErrors {
  const out: FieldErrors = { ...into };
  for (const issue of issues) {
    const pointer = fieldFor(issue.pointer, fieldPointers);
    if (into[pointer]) continue;
    const list = (out[pointer] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

const plural = (count: number, word: string) => `${count.toLocaleString('en-US')} ${word}${count === 1 ? '' : 's'}`;

/** A short hint about what the field accepts, e.g. "A whole number from 10 to 100." */
export function describeField(field: FieldModel): string | undefined {
  switch (field.kind) {
    case 'number': {
      const what = field.integer ? 'A whole number' : 'A number';
      const low = field.minimum ?? field.exclusiveMinimum;
      const high = field.maximum ?? field.exclusiveMaximum;
      const exclusive = field.minimum === undefined && field.exclusiveMinimum !== undefined ? ' (exclusive)' : '';
      const exclusiveHigh = field.maximum === undefined && field.exclusiveMaximum !== undefined ? ' (exclusive)' : '';
      let range = '';
      if (low !== undefined && high !== undefined) range = ` from ${low}${exclusive} to ${high}${exclusiveHigh}`;
      else if (low !== undefined) range = field.minimum !== undefined ? ` of at least ${low}` : ` greater than ${low}`;
      else if (high !== undefined) range = field.maximum !== undefined ? ` of at most ${high}` : ` less than ${high}`;
      const step = field.multipleOf !== undefined ? `, a multiple of ${field.multipleOf}` : '';
      return `${what}${range}${step}.`;
    }
    case 'string': {
      // A pattern is not shown up front: a regular expression explains little to most people (the schema's
      // description should); a value that breaks it names it in the error.
      const { minLength, maxLength } = field;
      if (minLength !== undefined && maxLength !== undefined) return `${minLength.toLocaleString('en-US')} to ${plural(maxLength, 'character')}.`;
      if (maxLength !== undefined) return `Up to ${plural(maxLength, 'character')}.`;
      if (minLength !== undefined && minLength > 0) return `At least ${plural(minLength, 'character')}.`;
      return undefined;
    }
    case 'list':
      return field.itemType === 'string' ? 'One item per line.' : `One ${field.itemType === 'integer' ? 'whole number' : 'number'} per line.`;
    case 'json':
      return field.reason;
    default:
      return undefined;
  }
}

/** A compact, human-readable rendering of a value for "Default: …" hints. */
export function summarizeValue(value: unknown, maxLength = 80): string {
  if (value === undefined) return '(none)';
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  return shown.length > maxLength ? `${shown.slice(0, maxLength - 1)}…` : shown;
}
