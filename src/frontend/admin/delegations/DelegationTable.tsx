import React from 'react';
import { Button, ButtonGroup, Code, DynamicTable, Inline, Text } from '@forge/react';
import type { Delegation } from '../../../shared/contract';
import { keyRuleLabel } from '../key-rule-label';

interface Props {
  delegations: Delegation[];
  onEdit(delegation: Delegation): void;
  onDelete(delegation: Delegation): void;
}

const head = {
  cells: [
    { key: 'group', content: 'Group', isSortable: true },
    { key: 'keys', content: 'Keys they manage' },
    { key: 'actions', content: 'Actions' },
  ],
};

// Cell contents are plain UI Kit elements: DynamicTable flattens them into its forgeDoc, so no hooks inside.
export const DelegationTable = ({ delegations, onEdit, onDelete }: Props) => (
  <DynamicTable
    caption="Delegations"
    head={head}
    defaultSortKey="group"
    defaultSortOrder="ASC"
    rowsPerPage={20}
    rows={delegations.map((delegation) => ({
      key: `delegation-${delegation.id}`,
      cells: [
        { key: delegation.groupName, content: <Text>{delegation.groupName}</Text> },
        {
          key: `keys-${delegation.id}`,
          content: (
            <Inline space="space.050" shouldWrap>
              {delegation.keys.map((rule) => (
                // Code, not Lozenge: a Lozenge capitalises its text, and keys are case-sensitive.
                <Code key={`${rule.match}-${rule.value}`}>{keyRuleLabel(rule)}</Code>
              ))}
            </Inline>
          ),
        },
        {
          key: `actions-${delegation.id}`,
          content: (
            <ButtonGroup label={`Actions for ${delegation.groupName}`}>
              <Button spacing="compact" onClick={() => onEdit(delegation)}>
                Edit
              </Button>
              <Button spacing="compact" appearance="subtle" onClick={() => onDelete(delegation)}>
                Delete
              </Button>
            </ButtonGroup>
          ),
        },
      ],
    }))}
  />
);
