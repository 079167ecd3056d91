import type { KeyRule } from '../shared/contract';
import { ValidationError } from './errors';
import { validatePropertyKey } from './property-rules';

export function keyMatches(key: string, rules: readonly KeyRule[]): boolean {
  return rules.some((rule) => (rule.match === 'exact' ? key === rule.value : key.startsWith(rule.value)));
}

export const MAX_KEY_RULES = 50;

export function validateKeyRules(raw: unknown): KeyRule[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new ValidationError('A delegation needs at least one key or key prefix.');
  if (raw.length > MAX_KEY_RULES) throw new ValidationError(`A delegation can have at most ${MAX_KEY_RULES} key rules.`);
  return raw.map((item: unknown) => {
    const rule = item as Partial<KeyRule> | null;
    if (typeof rule !== 'object' || rule === null || Array.isArray(rule) || (rule.match !== 'exact' && rule.match !== 'prefix')) {
      throw new ValidationError('Each key rule needs "match": "exact" or "prefix".');
    }
    const unknown = Object.keys(rule).filter((field) => field !== 'match' && field !== 'value');
    if (unknown.length > 0) throw new ValidationError(`Unexpected field(s) in a key rule: ${unknown.join(', ')}.`);
    // A prefix must itself be a usable key start: the same rules as keys, so "" (every key) is impossible.
    return { match: rule.match, value: validatePropertyKey(rule.value) };
  });
}
