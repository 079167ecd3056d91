import type { KeyRule } from '../../shared/contract';

/** How a key rule reads in the UI: the key itself, or the prefix followed by "*". */
export const keyRuleLabel = (rule: KeyRule) => (rule.match === 'prefix' ? `${rule.value}*` : rule.value);

export const keyRulesList = (rules: readonly KeyRule[]) => rules.map(keyRuleLabel).join(', ');
