import React from 'react';
import { Box, Checkbox, ErrorMessage, HelperMessage, Inline, Label, Stack, Textfield } from '@forge/react';
import { MAX_KEY_LENGTH } from '../../../domain/property-rules';
import type { KeyRule } from '../../../shared/contract';
import type { ParsedJson } from '../../shared/json-text';
import { keyRulesList } from '../key-rule-label';
import type { BulkDraft, DraftCheck, OperationChoice } from './bulk-draft';
import { JsonTextField } from './JsonTextField';
import { ChoiceField } from '../../shared/ChoiceField';

const OPERATIONS: { label: string; value: OperationChoice }[] = [
  { label: 'Set the value', value: 'set' },
  { label: 'Merge into the value', value: 'merge' },
  { label: 'Delete the key', value: 'delete' },
  { label: 'Rename the key', value: 'rename' },
];

const KeyField = ({ id, name, label, value, problem, help, onChange }: { id: string; name: string; label: string; value: string; problem?: string; help: string; onChange(value: string): void }) => (
  <Box xcss={{ width: '320px' }}>
    <Stack space="space.050">
      <Label labelFor={id}>{label}</Label>
      <Textfield id={id} name={name} value={value} isInvalid={problem !== undefined} onChange={(e) => onChange(e.target.value)} />
      {problem ? <ErrorMessage>{problem}</ErrorMessage> : <HelperMessage>{help}</HelperMessage>}
    </Stack>
  </Box>
);

interface Props {
  draft: BulkDraft;
  problems: DraftCheck['problems'];
  json?: ParsedJson;
  /** A delegated manager's keys: shown as a hint (the resolver refuses any other key). */
  allowedKeys?: readonly KeyRule[];
  onChange(change: Partial<BulkDraft>): void;
}

/** What the change does to each user: set or merge a JSON value, delete the key, or rename it. */
export const OperationFields = ({ draft, problems, json, allowedKeys, onChange }: Props) => {
  const keyHelp = allowedKeys ? `You can change these keys: ${keyRulesList(allowedKeys)}.` : `The exact key, case and spaces included (at most ${MAX_KEY_LENGTH} characters).`;
  return (
    <Stack space="space.150">
      <ChoiceField id="bulk-operation" name="bulkOperation" label="Operation" choices={OPERATIONS} value={draft.op} onChange={(op) => onChange({ op })} />
      <Inline space="space.200" alignBlock="start" shouldWrap>
        <KeyField id="bulk-key" name="bulkKey" label={draft.op === 'rename' ? 'Key to rename' : 'Key'} value={draft.key} problem={problems.key} help={keyHelp} onChange={(key) => onChange({ key })} />
        {draft.op === 'rename' ? (
          <KeyField id="bulk-to" name="bulkTo" label="New key" value={draft.to} problem={problems.to} help="Users who already hold another value there are refused." onChange={(to) => onChange({ to })} />
        ) : null}
      </Inline>
      {draft.op === 'set' && json ? (
        <JsonTextField label="Value (JSON)" text={draft.json} parsed={json} problem={problems.json} help='Any JSON value, for example {"enabled": true}, "text" or 42. Every user gets this exact value.' onChange={(text) => onChange({ json: text })} />
      ) : null}
      {draft.op === 'merge' && json ? (
        <Stack space="space.100">
          <JsonTextField
            label="Merge patch (JSON)"
            text={draft.json}
            parsed={json}
            problem={problems.json}
            help='A JSON merge patch (RFC 7396): its members replace those of each value, null removes one. {"theme": "dark", "beta": null}'
            onChange={(text) => onChange({ json: text })}
          />
          <Checkbox name="bulkCreate" label="Create the key where it is missing" isChecked={draft.create} onChange={() => onChange({ create: !draft.create })} />
        </Stack>
      ) : null}
    </Stack>
  );
};
