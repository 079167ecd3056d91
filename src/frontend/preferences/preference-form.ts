import type { PreferenceDefinition } from '../../shared/contract';
import { sameFormValue, storedTree, toFormValue } from './form-json';
import type { StoredState } from './read-stored';
import { adaptField, allFields, buildField, mergeErrors, readForm, type FieldErrors, type FieldModel, type FormState } from './schema-form';
import { basicIssues, type SchemaCheck } from './schema-validate';

export interface FormCheck {
  /** What Save would send (see formJson); only meaningful when `valid`. */
  value: unknown;
  /** Messages by field pointer: input that cannot be read first, then what the schema says. */
  errors: FieldErrors;
  valid: boolean;
  /** Whether the form differs from the value it was loaded with. */
  changed: boolean;
}

export interface Shown {
  /** The value the form starts from (numbers a double cannot hold exactly are LosslessNumbers). */
  value: unknown;
  /** The stored value's lossless tree, whose number spellings a save keeps; undefined when the default is shown. */
  original?: unknown;
}

/**
 * The value a definition's form shows: the stored one, or the default when nothing is stored. A stored text too deep
 * to parse here (more than 1,000 levels, which the app never writes) shows as null, as the resolver's `value` did.
 */
export function shownValue(definition: PreferenceDefinition, stored: StoredState): Shown {
  if (!stored.exists) return { value: definition.defaultValue };
  const original = storedTree(stored.json);
  return original === undefined ? { value: null } : { value: toFormValue(original), original };
}

/** The fields for a definition, adapted to the value they show (parts that do not fit become raw JSON). */
export function modelFor(definition: PreferenceDefinition, value: unknown): FieldModel {
  return adaptField(buildField(definition.schema, { pointer: '', label: definition.title, required: true }), value);
}

/** Reads the form back and checks it against the schema (or, when the schema cannot be compiled here, the fields' own rules). */
export function checkForm(model: FieldModel, state: FormState, base: unknown, schema: SchemaCheck): FormCheck {
  const read = readForm(model, state, base);
  const issues = read.value === undefined ? [] : schema.ok ? schema.validate(read.value) : basicIssues(model, read.value);
  const errors = mergeErrors(read.errors, issues, allFields(model).map((field) => field.pointer));
  const valid = Object.keys(errors).length === 0;
  const changed = Object.keys(read.errors).length > 0 || !sameFormValue(read.value, base);
  return { value: read.value, errors, valid, changed };
}
