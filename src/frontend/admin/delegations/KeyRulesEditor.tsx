import React from 'react';
import { Box, Button, Code, ErrorMessage, Inline, Label, Select, Stack, Text, Textfield } from '@forge/react';
import { MAX_KEY_RULES } from '../../../domain/key-rules';
import type { KeyRule } from '../../../shared/contract';
import { keyRuleLabel } from '../key-rule-label';
import { draftProblem, newDraft, type KeyRuleDraft } from './key-rule-drafts';

const MATCH_OPTIONS: { label: string; value: KeyRule['match'] }[] = [
  { label: 'Exact key', value: 'exact' },
  { label: 'Starts with', value: 'prefix' },
];
const optionFor = (match: KeyRule['match']) => MATCH_OPTIONS.find((option) => option.value === match);

interface Props {
  rules: KeyRuleDraft[];
  onChange(rules: KeyRuleDraft[]): void;
}

/** The keys a delegation covers: each row an exact key or a prefix ("hr." covers hr.startDate, hr.level…). */
export const KeyRulesEditor = ({ rules, onChange }: Props) => {
  const update = (id: number, change: Partial<KeyRule>) => onChange(rules.map((rule) => (rule.id === id ? { ...rule, ...change } : rule)));
  return (
    <Stack space="space.100">
      <Label labelFor="key-rule-0">Keys the group manages</Label>
      {rules.map((rule, index) => {
        const problem = draftProblem(rule, rules);
        return (
          <Stack key={rule.id} space="space.050">
            <Inline space="space.100" alignBlock="center">
              <Box xcss={{ width: '200px' }}>
                <Select
                  inputId={`key-rule-match-${index}`}
                  name={`match-${index}`}
                  options={MATCH_OPTIONS}
                  value={optionFor(rule.match)}
                  onChange={(option: { value?: KeyRule['match'] } | null) => {
                    if (option?.value) update(rule.id, { match: option.value });
                  }}
                />
              </Box>
              <Box xcss={{ width: '320px' }}>
                <Textfield
                  id={`key-rule-${index}`}
                  name={`rule-${index}`}
                  aria-label={`Key rule ${index + 1}`}
                  placeholder={rule.match === 'prefix' ? 'e.g. hr.' : 'e.g. costCenter'}
                  value={rule.value}
                  isInvalid={rule.value !== '' && problem !== undefined}
                  onChange={(e) => update(rule.id, { value: e.target.value })}
                />
              </Box>
              <Button spacing="compact" appearance="subtle" isDisabled={rules.length === 1} onClick={() => onChange(rules.filter((r) => r.id !== rule.id))}>
                Remove
              </Button>
            </Inline>
            {rule.value === '' ? null : problem ? (
              <ErrorMessage>{problem}</ErrorMessage>
            ) : (
              <Inline space="space.050" alignBlock="center">
                <Code>{keyRuleLabel(rule)}</Code>
                <Text>{rule.match === 'prefix' ? `every key starting with "${rule.value}"` : 'this key only'}</Text>
              </Inline>
            )}
          </Stack>
        );
      })}
      <Inline>
        <Button spacing="compact" isDisabled={rules.length >= MAX_KEY_RULES} onClick={() => onChange([...rules, newDraft()])}>
          Add key rule
        </Button>
      </Inline>
    </Stack>
  );
};
