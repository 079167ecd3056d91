import type { BulkOperation, BulkOutcome } from '../shared/contract';
import { ValidationError } from './errors';
import { jsonTextEqual } from './json-equal';
import { applyMergePatch } from './merge-patch';
import { validatePropertyJson } from './property-json';

// What a bulk change does to one user, decided from what is stored now: the writes to send and how they count. Pure,
// so a dry run and the run decide alike, and a re-run (or a duplicate delivery) of a user already changed plans
// nothing: the plan compares by meaning (jsonTextEqual), and an equal value is "unchanged", never written again.

/** The same change for everyone (an import's values differ by user: src/jobs/bulk/user-plan.ts plans those). */
export type UniformOperation = Exclude<BulkOperation, { op: 'import' }>;

/** A write of the plan: the text to store (its size checked), or a delete. */
export type BulkWrite = { key: string; json: string } | { key: string; delete: true };

/** What the plan decides; a run adds what only the write can tell (conflict, failed). */
export type PlannedOutcome = Extract<BulkOutcome, 'create' | 'change' | 'delete' | 'unchanged' | 'refused'>;

export interface BulkPlan {
  outcome: PlannedOutcome;
  writes: BulkWrite[];
  /** Why a user is refused: the planned value is invalid, or a rename would overwrite another value. */
  reason?: string;
}

/** The JSON texts stored now for the user: the operation's key, and for a rename its target key. */
export interface StoredTexts {
  value?: string;
  target?: string;
}

const unchanged: BulkPlan = { outcome: 'unchanged', writes: [] };
const refused = (reason: string): BulkPlan => ({ outcome: 'refused', writes: [], reason });

/** A planned text, checked as a single edit's is (Jira's 32,768 bytes and the app's rules); refused otherwise. */
function writeOf(key: string, json: string, existed: boolean): BulkPlan {
  try {
    validatePropertyJson(json);
  } catch (error) {
    if (error instanceof ValidationError) return refused(error.message);
    throw error;
  }
  return { outcome: existed ? 'change' : 'create', writes: [{ key, json }] };
}

export function planBulkChange(operation: UniformOperation, stored: StoredTexts): BulkPlan {
  const { value } = stored;
  switch (operation.op) {
    case 'set':
      if (value !== undefined && jsonTextEqual(value, operation.json)) return unchanged;
      return writeOf(operation.key, operation.json, value !== undefined);
    case 'merge': {
      if (value === undefined && !operation.create) return unchanged;
      let merged: string | undefined;
      try {
        merged = applyMergePatch(value, operation.json);
      } catch (error) {
        if (error instanceof ValidationError) return refused(error.message);
        throw error;
      }
      if (merged === undefined) return value === undefined ? unchanged : { outcome: 'delete', writes: [{ key: operation.key, delete: true }] };
      if (value !== undefined && jsonTextEqual(value, merged)) return unchanged;
      return writeOf(operation.key, merged, value !== undefined);
    }
    case 'delete':
      return value === undefined ? unchanged : { outcome: 'delete', writes: [{ key: operation.key, delete: true }] };
    case 'rename': {
      if (value === undefined) return unchanged;
      const removeOld: BulkWrite = { key: operation.key, delete: true };
      // The target already holds this very value (an earlier, interrupted run copied it): only the delete is left.
      if (stored.target !== undefined) {
        if (jsonTextEqual(stored.target, value)) return { outcome: 'change', writes: [removeOld] };
        return refused(`"${operation.to}" already holds another value: renaming would overwrite it.`);
      }
      return { outcome: 'change', writes: [{ key: operation.to, json: value }, removeOld] };
    }
  }
}
