import { validatePropertyKey } from '../../../domain/property-rules';
import type { KeyRule } from '../../../shared/contract';

/** A key rule being edited; `id` keeps each row's identity while rows are added and removed. */
export interface KeyRuleDraft extends KeyRule {
  id: number;
}

let nextId = 0;
export const newDraft = (rule: KeyRule = { match: 'exact', value: '' }): KeyRuleDraft => ({ ...rule, id: nextId++ });

/** What is wrong with one row, with the same key rules the resolver applies to rule values. */
export function draftProblem(draft: KeyRuleDraft, all: readonly KeyRuleDraft[]): string | undefined {
  if (draft.value === '') return draft.match === 'prefix' ? 'Enter the start of the keys.' : 'Enter a key.';
  try {
    validatePropertyKey(draft.value);
  } catch (error) {
    return (error as Error).message;
  }
  const first = all.find((other) => other.match === draft.match && other.value === draft.value);
  if (first && first.id !== draft.id) return 'This rule is already listed.';
  return undefined;
}

export const toRules = (drafts: readonly KeyRuleDraft[]): KeyRule[] => drafts.map(({ match, value }) => ({ match, value }));
