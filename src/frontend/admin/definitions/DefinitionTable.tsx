import React from 'react';
import { Button, ButtonGroup, Code, DynamicTable, Lozenge, Text } from '@forge/react';
import type { PreferenceDefinition } from '../../../shared/contract';
import { schemaSummary } from './schema-summary';

interface Props {
  definitions: PreferenceDefinition[];
  onEdit(definition: PreferenceDefinition): void;
  onDelete(definition: PreferenceDefinition): void;
}

const head = {
  cells: [
    { key: 'key', content: 'Key', isSortable: true },
    { key: 'title', content: 'Title', isSortable: true },
    { key: 'editable', content: 'Editable by users' },
    { key: 'schema', content: 'Schema' },
    { key: 'actions', content: 'Actions' },
  ],
};

// Cell contents are plain UI Kit elements: DynamicTable flattens them into its forgeDoc, so no hooks inside.
export const DefinitionTable = ({ definitions, onEdit, onDelete }: Props) => (
  <DynamicTable
    caption="Preference definitions"
    head={head}
    defaultSortKey="key"
    defaultSortOrder="ASC"
    rowsPerPage={20}
    rows={definitions.map((definition) => ({
      key: `definition-${definition.key}`,
      cells: [
        { key: definition.key, content: <Text>{definition.key}</Text> },
        { key: definition.title, content: <Text>{definition.title}</Text> },
        {
          key: `editable-${definition.key}`,
          content: definition.userEditable ? <Lozenge appearance="success">Editable</Lozenge> : <Lozenge>Read only</Lozenge>,
        },
        { key: `schema-${definition.key}`, content: <Code>{schemaSummary(definition.schema)}</Code> },
        {
          key: `actions-${definition.key}`,
          content: (
            <ButtonGroup label={`Actions for ${definition.key}`}>
              <Button spacing="compact" onClick={() => onEdit(definition)}>
                Edit
              </Button>
              <Button spacing="compact" appearance="subtle" onClick={() => onDelete(definition)}>
                Delete
              </Button>
            </ButtonGroup>
          ),
        },
      ],
    }))}
  />
);
